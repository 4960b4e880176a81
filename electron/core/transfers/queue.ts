/**
 * The transfer queue: what the transfers service talks to. It assembles the parts — the
 * scheduler (what starts when), the job state machine (transitions, controls, tallies),
 * pre-flight (sources, targets, conflicts) and the views — and runs a started job: pre-flight,
 * the account's provider builds the task, the engine moves the bytes and reports.
 */
import { randomUUID } from 'node:crypto';
import type { AppError } from '../../../shared/errors';
import type { Checkpoint, SourceFile } from '../../../shared/transfer-protocol';
import type {
  ConflictChoice,
  TransferFilter,
  TransferPage,
  TransferSettings,
  TransfersSnapshot,
} from '../../../shared/transfers';
import { CoreError, toAppError } from '../errors';
import type { TaskEvents, TaskOutcome, TransferEngine } from './engine';
import { createJobMachine, type ControlAction, type ControlTarget } from './job-machine';
import type { JobStore } from './job-store';
import { createJobViews } from './job-view';
import { createPreflight } from './preflight';
import type { ProviderTransfers, TaskRequest } from './provider-transfers';
import { createScheduler } from './scheduler';
import { createSnapshotEmitter } from './snapshot-emitter';
import { SpeedMeter } from './speed';
import { activeIn, BatchTallies, isActive, RunTotals } from './tallies';
import type { BatchRecord, BatchRoot, JobRecord, Runtime } from './types';

export type { ControlAction, ControlTarget } from './job-machine';

export interface QueueDeps {
  store: JobStore;
  engine: TransferEngine;
  settings: () => TransferSettings;
  /** The account's provider: it checks targets, builds tasks (credentials resolved then) and cleans up. */
  transfersFor: (accountId: string) => Promise<ProviderTransfers>;
  /** Where a browser-held upload's bytes are staged. */
  stagingPath: (jobId: string) => string;
  /** Forgets a job's stage id and staged bytes. */
  discardStage: (jobId: string) => Promise<void>;
  emit: (snapshot: TransfersSnapshot) => void;
  now?: () => number;
  backoff?: { baseBackoffMs: number; maxBackoffMs: number };
  snapshotIntervalMs?: number;
}

export type NewBatch = Omit<BatchRecord, 'roots' | 'createdAt'>;

export type NewJob = Pick<
  JobRecord,
  'batchId' | 'direction' | 'name' | 'accountId' | 'bucket' | 'key' | 'localPath' | 'bytesTotal'
> & {
  stage?: JobRecord['stage'];
  expected?: JobRecord['expected'];
  uploadOptions?: JobRecord['uploadOptions'];
  wholeFileMd5?: JobRecord['wholeFileMd5'];
  /** A job that cannot run (unreadable file, unsafe key) is added failed or skipped, with its error. */
  state?: 'queued' | 'failed' | 'skipped';
  error?: AppError;
};

export interface TransferQueue {
  openBatch(batch: NewBatch): BatchRecord;
  /** Records a top-level item of the batch (for its label). */
  addRoot(batchId: string, root: BatchRoot): void;
  addJob(job: NewJob): JobRecord;
  /** A source walk or listing feeds the batch: it cannot be finished before endInput. */
  beginInput(batchId: string): void;
  endInput(batchId: string): void;
  control(action: ControlAction, target: ControlTarget): number;
  resolveConflict(jobId: string, choice: ConflictChoice, applyToBatch: boolean): void;
  list(filter: TransferFilter, offset: number, limit: number): TransferPage;
  /** Forgets finished jobs (and failed ones when asked); returns how many. */
  clear(includeFailed: boolean): number;
  /** The staged bytes of a browser upload arrived; false if the job no longer wants them. */
  stageReady(jobId: string): boolean;
  job(id: string): JobRecord | undefined;
  /** Settings changed: start more jobs if the limit grew. */
  settingsChanged(): void;
  /** Stops starting and recording outcomes (the engine is disposed next; running jobs resume on start). */
  dispose(): Promise<void>;
}

export function createQueue(deps: QueueDeps): TransferQueue {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const iso = (ms: number = now()): string => new Date(ms).toISOString();
  const backoff = deps.backoff ?? { baseBackoffMs: 250, maxBackoffMs: 10_000 };
  let revision = 1;

  const run = new RunTotals();
  const conflicts = new Set<string>();
  const scheduler = createScheduler<Runtime>({
    slots: () => deps.settings().jobsInParallel,
    job: (id) => store.get(id),
    start,
    tick: (id) => emitter.changed(id),
  });
  const views = createJobViews({ store, running: scheduler.running, run, conflicts, now });
  const emitter = createSnapshotEmitter(
    {
      revision: () => revision,
      totals: views.totals,
      view: (id) => {
        const job = store.get(id);
        return job ? views.view(job) : null;
      },
      conflicts: views.questions,
    },
    deps.emit,
    { now, ...(deps.snapshotIntervalMs !== undefined && { intervalMs: deps.snapshotIntervalMs }) },
  );
  const tallies = new BatchTallies({
    batch: (id) => store.batches.get(id),
    jobsOf: (id) => store.ofBatch(id),
    finished: (batch) => emitter.batchFinished(batch),
  });
  const machine = createJobMachine({
    store,
    scheduler,
    tallies,
    run,
    conflicts,
    emitter,
    transfersFor: deps.transfersFor,
    discardStage: deps.discardStage,
    iso,
  });
  const preflight = createPreflight({
    store,
    transfersFor: deps.transfersFor,
    stagingPath: deps.stagingPath,
    resized: (job, size) => setBytes(job, job.bytesDone, size),
  });

  machine.restore(deps.settings().resumeOnStart);

  function setBytes(job: JobRecord, done: number, total: number | null): void {
    const doneBefore = job.bytesDone;
    const totalBefore = job.bytesTotal;
    store.progress(job, done, total);
    run.adjust(job, doneBefore, totalBefore);
  }

  function start(job: JobRecord): void {
    const rt: Runtime = { task: null, intent: null, requeue: false, meter: new SpeedMeter(), retry: null };
    scheduler.started(job.id, rt);
    machine.transition(job, 'running', { error: null, finishedAt: null });
    void launch(job, rt);
  }

  async function launch(job: JobRecord, rt: Runtime): Promise<void> {
    let outcome: TaskOutcome;
    try {
      const step = await preflight(job);
      if (rt.intent) return machine.settle(job, rt, { kind: rt.intent === 'pause' ? 'paused' : 'cancelled' });
      if (step.kind !== 'run') return machine.settleBeforeRun(job, rt, step);
      const transfers = await deps.transfersFor(job.accountId);
      const task = await transfers.buildTask(taskRequest(job, step.source));
      if (rt.intent) return machine.settle(job, rt, { kind: rt.intent === 'pause' ? 'paused' : 'cancelled' });
      if (scheduler.disposed) return;
      rt.meter.add(now(), job.bytesDone);
      rt.task = deps.engine.run(task, eventsFor(job, rt));
      outcome = await rt.task.outcome;
    } catch (error) {
      outcome = { kind: 'failed', error: toAppError(error) };
    }
    machine.settle(job, rt, outcome);
  }

  /** Built for every task start: plain literals, no spreads (this is a hot path for small files). */
  function taskRequest(job: JobRecord, source: SourceFile | null): TaskRequest {
    const settings = deps.settings();
    const tuning = {
      partsInParallel: settings.partsInParallel,
      maxAttempts: settings.maxAttempts,
      stallTimeoutMs: settings.stallTimeoutMs,
      baseBackoffMs: backoff.baseBackoffMs,
      maxBackoffMs: backoff.maxBackoffMs,
    };
    const { id: jobId, bucket, key, checkpoint } = job;
    if (job.direction === 'upload') {
      if (!source) throw new CoreError('LocalIOError', 'The upload has no source file.');
      return {
        direction: 'upload',
        jobId,
        bucket,
        key,
        checkpoint,
        settings,
        tuning,
        source,
        options: job.uploadOptions,
        // Absent (undefined) in jobs journaled before it existed.
        wholeFileMd5: job.wholeFileMd5 === true,
      };
    }
    if (job.localPath === null) throw new CoreError('InvalidRequest', 'The download has no target file.');
    const target = job.localPath;
    return { direction: 'download', jobId, bucket, key, checkpoint, settings, tuning, target, expected: job.expected };
  }

  function eventsFor(job: JobRecord, rt: Runtime): TaskEvents {
    const live = (): boolean => scheduler.running.get(job.id) === rt && !scheduler.disposed;
    return {
      onProgress(done, total) {
        if (!live()) return;
        if (rt.retry && done > job.bytesDone) rt.retry = null;
        setBytes(job, done, total);
        rt.meter.add(now(), done);
        emitter.changed(job.id);
      },
      // Persisted even while shutting down: a finished part is real state on the server.
      onCheckpoint(checkpoint) {
        if (scheduler.running.get(job.id) === rt) store.checkpoint(job, checkpoint, checkpointBytes(checkpoint));
      },
      onRetrying(info) {
        if (!live()) return;
        rt.retry = {
          attempt: info.attempt,
          maxAttempts: info.maxAttempts,
          at: iso(now() + info.delayMs),
          reason: info.reason.message,
        };
        emitter.changed(job.id);
      },
      onNotice(message) {
        if (!live()) return;
        store.update(job, { notice: message });
        emitter.changed(job.id);
      },
    };
  }

  return {
    openBatch(input) {
      const existing = store.batches.get(input.id);
      if (existing) {
        const same =
          existing.direction === input.direction &&
          existing.accountId === input.accountId &&
          existing.bucket === input.bucket &&
          existing.targetDir === input.targetDir;
        if (!same) throw new CoreError('InvalidRequest', 'This batch id belongs to another transfer: use a new one.');
        return existing;
      }
      const batch: BatchRecord = { ...input, roots: [], createdAt: iso() };
      store.putBatch(batch);
      tallies.opened(batch.id);
      return batch;
    },

    addRoot(batchId, root) {
      const batch = store.batches.get(batchId);
      if (!batch || batch.roots.length >= 2) return;
      batch.roots.push(root);
      store.putBatch(batch);
    },

    addJob(input) {
      const state = input.state ?? 'queued';
      const job: JobRecord = {
        id: randomUUID(),
        batchId: input.batchId,
        direction: input.direction,
        name: input.name,
        accountId: input.accountId,
        bucket: input.bucket,
        key: input.key,
        localPath: input.localPath,
        state,
        bytesDone: 0,
        bytesTotal: input.bytesTotal,
        notice: null,
        error: input.error ?? null,
        createdAt: iso(),
        finishedAt: state === 'queued' ? null : iso(),
        stage: input.stage ?? null,
        expected: input.expected ?? null,
        decision: null,
        existing: null,
        checkpoint: null,
        uploadOptions: input.uploadOptions ?? null,
        wholeFileMd5: input.wholeFileMd5 ?? false,
      };
      const wasIdle = activeIn(store.counts) === 0;
      store.add(job);
      tallies.added(job.batchId, state);
      if (state === 'queued') {
        if (wasIdle) run.reset();
        run.enter(job);
        if (job.stage !== 'waiting') scheduler.ready(job.id);
        scheduler.schedule();
      }
      revision++;
      emitter.touched();
      return job;
    },

    beginInput: (batchId) => tallies.beginInput(batchId),
    endInput: (batchId) => tallies.endInput(batchId),
    control: machine.control,
    resolveConflict: machine.resolveConflict,
    list: (filter, offset, limit) => views.page(filter, offset, limit, revision),

    clear(includeFailed) {
      const gone = new Set<JobRecord>();
      for (const job of store.all()) {
        if (isActive(job.state) || (job.state === 'failed' && !includeFailed)) continue;
        gone.add(job);
      }
      for (const job of gone) {
        if (job.state === 'failed') machine.discardCheckpoint(job);
        machine.releaseStage(job);
        run.leave(job);
        tallies.removed(job.batchId, job.state);
      }
      // A batch still being fed keeps its record (policy, label) even when all its jobs so far went.
      const feeding = tallies.feeding().flatMap((id) => store.batches.get(id) ?? []);
      store.remove(gone);
      for (const batch of feeding) if (!store.batches.has(batch.id)) store.putBatch(batch);
      tallies.prune((id) => store.batches.has(id));
      if (gone.size > 0) {
        revision++;
        emitter.touched();
      }
      return gone.size;
    },

    stageReady(jobId) {
      const job = store.get(jobId);
      if (!job || job.stage !== 'waiting' || !isActive(job.state)) return false;
      store.update(job, { stage: 'ready' });
      if (job.state === 'queued') scheduler.ready(job.id);
      emitter.changed(job.id);
      scheduler.schedule();
      return true;
    },

    job: (id) => store.get(id),

    settingsChanged: () => scheduler.schedule(),

    async dispose() {
      scheduler.dispose();
      emitter.dispose();
      await machine.drain();
    },
  };
}

/** Bytes a checkpoint stands for (what survives a crash), shown until the job runs again. */
export function checkpointBytes(cp: Checkpoint): number {
  if (cp.kind !== 'download') return cp.parts.reduce((n, p) => n + p.size, 0);
  return cp.doneChunks.reduce((n, i) => n + Math.max(0, Math.min(cp.chunkSize, cp.size - i * cp.chunkSize)), 0);
}
