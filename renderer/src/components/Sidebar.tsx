/**
 * Accounts (switch without logging out, the local sandbox) and the buckets of the selected one,
 * or, for an account without buckets (QuickSync), its one place: its files; then the selected
 * account's folder sync pairs.
 */
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/models';
import type { SyncPair, SyncPairStatus } from '../../../shared/sync';
import { selectHasBucketProperties, useApp, useAppStore } from '../store';
import {
  BucketIcon,
  CloudIcon,
  FolderIcon,
  GearIcon,
  PlusIcon,
  RefreshIcon,
  SandboxIcon,
  SlidersIcon,
  SyncIcon,
  TrashIcon,
} from './Icons';
import { menuTriggerProps } from './ContextMenuTriggers';
import { cx } from './cx';
import { IconButton } from './IconButton';
import { openNewPair } from './sync-actions';
import { pairDot, type PairDot } from '../view-model/sync-format';
import { usePairNames } from './use-pair-names';
import styles from './Sidebar.module.css';

const hostOf = (endpoint: string): string => {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
};

function AccountItem({ account, selected }: { account: AccountSummary; selected: boolean }) {
  const store = useAppStore();
  return (
    <li>
      <button
        type="button"
        className={styles.sideItem}
        aria-current={selected ? 'true' : undefined}
        title={`${account.name} · ${account.endpoint}`}
        onClick={() => store.getState().accounts.select(account.id)}
        {...menuTriggerProps(store, () => ({ kind: 'account', accountId: account.id }))}
      >
        <CloudIcon />
        <span className={styles.sideItemText}>
          <span className={styles.sideItemName}>{account.name}</span>
          <span className={styles.sideItemSub} aria-hidden="true">
            {hostOf(account.endpoint)}
          </span>
        </span>
      </button>
    </li>
  );
}

function AccountsSection() {
  const store = useAppStore();
  const list = useApp((s) => s.accounts.list);
  const selectedId = useApp((s) => s.accounts.selectedId);
  const sandboxBusy = useApp((s) => s.accounts.sandboxBusy);
  const sandbox = list.find((a) => a.kind === 'sandbox') ?? null;
  const ui = () => store.getState().ui;
  const addAccount = () => ui().openDialog({ kind: 'settings', edit: 'new' });
  const { t } = useTranslation('browser');
  return (
    <section className={styles.sideSection} aria-labelledby="accounts-heading">
      <div className={styles.sideHeading}>
        <h2 id="accounts-heading">{t('settings:accounts.heading')}</h2>
        <IconButton label={t('settings:account.add')} icon={<PlusIcon />} onClick={addAccount} />
        <IconButton
          label={t('settings:title')}
          icon={<GearIcon />}
          onClick={() => ui().openDialog({ kind: 'settings', edit: null })}
        />
      </div>
      <ul className={styles.sideList} aria-labelledby="accounts-heading">
        {list
          .filter((a) => a.kind !== 'sandbox')
          .map((a) => (
            <AccountItem key={a.id} account={a} selected={a.id === selectedId} />
          ))}
        <li>
          <button
            type="button"
            className={styles.sideItem}
            aria-current={sandbox !== null && sandbox.id === selectedId ? 'true' : undefined}
            aria-busy={sandboxBusy}
            disabled={sandboxBusy}
            title={t('sidebar.sandboxHint')}
            onClick={() => void store.getState().accounts.openSandbox()}
            {...(sandbox !== null ? menuTriggerProps(store, () => ({ kind: 'account', accountId: sandbox.id })) : {})}
          >
            <SandboxIcon />
            <span className={styles.sideItemText}>
              <span className={styles.sideItemName}>{t('accounts:kind.sandbox')}</span>
              <span className={styles.sideItemSub} aria-hidden="true">
                {sandboxBusy
                  ? t('sidebar.sandboxStarting')
                  : sandbox !== null
                    ? hostOf(sandbox.endpoint)
                    : t('sidebar.sandboxTry')}
              </span>
            </span>
          </button>
        </li>
      </ul>
    </section>
  );
}

function BucketsSection() {
  const store = useAppStore();
  const hasBucketProperties = useApp(selectHasBucketProperties);
  const accountId = useApp((s) => s.accounts.selectedId);
  const list = useApp((s) => s.buckets.list);
  const loading = useApp((s) => s.buckets.loading);
  const error = useApp((s) => s.buckets.error);
  const selected = useApp((s) => s.buckets.selected);
  const { t } = useTranslation('browser');
  if (accountId === null) return null;
  const buckets = () => store.getState().buckets;
  return (
    <section className={cx(styles.sideSection, styles.sideSectionGrow)} aria-labelledby="buckets-heading">
      <div className={styles.sideHeading}>
        <h2 id="buckets-heading">{t('sidebar.buckets')}</h2>
        <IconButton
          label={t('bucket.create')}
          icon={<PlusIcon />}
          onClick={() => store.getState().ui.openDialog({ kind: 'createBucket' })}
        />
        <IconButton
          label={t('sidebar.reloadBuckets')}
          icon={<RefreshIcon />}
          disabled={loading}
          onClick={() => void buckets().load()}
        />
      </div>
      {error !== null && (
        <p className={styles.sideError} role="alert">
          {error.message} <span className="error-code">({error.code})</span>
        </p>
      )}
      {error === null && !loading && list.length === 0 && <p className={styles.sideEmpty}>{t('noBucket.none')}</p>}
      <ul className={cx(styles.sideList, styles.sideScroll)} aria-labelledby="buckets-heading" aria-busy={loading}>
        {list.map((b) => (
          <li key={b.name} className={cx(styles.sideRow, styles.hasTwoActions)}>
            <button
              type="button"
              className={styles.sideItem}
              aria-current={b.name === selected ? 'true' : undefined}
              onClick={() => {
                store.getState().sync.view(null);
                buckets().select(b.name);
              }}
              {...menuTriggerProps(store, () => ({ kind: 'bucket', bucket: b.name }))}
            >
              <BucketIcon />
              <span className={styles.sideItemText}>
                <span className={styles.sideItemName}>{b.name}</span>
              </span>
            </button>
            {hasBucketProperties && (
              <button
                type="button"
                className={cx('icon-button', styles.sideRowAction, styles.sideRowActionSecond)}
                aria-label={t('sidebar.bucketProperties', { bucket: b.name })}
                title={t('sidebar.properties')}
                onClick={() => store.getState().ui.openDialog({ kind: 'bucketProperties', bucket: b.name })}
              >
                <SlidersIcon />
              </button>
            )}
            <button
              type="button"
              className={cx('icon-button', styles.sideRowAction)}
              aria-label={t('sidebar.removeBucket', { bucket: b.name })}
              title={t('sidebar.deleteBucket', { bucket: b.name })}
              onClick={() => store.getState().ui.openDialog({ kind: 'deleteBucket', bucket: b.name })}
            >
              <TrashIcon />
            </button>
          </li>
        ))}
        {loading && <li className={styles.sideLoading}>{t('noBucket.loading')}</li>}
      </ul>
    </section>
  );
}

function FilesSection({ accountId }: { accountId: string }) {
  const store = useAppStore();
  const { t } = useTranslation('browser');
  return (
    <section className={cx(styles.sideSection, styles.sideSectionGrow)} aria-labelledby="places-heading">
      <div className={styles.sideHeading}>
        <h2 id="places-heading">{t('sidebar.places')}</h2>
      </div>
      <ul className={styles.sideList} aria-labelledby="places-heading">
        <li>
          <button
            type="button"
            className={styles.sideItem}
            aria-current="true"
            onClick={() => {
              store.getState().sync.view(null);
              store.getState().quicksync.open(accountId);
            }}
          >
            <FolderIcon />
            <span className={styles.sideItemText}>
              <span className={styles.sideItemName}>{t('quicksync:files')}</span>
            </span>
          </button>
        </li>
      </ul>
    </section>
  );
}

/** The status dot's colour per state. */
const DOT_CLASS: Record<NonNullable<PairDot>, string | undefined> = {
  comparing: styles.dotBusy,
  running: styles.dotBusy,
  watching: styles.dotWatching,
  failed: styles.dotFailed,
};

function PairItem({ pair, status, current }: { pair: SyncPair; status: SyncPairStatus | undefined; current: boolean }) {
  const store = useAppStore();
  const names = usePairNames(pair);
  const { t } = useTranslation('sync');
  const dot = pairDot(status);
  return (
    <li>
      <button
        type="button"
        className={styles.sideItem}
        aria-current={current ? 'true' : undefined}
        title={t('sidebar.pairName', { folder: pair.localFolder, remote: names.remote })}
        onClick={() => store.getState().sync.view(pair.id)}
      >
        <SyncIcon />
        <span className={styles.sideItemText}>
          <span className={styles.sideItemName}>{t('sidebar.pairName', names)}</span>
        </span>
        {dot !== null && (
          <span className={cx(styles.syncDot, DOT_CLASS[dot])} title={t(`state.${dot}`)}>
            <span className="visually-hidden">{t(`state.${dot}`)}</span>
          </span>
        )}
      </button>
    </li>
  );
}

function SyncPairsSection({ accountId }: { accountId: string }) {
  const store = useAppStore();
  const all = useApp((s) => s.sync.pairs);
  const status = useApp((s) => s.sync.status);
  const viewing = useApp((s) => s.sync.viewing);
  const { t } = useTranslation('sync');
  const pairs = all.filter((p) => p.accountId === accountId);
  return (
    <section className={styles.sideSection} aria-labelledby="sync-heading">
      <div className={styles.sideHeading}>
        <h2 id="sync-heading">{t('sidebar.heading')}</h2>
        <IconButton label={t('sidebar.add')} icon={<PlusIcon />} onClick={() => openNewPair(store)} />
      </div>
      {pairs.length === 0 && <p className={styles.sideEmpty}>{t('sidebar.none')}</p>}
      <ul className={cx(styles.sideList, styles.sideScroll, styles.syncList)} aria-labelledby="sync-heading">
        {pairs.map((pair) => (
          <PairItem key={pair.id} pair={pair} status={status[pair.id]} current={pair.id === viewing} />
        ))}
      </ul>
    </section>
  );
}

export function Sidebar() {
  const filesOf = useApp((s) => s.quicksync.place?.accountId ?? null);
  const accountId = useApp((s) => s.accounts.selectedId);
  const { t } = useTranslation('browser');
  return (
    <aside className={styles.sidebar} aria-label={t('sidebar.label')}>
      <div className={styles.brand}>
        <span className={styles.brandMark} aria-hidden="true" />
        <span>{t('common:brand')}</span>
      </div>
      <AccountsSection />
      {filesOf !== null ? <FilesSection accountId={filesOf} /> : <BucketsSection />}
      {accountId !== null && <SyncPairsSection accountId={accountId} />}
    </aside>
  );
}
