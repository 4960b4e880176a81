/**
 * The sync view's loaded window of one section of a plan. The core keeps the plan (100,000
 * entries and more); the page keeps only the rows around what the list shows, asking for
 * pages of at most MAX_SYNC_PAGE as it scrolls (as transfer-window.ts does for the history).
 */
import { MAX_SYNC_PAGE } from '../../../shared/channels/sync';
import type { AppError } from '../../../shared/errors';
import type { SyncEntry, SyncPlanPage, SyncSection } from '../../../shared/sync';
import type { SliceDeps } from './deps';
import { clampRange, latestWins, type RowRange } from './paged-window';

export const DEFAULT_SYNC_WINDOW = 200;

/** What the window shows: a plan's section. */
export interface WindowTarget {
  planId: string;
  section: SyncSection;
}

export interface SyncWindow {
  /** Lists the wanted rows of `target()`; one request at a time, the latest wish is fetched last. */
  fetch(): Promise<void>;
  /** The rows to list next: [offset, offset + limit), limit ≤ MAX_SYNC_PAGE. */
  want(offset: number, limit: number): void;
  /** Another plan or section: its first rows. */
  restart(): void;
}

export function createSyncWindow(
  target: () => WindowTarget | null,
  apply: (page: SyncPlanPage | null, error: AppError | null) => void,
  deps: SliceDeps,
): SyncWindow {
  let wanted: RowRange = { offset: 0, limit: DEFAULT_SYNC_WINDOW };

  const fetch = latestWins(async () => {
    const asked = target();
    if (asked === null) {
      apply(null, null);
      return false;
    }
    const result = await deps.api.invoke('sync:planPage', { ...asked, ...wanted });
    const now = target();
    // The plan or the tab changed meanwhile: this answer is for another list.
    if (now === null || now.planId !== asked.planId || now.section !== asked.section) return true;
    if (result.ok) apply(result.value, null);
    else apply(null, result.error);
    return false;
  });

  return {
    fetch,
    want(offset, limit) {
      wanted = clampRange(offset, limit, MAX_SYNC_PAGE);
    },
    restart() {
      wanted = { offset: 0, limit: DEFAULT_SYNC_WINDOW };
    },
  };
}

/** The entry at `position` of the section, when the loaded page holds it. */
export function entryAt(page: SyncPlanPage | null, position: number): SyncEntry | undefined {
  if (page === null || position < page.offset) return undefined;
  return page.entries[position - page.offset];
}
