/**
 * What the store's scrolled lists (the transfer history, a sync plan's section) share: the rows
 * the view wants next, and one list request at a time, the latest wish fetched last.
 */

export interface RowRange {
  offset: number;
  limit: number;
}

/** The wish as a request may carry it: whole numbers, 1 ≤ limit ≤ max. */
export function clampRange(offset: number, limit: number, max: number): RowRange {
  return {
    offset: Math.max(0, Math.floor(offset)),
    limit: Math.min(max, Math.max(1, Math.floor(limit))),
  };
}

/**
 * A fetch that runs `step` one call at a time: a fetch while one runs joins it, and it steps once
 * more, so the latest wish is what is listed last. `step` returns true when its answer was for
 * another list (the view moved on meanwhile) and it must step again.
 */
export function latestWins(step: () => Promise<boolean>): () => Promise<void> {
  let inflight: Promise<void> | null = null;
  let again = false;
  return () => {
    if (inflight !== null) {
      again = true;
      return inflight;
    }
    const run = async (): Promise<void> => {
      try {
        do {
          again = false;
          if (await step()) again = true;
        } while (again);
      } finally {
        inflight = null;
      }
    };
    inflight = run();
    return inflight;
  };
}
