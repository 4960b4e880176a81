/**
 * Edit in place moves its bytes through the transfer queue like any other transfer (shown in
 * Transfers, retried, resumed, verified): each download or upload is a batch of one job
 * (run-batch.ts), and the promise settles when the queue announces that batch finished.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { baseName, parentPrefix } from '../../../shared/keys';
import { CoreError } from '../errors';
import type { NewBatch, NewJob } from '../transfers/queue';
import { runBatch, type BatchDeps } from '../transfers/run-batch';
import type { CachedObject } from './cache-paths';

export interface QueueJobs {
  /** Downloads exactly this version (the engine sends If-Match with its ETag) to `target`. */
  download(object: CachedObject, target: string, expected: { size: number; etag: string | null }): Promise<void>;
  /** Uploads `source` over the object (no question: the caller checked for conflicts). */
  upload(object: CachedObject, source: string, size: number): Promise<void>;
  /** Cancels what is still running, waits until it stopped, and starts nothing more (the app is quitting). */
  cancelAll(): Promise<void>;
}

export function createQueueJobs({ queue, onSnapshot }: BatchDeps): QueueJobs {
  /** Unfinished batches and what waits for them. */
  const running = new Map<string, Promise<void>>();
  let closed = false;

  function run(batch: NewBatch, job: Omit<NewJob, 'batchId'>): Promise<void> {
    if (closed) return Promise.reject(new CoreError('Cancelled', 'The app is quitting: nothing more is transferred.'));
    const done = runBatch({ queue, onSnapshot }, batch, [job], {
      roots: [{ name: baseName(job.key), folder: false }],
    }).then(([end]) => {
      if (end?.state === 'done') return;
      const error = end?.error ?? { code: 'Cancelled', message: 'The transfer was cancelled.' };
      throw new CoreError(error.code, error.message, error.detail);
    });
    running.set(
      batch.id,
      done.catch(() => {}).finally(() => running.delete(batch.id)),
    );
    return done;
  }

  return {
    download({ accountId, bucket, key }, target, expected) {
      const dir = path.dirname(target);
      return run(
        {
          id: randomUUID(),
          direction: 'download',
          accountId,
          bucket,
          place: dir,
          conflict: 'overwrite',
          targetDir: dir,
        },
        {
          direction: 'download',
          name: baseName(key),
          accountId,
          bucket,
          key,
          localPath: target,
          bytesTotal: expected.size,
          expected,
        },
      );
    },
    upload({ accountId, bucket, key }, source, size) {
      const place = `${bucket}/${parentPrefix(key)}`.replace(/\/+$/, '');
      return run(
        { id: randomUUID(), direction: 'upload', accountId, bucket, place, conflict: 'overwrite', targetDir: null },
        { direction: 'upload', name: baseName(key), accountId, bucket, key, localPath: source, bytesTotal: size },
      );
    },
    async cancelAll() {
      closed = true;
      for (const batchId of running.keys()) queue.control('cancel', { batchId });
      await Promise.all(running.values());
    },
  };
}
