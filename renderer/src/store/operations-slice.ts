/**
 * Batch operations (delete, copy, move, tag): progress per run from the core's
 * `operations:progress` events, and each run's final summary of what failed.
 *
 * A list longer than one request holds (see shared/request-limits.ts) runs as consecutive
 * requests over chunks, each under a fresh operation id (the core refuses an id still running),
 * and is shown as ONE run: progress and summary add up across the chunks, and Stop cancels the
 * chunk in flight and starts no further one.
 */
import type { AppError, Result } from '../../../shared/errors';
import type { BatchSummary, ItemFailure, OperationProgress } from '../../../shared/models';
import { chunkList } from '../../../shared/request-limits';
import { i18n } from '../i18n';
import type { StoreSlice } from './slice';
import type { Notifier } from './ui-slice';

export type OperationKind = 'delete' | 'copy' | 'move' | 'tag';

export interface OperationRun {
  id: string;
  kind: OperationKind;
  label: string;
  status: 'running' | 'done' | 'failed';
  progress: OperationProgress | null;
  /** When done; when failed after some chunks finished, what those did. */
  summary: BatchSummary | null;
  error: AppError | null;
}

export interface StartedOperation {
  operationId: string;
  done: Promise<OperationRun>;
}

export interface OperationsSlice {
  runs: Record<string, OperationRun>;
  /** The most recent run (its summary stays visible after it ends). */
  lastId: string | null;
  /**
   * Runs one operation over `items`: a single request when they fit one (`maxCount` items and
   * MAX_LIST_JSON_BYTES), else consecutive requests over chunks, each with its own operation id,
   * shown as one run with progress and summary added up across them.
   */
  start<T>(
    kind: OperationKind,
    label: string,
    items: readonly T[],
    maxCount: number,
    call: (chunk: T[], operationId: string) => Promise<Result<BatchSummary>>,
  ): StartedOperation;
  progress(event: OperationProgress): void;
  /** Cancels the request in flight and starts no further chunk. */
  cancel(operationId: string): Promise<void>;
  dismiss(operationId: string): void;
}

/** What other slices use of it: starting a run. */
export type OperationStarter = Pick<OperationsSlice, 'start'>;

/** A running run's counts, and which chunk's events it is showing. */
interface Live {
  /** The chunk in flight; null between chunks. */
  chunkId: string | null;
  /** The chunk in flight's latest progress. */
  current: OperationProgress | null;
  /** Items of the finished chunks: done (succeeded or failed) and failed. */
  done: number;
  failed: number;
  /** Items of the chunks not started yet. */
  later: number;
  /** The person pressed Stop: no further chunk starts. */
  stopped: boolean;
}

/** The run's progress: the finished chunks' counts plus the chunk in flight's. */
function runProgress(operationId: string, live: Live): OperationProgress {
  const c = live.current;
  return {
    operationId,
    done: live.done + (c?.done ?? 0),
    failed: live.failed + (c?.failed ?? 0),
    // Unknown while the chunk in flight still walks folders; later chunks count their listed items.
    total: c !== null && c.total === null ? null : live.done + (c?.total ?? 0) + live.later,
  };
}

/** "3 items were already deleted." (each kind reads as `browser:operation.<kind>.*`). */
const alreadyDone = (kind: OperationKind, n: number): string =>
  i18n.t(`browser:operation.${kind}.already`, { count: n });

export const createOperationsSlice: StoreSlice<'operations', OperationsSlice, { ui: Notifier }> = (
  patch,
  get,
  deps,
) => {
  const makeId = deps.newOperationId;
  /** Running runs by run id (the first chunk's operation id). */
  const lives = new Map<string, Live>();

  const update = (id: string, change: Partial<OperationRun>): OperationRun | null => {
    const run = get().operations.runs[id];
    if (run === undefined) return null;
    const next = { ...run, ...change };
    patch((s) => ({ runs: { ...s.runs, [id]: next } }));
    return next;
  };

  /** Sends the chunks one after another; resolves to how the run ended. */
  async function runChunks<T>(
    id: string,
    kind: OperationKind,
    chunks: T[][],
    call: (chunk: T[], operationId: string) => Promise<Result<BatchSummary>>,
  ): Promise<Partial<OperationRun>> {
    const live: Live = { chunkId: null, current: null, done: 0, failed: 0, later: 0, stopped: false };
    for (const chunk of chunks) live.later += chunk.length;
    lives.set(id, live);
    let succeeded = 0;
    let failures: ItemFailure[] = [];
    // Ends the run early with `error`, keeping what the finished chunks did (none before the first).
    const stop = (error: AppError, first: boolean): Partial<OperationRun> => ({
      status: 'failed',
      error,
      summary: first ? null : { succeeded, failed: failures },
    });
    try {
      for (const [index, chunk] of chunks.entries()) {
        // A Stop between two chunks has no request to cancel: the flag is what ends the run.
        if (live.stopped)
          return stop(
            {
              code: 'Cancelled',
              message: i18n.t('browser:operation.cancelled', { done: alreadyDone(kind, succeeded) }),
            },
            false,
          );
        live.chunkId = index === 0 ? id : makeId();
        live.later -= chunk.length;
        const result = await call(chunk, live.chunkId);
        live.chunkId = null;
        if (!result.ok) {
          // The first chunk's error already says it all (as a single request's does).
          if (index === 0) return stop(result.error, true);
          const inFlight = live.current === null ? 0 : live.current.done - live.current.failed;
          return stop(
            result.error.code === 'Cancelled'
              ? {
                  code: 'Cancelled',
                  message: i18n.t('browser:operation.cancelled', { done: alreadyDone(kind, succeeded + inFlight) }),
                }
              : { ...result.error, message: `${result.error.message} Before that, ${alreadyDone(kind, succeeded)}` },
            false,
          );
        }
        succeeded += result.value.succeeded;
        failures = failures.concat(result.value.failed);
        live.done += result.value.succeeded + result.value.failed.length;
        live.failed += result.value.failed.length;
        live.current = null;
        if (index < chunks.length - 1) update(id, { progress: runProgress(id, live) });
      }
      return { status: 'done', summary: { succeeded, failed: failures } };
    } finally {
      lives.delete(id);
    }
  }

  const slice: OperationsSlice = {
    runs: {},
    lastId: null,

    start(kind, label, items, maxCount, call) {
      const id = makeId();
      const run: OperationRun = { id, kind, label, status: 'running', progress: null, summary: null, error: null };
      patch((s) => ({ runs: { ...s.runs, [id]: run }, lastId: id }));
      const done = runChunks(id, kind, chunkList(items, maxCount), call).then(
        (change) => update(id, change) ?? run,
        (error: unknown) =>
          update(id, {
            status: 'failed',
            error: { code: 'Unknown', message: error instanceof Error ? error.message : String(error) },
          }) ?? run,
      );
      return { operationId: id, done };
    },

    progress(event) {
      for (const [id, live] of lives) {
        if (live.chunkId !== event.operationId) continue;
        live.current = event;
        update(id, { progress: runProgress(id, live) });
        return;
      }
    },

    async cancel(operationId) {
      const live = lives.get(operationId);
      if (live !== undefined) live.stopped = true;
      const chunkId = live === undefined ? operationId : live.chunkId;
      if (chunkId === null) return;
      const result = await deps.api.invoke('operations:cancel', { operationId: chunkId });
      if (!result.ok) get().ui.notifyError(result.error, i18n.t('transfers:error.cancel'));
    },

    dismiss(operationId) {
      patch((s) => {
        const { [operationId]: _gone, ...runs } = s.runs;
        return { runs, lastId: s.lastId === operationId ? null : s.lastId };
      });
    },
  };
  return slice;
};
