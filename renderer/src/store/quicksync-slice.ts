/**
 * The files of a QuickSync account (an account without buckets): the list, with incomplete
 * uploads only when asked for, selection, the focused file's details and delete as a batch
 * operation. Uploads and downloads go through the transfers slice to `place` (the account's
 * one pseudo-bucket); resuming an incomplete upload is a flow (flows.ts).
 *
 * Every listing gets a fresh id; an answer whose id is no longer current is dropped.
 */
import type { AppError } from '../../../shared/errors';
import { QUICKSYNC_BUCKET, type QuickSyncFile } from '../../../shared/quicksync';
import { MAX_QUICKSYNC_DELETE_KEYS } from '../../../shared/schemas';
import { createFilesView, deletionLabel, type FilesView, type QuickSyncRow } from '../view-model/quicksync-files';
import {
  EMPTY_SELECTION,
  clickRow,
  moveFocus,
  pruneSelection,
  selectAll,
  type ClickModifiers,
  type FocusTarget,
  type SelectionState,
} from '../view-model/selection';
import type { Location, ObjectsSlice } from './objects-slice';
import type { OperationStarter, StartedOperation } from './operations-slice';
import type { StoreSlice } from './slice';
import { i18n } from '../i18n';

export type FileDetailsState =
  | { fileKey: string; status: 'loading' }
  | { fileKey: string; status: 'ready'; value: QuickSyncFile }
  | { fileKey: string; status: 'error'; error: AppError };

export interface QuickSyncSlice {
  /** Where uploads go and downloads come from while a QuickSync account is open; else null. */
  place: Location | null;
  files: QuickSyncFile[];
  /** Generation of the listing: a new id for every (re)load. */
  listId: number;
  loading: boolean;
  error: AppError | null;
  /** Incomplete uploads are hidden unless this is on. */
  showIncomplete: boolean;
  filter: string;
  selected: ReadonlySet<string>;
  anchor: string | null;
  focused: string | null;
  details: FileDetailsState | null;
  /** Memoised rows view for this store (not reactive data). */
  rowsView: FilesView;
  /** Shows the files of this account (null: the selected account has buckets). */
  open(accountId: string | null): void;
  /** Lists again, keeping the selection of files still there. */
  refresh(): void;
  setShowIncomplete(show: boolean): void;
  setFilter(filter: string): void;
  click(fileKey: string, mods?: ClickModifiers): void;
  moveFocus(target: FocusTarget, extend: boolean): void;
  selectAll(): void;
  clearSelection(): void;
  /** `fresh`: ask again although loaded (the list was reloaded); the old details stay shown meanwhile. */
  loadDetails(fileKey: string, fresh?: boolean): Promise<void>;
  remove(fileKeys: readonly string[]): StartedOperation;
  /** Lists again when an upload batch ends; the store does this once when it is created. */
  subscribe(): () => void;
}

/** The QuickSync files the table shows (filtered, in name order). */
export const selectFileRows = (s: { quicksync: QuickSyncSlice }): readonly QuickSyncRow[] =>
  s.quicksync.rowsView(s.quicksync.files, s.quicksync.filter);

/** Where uploads go and downloads come from: the folder shown, or a QuickSync account's files. */
export const selectPlace = (s: {
  quicksync: Pick<QuickSyncSlice, 'place'>;
  objects: Pick<ObjectsSlice, 'location'>;
}): Location | null => s.quicksync.place ?? s.objects.location;

export const createQuickSyncSlice: StoreSlice<'quicksync', QuickSyncSlice, { operations: OperationStarter }> = (
  patch,
  get,
  deps,
) => {
  const { api } = deps;
  let nextListId = 1;

  const rows = () => selectFileRows(get());
  const selection = (): SelectionState => {
    const q = get().quicksync;
    return { selected: q.selected, anchor: q.anchor, focused: q.focused };
  };
  const applySelection = (next: SelectionState): void => {
    if (next === selection()) return;
    patch({ selected: next.selected, anchor: next.anchor, focused: next.focused });
  };

  async function load(): Promise<void> {
    const place = get().quicksync.place;
    if (place === null) return;
    const listId = nextListId++;
    patch({ listId, loading: true, error: null });
    const result = await api.invoke('quicksync:list', {
      accountId: place.accountId,
      includeIncomplete: get().quicksync.showIncomplete,
    });
    if (get().quicksync.listId !== listId) return; // stale: another account, toggle or refresh
    if (!result.ok) {
      patch({ loading: false, error: result.error });
      return;
    }
    patch({ files: result.value, loading: false });
    applySelection(pruneSelection(selection(), rows()));
  }

  const slice: QuickSyncSlice = {
    place: null,
    files: [],
    listId: 0,
    loading: false,
    error: null,
    showIncomplete: false,
    filter: '',
    ...EMPTY_SELECTION,
    details: null,
    rowsView: createFilesView(),

    open(accountId) {
      if (accountId === null && get().quicksync.place === null) return;
      patch({
        place: accountId === null ? null : { accountId, bucket: QUICKSYNC_BUCKET, prefix: '' },
        listId: nextListId++,
        files: [],
        loading: false,
        error: null,
        filter: '',
        details: null,
        ...EMPTY_SELECTION,
      });
      void load();
    },

    refresh() {
      void load();
    },

    setShowIncomplete(show) {
      if (show === get().quicksync.showIncomplete) return;
      patch({ showIncomplete: show });
      void load();
    },

    setFilter(filter) {
      patch({ filter });
    },

    click(fileKey, mods) {
      applySelection(clickRow(selection(), rows(), fileKey, mods));
    },

    moveFocus(target, extend) {
      applySelection(moveFocus(selection(), rows(), target, extend));
    },

    selectAll() {
      applySelection(selectAll(selection(), rows()));
    },

    clearSelection() {
      applySelection(EMPTY_SELECTION);
    },

    async loadDetails(fileKey, fresh = false) {
      const place = get().quicksync.place;
      if (place === null) return;
      const current = get().quicksync.details;
      const shown = current !== null && current.fileKey === fileKey && current.status !== 'error';
      if (shown && !fresh) return;
      if (!shown) patch({ details: { fileKey, status: 'loading' } });
      const result = await api.invoke('quicksync:details', { accountId: place.accountId, fileKey });
      if (get().quicksync.details?.fileKey !== fileKey || get().quicksync.place !== place) return; // moved on
      patch({
        details: result.ok
          ? { fileKey, status: 'ready', value: result.value }
          : { fileKey, status: 'error', error: result.error },
      });
    },

    remove(fileKeys) {
      const { place, files } = get().quicksync;
      // A map, not a search per key: a selection may hold tens of thousands of files.
      const nameOf = new Map(files.map((f) => [f.fileKey, f.name]));
      const names = fileKeys.map((k) => nameOf.get(k) ?? k);
      const started = get().operations.start(
        'delete',
        deletionLabel(names),
        fileKeys,
        MAX_QUICKSYNC_DELETE_KEYS,
        (chunk, operationId) =>
          place === null
            ? Promise.resolve({
                ok: false,
                error: { code: 'InvalidRequest', message: i18n.t('quicksync:chooseFirst') },
              })
            : api.invoke('quicksync:delete', { accountId: place.accountId, fileKeys: chunk, operationId }),
      );
      // Once the batch ends (even partly failed), the list is asked again to show the truth.
      void started.done.then(() => {
        if (get().quicksync.place === place) get().quicksync.refresh();
      });
      return started;
    },

    subscribe() {
      return api.subscribe('transfers:progress', (snapshot) => {
        const uploads = snapshot.finishedBatches.filter((b) => b.direction === 'upload');
        if (uploads.length > 0 && get().quicksync.place !== null) get().quicksync.refresh();
      });
    },
  };
  return slice;
};
