/** The browser pane: toolbar, object grid, details and status line; or why there is nothing to show. */
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../store';
import { BrowserLayout } from './BrowserLayout';
import { BucketIcon } from './Icons';
import { DetailsPane } from './DetailsPane';
import { useFileDrop, useRefusingDrop } from './file-drop';
import { ListingErrorAlert } from './ListingErrorAlert';
import { ObjectGrid } from './ObjectGrid';
import { ObjectTable } from './ObjectTable';
import { useRowDrop } from './row-drag';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { VersionTable } from './VersionTable';

function useEmptyMessage(): string | null {
  const loading = useApp((s) => s.objects.loading);
  const error = useApp((s) => s.objects.error);
  const loaded = useApp((s) => s.objects.entries.length);
  const filter = useApp((s) => s.objects.filter.trim());
  const search = useApp((s) => s.objects.search);
  const { t } = useTranslation('browser');
  if (search !== null) {
    if (search.error !== null) return null;
    if (search.entries.length === 0)
      return search.running ? t('search.running') : t('search.noMatches', { query: search.query });
    return filter !== '' ? t('search.noFilterMatches', { filter }) : null;
  }
  if (error !== null) return null;
  if (loaded === 0) return loading ? t('common:loading') : t('empty.folder');
  return filter !== '' ? t('empty.noFilterMatches', { filter }) : null;
}

/** "Show versions": what the version grid says when it has no rows. */
function useVersionsEmptyMessage(): string | null {
  const listing = useApp((s) => s.props.listing);
  const filter = useApp((s) => s.objects.filter.trim());
  const { t } = useTranslation('browser');
  if (listing === null || listing.loading) return t('common:loading');
  if (listing.error?.code === 'NotSupported') return t('properties:notSupported');
  if (listing.error !== null) return null;
  if (listing.rows.length === 0) return t('empty.folder');
  return filter !== '' ? t('empty.noFilterMatches', { filter }) : null;
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
  const { t } = useTranslation('browser');
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
        <p>{t('noBucket.loading')}</p>
      ) : error !== null ? (
        <p>{t('noBucket.error')}</p>
      ) : count === 0 ? (
        <>
          <h1>{t('noBucket.none')}</h1>
          <p>{t('noBucket.noneYet')}</p>
          <button
            type="button"
            className="button primary"
            onClick={() => store.getState().ui.openDialog({ kind: 'createBucket' })}
          >
            {t('noBucket.createFirst')}
          </button>
        </>
      ) : (
        <>
          <h1>{t('noBucket.choose')}</h1>
          <p>{t('noBucket.chooseHint')}</p>
        </>
      )}
    </section>
  );
}

export function ObjectBrowser() {
  const store = useAppStore();
  const hasLocation = useApp((s) => s.objects.location !== null);
  const emptyMessage = useEmptyMessage();
  const versionsEmptyMessage = useVersionsEmptyMessage();
  const versionsListed = useApp((s) => s.props.versionsShown && s.objects.search === null);
  const objectView = useApp((s) => s.ui.objectView);
  const drop = useRowDrop(store, useFileDrop());
  if (!hasLocation) return <NoBucket />;
  return (
    <BrowserLayout
      toolbar={<Toolbar />}
      error={<ListingError />}
      grid={
        versionsListed ? (
          <VersionTable emptyMessage={versionsEmptyMessage} drop={drop} />
        ) : objectView === 'grid' ? (
          <ObjectGrid emptyMessage={emptyMessage} drop={drop} />
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
