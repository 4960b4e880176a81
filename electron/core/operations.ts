/**
 * Long batch operations (delete, copy, move): each has an id the renderer chose, a cancel
 * signal, and progress snapshots coalesced to at most ten a second however fast items finish.
 */
import type { OperationProgress } from '../../shared/models';
import { CoreError } from './errors';

const MIN_INTERVAL_MS = 100;

export interface Operation {
  readonly id: string;
  readonly signal: AbortSignal;
  /** Throws Cancelled if the operation was cancelled. */
  throwIfCancelled(): void;
  /** Records progress; the snapshot is emitted now or at the end of the current 100 ms window. */
  progress(update: Partial<Omit<OperationProgress, 'operationId'>>): void;
  /** Emits the final snapshot and forgets the operation. */
  finish(): void;
}

export interface OperationRegistry {
  start(id: string): Operation;
  cancel(id: string): void;
  cancelAll(): void;
}

export function createOperationRegistry(
  emit: (progress: OperationProgress) => void,
  now: () => number = Date.now,
): OperationRegistry {
  const running = new Map<string, { controller: AbortController; finish: () => void }>();

  function start(id: string): Operation {
    if (running.has(id)) throw new CoreError('InvalidRequest', `An operation with id "${id}" is already running.`);
    const controller = new AbortController();
    const state: Omit<OperationProgress, 'operationId'> = { done: 0, total: null, failed: 0 };
    let lastEmit = -Infinity;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let finished = false;

    const flush = (): void => {
      timer = null;
      lastEmit = now();
      emit({ operationId: id, ...state });
    };
    const operation: Operation = {
      id,
      signal: controller.signal,
      throwIfCancelled() {
        if (controller.signal.aborted) throw new CoreError('Cancelled', 'The operation was cancelled.');
      },
      progress(update) {
        if (finished) return;
        Object.assign(state, update);
        if (timer) return;
        const wait = lastEmit + MIN_INTERVAL_MS - now();
        if (wait <= 0) flush();
        else timer = setTimeout(flush, wait);
      },
      finish() {
        if (finished) return;
        finished = true;
        if (timer) clearTimeout(timer);
        running.delete(id);
        flush();
      },
    };
    running.set(id, { controller, finish: operation.finish });
    return operation;
  }

  return {
    start,
    cancel(id) {
      running.get(id)?.controller.abort();
    },
    cancelAll() {
      for (const { controller } of running.values()) controller.abort();
    },
  };
}

/**
 * Runs `work` as the operation `id` and finishes it however `work` ends. The operation is
 * registered before the first await, so a cancel sent right after the request is not lost.
 */
export async function runOperation<T>(
  registry: OperationRegistry,
  id: string,
  work: (op: Operation) => Promise<T>,
): Promise<T> {
  const op = registry.start(id);
  try {
    return await work(op);
  } finally {
    op.finish();
  }
}
