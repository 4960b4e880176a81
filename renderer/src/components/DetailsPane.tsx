/** Details of the focused object from `objects:head`: size, type, ETag, dates, class, SSE, metadata. */
import { useEffect } from 'react';
import type { ObjectDetails, ObjectEntry } from '../../../shared/models';
import { useApp, useAppStore, selectFocusedEntry } from '../store';
import { formatDate, formatSize } from '../view-model/format';
import { FileIcon, FolderIcon } from './Icons';

/** Wait this long after the focus settles before asking the server (arrow keys move fast). */
const HEAD_DELAY_MS = 150;

function Row({ term, value }: { term: string; value: string | null }) {
  if (value === null || value === '') return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

function Details({ d }: { d: ObjectDetails }) {
  const metadata = Object.entries(d.metadata);
  return (
    <>
      <dl className="details-list">
        <Row term="Size" value={`${formatSize(d.size)} (${d.size.toLocaleString()} bytes)`} />
        <Row term="Type" value={d.contentType} />
        <Row term="Last modified" value={formatDate(d.lastModified)} />
        <Row term="ETag" value={d.etag} />
        <Row term="Storage class" value={d.storageClass ?? 'STANDARD'} />
        <Row term="Encryption" value={d.serverSideEncryption ?? 'None'} />
        <Row term="KMS key" value={d.kmsKeyId} />
        <Row term="Version" value={d.versionId} />
        <Row term="Cache-Control" value={d.cacheControl} />
        <Row term="Content-Disposition" value={d.contentDisposition} />
        <Row term="Content-Encoding" value={d.contentEncoding} />
        <Row term="Content-Language" value={d.contentLanguage} />
        <Row term="Expires" value={d.expires} />
      </dl>
      <h3 className="details-subheading">Metadata</h3>
      {metadata.length === 0 ? (
        <p className="muted">No user metadata</p>
      ) : (
        <dl className="details-list">
          {metadata.map(([k, v]) => (
            <Row key={k} term={k} value={v} />
          ))}
        </dl>
      )}
    </>
  );
}

export function DetailsPane() {
  const store = useAppStore();
  const entry: ObjectEntry | null = useApp(selectFocusedEntry);
  const details = useApp((s) => s.objects.details);
  const selectedCount = useApp((s) => s.objects.selected.size);

  const key = entry?.kind === 'object' ? entry.key : null;
  useEffect(() => {
    if (key === null) return;
    const timer = setTimeout(() => void store.getState().objects.loadDetails(key), HEAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [store, key]);

  return (
    <aside className="details" aria-label="Details">
      {entry === null ? (
        <p className="details-empty muted">
          {selectedCount > 1 ? `${selectedCount.toLocaleString()} items selected` : 'Select a file to see its details'}
        </p>
      ) : (
        <>
          <div className="details-head">
            {entry.kind === 'folder' ? (
              <FolderIcon className="icon icon-large icon-folder" />
            ) : (
              <FileIcon className="icon icon-large icon-file" />
            )}
            <h2 className="details-name">{entry.name}</h2>
            <p className="details-key">{entry.key}</p>
          </div>
          {entry.kind === 'folder' ? (
            <p className="muted">Folder. Press Enter to open it.</p>
          ) : details === null || details.key !== entry.key || details.status === 'loading' ? (
            <p className="muted" aria-busy="true">
              Loading details…
            </p>
          ) : details.status === 'error' ? (
            <p className="inline-error" role="alert">
              {details.error.message} <span className="error-code">({details.error.code})</span>
            </p>
          ) : (
            <Details d={details.value} />
          )}
        </>
      )}
    </aside>
  );
}
