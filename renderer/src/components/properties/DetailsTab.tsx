/** The Details tab: what `objects:head` says of the object, and an Edit mode for its properties. */
import { useState } from 'react';
import type { ObjectDetails } from '../../../../shared/models';
import { selectHasCapability, useApp, type DetailsState } from '../../store';
import type { ObjectRef } from '../../store/props-slice';
import { formatDate, formatSize } from '../../view-model/format';
import { EditPropertiesForm } from './EditPropertiesForm';
import { NotSupported, useSupported } from './Notices';
import detailsStyles from '../DetailsPane.module.css';
import propStyles from './properties.module.css';

function Row({ term, value }: { term: string; value: string | null }) {
  if (value === null || value === '') return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

function DetailsView({ d }: { d: ObjectDetails }) {
  const metadata = Object.entries(d.metadata);
  return (
    <>
      <dl className={detailsStyles.detailsList}>
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
      <h3 className={detailsStyles.detailsSubheading}>Metadata</h3>
      {metadata.length === 0 ? (
        <p className="muted">No user metadata</p>
      ) : (
        <dl className={detailsStyles.detailsList}>
          {metadata.map(([k, v]) => (
            <Row key={k} term={k} value={v} />
          ))}
        </dl>
      )}
    </>
  );
}

export function DetailsTab({ target, details }: { target: ObjectRef; details: DetailsState | null }) {
  const [editing, setEditing] = useState(false);
  const supported = useSupported(target.accountId, 'metadata');
  const declared = useApp(selectHasCapability('metadata'));

  if (details === null || details.key !== target.key || details.status === 'loading')
    return (
      <p className="muted" aria-busy="true">
        Loading details…
      </p>
    );
  if (details.status === 'error')
    return (
      <p className="inline-error" role="alert">
        {details.error.message} <span className="error-code">({details.error.code})</span>
      </p>
    );
  if (editing) return <EditPropertiesForm target={target} details={details.value} onDone={() => setEditing(false)} />;
  return (
    <>
      <DetailsView d={details.value} />
      {/* A provider without metadata edits (the local sandbox) shows no button at all. */}
      {declared && (
        <>
          <div className={propStyles.propActions}>
            <button type="button" className="button" disabled={!supported} onClick={() => setEditing(true)}>
              Edit properties
            </button>
          </div>
          {!supported && <NotSupported />}
        </>
      )}
    </>
  );
}
