/**
 * One comparison or run per pair at a time: a second is refused while the first is under way
 * (two runs of one folder would race each other's files and index), and the one under way can
 * be cancelled.
 */
import { CoreError } from '../errors';

export const PAIR_BUSY = 'This pair is already comparing or running: wait until it ends, or cancel it, then try again.';

export interface PairTasks {
  /**
   * Runs `work` as the pair's task. Throws at once (not through the promise) while another is
   * under way, so a caller that does not wait for the work still hears the refusal.
   */
  claim<T>(pairId: string, work: (cancel: AbortSignal) => Promise<T>): Promise<T>;
  busy(pairId: string): boolean;
  cancel(pairId: string): void;
  /** Cancels the pair's task, if any, and resolves once it has ended. */
  end(pairId: string): Promise<void>;
  /** Resolves once every task under way has ended. */
  drain(): Promise<void>;
}

/** `ended` hears of each task's end, after the pair is free again. */
export function createPairTasks(ended: (pairId: string) => void): PairTasks {
  const tasks = new Map<string, { cancel: AbortController; done: Promise<void> }>();

  return {
    claim(pairId, work) {
      if (tasks.has(pairId)) throw new CoreError('InvalidRequest', PAIR_BUSY);
      const cancel = new AbortController();
      const result = work(cancel.signal).finally(() => {
        tasks.delete(pairId);
        ended(pairId);
      });
      tasks.set(pairId, { cancel, done: result.then(noop, noop) });
      return result;
    },
    busy: (pairId) => tasks.has(pairId),
    cancel: (pairId) => tasks.get(pairId)?.cancel.abort(),
    async end(pairId) {
      const task = tasks.get(pairId);
      task?.cancel.abort();
      await task?.done;
    },
    async drain() {
      await Promise.all([...tasks.values()].map((t) => t.done));
    },
  };
}

function noop(): void {}
