/**
 * How far a run is, from the queue's records of its jobs and the deletions done: running sums,
 * so each record a snapshot brings costs the same at 10 jobs or 100,000.
 */
import type { SyncRunProgress } from '../../../shared/sync';
import { FINISHED_STATES, type TransferJobView } from '../../../shared/transfers';

export interface RunProgress {
  /** A job's record, as a snapshot brought it. */
  job(view: TransferJobView): void;
  /** How many of the run's deletions are done (deleted, failed or left). */
  deletions(done: number): void;
  now(): SyncRunProgress;
}

export function createRunProgress(
  totals: { files: number; bytes: number },
  report: (progress: SyncRunProgress) => void,
): RunProgress {
  const jobs = new Map<string, { bytes: number; finished: boolean }>();
  let finishedJobs = 0;
  let deleted = 0;
  let bytes = 0;
  const now = (): SyncRunProgress => ({
    files: finishedJobs + deleted,
    filesTotal: totals.files,
    bytes,
    bytesTotal: totals.bytes,
  });
  return {
    job(view) {
      // A failed job may be retried from the Transfers panel: finished for now, not for good.
      const finished = FINISHED_STATES.includes(view.state) || view.state === 'failed';
      const moved = view.state === 'done' ? (view.bytesTotal ?? view.bytesDone) : view.bytesDone;
      const before = jobs.get(view.id);
      if (before) {
        bytes -= before.bytes;
        if (before.finished) finishedJobs--;
      }
      jobs.set(view.id, { bytes: moved, finished });
      bytes += moved;
      if (finished) finishedJobs++;
      report(now());
    },
    deletions(done) {
      deleted = done;
      report(now());
    },
    now,
  };
}
