/**
 * The worker thread's entry: receives tasks over its port, runs many of them at once (all I/O
 * is asynchronous), and reports progress, checkpoints, retries, notices and the outcome.
 * Credentials arrive only inside `start` messages; nothing here logs, and errors leave as
 * AppError values.
 */
import { parentPort } from 'node:worker_threads';
import type { FromWorker, TaskResult, ToWorker, TransferTask } from '../../shared/transfer-protocol';
import { toAppError } from '../core/errors';
import { clientFor } from './clients';
import { createProgressReporter } from './progress';
import { runQuickSyncDownload } from './quicksync-download';
import { runQuickSyncUpload } from './quicksync-upload';
import { createLimiterBuffer, rateLimiter, type RateLimiter } from './rate-limiter';
import { withRetries } from './retry';
import { runDownload } from './s3-download';
import { runUpload } from './s3-upload';
import type { EngineContext } from './task-context';
import { StopRequest } from './task-errors';

const port = parentPort;
if (!port) throw new Error('transfer-worker.ts runs only in a worker thread');

const post = (message: FromWorker): void => port.postMessage(message);

let limiters: { up: RateLimiter; down: RateLimiter } = {
  up: rateLimiter(createLimiterBuffer()),
  down: rateLimiter(createLimiterBuffer()),
};

/** Running tasks by job id: how to stop each. */
const running = new Map<string, (reason: 'pause' | 'cancel') => void>();

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'init':
      limiters = { up: rateLimiter(message.limiters.up), down: rateLimiter(message.limiters.down) };
      break;
    case 'start':
      start(message.task);
      break;
    case 'stop':
      running.get(message.jobId)?.(message.reason);
      break;
  }
});

function start(task: TransferTask): void {
  const { jobId } = task;
  if (running.has(jobId)) {
    post({ type: 'failed', jobId, error: { code: 'InvalidRequest', message: 'This transfer is already running.' } });
    return;
  }
  const controller = new AbortController();
  let stopReason: 'pause' | 'cancel' | null = null;
  running.set(jobId, (reason) => {
    if (stopReason === 'cancel') return;
    // A cancel after a pause still removes what the pause would have kept.
    stopReason = reason;
    if (!controller.signal.aborted) controller.abort(new StopRequest(reason));
  });
  const progress = createProgressReporter((bytesDone, bytesTotal) =>
    post({ type: 'progress', jobId, bytesDone, bytesTotal }),
  );
  const ctx: EngineContext = {
    tuning: task.tuning,
    stop: controller.signal,
    stopReason: () => stopReason,
    limiters,
    progress,
    checkpoint: (checkpoint) => post({ type: 'checkpoint', jobId, checkpoint }),
    notice: (message) => post({ type: 'notice', jobId, message }),
    retry: (op, scope = {}) =>
      withRetries(op, {
        tuning: task.tuning,
        stop: scope.stop ?? controller.signal,
        ...(scope.stallMs !== undefined && { stallMs: scope.stallMs }),
        onRetry: (info) => post({ type: 'retrying', jobId, ...info }),
      }),
  };
  void (async () => {
    try {
      const result = await run(task, ctx);
      progress.flush();
      post({ type: 'done', jobId, result });
    } catch (error) {
      progress.flush();
      // A cancel whose cleanup failed is reported as the failure it is.
      if (stopReason === 'pause' || (stopReason === 'cancel' && error instanceof StopRequest)) {
        post({ type: 'stopped', jobId, reason: stopReason });
      } else {
        post({ type: 'failed', jobId, error: toAppError(error) });
      }
    } finally {
      progress.stop();
      running.delete(jobId);
    }
  })();
}

/** The task on its service's engine; S3 tasks get a client built from their credentials. */
function run(task: TransferTask, ctx: EngineContext): Promise<TaskResult> {
  switch (task.kind) {
    case 'upload':
      return runUpload(task, { ...ctx, client: clientFor(task.credentials) });
    case 'download':
      return runDownload(task, { ...ctx, client: clientFor(task.credentials) });
    case 'quicksync-upload':
      return runQuickSyncUpload(task, ctx);
    case 'quicksync-download':
      return runQuickSyncDownload(task, ctx);
  }
}
