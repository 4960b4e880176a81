/**
 * The details pane. One object focused: its properties in tabs (Details, Tags, Permissions,
 * Versions, Lock) and a Share button. Several selected: their tags, edited together. While
 * "Show versions" is on: the focused version row.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isFolderKey } from '../../../shared/keys';
import type { ObjectEntry } from '../../../shared/models';
import { useApp, useAppStore, selectFocusedEntry, selectHasCapability } from '../store';
import { FileIcon, FolderIcon, ShareIcon } from './Icons';
import { AclPanel } from './properties/AclPanel';
import { BulkTagsPanel } from './properties/BulkTagsPanel';
import { DetailsTab } from './properties/DetailsTab';
import { LockTab } from './properties/LockTab';
import { sandboxGate, selectShowsPropertyTab } from './SandboxNotice';
import { SizeSection } from './SizeSection';
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

  const hasTags = useApp(selectShowsPropertyTab('objectTags'));
  const hasAcl = useApp(selectShowsPropertyTab('objectAcl'));
  const hasVersions = useApp(selectShowsPropertyTab('versioning'));
  const hasLock = useApp(selectShowsPropertyTab('retention'));
  const hasShare = useApp(selectHasCapability('share'));
  const { t } = useTranslation('properties');
  // Tabs the account's provider does not have at all are left out; the local sandbox's say what it does not keep.
  const tabs: TabSpec<ObjectTab>[] = [
    {
      id: 'details',
      label: t('common:details'),
      render: () => <DetailsTab key={key} target={target} details={details} />,
    },
    ...(hasTags
      ? [
          {
            id: 'tags' as const,
            label: t('tab.tags'),
            render: () => sandboxGate('objectTags', <TagsPanel key={key} target={target} />),
          },
        ]
      : []),
    ...(hasAcl
      ? [
          {
            id: 'permissions' as const,
            label: t('tab.permissions'),
            render: () => sandboxGate('objectAcl', <AclPanel key={key} target={target} />),
          },
        ]
      : []),
    ...(hasVersions
      ? [
          {
            id: 'versions' as const,
            label: t('versions.label'),
            render: () => sandboxGate('versioning', <VersionsTab key={key} target={target} />),
          },
        ]
      : []),
    ...(hasLock
      ? [
          {
            id: 'lock' as const,
            label: t('tab.lock'),
            render: () => sandboxGate('retention', <LockTab key={key} target={target} />),
          },
        ]
      : []),
  ];
  const shown = tabs.some((spec) => spec.id === tab) ? tab : 'details';
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
            {t('share.button')}
          </button>
        )}
      </div>
      <Tabs label={t('objectTabs')} tabs={tabs} selected={shown} onSelect={onTab} className={styles.detailsTabs} />
    </>
  );
}

function Selection({ keys }: { keys: ReadonlySet<string> }) {
  const accountId = useApp((s) => s.objects.location?.accountId ?? '');
  const bucket = useApp((s) => s.objects.location?.bucket ?? '');
  const objectKeys = useMemo(() => [...keys].filter((k) => !isFolderKey(k)), [keys]);
  const hasTags = useApp(selectHasCapability('objectTags'));
  const { t } = useTranslation('properties');
  return (
    <>
      <p className={styles.detailsCount}>{t('selection.count', { count: keys.size })}</p>
      {!hasTags ? null : objectKeys.length > 0 ? (
        <BulkTagsPanel accountId={accountId} bucket={bucket} keys={objectKeys} />
      ) : (
        <p className="muted">{t('selection.foldersNoTags')}</p>
      )}
      <SizeSection target={{ kind: 'selection', keys: [...keys] }} />
    </>
  );
}

export function DetailsPane() {
  const store = useAppStore();
  const entry: ObjectEntry | null = useApp(selectFocusedEntry);
  const selected = useApp((s) => s.objects.selected);
  const versionsListed = useApp((s) => s.props.versionsShown && s.objects.search === null);
  const shown = useApp((s) => s.objects.location);
  // Held here, so the chosen tab stays while the focus moves and while the folder is listed again.
  const [tab, setTab] = useState<ObjectTab>('details');
  const { t } = useTranslation('properties');

  const key = entry?.kind === 'object' ? entry.key : null;
  useEffect(() => {
    if (key === null) return;
    const timer = setTimeout(() => void store.getState().objects.loadDetails(key), HEAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [store, key]);

  return (
    // Focusable from code only: the context menu's "Properties" moves here.
    <aside className={styles.details} aria-label={t('common:details')} tabIndex={-1} data-details-pane>
      {versionsListed ? (
        <VersionRowDetails />
      ) : selected.size > 1 ? (
        <Selection keys={selected} />
      ) : entry === null ? (
        <>
          <p className={cx(styles.detailsEmpty, 'muted')}>{t('selection.none')}</p>
          {shown !== null && (
            <SizeSection
              target={
                shown.prefix === ''
                  ? { kind: 'bucket', bucket: shown.bucket }
                  : { kind: 'folder', prefix: shown.prefix }
              }
            />
          )}
        </>
      ) : entry.kind === 'folder' ? (
        <div className={styles.detailsHead}>
          <FolderIcon className="icon icon-large icon-folder" />
          <h2 className={styles.detailsName}>{entry.name}</h2>
          <p className={styles.detailsKey}>{entry.key}</p>
          <p className="muted">{t('versions.folder')}</p>
          <SizeSection target={{ kind: 'folder', prefix: entry.key }} />
        </div>
      ) : (
        <ObjectProperties entry={entry} tab={tab} onTab={setTab} />
      )}
    </aside>
  );
}
