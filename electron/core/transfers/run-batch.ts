/**
 * A batch the core starts itself and waits for (a sync run's uploads or downloads, an edit's
 * download or upload): it goes through the queue like any other (shown in Transfers, retried,
 * resumed), and the promise settles with each job's end once the queue announces the batch
 * finished.
 */
import type { TransferJobView, TransfersSnapshot } from '../../../shared/transfers';
import { CoreError } from '../errors';
import type { NewBatch, NewJob, TransferQueue } from './queue';
import type { BatchRoot } from './types';

export interface BatchDeps {
  queue: TransferQueue;
  onSnapshot(listener: (snapshot: TransfersSnapshot) => void): () => void;
}

/** How a job ended: its final state, and the error of a failed one. */
export type JobEnd = Pick<TransferJobView, 'state' | 'error'>;

export interface RunBatchOptions {
  /** The app quits: rejects with Cancelled (the queue resumes the jobs on the next start). */
  quit?: AbortSignal;
  /** Hears each of the batch's job records a snapshot brings (a run's progress). */
  onJob?: (view: TransferJobView) => void;
  /** The batch's top-level items, for its label. */
  roots?: readonly BatchRoot[];
}

/**
 * Opens the batch, adds the jobs and waits until it finished; the ends are in the jobs' order
 * (null: the job was cleared from the list before its end was seen).
 */
export function runBatch(
  deps: BatchDeps,
  batch: NewBatch,
  jobs: readonly Omit<NewJob, 'batchId'>[],
  { quit, onJob, roots = [] }: RunBatchOptions = {},
): Promise<(JobEnd | null)[]> {
  const { queue } = deps;
  return new Promise((resolve, reject) => {
    const ids: string[] = [];
    // What snapshots said last: a job cleared from the list meanwhile is still known.
    const seen = new Map<string, JobEnd>();
    const stop = (): void => {
      off();
      quit?.removeEventListener('abort', quitting);
    };
    const quitting = (): void => {
      stop();
      reject(new CoreError('Cancelled', 'The app is quitting: the queue resumes these transfers on the next start.'));
    };
    // Subscribed before the jobs exist: the batch cannot finish unseen.
    const off = deps.onSnapshot((snapshot) => {
      for (const view of snapshot.changed) {
        if (view.batchId !== batch.id) continue;
        seen.set(view.id, { state: view.state, error: view.error });
        onJob?.(view);
      }
      if (!snapshot.finishedBatches.some((b) => b.batchId === batch.id)) return;
      stop();
      resolve(ids.map((id) => endOf(queue.job(id)) ?? seen.get(id) ?? null));
    });
    quit?.addEventListener('abort', quitting, { once: true });
    try {
      queue.openBatch(batch);
      queue.beginInput(batch.id);
      for (const root of roots) queue.addRoot(batch.id, root);
      for (const job of jobs) ids.push(queue.addJob({ ...job, batchId: batch.id }).id);
    } catch (error) {
      stop();
      reject(error as Error);
    } finally {
      queue.endInput(batch.id);
    }
  });
}

const endOf = (record: JobEnd | undefined): JobEnd | undefined =>
  record === undefined ? undefined : { state: record.state, error: record.error };
