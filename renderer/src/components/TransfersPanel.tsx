/**
 * The transfers panel under the object browser: overall progress and speed graph, filter tabs,
 * actions for all and for the selection, and the list (TransferList: only the window of jobs in
 * view is loaded, so 100,000 jobs stay light).
 */
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferFilter, TransferTotals } from '../../../shared/transfers';
import { useApp, useAppStore, type TransferTarget } from '../store';
import { formatCount } from '../view-model/format';
import {
  filterCount,
  formatBytesProgress,
  formatSpeed,
  formatStateCounts,
  totalsPercent,
} from '../view-model/transfer-format';
import { EditSessions } from './EditSessions';
import { SpeedGraph } from './SpeedGraph';
import { ChevronDownIcon } from './Icons';
import { TransferList } from './TransferList';
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
  const refs = useRef(new Map<TransferFilter, HTMLButtonElement>());
  const { t } = useTranslation('transfers');

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const index = FILTERS.indexOf(filter);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % FILTERS.length
        : event.key === 'ArrowLeft'
          ? (index + FILTERS.length - 1) % FILTERS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? FILTERS.length - 1
              : -1;
    const target = FILTERS[next];
    if (target === undefined) return;
    event.preventDefault();
    store.getState().transfers.setFilter(target);
    refs.current.get(target)?.focus();
  }

  return (
    <div className={styles.transfersTabs} role="tablist" aria-label={t('panel.filters')} onKeyDown={onKeyDown}>
      {FILTERS.map((id) => {
        const count = totals !== null ? filterCount(totals, id) : id === filter ? pageTotal : null;
        const selected = id === filter;
        const label = t(`filter.${id}`);
        return (
          <button
            key={id}
            ref={(el) => {
              if (el === null) refs.current.delete(id);
              else refs.current.set(id, el);
            }}
            type="button"
            role="tab"
            id={`transfers-tab-${id}`}
            aria-selected={selected}
            aria-controls="transfers-list"
            aria-label={label}
            aria-describedby={count !== null ? `transfers-tab-count-${id}` : undefined}
            tabIndex={selected ? 0 : -1}
            className={cx(
              styles.transfersTab,
              selected && styles.isSelected,
              id === 'failed' && (count ?? 0) > 0 && styles.hasFailed,
            )}
            onClick={() => store.getState().transfers.setFilter(id)}
          >
            {label}
            {count !== null && (
              <span className={styles.tabCount} id={`transfers-tab-count-${id}`}>
                {formatCount(count)}
              </span>
            )}
          </button>
        );
      })}
    </div>
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
