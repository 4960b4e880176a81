/** Bounded concurrency for lists of requests, the same in the core and the page. */

/** What `forEachLimited` watches to stop early (an AbortSignal is one). */
export interface StopSignal {
  readonly aborted: boolean;
}

/** A signal that never stops: for work that is not cancellable. */
export const NEVER_STOPS: StopSignal = { aborted: false };

/**
 * Runs `work` over items (a list or an async walk) with at most `limit` in flight, and stops
 * taking new items once cancelled or once any item threw. Async generators queue concurrent next() calls, so the
 * workers can share one iterator.
 */
export async function forEachLimited<T>(
  items: Iterable<T> | AsyncIterable<T>,
  limit: number,
  signal: StopSignal,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  let failed = false;
  const worker = async (): Promise<void> => {
    try {
      for (;;) {
        if (signal.aborted || failed) return;
        const next = await iterator.next();
        if (next.done) return;
        await work(next.value);
      }
    } catch (error) {
      failed = true; // the other workers finish their current item and stop
      throw error;
    }
  };
  // Wait for every worker, so nothing is still in flight when the caller cleans up after an error.
  const results = await Promise.allSettled(Array.from({ length: limit }, worker));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}
