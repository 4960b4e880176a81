/**
 * Runs items on a fixed number of lanes (parts in parallel); each lane owns its buffer. The
 * first failure stops the other lanes (their retries see the signal) and is what is thrown.
 */
export async function runLanes<T>(
  items: readonly T[],
  lanes: number,
  stop: AbortSignal,
  run: (item: T, lane: number, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const failFast = new AbortController();
  const signal = AbortSignal.any([stop, failFast.signal]);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async (index: number): Promise<void> => {
    while (!failure && next < items.length) {
      const item = items[next++] as T;
      try {
        await run(item, index, signal);
      } catch (error) {
        if (failure) continue;
        // A stop is the reason everything ends, whichever lane noticed first.
        failure = { error: stop.aborted ? stop.reason : error };
        failFast.abort(failure.error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, items.length)) }, (_, i) => lane(i)));
  if (failure) throw (failure as { error: unknown }).error;
}
