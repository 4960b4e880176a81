/** The browser pane: toolbar, object grid, details and status line; or why there is nothing to show. */
import { useApp, useAppStore } from '../store';
import { NOT_SUPPORTED_MESSAGE } from '../store/support-slice';
import { BrowserLayout } from './BrowserLayout';
import { BucketIcon } from './Icons';
import { DetailsPane } from './DetailsPane';
import { useFileDrop, useRefusingDrop } from './file-drop';
import { ListingErrorAlert } from './ListingErrorAlert';
import { ObjectTable } from './ObjectTable';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { VersionTable } from './VersionTable';

function useEmptyMessage(): string | null {
  const loading = useApp((s) => s.objects.loading);
  const error = useApp((s) => s.objects.error);
  const loaded = useApp((s) => s.objects.entries.length);
  const filter = useApp((s) => s.objects.filter.trim());
  const search = useApp((s) => s.objects.search);
  if (search !== null) {
    if (search.error !== null) return null;
    if (search.entries.length === 0) return search.running ? 'Searching…' : `No matches for “${search.query}”`;
    return filter !== '' ? `No matches for “${filter}” in the results` : null;
  }
  if (error !== null) return null;
  if (loaded === 0) return loading ? 'Loading…' : 'This folder is empty';
  return filter !== '' ? `No loaded items match “${filter}”` : null;
}

/** "Show versions": what the version grid says when it has no rows. */
function useVersionsEmptyMessage(): string | null {
  const listing = useApp((s) => s.props.listing);
  const filter = useApp((s) => s.objects.filter.trim());
  if (listing === null || listing.loading) return 'Loading…';
  if (listing.error?.code === 'NotSupported') return NOT_SUPPORTED_MESSAGE;
  if (listing.error !== null) return null;
  if (listing.rows.length === 0) return 'This folder is empty';
  return filter !== '' ? `No loaded items match “${filter}”` : null;
}

function ListingError() {
  const store = useAppStore();
  const error = useApp((s) => {
    const listed = s.props.versionsShown && s.objects.search === null ? s.props.listing?.error : null;
    // A service without versions says so in the grid itself (see useVersionsEmptyMessage).
    return s.objects.search?.error ?? s.objects.error ?? (listed?.code === 'NotSupported' ? null : listed) ?? null;
  });
  if (error === null) return null;
  return <ListingErrorAlert error={error} onRetry={() => store.getState().objects.refresh()} />;
}

function NoBucket() {
  const store = useAppStore();
  const count = useApp((s) => s.buckets.list.length);
  const loading = useApp((s) => s.buckets.loading);
  const error = useApp((s) => s.buckets.error);
  const refusing = useRefusingDrop();
  return (
    <section className="empty-state" {...refusing.handlers}>
      {refusing.hint !== null && (
        <p className="drop-hint drop-hint-refused" role="status">
          {refusing.hint}
        </p>
      )}
      <div className="empty-icon">
        <BucketIcon />
      </div>
      {loading ? (
        <p>Loading buckets…</p>
      ) : error !== null ? (
        <p>The buckets could not be listed. See the message in the sidebar.</p>
      ) : count === 0 ? (
        <>
          <h1>No buckets</h1>
          <p>This account has no buckets yet.</p>
          <button
            type="button"
            className="button primary"
            onClick={() => store.getState().ui.openDialog({ kind: 'createBucket' })}
          >
            Create your first bucket
          </button>
        </>
      ) : (
        <>
          <h1>Choose a bucket</h1>
          <p>Pick a bucket in the sidebar to see what is inside.</p>
        </>
      )}
    </section>
  );
}

export function ObjectBrowser() {
  const hasLocation = useApp((s) => s.objects.location !== null);
  const emptyMessage = useEmptyMessage();
  const versionsEmptyMessage = useVersionsEmptyMessage();
  const versionsListed = useApp((s) => s.props.versionsShown && s.objects.search === null);
  const drop = useFileDrop();
  if (!hasLocation) return <NoBucket />;
  return (
    <BrowserLayout
      toolbar={<Toolbar />}
      error={<ListingError />}
      grid={
        versionsListed ? (
          <VersionTable emptyMessage={versionsEmptyMessage} drop={drop} />
        ) : (
          <ObjectTable emptyMessage={emptyMessage} drop={drop} />
        )
      }
      details={<DetailsPane />}
      statusBar={<StatusBar />}
      dropMessage={drop.message}
    />
  );
}
