/** Path bar (Up, Refresh, breadcrumbs, search) and action bar (new folder … delete, filter). */
import { useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { breadcrumbs, isFolderKey } from '../../../shared/keys';
import type { DropContent } from '../platform/dropped-files';
import { selectHasBucketProperties, selectHasCapability, selectPlace, useApp, useAppStore } from '../store';
import { pickedFiles, pickedFolder, uploadContent } from './file-uploads';
import { UploadOptionsButton } from './properties/UploadOptionsButton';
import { ObjectViewToggle } from './ObjectGridToggle';
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
  SyncIcon,
} from './Icons';
import { openNewPair } from './sync-actions';
import { actedOn } from '../view-model/selection';
import { cx } from './cx';
import styles from './Toolbar.module.css';
import { IconButton } from './IconButton';
import { useCrumbDrop } from './row-drag';
import dragStyles from './row-drag.module.css';

function Breadcrumbs() {
  const store = useAppStore();
  const location = useApp((s) => s.objects.location);
  const searching = useApp((s) => s.objects.search !== null);
  // Rows dropped on a crumb move (or copy) there.
  const drop = useCrumbDrop(store);
  const { t } = useTranslation('browser');
  if (location === null) return null;
  const crumbs = breadcrumbs(location.prefix);
  const open = (prefix: string) => store.getState().objects.open(location.bucket, prefix);
  const current = (prefix: string) => !searching && prefix === location.prefix;
  return (
    <nav className={styles.breadcrumbs} aria-label={t('toolbar.path')}>
      <ol>
        <li>
          <button
            type="button"
            className={cx(styles.crumb, styles.crumbRoot, drop.over === '' && dragStyles.crumbDropTarget)}
            aria-current={current('') ? 'location' : undefined}
            onClick={() => open('')}
            {...drop.props('')}
          >
            {location.bucket}
          </button>
        </li>
        {crumbs.map((c) => (
          <li key={c.prefix}>
            <ChevronIcon />
            <button
              type="button"
              className={cx(styles.crumb, drop.over === c.prefix && dragStyles.crumbDropTarget)}
              aria-current={current(c.prefix) ? 'location' : undefined}
              onClick={() => open(c.prefix)}
              {...drop.props(c.prefix)}
            >
              {c.name}
            </button>
          </li>
        ))}
        {searching && (
          <li>
            <ChevronIcon />
            <span className={cx(styles.crumb, styles.crumbSearch)}>{t('search.results')}</span>
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
  const { t } = useTranslation('browser');

  function submit(event: FormEvent): void {
    event.preventDefault();
    void store.getState().objects.startSearch(query);
  }

  return (
    <form className={styles.search} role="search" onSubmit={submit}>
      <SearchIcon />
      <input
        type="search"
        aria-label={t('search.label')}
        placeholder={t('search.label')}
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
          {t('search.stop')}
        </button>
      )}
      {search !== null && !search.running && (
        <button
          type="button"
          className="icon-button"
          aria-label={t('search.close')}
          title={t('search.close')}
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
  const { t } = useTranslation('browser');

  function picked(event: ChangeEvent<HTMLInputElement>, read: (files: File[]) => Promise<DropContent>): void {
    const input = event.currentTarget;
    const files = Array.from(input.files ?? []);
    input.value = ''; // picking the same files again must fire change again
    const where = selectPlace(store.getState());
    if (where === null) return;
    if (files.length === 0) {
      store.getState().ui.notify('info', t('toolbar.emptyFolder'));
      return;
    }
    void read(files).then((content) => uploadContent(store, content, { bucket: where.bucket, prefix: where.prefix }));
  }

  return (
    <>
      <ToolButton
        label={t('toolbar.uploadFiles')}
        icon={<UploadIcon />}
        disabled={location === null}
        onClick={() => filesInput.current?.click()}
      />
      <ToolButton
        label={t('toolbar.uploadFolder')}
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

/** "Sync folder…": a new sync pair of the place shown. */
export function SyncFolderButton() {
  const store = useAppStore();
  const location = useApp(selectPlace);
  const { t } = useTranslation('sync');
  return (
    <ToolButton
      label={t('toolbar.syncFolder')}
      icon={<SyncIcon />}
      disabled={location === null}
      onClick={() => openNewPair(store)}
    />
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
  const { t } = useTranslation('browser');

  const keys = actedOn({ selected, focused });
  const single = keys.length === 1 ? (keys[0] ?? null) : null;
  const none = keys.length === 0;

  return (
    <div className={styles.toolbar}>
      <div className={styles.toolbarRow}>
        <IconButton
          label={t('toolbar.up')}
          title={t('toolbar.upHint')}
          icon={<UpIcon />}
          disabled={location === null || (location.prefix === '' && !searching)}
          onClick={() => (searching ? o().clearSearch() : o().up())}
        />
        <IconButton
          label={t('common:action.refresh')}
          icon={<RefreshIcon />}
          disabled={location === null}
          onClick={() => o().refresh()}
        />
        {multipartUploads && (
          <IconButton
            label={t('toolbar.incompleteUploads')}
            icon={<PartsIcon />}
            disabled={location === null}
            onClick={() => location !== null && ui().openDialog({ kind: 'incompleteUploads', bucket: location.bucket })}
          />
        )}
        {hasBucketProperties && (
          <IconButton
            label={t('properties:bucketTabs')}
            icon={<SlidersIcon />}
            disabled={location === null}
            onClick={() => location !== null && ui().openDialog({ kind: 'bucketProperties', bucket: location.bucket })}
          />
        )}
        <Breadcrumbs />
        <span className="spacer" />
        <SyncFolderButton />
        {hasVersions && (
          <label className={styles.toggle} title={t('toolbar.showVersionsHint')}>
            <input
              type="checkbox"
              checked={versionsShown}
              // Where the service has no versions the toggle can still be switched off, not on.
              disabled={searching || (!versioningSupported && !versionsShown)}
              onChange={(e) => store.getState().props.showVersions(e.target.checked)}
            />
            {t('toolbar.showVersions')}
          </label>
        )}
        {/* Keyed by folder: a new folder starts with an empty search box. */}
        <SearchBox key={location === null ? '' : `${location.bucket}/${location.prefix}`} />
      </div>
      <div className={cx(styles.toolbarRow, styles.toolbarActions)}>
        <ToolButton
          label={t('newFolder.title')}
          icon={<NewFolderIcon />}
          disabled={searching}
          onClick={() => ui().openDialog({ kind: 'newFolder' })}
        />
        <span className={styles.toolbarSep} />
        <UploadButtons />
        <UploadOptionsButton />
        <ToolButton
          label={t('common:action.download')}
          icon={<DownloadIcon />}
          disabled={none}
          onClick={() => ui().openDialog({ kind: 'download', keys })}
        />
        <ToolButton
          label={t('toolbar.share')}
          icon={<ShareIcon />}
          disabled={single === null || isFolderKey(single)}
          onClick={() => single !== null && ui().openDialog({ kind: 'share', key: single })}
        />
        <span className={styles.toolbarSep} />
        <ToolButton
          label={t('rename.submit')}
          icon={<PencilIcon />}
          disabled={single === null}
          onClick={() => single !== null && ui().openDialog({ kind: 'rename', key: single })}
        />
        <ToolButton
          label={t('toolbar.copyTo')}
          icon={<CopyIcon />}
          disabled={none}
          onClick={() => ui().openDialog({ kind: 'transfer', keys, move: false })}
        />
        <ToolButton
          label={t('toolbar.moveTo')}
          icon={<MoveIcon />}
          disabled={none}
          onClick={() => ui().openDialog({ kind: 'transfer', keys, move: true })}
        />
        <ToolButton
          label={t('common:action.delete')}
          icon={<TrashIcon />}
          danger
          disabled={none}
          onClick={() => ui().openDialog({ kind: 'deleteObjects', keys })}
        />
        <span className="spacer" />
        <ObjectViewToggle />
        <FilterBox label={t('toolbar.filter')} value={filter} onChange={(value) => o().setFilter(value)} />
      </div>
    </div>
  );
}
