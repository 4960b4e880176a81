/**
 * The transfers panel under the object browser: overall progress and speed graph, filter tabs,
 * actions for all and for the selection, and the list (TransferList: only the window of jobs in
 * view is loaded, so 100,000 jobs stay light).
 */
import { useTranslation } from 'react-i18next';
import type { TransferFilter, TransferTotals } from '../../../shared/transfers';
import { useApp, useAppStore, type TransferTarget } from '../store';
import {
  filterCount,
  formatBytesProgress,
  formatSpeed,
  formatStateCounts,
  totalsPercent,
} from '../view-model/transfer-format';
import { CountTabs } from './CountTabs';
import { EditSessions } from './EditSessions';
import { SpeedGraph } from './SpeedGraph';
import { ChevronDownIcon } from './Icons';
import { FILTER_TAB_ID, TRANSFER_LIST_ID, TransferList } from './TransferList';
import { cx } from './cx';
import transferStyles from './TransferRow.module.css';
import styles from './TransfersPanel.module.css';

/** Labelled `transfers:filter.<id>`. */
const FILTERS: TransferFilter[] = ['all', 'active', 'failed', 'done'];
/** What the selection's buttons do, labelled `transfers:panel.<action>Selected`. */
const SELECTION_ACTIONS = ['pause', 'resume', 'cancel', 'retry'] as const;

function Overall({ totals }: { totals: TransferTotals | null }) {
  const speedHistory = useApp((s) => s.transfers.speedHistory);
  const pct = totalsPercent(totals);
  const { t } = useTranslation('transfers');
  return (
    <div className={styles.transfersOverall}>
      <div className={styles.transfersOverallText}>
        <span
          className={transferStyles.transferBar}
          role="progressbar"
          aria-label={t('panel.overall')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct ?? undefined}
        >
          <span className={transferStyles.transferBarFill} style={{ width: `${pct ?? 0}%` }} />
        </span>
        <span>
          {totals === null || totals.bytesTotal === 0
            ? t('panel.idle')
            : pct === null
              ? formatBytesProgress(totals.bytesDone, totals.bytesTotal)
              : t('panel.bytesPercent', { bytes: formatBytesProgress(totals.bytesDone, totals.bytesTotal), pct })}
        </span>
        <span className={styles.transfersSpeed}>
          <span className={styles.speedUp}>
            <span aria-hidden="true">↑ </span>
            <span className="visually-hidden">{t('panel.upload')} </span>
            {formatSpeed(totals?.speedUp ?? 0)}
          </span>
          <span className={styles.speedDown}>
            <span aria-hidden="true">↓ </span>
            <span className="visually-hidden">{t('panel.download')} </span>
            {formatSpeed(totals?.speedDown ?? 0)}
          </span>
        </span>
        {totals !== null && <span className={styles.transfersCounts}>{formatStateCounts(totals.byState)}</span>}
      </div>
      <SpeedGraph samples={speedHistory} />
    </div>
  );
}

function FilterTabs({ totals, pageTotal }: { totals: TransferTotals | null; pageTotal: number | null }) {
  const store = useAppStore();
  const filter = useApp((s) => s.transfers.filter);
  const { t } = useTranslation('transfers');
  const tabs = FILTERS.map((id) => {
    const count = totals !== null ? filterCount(totals, id) : id === filter ? pageTotal : null;
    return { id, label: t(`filter.${id}`), count, alert: id === 'failed' && (count ?? 0) > 0 };
  });
  return (
    <CountTabs
      tabs={tabs}
      selected={filter}
      onSelect={(id) => store.getState().transfers.setFilter(id)}
      label={t('panel.filters')}
      idPrefix={FILTER_TAB_ID}
      panelId={TRANSFER_LIST_ID}
    />
  );
}

function Actions({ totals }: { totals: TransferTotals | null }) {
  const store = useAppStore();
  const selected = useApp((s) => s.transfers.selected);
  const { t } = useTranslation('transfers');
  const transfers = () => store.getState().transfers;
  const all: TransferTarget = { all: true };
  const count = (...states: (keyof TransferTotals['byState'])[]): number =>
    totals === null ? 1 : states.reduce((n, s) => n + totals.byState[s], 0);
  const ids = (): TransferTarget => ({ jobIds: [...transfers().selected] });
  const none = selected.size === 0;
  return (
    <div className={styles.transfersActions}>
      <div className={styles.transfersActionGroup} role="group" aria-label={t('panel.allGroup')}>
        <button
          type="button"
          className="button button-small"
          disabled={count('queued', 'running') === 0}
          onClick={() => void transfers().control('pause', all)}
        >
          {t('panel.pauseAll')}
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={count('paused') === 0}
          onClick={() => void transfers().control('resume', all)}
        >
          {t('panel.resumeAll')}
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={count('queued', 'running', 'paused', 'conflict') === 0}
          onClick={() => void transfers().control('cancel', all)}
        >
          {t('panel.cancelAll')}
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={count('failed') === 0}
          onClick={() => void transfers().retryFailed()}
        >
          {t('panel.retryFailed')}
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={count('done', 'skipped', 'cancelled') === 0}
          onClick={() => void transfers().clearFinished(false)}
        >
          {t('panel.clearFinished')}
        </button>
      </div>
      <div className={styles.transfersActionGroup} role="group" aria-label={t('panel.selectedGroup')}>
        <span className={cx(styles.transfersSelectedCount, 'muted')}>
          {none ? t('panel.noneSelected') : t('panel.selected', { count: selected.size })}
        </span>
        {SELECTION_ACTIONS.map((action) => (
          <button
            key={action}
            type="button"
            className="button button-small"
            disabled={none}
            onClick={() => void transfers().control(action, ids())}
          >
            {t(`panel.${action}Selected`)}
          </button>
        ))}
      </div>
    </div>
  );
}

export function TransfersPanel() {
  const store = useAppStore();
  const open = useApp((s) => s.transfers.panelOpen);
  const totals = useApp((s) => s.transfers.totals);
  const pageTotal = useApp((s) => s.transfers.page?.total ?? null);
  const { t } = useTranslation('transfers');
  if (!open) return null;
  return (
    <section id="transfers-panel" className={styles.transfers} aria-label={t('title')}>
      <header className={styles.transfersHead}>
        <h2 className={styles.transfersTitle}>{t('title')}</h2>
        <Overall totals={totals} />
        <button
          type="button"
          className="icon-button"
          aria-label={t('panel.hide')}
          title={t('panel.hide')}
          onClick={() => store.getState().transfers.togglePanel(false)}
        >
          <ChevronDownIcon />
        </button>
      </header>
      <div className={styles.transfersBar}>
        <FilterTabs totals={totals} pageTotal={pageTotal} />
        <Actions totals={totals} />
      </div>
      <EditSessions />
      <TransferList />
    </section>
  );
}
