/**
 * Counts the queue keeps in step with every state change, each in O(1): per batch (how many
 * jobs in each state, whether its sources are still being read, whether its end was announced)
 * and for the current run of work (the bytes of the jobs active since the queue was last idle).
 */
import path from 'node:path';
import { ACTIVE_STATES, type BatchFinished, type TransferState } from '../../../shared/transfers';
import { emptyCounts } from './job-store';
import type { BatchRecord, JobRecord } from './types';

export const isActive = (state: TransferState): boolean => ACTIVE_STATES.includes(state);

/** The jobs of these counts still to settle. */
export const activeIn = (counts: Readonly<Record<TransferState, number>>): number =>
  ACTIVE_STATES.reduce((n, st) => n + counts[st], 0);

interface BatchStats {
  byState: Record<TransferState, number>;
  /** Source walks or listings still adding jobs. */
  inputs: number;
  notified: boolean;
}

export interface TalliesDeps {
  batch(batchId: string): BatchRecord | undefined;
  jobsOf(batchId: string): ReadonlySet<JobRecord>;
  finished(batch: BatchFinished): void;
}

/** Per batch: announces a batch once when nothing of it is active and no source still feeds it. */
export class BatchTallies {
  private readonly stats = new Map<string, BatchStats>();

  constructor(private readonly deps: TalliesDeps) {}

  private of(batchId: string): BatchStats {
    let s = this.stats.get(batchId);
    if (!s) {
      s = { byState: emptyCounts(), inputs: 0, notified: false };
      this.stats.set(batchId, s);
    }
    return s;
  }

  /** A batch was opened (it counts even before its first job). */
  opened(batchId: string): void {
    this.of(batchId);
  }

  /** A job joined (or was restored) in this state. */
  added(batchId: string, state: TransferState): void {
    const s = this.of(batchId);
    s.byState[state]++;
    if (isActive(state)) s.notified = false;
  }

  /** A job went away (cleared). */
  removed(batchId: string, state: TransferState): void {
    const s = this.stats.get(batchId);
    if (s) s.byState[state]--;
  }

  moved(batchId: string, from: TransferState, to: TransferState): void {
    const s = this.of(batchId);
    s.byState[from]--;
    s.byState[to]++;
    if (isActive(to)) s.notified = false;
    else if (isActive(from)) this.check(batchId);
  }

  /** After a restart: batches with nothing left to do were announced before. */
  restored(): void {
    for (const s of this.stats.values()) s.notified = activeIn(s.byState) === 0;
  }

  beginInput(batchId: string): void {
    const s = this.of(batchId);
    s.inputs++;
    s.notified = false;
  }

  endInput(batchId: string): void {
    const s = this.stats.get(batchId);
    if (!s) return;
    s.inputs = Math.max(0, s.inputs - 1);
    this.check(batchId);
  }

  /** Batches whose sources are still being read (they keep their record when their jobs go). */
  feeding(): string[] {
    return [...this.stats].flatMap(([id, s]) => (s.inputs > 0 ? [id] : []));
  }

  /** Forgets the counts of batches that are gone. */
  prune(exists: (batchId: string) => boolean): void {
    for (const batchId of [...this.stats.keys()]) if (!exists(batchId)) this.stats.delete(batchId);
  }

  private check(batchId: string): void {
    const s = this.stats.get(batchId);
    const batch = this.deps.batch(batchId);
    if (!s || !batch || s.notified || s.inputs > 0 || activeIn(s.byState) > 0) return;
    s.notified = true;
    this.deps.finished({
      batchId,
      label: batchLabel(batch, this.deps.jobsOf(batchId)),
      direction: batch.direction,
      done: s.byState.done,
      failed: s.byState.failed,
      skipped: s.byState.skipped,
      cancelled: s.byState.cancelled,
    });
  }
}

/** "Folder photos", "a.txt to bucket/in" or "3 files to bucket/in". */
export function batchLabel(batch: BatchRecord, jobs: ReadonlySet<JobRecord>): string {
  const [root] = batch.roots;
  if (batch.roots.length === 1 && root?.folder) return `Folder ${root.name}`;
  if (jobs.size === 1) {
    const [only] = jobs;
    return `${only ? path.posix.basename(only.name) : 'One file'} to ${batch.place}`;
  }
  return `${jobs.size} files to ${batch.place}`;
}

/** The bytes of the current run of work: jobs active since the queue was last idle. */
export class RunTotals {
  private readonly jobs = new Set<JobRecord>();
  done = 0;
  total = 0;

  /** Starts a new run: called when the first job becomes active while none is. */
  reset(): void {
    this.jobs.clear();
    this.done = 0;
    this.total = 0;
  }

  enter(job: JobRecord): void {
    if (this.jobs.has(job)) return;
    this.jobs.add(job);
    this.done += job.bytesDone;
    this.total += job.bytesTotal ?? 0;
  }

  leave(job: JobRecord): void {
    if (!this.jobs.delete(job)) return;
    this.done -= job.bytesDone;
    this.total -= job.bytesTotal ?? 0;
  }

  /** The job's bytes changed from these (hot path: every progress report). */
  adjust(job: JobRecord, doneBefore: number, totalBefore: number | null): void {
    if (!this.jobs.has(job)) return;
    this.done += job.bytesDone - doneBefore;
    this.total += (job.bytesTotal ?? 0) - (totalBefore ?? 0);
  }
}
