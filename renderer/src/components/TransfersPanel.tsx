/**
 * The transfers panel under the object browser: overall progress and speed graph, filter tabs,
 * actions for all and for the selection, and a virtualised list that holds only the window of
 * jobs in view (loaded through transfers:list as the person scrolls), so 100,000 jobs stay light.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import type { TransferFilter, TransferJobView, TransferTotals } from '../../../shared/transfers';
import { useApp, useAppStore, type TransferAction, type TransferTarget } from '../store';
import { formatCount } from '../view-model/format';
import {
  activeCount,
  filterCount,
  formatBytesProgress,
  formatSpeed,
  formatStateCounts,
  totalsPercent,
} from '../view-model/transfer-format';
import { SpeedGraph } from './SpeedGraph';
import { ChevronDownIcon } from './Icons';
import { TRANSFER_ROW_HEIGHT, TransferRow, TransferRowPlaceholder } from './TransferRow';

const FILTERS: { id: TransferFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'active', label: 'Active' },
  { id: 'failed', label: 'Failed' },
  { id: 'done', label: 'Done' },
];
const EMPTY: Record<TransferFilter, string> = {
  all: 'No transfers yet. Drop files or folders onto the object list to upload them.',
  active: 'Nothing is transferring.',
  failed: 'No failed transfers.',
  done: 'No finished transfers.',
};
/** Rows loaded beyond the visible ones on each side, and the pause before loading after a scroll. */
const MARGIN = 100;
const MAX_WINDOW = 500;
const LOAD_DELAY_MS = 120;
const OVERSCAN = 8;

/** The status bar's button: "Transfers", with overall progress while something is active. */
export function TransfersToggle() {
  const store = useAppStore();
  const open = useApp((s) => s.transfers.panelOpen);
  const totals = useApp((s) => s.transfers.totals);
  const active = activeCount(totals);
  const failed = totals?.byState.failed ?? 0;
  const pct = totalsPercent(totals);
  const progress = active > 0 ? `${pct === null ? '' : `${pct}% · `}${formatCount(active)} active` : '';
  const failedText = failed > 0 ? `${formatCount(failed)} failed` : '';
  const described = progress !== '' || failedText !== '';
  return (
    <button
      type="button"
      className={`status-transfers${open ? ' is-open' : ''}`}
      aria-label="Transfers"
      aria-expanded={open}
      aria-controls={open ? 'transfers-panel' : undefined}
      aria-describedby={described ? 'transfers-toggle-status' : undefined}
      onClick={() => store.getState().transfers.togglePanel()}
    >
      <span>Transfers</span>
      {active > 0 && pct !== null && (
        <span className="mini-bar" aria-hidden="true">
          <span className="mini-bar-fill" style={{ width: `${pct}%` }} />
        </span>
      )}
      {described && (
        <span id="transfers-toggle-status">
          {progress}
          {progress !== '' && failedText !== '' && ' · '}
          {failedText !== '' && <span className="status-failed">{failedText}</span>}
        </span>
      )}
    </button>
  );
}

/** A status line with just the toggle, for screens without the object browser's status bar. */
export function TransfersFooter() {
  const hasJobs = useApp((s) => (s.transfers.totals?.jobs ?? s.transfers.page?.total ?? 0) > 0);
  const open = useApp((s) => s.transfers.panelOpen);
  if (!hasJobs && !open) return null;
  return (
    <footer className="statusbar">
      <span className="spacer" />
      <TransfersToggle />
    </footer>
  );
}

function Overall({ totals }: { totals: TransferTotals | null }) {
  const speedHistory = useApp((s) => s.transfers.speedHistory);
  const pct = totalsPercent(totals);
  return (
    <div className="transfers-overall">
      <div className="transfers-overall-text">
        <span
          className="transfer-bar transfers-overall-bar"
          role="progressbar"
          aria-label="Overall progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct ?? undefined}
        >
          <span className="transfer-bar-fill" style={{ width: `${pct ?? 0}%` }} />
        </span>
        <span className="transfers-bytes">
          {totals === null || totals.bytesTotal === 0
            ? 'Nothing in progress'
            : `${formatBytesProgress(totals.bytesDone, totals.bytesTotal)}${pct === null ? '' : ` · ${pct}%`}`}
        </span>
        <span className="transfers-speed">
          <span className="speed-up">
            <span aria-hidden="true">↑ </span>
            <span className="visually-hidden">Upload </span>
            {formatSpeed(totals?.speedUp ?? 0)}
          </span>
          <span className="speed-down">
            <span aria-hidden="true">↓ </span>
            <span className="visually-hidden">Download </span>
            {formatSpeed(totals?.speedDown ?? 0)}
          </span>
        </span>
        {totals !== null && <span className="transfers-counts">{formatStateCounts(totals.byState)}</span>}
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
    <div className="transfers-tabs" role="tablist" aria-label="Transfer filters" onKeyDown={onKeyDown}>
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
            className={`transfers-tab${selected ? ' is-selected' : ''}${f.id === 'failed' && (count ?? 0) > 0 ? ' has-failed' : ''}`}
            onClick={() => store.getState().transfers.setFilter(f.id)}
          >
            {f.label}
            {count !== null && (
              <span className="tab-count" id={`transfers-tab-count-${f.id}`}>
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
    <div className="transfers-actions">
      <div className="transfers-action-group" role="group" aria-label="All transfers">
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
      <div className="transfers-action-group" role="group" aria-label="Selected transfers">
        <span className="transfers-selected-count muted">
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

function TransferList() {
  const store = useAppStore();
  const page = useApp((s) => s.transfers.page);
  const filter = useApp((s) => s.transfers.filter);
  const selected = useApp((s) => s.transfers.selected);
  const loadError = useApp((s) => s.transfers.loadError);
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = page?.total ?? 0;

  // TanStack Virtual keeps mutable state React Compiler cannot track; we do not use the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => TRANSFER_ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const loadedFrom = page?.offset ?? 0;
  const loadedTo = loadedFrom + (page?.jobs.length ?? 0);
  const hasPage = page !== null;

  // Scrolled beyond the loaded window: list the rows in view (and a margin) once scrolling settles.
  useEffect(() => {
    if (!hasPage || last < 0 || (first >= loadedFrom && last < loadedTo)) return;
    const timer = setTimeout(() => {
      const offset = Math.max(0, first - MARGIN);
      void store.getState().transfers.loadRange(offset, Math.min(MAX_WINDOW, last + 1 + MARGIN - offset));
    }, LOAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [store, hasPage, first, last, loadedFrom, loadedTo]);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [virtualizer, filter]);

  const onSelect = useCallback(
    (jobId: string, mods: { range?: boolean; toggle?: boolean }) => store.getState().transfers.select(jobId, mods),
    [store],
  );
  const onControl = useCallback(
    (action: TransferAction, job: TransferJobView) =>
      void store.getState().transfers.control(action, { jobIds: [job.id] }),
    [store],
  );

  let empty: string | null = null;
  if (page === null) empty = loadError !== null ? null : 'Loading…';
  else if (count === 0) empty = EMPTY[filter];

  return (
    <div
      ref={scrollRef}
      id="transfers-list"
      className="transfers-list"
      role="tabpanel"
      aria-labelledby={`transfers-tab-${filter}`}
      tabIndex={0}
    >
      {loadError !== null && (
        <div className="listing-error" role="alert">
          <span>
            The transfers could not be listed: {loadError.message}{' '}
            <span className="error-code">({loadError.code})</span>
          </span>
          <button
            type="button"
            className="button button-small"
            onClick={() => void store.getState().transfers.loadRange(loadedFrom, MAX_WINDOW)}
          >
            Try again
          </button>
        </div>
      )}
      {empty !== null ? (
        <div className="grid-empty">{empty}</div>
      ) : (
        <div
          className="transfers-canvas"
          role="list"
          aria-label="Transfer jobs"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const job = page !== null && item.index >= page.offset ? page.jobs[item.index - page.offset] : undefined;
            return job === undefined ? (
              <TransferRowPlaceholder key={`p-${item.index}`} index={item.index} count={count} start={item.start} />
            ) : (
              <TransferRow
                key={job.id}
                job={job}
                index={item.index}
                count={count}
                start={item.start}
                selected={selected.has(job.id)}
                onSelect={onSelect}
                onControl={onControl}
              />
            );
          })}
        </div>
      )}
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
    <section id="transfers-panel" className="transfers" aria-label="Transfers">
      <header className="transfers-head">
        <h2 className="transfers-title">Transfers</h2>
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
      <div className="transfers-bar">
        <FilterTabs totals={totals} pageTotal={pageTotal} />
        <Actions totals={totals} />
      </div>
      <TransferList />
    </section>
  );
}
