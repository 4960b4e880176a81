/**
 * The details pane. One object focused: its properties in tabs (Details, Tags, Permissions,
 * Versions, Lock) and a Share button. Several selected: their tags, edited together. While
 * "Show versions" is on: the focused version row.
 */
import { useEffect, useMemo, useState } from 'react';
import { isFolderKey } from '../../../shared/keys';
import type { ObjectEntry } from '../../../shared/models';
import { useApp, useAppStore, selectFocusedEntry, selectHasCapability } from '../store';
import { formatCount } from '../view-model/format';
import { FileIcon, FolderIcon, ShareIcon } from './Icons';
import { AclPanel } from './properties/AclPanel';
import { BulkTagsPanel } from './properties/BulkTagsPanel';
import { DetailsTab } from './properties/DetailsTab';
import { LockTab } from './properties/LockTab';
import { TagsPanel } from './properties/TagsPanel';
import { Tabs, type TabSpec } from './properties/Tabs';
import { VersionRowDetails } from './properties/VersionRowDetails';
import { VersionsTab } from './properties/VersionsTab';
import { cx } from './cx';
import styles from './DetailsPane.module.css';

/** Wait this long after the focus settles before asking the server (arrow keys move fast). */
const HEAD_DELAY_MS = 150;

type ObjectTab = 'details' | 'tags' | 'permissions' | 'versions' | 'lock';

function ObjectProperties({
  entry,
  tab,
  onTab,
}: {
  entry: ObjectEntry;
  tab: ObjectTab;
  onTab: (tab: ObjectTab) => void;
}) {
  const store = useAppStore();
  const details = useApp((s) => s.objects.details);
  const accountId = useApp((s) => s.objects.location?.accountId ?? '');
  const bucket = useApp((s) => s.objects.location?.bucket ?? '');
  const key = entry.key;
  const target = useMemo(() => ({ accountId, bucket, key }), [accountId, bucket, key]);

  const hasTags = useApp(selectHasCapability('objectTags'));
  const hasAcl = useApp(selectHasCapability('objectAcl'));
  const hasVersions = useApp(selectHasCapability('versioning'));
  const hasLock = useApp(selectHasCapability('retention'));
  const hasShare = useApp(selectHasCapability('share'));
  // Tabs the account's provider does not have at all are left out (the local sandbox has none).
  const tabs: TabSpec<ObjectTab>[] = [
    { id: 'details', label: 'Details', render: () => <DetailsTab key={key} target={target} details={details} /> },
    ...(hasTags ? [{ id: 'tags' as const, label: 'Tags', render: () => <TagsPanel key={key} target={target} /> }] : []),
    ...(hasAcl
      ? [{ id: 'permissions' as const, label: 'Permissions', render: () => <AclPanel key={key} target={target} /> }]
      : []),
    ...(hasVersions
      ? [{ id: 'versions' as const, label: 'Versions', render: () => <VersionsTab key={key} target={target} /> }]
      : []),
    ...(hasLock ? [{ id: 'lock' as const, label: 'Lock', render: () => <LockTab key={key} target={target} /> }] : []),
  ];
  const shown = tabs.some((t) => t.id === tab) ? tab : 'details';
  return (
    <>
      <div className={styles.detailsHead}>
        <FileIcon className="icon icon-large icon-file" />
        <h2 className={styles.detailsName}>{entry.name}</h2>
        <p className={styles.detailsKey}>{entry.key}</p>
        {hasShare && (
          <button
            type="button"
            className="button button-small"
            onClick={() => store.getState().ui.openDialog({ kind: 'share', key })}
          >
            <ShareIcon />
            Share…
          </button>
        )}
      </div>
      <Tabs label="Object properties" tabs={tabs} selected={shown} onSelect={onTab} className={styles.detailsTabs} />
    </>
  );
}

function Selection({ keys }: { keys: ReadonlySet<string> }) {
  const accountId = useApp((s) => s.objects.location?.accountId ?? '');
  const bucket = useApp((s) => s.objects.location?.bucket ?? '');
  const objectKeys = useMemo(() => [...keys].filter((k) => !isFolderKey(k)), [keys]);
  const hasTags = useApp(selectHasCapability('objectTags'));
  return (
    <>
      <p className={styles.detailsCount}>{formatCount(keys.size)} items selected</p>
      {!hasTags ? null : objectKeys.length > 0 ? (
        <BulkTagsPanel accountId={accountId} bucket={bucket} keys={objectKeys} />
      ) : (
        <p className="muted">Folders have no tags of their own: select files to tag them together.</p>
      )}
    </>
  );
}

export function DetailsPane() {
  const store = useAppStore();
  const entry: ObjectEntry | null = useApp(selectFocusedEntry);
  const selected = useApp((s) => s.objects.selected);
  const versionsListed = useApp((s) => s.props.versionsShown && s.objects.search === null);
  // Held here, so the chosen tab stays while the focus moves and while the folder is listed again.
  const [tab, setTab] = useState<ObjectTab>('details');

  const key = entry?.kind === 'object' ? entry.key : null;
  useEffect(() => {
    if (key === null) return;
    const timer = setTimeout(() => void store.getState().objects.loadDetails(key), HEAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [store, key]);

  return (
    <aside className={styles.details} aria-label="Details">
      {versionsListed ? (
        <VersionRowDetails />
      ) : selected.size > 1 ? (
        <Selection keys={selected} />
      ) : entry === null ? (
        <p className={cx(styles.detailsEmpty, 'muted')}>Select a file to see its details</p>
      ) : entry.kind === 'folder' ? (
        <div className={styles.detailsHead}>
          <FolderIcon className="icon icon-large icon-folder" />
          <h2 className={styles.detailsName}>{entry.name}</h2>
          <p className={styles.detailsKey}>{entry.key}</p>
          <p className="muted">Folder. Press Enter to open it.</p>
        </div>
      ) : (
        <ObjectProperties entry={entry} tab={tab} onTab={setTab} />
      )}
    </aside>
  );
}
