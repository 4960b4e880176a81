/** Path bar (Up, Refresh, breadcrumbs, search) and action bar (new folder … delete, filter). */
import { useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { breadcrumbs, isFolderKey } from '../../../shared/keys';
import type { DropContent } from '../platform/dropped-files';
import { selectHasBucketProperties, selectHasCapability, selectPlace, useApp, useAppStore } from '../store';
import { pickedFiles, pickedFolder, uploadContent } from './file-uploads';
import { UploadOptionsButton } from './properties/UploadOptionsButton';
import {
  ChevronIcon,
  CopyIcon,
  DownloadIcon,
  FilterIcon,
  MoveIcon,
  NewFolderIcon,
  PencilIcon,
  RefreshIcon,
  SearchIcon,
  StopIcon,
  TrashIcon,
  UpIcon,
  CloseIcon,
  PartsIcon,
  UploadFolderIcon,
  UploadIcon,
  ShareIcon,
  SlidersIcon,
} from './Icons';
import { cx } from './cx';
import styles from './Toolbar.module.css';
import { IconButton } from './IconButton';

function Breadcrumbs() {
  const store = useAppStore();
  const location = useApp((s) => s.objects.location);
  const searching = useApp((s) => s.objects.search !== null);
  if (location === null) return null;
  const crumbs = breadcrumbs(location.prefix);
  const open = (prefix: string) => store.getState().objects.open(location.bucket, prefix);
  const current = (prefix: string) => !searching && prefix === location.prefix;
  return (
    <nav className={styles.breadcrumbs} aria-label="Folder path">
      <ol>
        <li>
          <button
            type="button"
            className={cx(styles.crumb, styles.crumbRoot)}
            aria-current={current('') ? 'location' : undefined}
            onClick={() => open('')}
          >
            {location.bucket}
          </button>
        </li>
        {crumbs.map((c) => (
          <li key={c.prefix}>
            <ChevronIcon />
            <button
              type="button"
              className={styles.crumb}
              aria-current={current(c.prefix) ? 'location' : undefined}
              onClick={() => open(c.prefix)}
            >
              {c.name}
            </button>
          </li>
        ))}
        {searching && (
          <li>
            <ChevronIcon />
            <span className={cx(styles.crumb, styles.crumbSearch)}>Search results</span>
          </li>
        )}
      </ol>
    </nav>
  );
}

function SearchBox() {
  const store = useAppStore();
  const search = useApp((s) => s.objects.search);
  const [query, setQuery] = useState('');

  function submit(event: FormEvent): void {
    event.preventDefault();
    void store.getState().objects.startSearch(query);
  }

  return (
    <form className={styles.search} role="search" onSubmit={submit}>
      <SearchIcon />
      <input
        type="search"
        aria-label="Search in this folder and subfolders"
        placeholder="Search in this folder and subfolders"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          if (e.target.value === '') store.getState().objects.clearSearch();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setQuery('');
            store.getState().objects.clearSearch();
          }
        }}
      />
      {search?.running && (
        <button type="button" className="button button-small" onClick={() => store.getState().objects.stopSearch()}>
          <StopIcon />
          Stop search
        </button>
      )}
      {search !== null && !search.running && (
        <button
          type="button"
          className="icon-button"
          aria-label="Close search results"
          title="Close search results"
          onClick={() => {
            setQuery('');
            store.getState().objects.clearSearch();
          }}
        >
          <CloseIcon />
        </button>
      )}
    </form>
  );
}

/** The filter field at the toolbar's end: `label` is both its accessible name and its placeholder. */
export function FilterBox({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className={styles.filter}>
      <FilterIcon />
      <input
        type="text"
        aria-label={label}
        placeholder={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

export function ToolButton({
  label,
  icon,
  onClick,
  disabled,
  danger,
}: {
  label: string;
  icon: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  danger?: boolean;
}) {
  return (
    <button
      type="button"
      className={cx(styles.toolButton, danger && styles.danger)}
      onClick={onClick}
      disabled={disabled}
    >
      {icon}
      <span>{label}</span>
    </button>
  );
}

/** "Upload files" and "Upload folder": hidden file inputs behind tool buttons; uploads go into the shown place. */
export function UploadButtons() {
  const store = useAppStore();
  const location = useApp(selectPlace);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  function picked(event: ChangeEvent<HTMLInputElement>, read: (files: File[]) => Promise<DropContent>): void {
    const input = event.currentTarget;
    const files = Array.from(input.files ?? []);
    input.value = ''; // picking the same files again must fire change again
    const where = selectPlace(store.getState());
    if (where === null) return;
    if (files.length === 0) {
      store.getState().ui.notify('info', 'The chosen folder is empty: there is nothing to upload.');
      return;
    }
    void read(files).then((content) => uploadContent(store, content, { bucket: where.bucket, prefix: where.prefix }));
  }

  return (
    <>
      <ToolButton
        label="Upload files"
        icon={<UploadIcon />}
        disabled={location === null}
        onClick={() => filesInput.current?.click()}
      />
      <ToolButton
        label="Upload folder"
        icon={<UploadFolderIcon />}
        disabled={location === null}
        onClick={() => folderInput.current?.click()}
      />
      <input ref={filesInput} type="file" multiple hidden onChange={(e) => picked(e, pickedFiles)} />
      {/* webkitdirectory is not in React's types; every engine we run in supports it. */}
      <input
        ref={folderInput}
        type="file"
        hidden
        {...{ webkitdirectory: '' }}
        onChange={(e) => picked(e, pickedFolder)}
      />
    </>
  );
}

export function Toolbar() {
  const store = useAppStore();
  const location = useApp((s) => s.objects.location);
  const selected = useApp((s) => s.objects.selected);
  const focused = useApp((s) => s.objects.focused);
  const filter = useApp((s) => s.objects.filter);
  const searching = useApp((s) => s.objects.search !== null);
  const versionsShown = useApp((s) => s.props.versionsShown);
  const multipartUploads = useApp(selectHasCapability('multipartUploads'));
  const hasVersions = useApp(selectHasCapability('versioning'));
  const hasBucketProperties = useApp(selectHasBucketProperties);
  const versioningSupported = useApp(
    (s) => location === null || s.support.isSupported(location.accountId, 'versioning'),
  );
  const o = () => store.getState().objects;
  const ui = () => store.getState().ui;

  const keys = selected.size > 0 ? [...selected] : focused !== null ? [focused] : [];
  const single = keys.length === 1 ? (keys[0] ?? null) : null;
  const none = keys.length === 0;

  return (
    <div className={styles.toolbar}>
      <div className={styles.toolbarRow}>
        <IconButton
          label="Up one level"
          title="Up one level (Backspace)"
          icon={<UpIcon />}
          disabled={location === null || (location.prefix === '' && !searching)}
          onClick={() => (searching ? o().clearSearch() : o().up())}
        />
        <IconButton label="Refresh" icon={<RefreshIcon />} disabled={location === null} onClick={() => o().refresh()} />
        {multipartUploads && (
          <IconButton
            label="Incomplete uploads in this bucket"
            icon={<PartsIcon />}
            disabled={location === null}
            onClick={() => location !== null && ui().openDialog({ kind: 'incompleteUploads', bucket: location.bucket })}
          />
        )}
        {hasBucketProperties && (
          <IconButton
            label="Bucket properties"
            icon={<SlidersIcon />}
            disabled={location === null}
            onClick={() => location !== null && ui().openDialog({ kind: 'bucketProperties', bucket: location.bucket })}
          />
        )}
        <Breadcrumbs />
        <span className="spacer" />
        {hasVersions && (
          <label className={styles.toggle} title="List every version and delete marker of this folder">
            <input
              type="checkbox"
              checked={versionsShown}
              // Where the service has no versions the toggle can still be switched off, not on.
              disabled={searching || (!versioningSupported && !versionsShown)}
              onChange={(e) => store.getState().props.showVersions(e.target.checked)}
            />
            Show versions
          </label>
        )}
        {/* Keyed by folder: a new folder starts with an empty search box. */}
        <SearchBox key={location === null ? '' : `${location.bucket}/${location.prefix}`} />
      </div>
      <div className={cx(styles.toolbarRow, styles.toolbarActions)}>
        <ToolButton
          label="New folder"
          icon={<NewFolderIcon />}
          disabled={searching}
          onClick={() => ui().openDialog({ kind: 'newFolder' })}
        />
        <span className={styles.toolbarSep} />
        <UploadButtons />
        <UploadOptionsButton />
        <ToolButton
          label="Download"
          icon={<DownloadIcon />}
          disabled={none}
          onClick={() => ui().openDialog({ kind: 'download', keys })}
        />
        <ToolButton
          label="Share link"
          icon={<ShareIcon />}
          disabled={single === null || isFolderKey(single)}
          onClick={() => single !== null && ui().openDialog({ kind: 'share', key: single })}
        />
        <span className={styles.toolbarSep} />
        <ToolButton
          label="Rename"
          icon={<PencilIcon />}
          disabled={single === null}
          onClick={() => single !== null && ui().openDialog({ kind: 'rename', key: single })}
        />
        <ToolButton
          label="Copy to…"
          icon={<CopyIcon />}
          disabled={none}
          onClick={() => ui().openDialog({ kind: 'transfer', keys, move: false })}
        />
        <ToolButton
          label="Move to…"
          icon={<MoveIcon />}
          disabled={none}
          onClick={() => ui().openDialog({ kind: 'transfer', keys, move: true })}
        />
        <ToolButton
          label="Delete"
          icon={<TrashIcon />}
          danger
          disabled={none}
          onClick={() => ui().openDialog({ kind: 'deleteObjects', keys })}
        />
        <span className="spacer" />
        <FilterBox label="Filter loaded items" value={filter} onChange={(value) => o().setFilter(value)} />
      </div>
    </div>
  );
}
