/**
 * The browser pane of a QuickSync account, in the object browser's layout: a toolbar with what
 * QuickSync can do (upload, download, delete, incomplete uploads), the file grid (a drop zone),
 * the details pane and the status line. No folders, copies, search or properties: QuickSync
 * has none, so they are not offered.
 */
import { useTranslation } from 'react-i18next';
import { selectFileRows, useApp, useAppStore } from '../store';
import { BrowserLayout } from './BrowserLayout';
import { useFileDrop } from './file-drop';
import { DownloadIcon, RefreshIcon, TrashIcon } from './Icons';
import { ListingErrorAlert } from './ListingErrorAlert';
import { QuickSyncDetails } from './QuickSyncDetails';
import { QuickSyncTable } from './QuickSyncTable';
import { openDelete, openDownload, targetKeys } from './quicksync-actions';
import { StatusLine } from './StatusBar';
import { FilterBox, SyncFolderButton, ToolButton, UploadButtons } from './Toolbar';
import { cx } from './cx';
import styles from './QuickSyncBrowser.module.css';
import toolbarStyles from './Toolbar.module.css';
import { IconButton } from './IconButton';

function useEmptyMessage(): string | null {
  const loading = useApp((s) => s.quicksync.loading);
  const error = useApp((s) => s.quicksync.error);
  const count = useApp((s) => s.quicksync.files.length);
  const filter = useApp((s) => s.quicksync.filter.trim());
  const { t } = useTranslation('quicksync');
  if (error !== null) return null;
  if (count === 0) return loading ? t('common:loading') : t('empty.none');
  return filter !== '' ? t('empty.noMatch', { filter }) : null;
}

function FilesToolbar() {
  const store = useAppStore();
  const loading = useApp((s) => s.quicksync.loading);
  const showIncomplete = useApp((s) => s.quicksync.showIncomplete);
  const filter = useApp((s) => s.quicksync.filter);
  const none = useApp((s) => s.quicksync.selected.size === 0 && s.quicksync.focused === null);
  const q = () => store.getState().quicksync;
  const { t } = useTranslation('quicksync');
  return (
    <div className={toolbarStyles.toolbar}>
      <div className={toolbarStyles.toolbarRow}>
        <IconButton
          label={t('common:action.refresh')}
          icon={<RefreshIcon />}
          disabled={loading}
          onClick={() => q().refresh()}
        />
        <h2 className={styles.filesTitle}>{t('files')}</h2>
        <span className="spacer" />
        <label className={toolbarStyles.toggle} title={t('incomplete.hint')}>
          <input type="checkbox" checked={showIncomplete} onChange={(e) => q().setShowIncomplete(e.target.checked)} />
          {t('incomplete.show')}
        </label>
      </div>
      <div className={cx(toolbarStyles.toolbarRow, toolbarStyles.toolbarActions)}>
        <UploadButtons />
        <ToolButton
          label={t('common:action.download')}
          icon={<DownloadIcon />}
          disabled={none}
          onClick={() => openDownload(store, targetKeys(store))}
        />
        <span className={toolbarStyles.toolbarSep} />
        <ToolButton
          label={t('common:action.delete')}
          icon={<TrashIcon />}
          danger
          disabled={none}
          onClick={() => openDelete(store, targetKeys(store))}
        />
        <span className={toolbarStyles.toolbarSep} />
        <SyncFolderButton />
        <span className="spacer" />
        <FilterBox label={t('filter')} value={filter} onChange={(value) => q().setFilter(value)} />
      </div>
    </div>
  );
}

function ListError() {
  const store = useAppStore();
  const error = useApp((s) => s.quicksync.error);
  if (error === null) return null;
  return <ListingErrorAlert error={error} onRetry={() => store.getState().quicksync.refresh()} />;
}

function FilesStatusBar() {
  const count = useApp((s) => s.quicksync.files.length);
  const loading = useApp((s) => s.quicksync.loading);
  const showIncomplete = useApp((s) => s.quicksync.showIncomplete);
  const filtered = useApp((s) => s.quicksync.filter.trim() !== '');
  const shown = useApp((s) => selectFileRows(s).length);
  const selected = useApp((s) => s.quicksync.selected.size);
  const { t } = useTranslation('quicksync');
  let text = t(showIncomplete ? 'status.filesWithIncomplete' : 'status.files', { count });
  if (loading) text += t('common:status.loading');
  if (filtered) text += t('common:status.shown', { count: shown });
  return <StatusLine text={text} selected={selected} />;
}

export function QuickSyncBrowser() {
  const emptyMessage = useEmptyMessage();
  const drop = useFileDrop();
  return (
    <BrowserLayout
      toolbar={<FilesToolbar />}
      error={<ListError />}
      grid={<QuickSyncTable emptyMessage={emptyMessage} drop={drop} />}
      details={<QuickSyncDetails />}
      statusBar={<FilesStatusBar />}
      dropMessage={drop.message}
    />
  );
}
