/**
 * The transfers panel's loaded window. The core keeps the whole history (100,000 jobs and
 * more); the renderer keeps only the window the panel shows (`page`), patches its rows from the
 * coalesced `transfers:progress` snapshots, and lists the window again when jobs were added or
 * removed (a new revision), when too many changed to carry, or when a filter's count moved.
 */
import type { AppError } from '../../../shared/errors';
import type {
  BatchFinished,
  ConflictQuestion,
  TransferFilter,
  TransferJobView,
  TransferPage,
  TransfersSnapshot,
  TransferTotals,
} from '../../../shared/transfers';
import { batchFinishedMessage, filterCount, matchesFilter } from '../view-model/transfer-format';
import type { SliceDeps } from './deps';
import { clampRange, latestWins, type RowRange } from './paged-window';
import type { Patch } from './slice';
import type { Notifier } from './ui-slice';
import { i18n } from '../i18n';

export interface SpeedSample {
  at: number;
  up: number;
  down: number;
}

/** What the window keeps in the transfers slice. */
export interface TransferWindowState {
  totals: TransferTotals | null;
  revision: number;
  filter: TransferFilter;
  /** The loaded window of the panel: never the whole history (100,000 jobs stay light). */
  page: TransferPage | null;
  /** The last 60 samples, about one a second. */
  speedHistory: SpeedSample[];
  conflicts: ConflictQuestion[];
  panelOpen: boolean;
  /** Why the panel's page could not be listed (cleared by the next good answer). */
  loadError: AppError | null;
}

export const SPEED_SAMPLES = 60;
/** Snapshots come up to ten a second; the graph keeps one sample a second (a minute in all). */
export const SAMPLE_INTERVAL_MS = 1000;
/** transfers:list answers at most this many jobs. */
export const MAX_WINDOW = 500;
export const DEFAULT_WINDOW = 100;
/** Batches already announced (a batch is announced once even if two snapshots carry it). */
const ANNOUNCED_MEMORY = 1000;

/** Adds a reading to the graph: one sample per second, the latest reading of that second wins. */
export function addSpeedSample(history: readonly SpeedSample[], at: number, up: number, down: number): SpeedSample[] {
  const last = history[history.length - 1];
  if (last !== undefined && at - last.at < SAMPLE_INTERVAL_MS && at >= last.at) {
    return [...history.slice(0, -1), { at: last.at, up, down }];
  }
  const next = history.slice(Math.max(0, history.length - SPEED_SAMPLES + 1));
  next.push({ at, up, down });
  return next;
}

/** Replaces the loaded rows that changed; the same page object when none of them is loaded. */
export function patchPage(page: TransferPage, changed: readonly TransferJobView[]): TransferPage {
  if (changed.length === 0 || page.jobs.length === 0) return page;
  const byId = new Map(changed.map((job) => [job.id, job]));
  let hit = false;
  const jobs = page.jobs.map((job) => {
    const next = byId.get(job.id);
    if (next === undefined) return job;
    hit = true;
    return next;
  });
  return hit ? { ...page, jobs } : page;
}

/** Whether the loaded window no longer matches what the snapshot says. */
function windowIsStale(page: TransferPage, snapshot: TransfersSnapshot, filter: TransferFilter): boolean {
  return (
    snapshot.revision > page.revision ||
    snapshot.changedTruncated ||
    filterCount(snapshot.totals, filter) !== page.total ||
    (filter !== 'all' && page.jobs.some((job) => !matchesFilter(job.state, filter)))
  );
}

export interface TransferWindow {
  /** Lists the wanted window; one request at a time, the latest wish is fetched last. */
  fetch(): Promise<void>;
  /** The window to list next: [offset, offset + limit), limit ≤ MAX_WINDOW. */
  want(offset: number, limit: number): void;
  /** The filter changed: its first window, of the size wanted so far. */
  restart(): void;
  /** Applies a snapshot to the loaded rows, totals, graph and conflicts; lists again when stale. */
  apply(snapshot: TransfersSnapshot): void;
  /** A snapshot asked for a refetch while the panel was closed (or nothing is loaded yet). */
  owed(): boolean;
}

export function createTransferWindow(
  patch: Patch<TransferWindowState>,
  get: () => { transfers: TransferWindowState; ui: Notifier },
  deps: SliceDeps,
): TransferWindow {
  const announced = new Set<string>();
  let wanted: RowRange | null = null;
  let stale = false;

  const fetch = latestWins(async () => {
    try {
      const { offset, limit } = wanted ?? { offset: 0, limit: DEFAULT_WINDOW };
      const filter = get().transfers.filter;
      const result = await deps.api.invoke('transfers:list', { filter, offset, limit });
      // The filter changed meanwhile: this answer is for another tab.
      if (filter !== get().transfers.filter) return true;
      if (!result.ok) {
        patch({ loadError: result.error });
        return false;
      }
      stale = false;
      const { totals, ...page } = result.value;
      patch((s) => ({
        page,
        loadError: null,
        revision: Math.max(s.revision, page.revision),
        ...(totals !== undefined ? { totals } : {}),
      }));
    } catch (error) {
      patch({ loadError: { code: 'Unknown', message: error instanceof Error ? error.message : String(error) } });
    }
    return false;
  });

  function announce(batches: readonly BatchFinished[]): void {
    for (const batch of batches) {
      if (announced.has(batch.batchId)) continue;
      announced.add(batch.batchId);
      if (announced.size > ANNOUNCED_MEMORY) announced.delete(announced.values().next().value as string);
      const { title, body } = batchFinishedMessage(batch);
      const label = batch.label.trim();
      const shown =
        deps.effects.notify?.show(title, label === '' ? body : i18n.t('common:labelled', { label, text: body })) ??
        false;
      if (!shown) {
        get().ui.notify(
          batch.failed > 0 ? 'error' : 'info',
          i18n.t('common:labelled', { label: title, text: body }),
          label === '' ? undefined : label,
        );
      }
    }
  }

  return {
    fetch,

    want(offset, limit) {
      wanted = clampRange(offset, limit, MAX_WINDOW);
    },

    restart() {
      wanted = { offset: 0, limit: wanted?.limit ?? DEFAULT_WINDOW };
    },

    apply(snapshot) {
      const s = get().transfers;
      const page = s.page === null ? null : patchPage(s.page, snapshot.changed);
      patch({
        totals: snapshot.totals,
        revision: Math.max(s.revision, snapshot.revision),
        conflicts: snapshot.conflicts,
        speedHistory: addSpeedSample(s.speedHistory, deps.now(), snapshot.totals.speedUp, snapshot.totals.speedDown),
        page,
      });
      announce(snapshot.finishedBatches);
      const needed = page === null ? wanted !== null : windowIsStale(page, snapshot, s.filter);
      if (!needed) return;
      if (s.panelOpen) void fetch();
      else stale = true;
    },

    owed: () => stale || get().transfers.page === null,
  };
}
