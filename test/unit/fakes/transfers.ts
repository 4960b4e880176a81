/** Builders for transfer jobs, totals and snapshots, and a fake `transfers:list` over an array of jobs. */
import { ok, type Result } from '../../../shared/errors';
import type { RequestOf } from '../../../shared/contract';
import type {
  TransferJobView,
  TransferPage,
  TransferState,
  TransferTotals,
  TransfersSnapshot,
} from '../../../shared/transfers';
import { matchesFilter } from '../../../renderer/src/view-model/transfer-format';

export function job(id: string, overrides: Partial<TransferJobView> = {}): TransferJobView {
  return {
    id,
    batchId: 'batch-1',
    direction: 'upload',
    name: `${id}.bin`,
    accountId: 'a1',
    bucket: 'b1',
    key: `${id}.bin`,
    localPath: `/home/me/${id}.bin`,
    state: 'queued',
    bytesDone: 0,
    bytesTotal: 1000,
    speed: 0,
    etaSeconds: null,
    retry: null,
    notice: null,
    error: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

const NO_STATES: Record<TransferState, number> = {
  queued: 0,
  running: 0,
  paused: 0,
  conflict: 0,
  failed: 0,
  done: 0,
  skipped: 0,
  cancelled: 0,
};

/** Totals counted from jobs (bytes summed), with the given speeds. */
export function totalsOf(jobs: readonly TransferJobView[], speedUp = 0, speedDown = 0): TransferTotals {
  const byState = { ...NO_STATES };
  for (const j of jobs) byState[j.state]++;
  return {
    jobs: jobs.length,
    byState,
    bytesDone: jobs.reduce((n, j) => n + j.bytesDone, 0),
    bytesTotal: jobs.reduce((n, j) => n + (j.bytesTotal ?? 0), 0),
    speedUp,
    speedDown,
  };
}

export function snapshot(
  jobs: readonly TransferJobView[],
  overrides: Partial<TransfersSnapshot> = {},
): TransfersSnapshot {
  return {
    revision: 1,
    totals: totalsOf(jobs),
    changed: [],
    changedTruncated: false,
    conflicts: [],
    finishedBatches: [],
    ...overrides,
  };
}

/** Answers `transfers:list` from the current jobs and revision, like the core's paged listing. */
export function listing(state: { jobs: TransferJobView[]; revision: number; withTotals?: boolean }) {
  return (req: RequestOf<'transfers:list'>): Result<TransferPage> => {
    const filter = req.filter ?? 'all';
    const offset = req.offset ?? 0;
    const limit = req.limit ?? 100;
    const matching = state.jobs.filter((j) => matchesFilter(j.state, filter));
    const page: TransferPage = {
      revision: state.revision,
      total: matching.length,
      offset,
      jobs: matching.slice(offset, offset + limit),
    };
    return ok(state.withTotals === true ? { ...page, totals: totalsOf(state.jobs) } : page);
  };
}

/** A promise with its resolve handle, for effects the test answers by hand. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
