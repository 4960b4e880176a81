/**
 * The browser pane of a QuickSync account, in the object browser's layout: a toolbar with what
 * QuickSync can do (upload, download, delete, incomplete uploads), the file grid (a drop zone),
 * the details pane and the status line. No folders, copies, search or properties: QuickSync
 * has none, so they are not offered.
 */
import { selectFileRows, useApp, useAppStore } from '../store';
import { formatCount, plural } from '../view-model/format';
import { BrowserLayout } from './BrowserLayout';
import { useFileDrop } from './file-drop';
import { DownloadIcon, RefreshIcon, TrashIcon } from './Icons';
import { ListingErrorAlert } from './ListingErrorAlert';
import { QuickSyncDetails } from './QuickSyncDetails';
import { QuickSyncTable } from './QuickSyncTable';
import { openDelete, openDownload, targetKeys } from './quicksync-actions';
import { StatusLine } from './StatusBar';
import { FilterBox, ToolButton, UploadButtons } from './Toolbar';
import { cx } from './cx';
import styles from './QuickSyncBrowser.module.css';
import toolbarStyles from './Toolbar.module.css';
import { IconButton } from './IconButton';

function useEmptyMessage(): string | null {
  const loading = useApp((s) => s.quicksync.loading);
  const error = useApp((s) => s.quicksync.error);
  const count = useApp((s) => s.quicksync.files.length);
  const filter = useApp((s) => s.quicksync.filter.trim());
  if (error !== null) return null;
  if (count === 0) return loading ? 'Loading…' : 'No files yet: drop files here to upload them';
  return filter !== '' ? `No files match “${filter}”` : null;
}

function FilesToolbar() {
  const store = useAppStore();
  const loading = useApp((s) => s.quicksync.loading);
  const showIncomplete = useApp((s) => s.quicksync.showIncomplete);
  const filter = useApp((s) => s.quicksync.filter);
  const none = useApp((s) => s.quicksync.selected.size === 0 && s.quicksync.focused === null);
  const q = () => store.getState().quicksync;
  return (
    <div className={toolbarStyles.toolbar}>
      <div className={toolbarStyles.toolbarRow}>
        <IconButton label="Refresh" icon={<RefreshIcon />} disabled={loading} onClick={() => q().refresh()} />
        <h2 className={styles.filesTitle}>Files</h2>
        <span className="spacer" />
        <label className={toolbarStyles.toggle} title="List uploads that have not finished, to resume or delete them">
          <input type="checkbox" checked={showIncomplete} onChange={(e) => q().setShowIncomplete(e.target.checked)} />
          Show incomplete uploads
        </label>
      </div>
      <div className={cx(toolbarStyles.toolbarRow, toolbarStyles.toolbarActions)}>
        <UploadButtons />
        <ToolButton
          label="Download"
          icon={<DownloadIcon />}
          disabled={none}
          onClick={() => openDownload(store, targetKeys(store))}
        />
        <span className={toolbarStyles.toolbarSep} />
        <ToolButton
          label="Delete"
          icon={<TrashIcon />}
          danger
          disabled={none}
          onClick={() => openDelete(store, targetKeys(store))}
        />
        <span className="spacer" />
        <FilterBox label="Filter files" value={filter} onChange={(value) => q().setFilter(value)} />
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
  let text = `${plural(count, 'file')}${showIncomplete ? ', incomplete uploads included' : ''}`;
  if (loading) text += ' · loading…';
  if (filtered) text += ` · ${formatCount(shown)} shown`;
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
