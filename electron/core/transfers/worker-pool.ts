/**
 * The TransferEngine over worker threads: a few workers (MD5 is the CPU cost), each running many
 * tasks; a task goes to an idle one, else the least-loaded. One worker starts with the pool, so the
 * first transfer does not wait for its modules to load; another only for a large transfer while
 * every worker already has one (each worker costs ~30 MiB and its own warm-up: many small files
 * measured less CPU on one worker than on two). Credentials cross only inside `start` messages.
 * Rate limits live in two shared token buckets every worker reads.
 */
import { Worker } from 'node:worker_threads';
import type { AppError } from '../../../shared/errors';
import type { FromWorker, ToWorker, TransferTask } from '../../../shared/transfer-protocol';
import { createLimiterBuffer, setRate } from '../../worker/rate-limiter';
import type { RunningTask, TaskEvents, TaskOutcome, TransferEngine } from './engine';

export interface WorkerEntry {
  /** The script the Worker starts: each host bundles transfer-worker.js beside its entry. */
  script: URL;
  /** Handed to the worker as its workerData. */
  workerData?: unknown;
}

export interface WorkerPoolOptions {
  /** The worker script, from the composition root (the pool does not guess where it lies). */
  entry: WorkerEntry;
  /** Worker threads at most (default 2). */
  threads?: number;
}

interface Slot {
  worker: Worker;
  jobs: Set<string>;
  /** The large transfers among `jobs`. */
  large: Set<string>;
}

interface Entry {
  slot: Slot;
  events: TaskEvents;
  settle(outcome: TaskOutcome): void;
}

/**
 * A worker's young generation, below V8's default: its short-lived garbage is small (part bytes
 * live in pooled buffers), and the smaller nursery measured ~12 MiB less resident on a 1 GiB upload.
 */
const WORKER_YOUNG_GENERATION_MB = 12;

/** From this size a transfer's hashing and copying can keep a worker busy on its own. */
const LARGE_TASK_BYTES = 8 * 1024 * 1024;

/** A transfer of unknown size counts as large. */
function isLarge(task: TransferTask): boolean {
  const bytes =
    task.kind === 'upload' || task.kind === 'quicksync-upload'
      ? task.source.size
      : task.kind === 'download'
        ? task.expected.size
        : null;
  return bytes === null || bytes >= LARGE_TASK_BYTES;
}

const LOST_WORKER: AppError = {
  code: 'Unknown',
  message: 'The transfer worker stopped unexpectedly: try again.',
};

export interface WorkerPool extends TransferEngine {
  /** Worker threads alive now. */
  workers(): number;
}

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const threads = Math.max(1, Math.floor(options.threads ?? 2));
  const { entry } = options;
  const limiters = { up: createLimiterBuffer(), down: createLimiterBuffer() };
  const slots: Slot[] = [];
  const tasks = new Map<string, Entry>();
  let disposed = false;

  const settle = (jobId: string, outcome: TaskOutcome): void => {
    const task = tasks.get(jobId);
    if (!task) return;
    tasks.delete(jobId);
    task.slot.jobs.delete(jobId);
    task.slot.large.delete(jobId);
    // An idle worker must not keep the process alive; a busy one must.
    if (task.slot.jobs.size === 0) task.slot.worker.unref();
    task.settle(outcome);
  };

  const lost = (slot: Slot, detail: string): void => {
    const index = slots.indexOf(slot);
    if (index < 0) return;
    slots.splice(index, 1);
    for (const jobId of [...slot.jobs]) settle(jobId, { kind: 'failed', error: { ...LOST_WORKER, detail } });
    void slot.worker.terminate();
  };

  const onMessage = (message: FromWorker): void => {
    const task = tasks.get(message.jobId);
    if (!task) return;
    const { events } = task;
    // A throwing listener must not break the routing of later messages.
    const safely = (fn: () => void): void => {
      try {
        fn();
      } catch {
        // the queue's own problem; the transfer goes on
      }
    };
    switch (message.type) {
      case 'progress':
        return safely(() => events.onProgress(message.bytesDone, message.bytesTotal));
      case 'checkpoint':
        return safely(() => events.onCheckpoint(message.checkpoint));
      case 'retrying':
        return safely(() =>
          events.onRetrying({
            attempt: message.attempt,
            maxAttempts: message.maxAttempts,
            delayMs: message.delayMs,
            reason: message.reason,
          }),
        );
      case 'notice':
        return safely(() => events.onNotice(message.message));
      case 'done':
        return settle(message.jobId, { kind: 'done', result: message.result });
      case 'failed':
        return settle(message.jobId, { kind: 'failed', error: message.error });
      case 'stopped':
        return settle(message.jobId, message.reason === 'pause' ? { kind: 'paused' } : { kind: 'cancelled' });
    }
  };

  const spawn = (): Slot => {
    const worker = new Worker(entry.script, {
      ...(entry.workerData !== undefined && { workerData: entry.workerData }),
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    const slot: Slot = { worker, jobs: new Set(), large: new Set() };
    worker.on('message', onMessage);
    worker.on('error', (error: Error) => lost(slot, error.message.slice(0, 300)));
    worker.on('exit', (code) => lost(slot, `exit code ${code}`));
    worker.postMessage({ type: 'init', limiters } satisfies ToWorker);
    worker.unref();
    slots.push(slot);
    return slot;
  };

  const pick = (large: boolean): Slot => {
    const idle = slots.find((s) => s.jobs.size === 0);
    if (idle) return idle;
    if (large && slots.length < threads && slots.every((s) => s.large.size > 0)) return spawn();
    const load = (s: Slot): number => s.large.size * 1000 + s.jobs.size;
    return slots.reduce((a, b) => (load(b) < load(a) ? b : a));
  };

  const post = (slot: Slot, message: ToWorker): void => slot.worker.postMessage(message);
  spawn();

  return {
    run(task: TransferTask, events: TaskEvents): RunningTask {
      if (disposed) return { outcome: Promise.resolve({ kind: 'paused' }), pause() {}, cancel() {} };
      if (tasks.has(task.jobId)) {
        const error: AppError = { code: 'InvalidRequest', message: 'This transfer is already running.' };
        return { outcome: Promise.resolve({ kind: 'failed', error }), pause() {}, cancel() {} };
      }
      let settleOutcome!: (outcome: TaskOutcome) => void;
      const outcome = new Promise<TaskOutcome>((resolve) => (settleOutcome = resolve));
      const large = isLarge(task);
      const slot = pick(large);
      const mine: Entry = { slot, events, settle: settleOutcome };
      tasks.set(task.jobId, mine);
      slot.jobs.add(task.jobId);
      if (large) slot.large.add(task.jobId);
      slot.worker.ref();
      post(slot, { type: 'start', task });
      const stop = (reason: 'pause' | 'cancel'): void => {
        if (tasks.get(task.jobId) === mine) post(slot, { type: 'stop', jobId: task.jobId, reason });
      };
      return { outcome, pause: () => stop('pause'), cancel: () => stop('cancel') };
    },

    workers: () => slots.length,

    setRateLimits(limits) {
      setRate(limiters.up, limits.up);
      setRate(limiters.down, limits.down);
    },

    async dispose() {
      disposed = true;
      for (const jobId of [...tasks.keys()]) settle(jobId, { kind: 'paused' });
      const all = slots.splice(0);
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
