/**
 * Jobs and batches in memory, persisted through the journal, with per-state counts and the
 * filtered index for paging. Every change of a job goes through here so the index, the counts
 * and the journal never disagree. History survives restarts; credentials are never stored.
 */
import path from 'node:path';
import type { Checkpoint } from '../../../shared/transfer-protocol';
import type { TransferFilter, TransferState } from '../../../shared/transfers';
import { JobIndex } from './job-index';
import { checkpointDelta, Journal, JOURNAL_FILE, loadJournal, type JournalLine } from './journal';
import type { BatchRecord, JobRecord } from './types';

export interface JobStoreOptions {
  /** Compact once the journal has this many lines and more than 3 per record. */
  compactAfterLines?: number;
}

const ALL_STATES: TransferState[] = [
  'queued',
  'running',
  'paused',
  'conflict',
  'failed',
  'done',
  'skipped',
  'cancelled',
];

export const emptyCounts = (): Record<TransferState, number> =>
  Object.fromEntries(ALL_STATES.map((s) => [s, 0])) as Record<TransferState, number>;

export class JobStore {
  readonly counts = emptyCounts();
  private readonly byBatch = new Map<string, Set<JobRecord>>();
  private readonly index: JobIndex<JobRecord>;
  private readonly compactAfter: number;

  private constructor(
    private readonly journal: Journal,
    private readonly jobs: Map<string, JobRecord>,
    readonly batches: Map<string, BatchRecord>,
    options: JobStoreOptions,
  ) {
    this.compactAfter = options.compactAfterLines ?? 20_000;
    for (const job of jobs.values()) {
      this.counts[job.state]++;
      this.batchSet(job.batchId).add(job);
    }
    this.index = new JobIndex(jobs.values());
  }

  /** Loads the journal (skipping a partial last line) and compacts it before anything else. */
  static async open(dataDir: string, options: JobStoreOptions = {}): Promise<JobStore> {
    const file = path.join(dataDir, JOURNAL_FILE);
    await Journal.cleanTemp(file);
    const loaded = await loadJournal(file);
    const journal = new Journal(file);
    // Map order is creation order: a record written again later keeps its first place.
    const store = new JobStore(journal, loaded.jobs, loaded.batches, options);
    journal.compact(() => store.lines());
    await journal.flush();
    return store;
  }

  get size(): number {
    return this.jobs.size;
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  all(): IterableIterator<JobRecord> {
    return this.jobs.values();
  }

  ofBatch(batchId: string): ReadonlySet<JobRecord> {
    return this.byBatch.get(batchId) ?? new Set();
  }

  count(filter: TransferFilter): number {
    return this.index.count(filter);
  }

  page(filter: TransferFilter, offset: number, limit: number): JobRecord[] {
    return this.index.page(filter, offset, limit);
  }

  putBatch(batch: BatchRecord): void {
    this.batches.set(batch.id, batch);
    this.write({ t: 'batch', batch });
  }

  add(job: JobRecord): void {
    this.jobs.set(job.id, job);
    this.counts[job.state]++;
    this.batchSet(job.batchId).add(job);
    this.index.append(job);
    this.write({ t: 'job', job });
  }

  /** Changes the state (and other fields at once); one journal line. */
  setState(job: JobRecord, state: TransferState, fields: Partial<JobRecord> = {}): void {
    const from = job.state;
    Object.assign(job, fields, { state });
    this.counts[from]--;
    this.counts[state]++;
    this.index.moved(job, from);
    this.write({ t: 'set', id: job.id, f: { ...fields, state, bytesDone: job.bytesDone } });
  }

  /** Changes fields other than the state. */
  update(job: JobRecord, fields: Partial<Omit<JobRecord, 'state'>>): void {
    Object.assign(job, fields);
    this.write({ t: 'set', id: job.id, f: fields });
  }

  /** Progress is kept in memory only: checkpoints and state changes persist the bytes. */
  progress(job: JobRecord, bytesDone: number, bytesTotal: number | null): void {
    job.bytesDone = bytesDone;
    job.bytesTotal = bytesTotal;
  }

  /** Persists a checkpoint (as a delta when it only adds parts or chunks) and syncs it to disk. */
  checkpoint(job: JobRecord, checkpoint: Checkpoint, bytesDone: number): void {
    const delta = checkpointDelta(job.checkpoint, checkpoint);
    job.checkpoint = checkpoint;
    job.bytesDone = bytesDone;
    this.write(
      delta ? { t: 'cpd', id: job.id, ...delta, b: bytesDone } : { t: 'cp', id: job.id, cp: checkpoint, b: bytesDone },
      true,
    );
  }

  /** Forgets jobs, and batches left without jobs. */
  remove(gone: ReadonlySet<JobRecord>): void {
    if (gone.size === 0) return;
    const emptied: string[] = [];
    for (const job of gone) {
      this.jobs.delete(job.id);
      this.counts[job.state]--;
      const set = this.byBatch.get(job.batchId);
      set?.delete(job);
      if (set?.size === 0) {
        this.byBatch.delete(job.batchId);
        this.batches.delete(job.batchId);
        emptied.push(job.batchId);
      }
    }
    this.index.remove(gone);
    this.write({ t: 'rm', ids: [...gone].map((j) => j.id) });
    if (emptied.length > 0) this.write({ t: 'brm', ids: emptied });
  }

  flush(): Promise<void> {
    return this.journal.flush();
  }

  close(): Promise<void> {
    return this.journal.close();
  }

  /** The whole state as journal lines (what compaction writes). */
  private *lines(): Iterable<JournalLine> {
    yield { t: 'v', v: 1 };
    for (const batch of this.batches.values()) yield { t: 'batch', batch };
    for (const job of this.jobs.values()) yield { t: 'job', job };
  }

  private write(line: JournalLine, sync = false): void {
    this.journal.append(line, sync);
    const records = this.jobs.size + this.batches.size;
    if (!this.journal.compacting && this.journal.lines > this.compactAfter && this.journal.lines > 3 * records) {
      this.journal.compact(() => this.lines());
    }
  }

  private batchSet(batchId: string): Set<JobRecord> {
    let set = this.byBatch.get(batchId);
    if (!set) this.byBatch.set(batchId, (set = new Set()));
    return set;
  }
}
