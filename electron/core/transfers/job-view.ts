/**
 * The queue as the panel sees it: a job's view (with its live speed, ETA and retry), the totals
 * of the current run, the oldest pending conflict questions, and pages of jobs. Read only.
 */
import type {
  ConflictQuestion,
  TransferFilter,
  TransferJobView,
  TransferPage,
  TransferTotals,
} from '../../../shared/transfers';
import type { JobStore } from './job-store';
import { etaSeconds } from './speed';
import type { RunTotals } from './tallies';
import type { JobRecord, Runtime } from './types';

export const MAX_CONFLICTS_IN_SNAPSHOT = 5;

export interface JobViewDeps {
  store: JobStore;
  running: ReadonlyMap<string, Pick<Runtime, 'meter' | 'retry'>>;
  run: Pick<RunTotals, 'done' | 'total'>;
  /** Jobs waiting for an answer, oldest first. */
  conflicts: ReadonlySet<string>;
  now: () => number;
}

export interface JobViews {
  view(job: JobRecord): TransferJobView;
  totals(): TransferTotals;
  questions(): ConflictQuestion[];
  page(filter: TransferFilter, offset: number, limit: number, revision: number): TransferPage;
}

export function createJobViews({ store, running, run, conflicts, now }: JobViewDeps): JobViews {
  function view(job: JobRecord): TransferJobView {
    const rt = running.get(job.id);
    const speed = rt && job.state === 'running' ? rt.meter.rate(now()) : 0;
    return {
      id: job.id,
      batchId: job.batchId,
      direction: job.direction,
      name: job.name,
      accountId: job.accountId,
      bucket: job.bucket,
      key: job.key,
      localPath: job.localPath,
      state: job.state,
      bytesDone: job.bytesDone,
      bytesTotal: job.bytesTotal,
      speed,
      etaSeconds: job.state === 'running' ? etaSeconds(job.bytesDone, job.bytesTotal, speed) : null,
      retry: job.state === 'running' ? (rt?.retry ?? null) : null,
      notice: job.notice,
      error: job.error,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
    };
  }

  function totals(): TransferTotals {
    let speedUp = 0;
    let speedDown = 0;
    const at = now();
    for (const [id, rt] of running) {
      const job = store.get(id);
      if (job?.state !== 'running') continue;
      if (job.direction === 'upload') speedUp += rt.meter.rate(at);
      else speedDown += rt.meter.rate(at);
    }
    return {
      jobs: store.size,
      byState: { ...store.counts },
      bytesDone: run.done,
      bytesTotal: run.total,
      speedUp,
      speedDown,
    };
  }

  function questions(): ConflictQuestion[] {
    const out: ConflictQuestion[] = [];
    for (const id of conflicts) {
      if (out.length >= MAX_CONFLICTS_IN_SNAPSHOT) break;
      const job = store.get(id);
      if (!job) continue;
      out.push({
        jobId: job.id,
        batchId: job.batchId,
        direction: job.direction,
        name: job.name,
        key: job.key,
        localPath: job.localPath,
        existing: job.existing ?? { size: null, lastModified: null },
      });
    }
    return out;
  }

  return {
    view,
    totals,
    questions,
    page(filter, offset, limit, revision) {
      const jobs = store.page(filter, offset, limit).map(view);
      return { revision, total: store.count(filter), offset, jobs, totals: totals() };
    },
  };
}
