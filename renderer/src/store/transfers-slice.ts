/**
 * The transfers panel's state. The core keeps the whole history (100,000 jobs and more); the
 * renderer keeps only the window the panel shows (`page`), patches its rows from the coalesced
 * `transfers:progress` snapshots, and lists the window again when jobs were added or removed
 * (a new revision), when too many changed to carry, or when a filter's count moved.
 */
import { fail, ok, type AppError, type Result } from '../../../shared/errors';
import { chunkList } from '../../../shared/request-limits';
import {
  MAX_CONTROL_JOB_IDS,
  MAX_DOWNLOAD_KEYS,
  MAX_UPLOAD_SOURCES,
  type DownloadFolder,
  type UploadSource,
} from '../../../shared/schemas';
import type {
  BatchFinished,
  TransferFilter,
  TransferJobView,
  TransferPage,
  TransfersSnapshot,
  UploadStarted,
} from '../../../shared/transfers';
import { batchFinishedMessage, filterCount, matchesFilter } from '../view-model/transfer-format';
import { newOperationId } from './operations-slice';
import { selectPlace } from './selectors';
import { createStagedPuts } from './staged-puts';
import {
  patchSlice,
  type SliceCreator,
  type SpeedSample,
  type TransferAction,
  type TransferDestination,
  type TransfersSlice,
} from './types';

export const SPEED_SAMPLES = 60;
/** Snapshots come up to ten a second; the graph keeps one sample a second (a minute in all). */
export const SAMPLE_INTERVAL_MS = 1000;
/** transfers:list answers at most this many jobs. */
export const MAX_WINDOW = 500;
export const DEFAULT_WINDOW = 100;
export const PANEL_PREF = 'qstorage.transfersPanel';
/** Batches already announced (a batch is announced once even if two snapshots carry it). */
const ANNOUNCED_MEMORY = 1000;

const VERB: Record<TransferAction, string> = { pause: 'pause', resume: 'resume', cancel: 'cancel', retry: 'retry' };

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

export const createTransfersSlice: SliceCreator<'transfers'> = (set, get, deps) => {
  const patch = patchSlice(set, 'transfers');
  const { transfers, settings } = deps.domains;
  const now = deps.now ?? Date.now;
  const makeId = deps.newOperationId ?? newOperationId;
  const announced = new Set<string>();
  let want: { offset: number; limit: number } | null = null;
  /** A snapshot asked for a refetch while the panel was closed: do it when it opens. */
  let stale = false;
  let inflight: Promise<void> | null = null;
  let again = false;
  let anchor: string | null = null;
  let askedPermission = false;

  const puts = createStagedPuts(
    (path, file, signal) => deps.effects.putStagedFile(path, file, signal),
    (item, error) => get().ui.notifyError(error, `Could not send ${item.name}`),
  );

  /** Lists the wanted window; one request at a time, the latest wish is fetched last. */
  function fetchWindow(): Promise<void> {
    if (inflight !== null) {
      again = true;
      return inflight;
    }
    const run = async (): Promise<void> => {
      try {
        do {
          again = false;
          const range = want ?? { offset: 0, limit: DEFAULT_WINDOW };
          const filter = get().transfers.filter;
          const result = await transfers.list(filter, range.offset, range.limit);
          if (filter !== get().transfers.filter) {
            again = true; // the filter changed meanwhile: this answer is for another tab
            continue;
          }
          if (!result.ok) {
            patch({ loadError: result.error });
            continue;
          }
          stale = false;
          const { totals, ...page } = result.value;
          patch((s) => ({
            page,
            loadError: null,
            revision: Math.max(s.revision, page.revision),
            ...(totals !== undefined ? { totals } : {}),
          }));
        } while (again);
      } catch (error) {
        patch({ loadError: { code: 'Unknown', message: error instanceof Error ? error.message : String(error) } });
      } finally {
        inflight = null;
      }
    };
    inflight = run();
    return inflight;
  }

  function announce(batches: readonly BatchFinished[]): void {
    for (const batch of batches) {
      if (announced.has(batch.batchId)) continue;
      announced.add(batch.batchId);
      if (announced.size > ANNOUNCED_MEMORY) announced.delete(announced.values().next().value as string);
      const { title, body } = batchFinishedMessage(batch);
      const label = batch.label.trim();
      const shown = deps.effects.notify?.show(title, label === '' ? body : `${label}: ${body}`) ?? false;
      if (!shown) {
        get().ui.notify(batch.failed > 0 ? 'error' : 'info', `${title}: ${body}`, label === '' ? undefined : label);
      }
    }
  }

  function applySnapshot(snapshot: TransfersSnapshot): void {
    const s = get().transfers;
    const page = s.page === null ? null : patchPage(s.page, snapshot.changed);
    patch({
      totals: snapshot.totals,
      revision: Math.max(s.revision, snapshot.revision),
      conflicts: snapshot.conflicts,
      speedHistory: addSpeedSample(s.speedHistory, now(), snapshot.totals.speedUp, snapshot.totals.speedDown),
      page,
    });
    announce(snapshot.finishedBatches);
    const needed = page === null ? want !== null : windowIsStale(page, snapshot, s.filter);
    if (!needed) return;
    if (s.panelOpen) void fetchWindow();
    else stale = true;
  }

  /** The first transfer the person starts: ask for notifications (near the gesture), show the panel. */
  function beginTransfer(): void {
    if (!askedPermission) {
      askedPermission = true;
      deps.effects.notify?.requestPermission();
    }
  }

  const notifyFailure = (error: AppError, context: string): void => void get().ui.notifyError(error, context);

  function accountFor(bucket: string): string | null {
    const location = get().objects.location;
    return location !== null && location.bucket === bucket ? location.accountId : get().accounts.selectedId;
  }

  /** Queues sources in several calls of one batch id (a 100,000-file drop); `onQueued` sees each call's stage paths. */
  async function queueUpload(
    sources: UploadSource[],
    target: TransferDestination,
    conflict: Parameters<TransfersSlice['uploadLocal']>[2],
    onQueued?: (stagePaths: string[], from: number) => void,
  ): Promise<Result<UploadStarted>> {
    const accountId = accountFor(target.bucket);
    if (accountId === null) return fail('InvalidRequest', 'Choose an account first.');
    if (sources.length === 0) return fail('InvalidRequest', 'There is nothing to upload.');
    const batchId = makeId();
    const stagePaths: string[] = [];
    let from = 0;
    for (const chunk of chunkList(sources, MAX_UPLOAD_SOURCES)) {
      const result = await transfers.upload({
        accountId,
        bucket: target.bucket,
        prefix: target.prefix,
        batchId,
        conflict: conflict ?? 'ask',
        sources: chunk,
        options: get().access.uploadOptionsFor(accountId, target.bucket),
      });
      if (!result.ok) {
        notifyFailure(result.error, 'Could not start the upload');
        return result;
      }
      if (from === 0) get().transfers.togglePanel(true);
      onQueued?.(result.value.stagePaths, from);
      for (const path of result.value.stagePaths) stagePaths.push(path);
      from += chunk.length;
    }
    return ok({ batchId, stagePaths });
  }

  const slice: TransfersSlice = {
    totals: null,
    revision: 0,
    filter: 'all',
    page: null,
    speedHistory: [],
    conflicts: [],
    settings: null,
    panelOpen: deps.prefs?.get(PANEL_PREF) === 'open',
    selected: new Set(),
    loadError: null,

    subscribe() {
      return deps.domains.subscribe('transfers:progress', applySnapshot);
    },

    setFilter(filter) {
      if (filter === get().transfers.filter) return;
      anchor = null;
      want = { offset: 0, limit: want?.limit ?? DEFAULT_WINDOW };
      patch({ filter, page: null, selected: new Set(), loadError: null });
      void fetchWindow();
    },

    loadRange(offset, limit) {
      want = {
        offset: Math.max(0, Math.floor(offset)),
        limit: Math.min(MAX_WINDOW, Math.max(1, Math.floor(limit))),
      };
      return fetchWindow();
    },

    uploadLocal(handles, target, conflict) {
      beginTransfer();
      return queueUpload(
        handles.map((handle) => ({ kind: 'handle', handle })),
        target,
        conflict,
      );
    },

    uploadFiles(files, target, conflict) {
      beginTransfer();
      const sources: UploadSource[] = files.map(({ file, relativePath }) => ({
        kind: 'browser',
        relativePath,
        size: file.size,
        lastModified: file instanceof File ? file.lastModified : now(),
      }));
      return queueUpload(sources, target, conflict, (stagePaths, from) =>
        puts.add(
          stagePaths.flatMap((stagePath, i) => {
            const source = files[from + i];
            return source === undefined ? [] : [{ stagePath, file: source.file, name: source.relativePath }];
          }),
        ),
      );
    },

    async download(keys, targetDir, conflict) {
      const location = selectPlace(get());
      if (location === null) return fail('InvalidRequest', 'Open a bucket first.');
      if (keys.length === 0) return fail('InvalidRequest', 'There is nothing to download.');
      beginTransfer();
      const batchId = makeId();
      // Electron answers with a handle for the chosen folder: the page names it only by that.
      let dir: DownloadFolder | null = targetDir;
      let shown = targetDir ?? '';
      let first = true;
      for (const chunk of chunkList(keys, MAX_DOWNLOAD_KEYS)) {
        const result = await transfers.download({
          accountId: location.accountId,
          bucket: location.bucket,
          basePrefix: location.prefix,
          keys: chunk,
          targetDir: dir,
          batchId,
          conflict: conflict ?? 'ask',
        });
        if (!result.ok) return result; // the download dialog shows why, beside the choices
        if (result.value.kind === 'cancelled') return result;
        // Later calls of the batch go to the folder chosen for the first (no second dialog).
        dir =
          result.value.targetDirHandle !== undefined
            ? { handle: result.value.targetDirHandle }
            : result.value.targetDir;
        shown = result.value.targetDir;
        if (first) get().transfers.togglePanel(true);
        first = false;
      }
      return ok({ kind: 'started', batchId, targetDir: shown });
    },

    async control(action, target) {
      // A long selection goes in several calls: each job is paused, resumed… on its own anyway.
      const targets =
        'jobIds' in target ? chunkList(target.jobIds, MAX_CONTROL_JOB_IDS).map((jobIds) => ({ jobIds })) : [target];
      for (const each of targets) {
        const result = await transfers.control({ action, target: each });
        if (!result.ok) {
          notifyFailure(result.error, `Could not ${VERB[action]}`);
          return;
        }
      }
    },

    async retryFailed() {
      // Collect the failed ids first (pages of MAX_WINDOW), then retry them all.
      const jobIds: string[] = [];
      for (let offset = 0; ; offset += MAX_WINDOW) {
        const result = await transfers.list('failed', offset, MAX_WINDOW);
        if (!result.ok) {
          notifyFailure(result.error, 'Could not retry');
          return;
        }
        for (const job of result.value.jobs) jobIds.push(job.id);
        if (result.value.jobs.length < MAX_WINDOW || offset + MAX_WINDOW >= result.value.total) break;
      }
      await get().transfers.control('retry', { jobIds });
    },

    async resolveConflict(jobId, choice, applyToBatch) {
      const question = get().transfers.conflicts.find((c) => c.jobId === jobId);
      const result = await transfers.resolveConflict(jobId, choice, applyToBatch);
      if (!result.ok) {
        notifyFailure(result.error, 'Could not apply your answer');
        return;
      }
      // Answered: do not ask again while the next snapshot is on its way.
      patch((s) => ({
        conflicts: s.conflicts.filter(
          (c) => c.jobId !== jobId && !(applyToBatch && question !== undefined && c.batchId === question.batchId),
        ),
      }));
    },

    async clearFinished(includeFailed) {
      const result = await transfers.clear(includeFailed);
      if (!result.ok) {
        notifyFailure(result.error, 'Could not clear the finished transfers');
        return;
      }
      anchor = null;
      patch({ selected: new Set() });
      await fetchWindow();
    },

    async loadSettings() {
      const result = await settings.get();
      if (result.ok) patch({ settings: result.value.transfers });
    },

    async updateSettings(settingsPatch) {
      const result = await settings.update(settingsPatch);
      if (result.ok) patch({ settings: result.value.transfers });
      return result;
    },

    togglePanel(open) {
      const next = open ?? !get().transfers.panelOpen;
      if (next === get().transfers.panelOpen) return;
      deps.prefs?.set(PANEL_PREF, next ? 'open' : 'closed');
      patch({ panelOpen: next });
      if (next && (stale || get().transfers.page === null)) void fetchWindow();
    },

    select(jobId, mods = {}) {
      const rows = get().transfers.page?.jobs ?? [];
      const current = get().transfers.selected;
      let selected: Set<string>;
      if (mods.range) {
        const to = rows.findIndex((job) => job.id === jobId);
        const found = rows.findIndex((job) => job.id === anchor);
        const from = found < 0 ? to : found;
        if (to < 0) return;
        const [lo, hi] = from <= to ? [from, to] : [to, from];
        const range = rows.slice(lo, hi + 1).map((job) => job.id);
        selected = mods.toggle ? new Set([...current, ...range]) : new Set(range);
        anchor = rows[from]?.id ?? jobId;
      } else if (mods.toggle) {
        selected = new Set(current);
        if (selected.has(jobId)) selected.delete(jobId);
        else selected.add(jobId);
        anchor = jobId;
      } else {
        selected = current.size === 1 && current.has(jobId) ? new Set() : new Set([jobId]);
        anchor = jobId;
      }
      patch({ selected });
    },
  };
  return slice;
};
