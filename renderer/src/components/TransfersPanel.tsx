/**
 * The transfers panel under the object browser: overall progress and speed graph, filter tabs,
 * actions for all and for the selection, and the list (TransferList: only the window of jobs in
 * view is loaded, so 100,000 jobs stay light).
 */
import { useRef, type KeyboardEvent } from 'react';
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
import { SpeedGraph } from './SpeedGraph';
import { ChevronDownIcon } from './Icons';
import { TransferList } from './TransferList';
import { cx } from './cx';
import transferStyles from './TransferRow.module.css';
import styles from './TransfersPanel.module.css';

const FILTERS: { id: TransferFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'active', label: 'Active' },
  { id: 'failed', label: 'Failed' },
  { id: 'done', label: 'Done' },
];

function Overall({ totals }: { totals: TransferTotals | null }) {
  const speedHistory = useApp((s) => s.transfers.speedHistory);
  const pct = totalsPercent(totals);
  return (
    <div className={styles.transfersOverall}>
      <div className={styles.transfersOverallText}>
        <span
          className={transferStyles.transferBar}
          role="progressbar"
          aria-label="Overall progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct ?? undefined}
        >
          <span className={transferStyles.transferBarFill} style={{ width: `${pct ?? 0}%` }} />
        </span>
        <span>
          {totals === null || totals.bytesTotal === 0
            ? 'Nothing in progress'
            : `${formatBytesProgress(totals.bytesDone, totals.bytesTotal)}${pct === null ? '' : ` · ${pct}%`}`}
        </span>
        <span className={styles.transfersSpeed}>
          <span className={styles.speedUp}>
            <span aria-hidden="true">↑ </span>
            <span className="visually-hidden">Upload </span>
            {formatSpeed(totals?.speedUp ?? 0)}
          </span>
          <span className={styles.speedDown}>
            <span aria-hidden="true">↓ </span>
            <span className="visually-hidden">Download </span>
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

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const index = FILTERS.findIndex((f) => f.id === filter);
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
    store.getState().transfers.setFilter(target.id);
    refs.current.get(target.id)?.focus();
  }

  return (
    <div className={styles.transfersTabs} role="tablist" aria-label="Transfer filters" onKeyDown={onKeyDown}>
      {FILTERS.map((f) => {
        const count = totals !== null ? filterCount(totals, f.id) : f.id === filter ? pageTotal : null;
        const selected = f.id === filter;
        return (
          <button
            key={f.id}
            ref={(el) => {
              if (el === null) refs.current.delete(f.id);
              else refs.current.set(f.id, el);
            }}
            type="button"
            role="tab"
            id={`transfers-tab-${f.id}`}
            aria-selected={selected}
            aria-controls="transfers-list"
            aria-label={f.label}
            aria-describedby={count !== null ? `transfers-tab-count-${f.id}` : undefined}
            tabIndex={selected ? 0 : -1}
            className={cx(
              styles.transfersTab,
              selected && styles.isSelected,
              f.id === 'failed' && (count ?? 0) > 0 && styles.hasFailed,
            )}
            onClick={() => store.getState().transfers.setFilter(f.id)}
          >
            {f.label}
            {count !== null && (
              <span className={styles.tabCount} id={`transfers-tab-count-${f.id}`}>
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
  const t = () => store.getState().transfers;
  const all: TransferTarget = { all: true };
  const count = (...states: (keyof TransferTotals['byState'])[]): number =>
    totals === null ? 1 : states.reduce((n, s) => n + totals.byState[s], 0);
  const ids = (): TransferTarget => ({ jobIds: [...t().selected] });
  const none = selected.size === 0;
  return (
    <div className={styles.transfersActions}>
      <div className={styles.transfersActionGroup} role="group" aria-label="All transfers">
        <button
          type="button"
          className="button button-small"
          disabled={count('queued', 'running') === 0}
          onClick={() => void t().control('pause', all)}
        >
          Pause all
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={count('paused') === 0}
          onClick={() => void t().control('resume', all)}
        >
          Resume all
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={count('queued', 'running', 'paused', 'conflict') === 0}
          onClick={() => void t().control('cancel', all)}
        >
          Cancel all
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={count('failed') === 0}
          onClick={() => void t().retryFailed()}
        >
          Retry failed
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={count('done', 'skipped', 'cancelled') === 0}
          onClick={() => void t().clearFinished(false)}
        >
          Clear finished
        </button>
      </div>
      <div className={styles.transfersActionGroup} role="group" aria-label="Selected transfers">
        <span className={cx(styles.transfersSelectedCount, 'muted')}>
          {none ? 'None selected' : `${formatCount(selected.size)} selected`}
        </span>
        {(['pause', 'resume', 'cancel', 'retry'] as const).map((action) => (
          <button
            key={action}
            type="button"
            className="button button-small"
            disabled={none}
            onClick={() => void t().control(action, ids())}
          >
            {`${action[0]?.toUpperCase()}${action.slice(1)} selected`}
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
  if (!open) return null;
  return (
    <section id="transfers-panel" className={styles.transfers} aria-label="Transfers">
      <header className={styles.transfersHead}>
        <h2 className={styles.transfersTitle}>Transfers</h2>
        <Overall totals={totals} />
        <button
          type="button"
          className="icon-button"
          aria-label="Hide transfers"
          title="Hide transfers"
          onClick={() => store.getState().transfers.togglePanel(false)}
        >
          <ChevronDownIcon />
        </button>
      </header>
      <div className={styles.transfersBar}>
        <FilterTabs totals={totals} pageTotal={pageTotal} />
        <Actions totals={totals} />
      </div>
      <TransferList />
    </section>
  );
}
