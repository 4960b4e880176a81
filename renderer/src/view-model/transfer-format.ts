/** How the transfers panel words things: bytes, speed, ETA, states, retries and batch notifications. */
import type {
  BatchFinished,
  TransferFilter,
  TransferJobView,
  TransferState,
  TransferTotals,
} from '../../../shared/transfers';
import { formatCount, formatSize } from './format';

export const STATE_LABEL: Record<TransferState, string> = {
  queued: 'Queued',
  running: 'Transferring',
  paused: 'Paused',
  conflict: 'Waiting for your answer',
  failed: 'Failed',
  done: 'Done',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

export const DIRECTION_LABEL = { upload: 'Upload', download: 'Download' } as const;

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
  return `${formatSize(Math.max(0, Math.round(bytesPerSecond)))}/s`;
}

/** "42 s", "3 min 5 s", "2 h 10 min", "3 d 4 h"; empty when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const rest = s % 60;
    return rest === 0 || s >= 600 ? `${Math.floor(s / 60)} min` : `${Math.floor(s / 60)} min ${rest} s`;
  }
  if (s < 86_400) {
    const m = Math.floor((s % 3600) / 60);
    return m === 0 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 3600)} h ${m} min`;
  }
  const h = Math.floor((s % 86_400) / 3600);
  return h === 0 ? `${Math.floor(s / 86_400)} d` : `${Math.floor(s / 86_400)} d ${h} h`;
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
  const when = Number.isFinite(wait) && wait > 0 ? `in ${wait} s` : 'now';
  return `Retrying ${when} (attempt ${retry.attempt} of ${retry.maxAttempts}): ${retry.reason}`;
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
const COUNT_WORD: Record<TransferState, string> = {
  running: 'running',
  queued: 'queued',
  paused: 'paused',
  conflict: 'waiting',
  failed: 'failed',
  done: 'done',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

/** "3 running · 10 queued · 1 failed" (states with no jobs left out). */
export function formatStateCounts(byState: Record<TransferState, number>): string {
  return COUNT_ORDER.filter((s) => byState[s] > 0)
    .map((s) => `${formatCount(byState[s])} ${COUNT_WORD[s]}`)
    .join(' · ');
}

/** Jobs still to finish (the status bar's "3 active"). */
export function activeCount(totals: TransferTotals | null): number {
  return totals === null ? 0 : filterCount(totals, 'active');
}

/** The desktop notification (or toast) for a finished batch: "Upload finished" / "12 done, 1 failed". */
export function batchFinishedMessage(batch: BatchFinished): { title: string; body: string } {
  const parts = [`${formatCount(batch.done)} done`];
  if (batch.failed > 0) parts.push(`${formatCount(batch.failed)} failed`);
  if (batch.skipped > 0) parts.push(`${formatCount(batch.skipped)} skipped`);
  if (batch.cancelled > 0) parts.push(`${formatCount(batch.cancelled)} cancelled`);
  return { title: `${DIRECTION_LABEL[batch.direction]} finished`, body: parts.join(', ') };
}
