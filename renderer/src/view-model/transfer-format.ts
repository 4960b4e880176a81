/** How the transfers panel words things: bytes, speed, ETA, states, retries and batch notifications. */
import type {
  BatchFinished,
  TransferFilter,
  TransferJobView,
  TransferState,
  TransferTotals,
} from '../../../shared/transfers';
import { i18n } from '../i18n';
import { formatSize } from './format';

/** "Transferring", "Waiting for your answer", … in the UI's language. */
export const stateLabel = (state: TransferState): string => i18n.t(`transfers:state.${state}`);

export const directionLabel = (direction: TransferJobView['direction']): string =>
  i18n.t(`transfers:direction.${direction}`);

/** Which filter tab a state belongs to (besides All). */
export const FILTER_STATES: Record<Exclude<TransferFilter, 'all'>, readonly TransferState[]> = {
  active: ['queued', 'running', 'paused', 'conflict'],
  failed: ['failed'],
  done: ['done', 'skipped', 'cancelled'],
};

export function matchesFilter(state: TransferState, filter: TransferFilter): boolean {
  return filter === 'all' || FILTER_STATES[filter].includes(state);
}

/** How many jobs a filter tab holds, from the snapshot's totals. */
export function filterCount(totals: TransferTotals, filter: TransferFilter): number {
  if (filter === 'all') return totals.jobs;
  return FILTER_STATES[filter].reduce((n, state) => n + totals.byState[state], 0);
}

/** "1.2 MB / 4.5 MB"; just what is done while the total is unknown. */
export function formatBytesProgress(done: number, total: number | null): string {
  return total === null ? formatSize(done) : `${formatSize(done)} / ${formatSize(total)}`;
}

export function formatSpeed(bytesPerSecond: number): string {
  return i18n.t('transfers:speed', { size: formatSize(Math.max(0, Math.round(bytesPerSecond))) });
}

/** "42 s", "3 min 5 s", "2 h 10 min", "3 d 4 h"; empty when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.ceil(seconds);
  const eta = (key: string, big: number, small = 0): string => i18n.t(`transfers:eta.${key}`, { big, small });
  if (s < 60) return eta('s', s);
  if (s < 3600) {
    const rest = s % 60;
    return rest === 0 || s >= 600 ? eta('min', Math.floor(s / 60)) : eta('minS', Math.floor(s / 60), rest);
  }
  if (s < 86_400) {
    const m = Math.floor((s % 3600) / 60);
    return m === 0 ? eta('h', Math.floor(s / 3600)) : eta('hMin', Math.floor(s / 3600), m);
  }
  const h = Math.floor((s % 86_400) / 3600);
  return h === 0 ? eta('d', Math.floor(s / 86_400)) : eta('dH', Math.floor(s / 86_400), h);
}

/** Whole percent done for a job's progress bar; null while the size is unknown (indeterminate). */
export function jobPercent(job: Pick<TransferJobView, 'state' | 'bytesDone' | 'bytesTotal'>): number | null {
  if (job.state === 'done') return 100;
  if (job.bytesTotal === null) return null;
  return percent(job.bytesDone, job.bytesTotal);
}

/** Whole percent of the overall bytes; null when nothing is being counted. */
export function totalsPercent(totals: TransferTotals | null): number | null {
  if (totals === null || totals.bytesTotal <= 0) return null;
  return percent(totals.bytesDone, totals.bytesTotal);
}

function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

/** "Retrying in 4 s (attempt 2 of 6): SlowDown". */
export function formatRetry(retry: NonNullable<TransferJobView['retry']>, now: number): string {
  const wait = Math.ceil((Date.parse(retry.at) - now) / 1000);
  const { attempt, maxAttempts, reason } = retry;
  return Number.isFinite(wait) && wait > 0
    ? i18n.t('transfers:retry.in', { wait, attempt, maxAttempts, reason })
    : i18n.t('transfers:retry.now', { attempt, maxAttempts, reason });
}

const COUNT_ORDER: TransferState[] = [
  'running',
  'queued',
  'paused',
  'conflict',
  'failed',
  'done',
  'skipped',
  'cancelled',
];
/** "3 running · 10 queued · 1 failed" (states with no jobs left out). */
export function formatStateCounts(byState: Record<TransferState, number>): string {
  return COUNT_ORDER.filter((s) => byState[s] > 0)
    .map((s) => i18n.t(`transfers:count.${s}`, { count: byState[s] }))
    .join(' · ');
}

/** Jobs still to finish (the status bar's "3 active"). */
export function activeCount(totals: TransferTotals | null): number {
  return totals === null ? 0 : filterCount(totals, 'active');
}

/** The desktop notification (or toast) for a finished batch: "Upload finished" / "12 done, 1 failed". */
export function batchFinishedMessage(batch: BatchFinished): { title: string; body: string } {
  const parts = [i18n.t('transfers:count.done', { count: batch.done })];
  for (const state of ['failed', 'skipped', 'cancelled'] as const) {
    if (batch[state] > 0) parts.push(i18n.t(`transfers:count.${state}`, { count: batch[state] }));
  }
  return { title: i18n.t(`transfers:finished.${batch.direction}`), body: parts.join(', ') };
}
