/**
 * A TransferEngine for queue tests: every task becomes a FakeRun the test drives by hand
 * (progress, checkpoints, notices, done/failed). pause()/cancel() settle at once unless
 * `holdStops` is set, in which case the test settles them. Records concurrency and rate limits.
 */
import type { AppError } from '../../../shared/errors';
import type { Checkpoint, TransferTask } from '../../../shared/transfer-protocol';
import type { RunningTask, TaskEvents, TaskOutcome, TransferEngine } from '../../../electron/core/transfers/engine';

export class FakeRun {
  readonly outcome: Promise<TaskOutcome>;
  readonly stops: ('pause' | 'cancel')[] = [];
  settled: TaskOutcome | null = null;
  private resolve!: (outcome: TaskOutcome) => void;

  constructor(
    readonly task: TransferTask,
    readonly events: TaskEvents,
    private readonly engine: FakeEngine,
  ) {
    this.outcome = new Promise((resolve) => (this.resolve = resolve));
  }

  get jobId(): string {
    return this.task.jobId;
  }

  progress(bytesDone: number, bytesTotal: number): void {
    this.events.onProgress(bytesDone, bytesTotal);
  }

  checkpoint(checkpoint: Checkpoint): void {
    this.events.onCheckpoint(checkpoint);
  }

  notice(message: string): void {
    this.events.onNotice(message);
  }

  succeed(
    size = 'source' in this.task ? this.task.source.size : 'expected' in this.task ? (this.task.expected.size ?? 0) : 0,
  ): void {
    this.settle({ kind: 'done', result: { size, etag: '"etag"' } });
  }

  fail(error: AppError = { code: 'NetworkError', message: 'The connection was closed unexpectedly.' }): void {
    this.settle({ kind: 'failed', error });
  }

  stop(reason: 'pause' | 'cancel'): void {
    this.stops.push(reason);
    if (!this.engine.holdStops) this.settle({ kind: reason === 'pause' ? 'paused' : 'cancelled' });
  }

  settle(outcome: TaskOutcome): void {
    if (this.settled) return;
    this.settled = outcome;
    this.engine.active.delete(this.jobId);
    this.resolve(outcome);
  }
}

export class FakeEngine implements TransferEngine {
  readonly runs: FakeRun[] = [];
  readonly active = new Map<string, FakeRun>();
  readonly rateLimits: { up: number; down: number }[] = [];
  maxActive = 0;
  holdStops = false;
  disposed = false;

  run(task: TransferTask, events: TaskEvents): RunningTask {
    const run = new FakeRun(task, events, this);
    this.runs.push(run);
    this.active.set(task.jobId, run);
    this.maxActive = Math.max(this.maxActive, this.active.size);
    return { outcome: run.outcome, pause: () => run.stop('pause'), cancel: () => run.stop('cancel') };
  }

  setRateLimits(limits: { up: number; down: number }): void {
    this.rateLimits.push(limits);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const run of [...this.active.values()]) run.settle({ kind: 'paused' });
  }

  /** The latest run of a job. */
  runOf(jobId: string): FakeRun | undefined {
    return this.runs.filter((r) => r.jobId === jobId).at(-1);
  }
}

/** Polls a condition between event-loop turns until it holds or the deadline passes (no sleeping). */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what = 'condition',
  timeoutMs = 5000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
