// A run's progress from the queue's job records: files finished (any final state, failures
// included) and bytes moved, each record replacing the job's last one; deletions count as files.
import { describe, expect, it } from 'vitest';
import type { SyncRunProgress } from '../../shared/sync';
import type { TransferJobView, TransferState } from '../../shared/transfers';
import { createRunProgress } from '../../electron/core/sync/run-progress';
import { job } from './fakes/transfers';

const view = (id: string, state: TransferState, bytesDone: number, bytesTotal: number | null): TransferJobView =>
  job(id, { state, bytesDone, bytesTotal });

describe('createRunProgress', () => {
  it('sums the jobs as their records change, and the deletions done', () => {
    const reports: SyncRunProgress[] = [];
    const progress = createRunProgress({ files: 4, bytes: 300 }, (p) => reports.push(p));
    expect(progress.now()).toEqual({ files: 0, filesTotal: 4, bytes: 0, bytesTotal: 300 });
    progress.job(view('a', 'running', 40, 100));
    progress.job(view('b', 'running', 10, 200));
    progress.job(view('a', 'running', 90, 100));
    expect(reports.at(-1)).toEqual({ files: 0, filesTotal: 4, bytes: 100, bytesTotal: 300 });
    progress.job(view('a', 'done', 100, 100));
    progress.job(view('b', 'failed', 30, 200));
    progress.deletions(1);
    expect(reports.at(-1)).toEqual({ files: 3, filesTotal: 4, bytes: 130, bytesTotal: 300 });
    // Retried from the Transfers panel: running again, no longer finished.
    progress.job(view('b', 'running', 0, 200));
    expect(progress.now()).toEqual({ files: 2, filesTotal: 4, bytes: 100, bytesTotal: 300 });
  });
});
