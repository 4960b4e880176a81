/**
 * The transfers panel's state: the loaded window of the history (transfer-window.ts), starting
 * uploads and downloads (transfer-starts.ts), and what the panel does with jobs: pause, resume,
 * cancel, retry, conflicts, clearing, settings and the selection.
 */
import type { AppSettings } from '../../../shared/contract';
import type { TransferSettingsPatch } from '../../../shared/schemas';
import type { AppError, Result } from '../../../shared/errors';
import { chunkList } from '../../../shared/request-limits';
import { MAX_CONTROL_JOB_IDS } from '../../../shared/schemas';
import type { ConflictChoice, TransferFilter, TransferSettings } from '../../../shared/transfers';
import type { ClickModifiers } from '../view-model/selection';
import type { StoreSlice } from './slice';
import { createTransferStarts, type StartsReads, type TransferStarts } from './transfer-starts';
import { MAX_WINDOW, createTransferWindow, type TransferWindowState } from './transfer-window';
import { i18n } from '../i18n';

export const PANEL_PREF = 'qstorage.transfersPanel';

export type TransferAction = 'pause' | 'resume' | 'cancel' | 'retry';
export type TransferTarget = { all: true } | { batchId: string } | { jobIds: string[] };

export interface TransfersSlice extends TransferWindowState, TransferStarts {
  settings: TransferSettings | null;
  selected: ReadonlySet<string>;
  /** Listens to 'transfers:progress'; the store does this once when it is created. */
  subscribe(): () => void;
  setFilter(filter: TransferFilter): void;
  /** Loads the window [offset, offset + limit) of the current filter (limit ≤ 500). */
  loadRange(offset: number, limit: number): Promise<void>;
  control(action: TransferAction, target: TransferTarget): Promise<void>;
  /** Retries exactly the failed jobs (retry with `all` would re-queue cancelled ones too). */
  retryFailed(): Promise<void>;
  resolveConflict(jobId: string, choice: ConflictChoice, applyToBatch: boolean): Promise<void>;
  clearFinished(includeFailed: boolean): Promise<void>;
  loadSettings(): Promise<void>;
  updateSettings(patch: TransferSettingsPatch): Promise<Result<AppSettings>>;
  togglePanel(open?: boolean): void;
  select(jobId: string, mods?: ClickModifiers): void;
}

export const createTransfersSlice: StoreSlice<'transfers', TransfersSlice, Omit<StartsReads, 'transfers'>> = (
  patch,
  get,
  deps,
) => {
  const { api } = deps;
  const jobsWindow = createTransferWindow(patch, get, deps);
  /** The row a range selection (shift-click) starts from. */
  let anchor: string | null = null;

  const notifyFailure = (error: AppError, context: string): void => void get().ui.notifyError(error, context);

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
    ...createTransferStarts(get, deps),

    subscribe() {
      return api.subscribe('transfers:progress', jobsWindow.apply);
    },

    setFilter(filter) {
      if (filter === get().transfers.filter) return;
      anchor = null;
      jobsWindow.restart();
      patch({ filter, page: null, selected: new Set(), loadError: null });
      void jobsWindow.fetch();
    },

    loadRange(offset, limit) {
      jobsWindow.want(offset, limit);
      return jobsWindow.fetch();
    },

    async control(action, target) {
      // A long selection goes in several calls: each job is paused, resumed… on its own anyway.
      const targets =
        'jobIds' in target ? chunkList(target.jobIds, MAX_CONTROL_JOB_IDS).map((jobIds) => ({ jobIds })) : [target];
      for (const each of targets) {
        const result = await api.invoke('transfers:control', { action, target: each });
        if (!result.ok) {
          notifyFailure(result.error, i18n.t(`transfers:error.${action}`));
          return;
        }
      }
    },

    async retryFailed() {
      // Collect the failed ids first (pages of MAX_WINDOW), then retry them all.
      const jobIds: string[] = [];
      for (let offset = 0; ; offset += MAX_WINDOW) {
        const result = await api.invoke('transfers:list', { filter: 'failed', offset, limit: MAX_WINDOW });
        if (!result.ok) {
          notifyFailure(result.error, i18n.t('transfers:error.retry'));
          return;
        }
        for (const job of result.value.jobs) jobIds.push(job.id);
        if (result.value.jobs.length < MAX_WINDOW || offset + MAX_WINDOW >= result.value.total) break;
      }
      await get().transfers.control('retry', { jobIds });
    },

    async resolveConflict(jobId, choice, applyToBatch) {
      const question = get().transfers.conflicts.find((c) => c.jobId === jobId);
      const result = await api.invoke('transfers:resolveConflict', { jobId, choice, applyToBatch });
      if (!result.ok) {
        notifyFailure(result.error, i18n.t('transfers:error.answer'));
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
      const result = await api.invoke('transfers:clear', { includeFailed });
      if (!result.ok) {
        notifyFailure(result.error, i18n.t('transfers:error.clear'));
        return;
      }
      anchor = null;
      patch({ selected: new Set() });
      await jobsWindow.fetch();
    },

    async loadSettings() {
      const result = await api.invoke('settings:get', {});
      if (result.ok) patch({ settings: result.value.transfers });
    },

    async updateSettings(settingsPatch) {
      const result = await api.invoke('settings:update', { transfers: settingsPatch });
      if (result.ok) patch({ settings: result.value.transfers });
      return result;
    },

    togglePanel(open) {
      const next = open ?? !get().transfers.panelOpen;
      if (next === get().transfers.panelOpen) return;
      deps.prefs?.set(PANEL_PREF, next ? 'open' : 'closed');
      patch({ panelOpen: next });
      if (next && jobsWindow.owed()) void jobsWindow.fetch();
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
