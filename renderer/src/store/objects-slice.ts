/**
 * The object browser's state: where we are, the entries streamed page by page, sort,
 * filter, recursive search, selection and the focused object's details. Opening a folder,
 * refreshing and the changes that list the folder again are flows (flows.ts): with "Show
 * versions" on, the props slice lists the folder instead.
 *
 * Every listing and every search gets a fresh id; a page whose id is no longer current
 * (the person navigated away, refreshed or stopped) is dropped instead of appended.
 */
import type { AppError, Result } from '../../../shared/errors';
import { isFolderKey } from '../../../shared/keys';
import type { DownloadResult, ObjectDetails, ObjectEntry, Page, SearchPage } from '../../../shared/models';
import {
  DEFAULT_SORT,
  createRowsView,
  nextSort,
  type RowsView,
  type SortState,
  type SortColumn,
} from '../view-model/rows-view';
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
import type { StoreSlice } from './slice';
import type { Notifier } from './ui-slice';
import { i18n } from '../i18n';

export interface Location {
  accountId: string;
  bucket: string;
  prefix: string;
}

export interface SearchState {
  query: string;
  listId: number;
  entries: ObjectEntry[];
  running: boolean;
  scanned: number;
  error: AppError | null;
}

export type DetailsState =
  | { key: string; status: 'loading' }
  | { key: string; status: 'ready'; value: ObjectDetails }
  | { key: string; status: 'error'; error: AppError };

export interface ObjectsSlice {
  location: Location | null;
  /** Generation of the listing: a new id for every (re)load, so stale pages are dropped. */
  listId: number;
  entries: ObjectEntry[];
  loading: boolean;
  error: AppError | null;
  sort: SortState;
  filter: string;
  /** Non-null while showing recursive search results instead of the folder. */
  search: SearchState | null;
  selected: ReadonlySet<string>;
  anchor: string | null;
  focused: string | null;
  details: DetailsState | null;
  /** Memoised rows view for this store (not reactive data). */
  rowsView: RowsView;
  /**
   * Shows `location` under a fresh listing id and streams its entries, unless `stream` is false
   * (the versions listing shows the folder instead). `keepSelection`: a refresh of the same place.
   */
  list(location: Location, keepSelection: boolean, stream: boolean): void;
  close(): void;
  setSort(column: SortColumn): void;
  setFilter(filter: string): void;
  startSearch(query: string): Promise<void>;
  stopSearch(): void;
  clearSearch(): void;
  click(key: string, mods?: ClickModifiers): void;
  moveFocus(target: FocusTarget, extend: boolean): void;
  selectAll(): void;
  clearSelection(): void;
  /** Selects and focuses exactly this key (a folder just created, the folder we came out of). */
  selectOnly(key: string): void;
  /** `fresh`: ask again although loaded (the object changed); the old details stay shown meanwhile. */
  loadDetails(key: string, fresh?: boolean): Promise<void>;
  /** One object to the browser or the downloads folder; `versionId` picks an older version. */
  download(key: string, versionId?: string): Promise<Result<DownloadResult>>;
}

/** The rows the table shows: the folder listing, or search results while searching. */
export function visibleRows(o: ObjectsSlice): readonly ObjectEntry[] {
  const search = o.search;
  return o.rowsView({
    listId: search?.listId ?? o.listId,
    entries: search?.entries ?? o.entries,
    sort: o.sort,
    filter: o.filter,
    byKey: search !== null,
  });
}

export const createObjectsSlice: StoreSlice<'objects', ObjectsSlice, { ui: Notifier }> = (patch, get, deps) => {
  const { api } = deps;
  /** Per store, so two stores never share a counter (the rows view caches by id). */
  let nextListId = 1;

  const selection = (): SelectionState => {
    const s = get().objects;
    return { selected: s.selected, anchor: s.anchor, focused: s.focused };
  };
  const applySelection = (next: SelectionState): void => {
    if (next === selection()) return;
    patch({ selected: next.selected, anchor: next.anchor, focused: next.focused });
    if (next.focused !== null && next.focused !== get().objects.details?.key) patch({ details: null });
  };

  async function stream(listId: number): Promise<void> {
    const location = get().objects.location;
    if (location === null) return;
    let token: string | null = null;
    do {
      const result: Result<Page<ObjectEntry>> = await api.invoke('objects:list', {
        ...location,
        continuationToken: token,
      });
      if (get().objects.listId !== listId) return; // stale: navigated, refreshed or closed
      if (!result.ok) {
        patch({ loading: false, error: result.error });
        return;
      }
      // The folder's own marker object ("a/" inside "a/") is not a child of itself.
      const items = result.value.items.filter((e) => e.key !== location.prefix);
      if (items.length > 0) patch((s) => ({ entries: s.entries.concat(items) }));
      token = result.value.nextToken;
    } while (token !== null);
    patch({ loading: false });
    applySelection(pruneSelection(selection(), get().objects.entries));
  }

  const slice: ObjectsSlice = {
    location: null,
    listId: 0,
    entries: [],
    loading: false,
    error: null,
    sort: DEFAULT_SORT,
    filter: '',
    search: null,
    ...EMPTY_SELECTION,
    details: null,
    rowsView: createRowsView(),

    list(location, keepSelection, streamEntries) {
      const listId = nextListId++;
      patch({
        location,
        listId,
        entries: [],
        loading: streamEntries,
        error: null,
        search: null,
        ...(keepSelection ? {} : { ...EMPTY_SELECTION, filter: '', details: null }),
      });
      if (streamEntries) void stream(listId);
    },

    close() {
      patch({
        location: null,
        listId: nextListId++,
        entries: [],
        loading: false,
        error: null,
        search: null,
        filter: '',
        details: null,
        ...EMPTY_SELECTION,
      });
    },

    setSort(column) {
      patch((s) => ({ sort: nextSort(s.sort, column) }));
    },

    setFilter(filter) {
      patch({ filter });
    },

    async startSearch(query) {
      const location = get().objects.location;
      const q = query.trim();
      if (location === null) return;
      if (q === '') {
        get().objects.clearSearch();
        return;
      }
      const listId = nextListId++;
      patch({
        search: { query: q, listId, entries: [], running: true, scanned: 0, error: null },
        ...EMPTY_SELECTION,
        details: null,
      });
      let token: string | null = null;
      do {
        const result: Result<SearchPage> = await api.invoke('objects:search', {
          ...location,
          query: q,
          continuationToken: token,
        });
        const current = get().objects.search;
        if (current === null || current.listId !== listId || !current.running) return; // stopped or replaced
        if (!result.ok) {
          patch({ search: { ...current, running: false, error: result.error } });
          return;
        }
        patch({
          search: {
            ...current,
            entries: current.entries.concat(result.value.items),
            scanned: current.scanned + result.value.scanned,
          },
        });
        token = result.value.nextToken;
      } while (token !== null);
      const done = get().objects.search;
      if (done !== null && done.listId === listId) patch({ search: { ...done, running: false } });
    },

    stopSearch() {
      const search = get().objects.search;
      if (search?.running) patch({ search: { ...search, running: false } });
    },

    clearSearch() {
      if (get().objects.search !== null) patch({ search: null, ...EMPTY_SELECTION, details: null });
    },

    click(key, mods) {
      applySelection(clickRow(selection(), visibleRows(get().objects), key, mods));
    },

    moveFocus(target, extend) {
      applySelection(moveFocus(selection(), visibleRows(get().objects), target, extend));
    },

    selectAll() {
      applySelection(selectAll(selection(), visibleRows(get().objects)));
    },

    clearSelection() {
      applySelection(EMPTY_SELECTION);
    },

    selectOnly(key) {
      patch({ selected: new Set([key]), anchor: key, focused: key });
    },

    async loadDetails(key, fresh = false) {
      const location = get().objects.location;
      if (location === null || isFolderKey(key)) return;
      const current = get().objects.details;
      const shown = current !== null && current.key === key && current.status !== 'error';
      if (shown && !fresh) return;
      if (!shown) patch({ details: { key, status: 'loading' } });
      const result = await api.invoke('objects:head', { accountId: location.accountId, bucket: location.bucket, key });
      if (get().objects.details?.key !== key) return; // focus moved on meanwhile
      patch({
        details: result.ok
          ? { key, status: 'ready', value: result.value }
          : { key, status: 'error', error: result.error },
      });
    },

    async download(key, versionId) {
      const location = get().objects.location;
      if (location === null)
        return { ok: false, error: { code: 'InvalidRequest', message: i18n.t('browser:openBucketFirst') } };
      const result = await api.invoke('objects:download', {
        accountId: location.accountId,
        bucket: location.bucket,
        key,
        ...(versionId !== undefined && { versionId }),
      });
      if (!result.ok) get().ui.notifyError(result.error, i18n.t('transfers:error.download', { key }));
      else if (result.value.kind === 'link') deps.effects.startDownload(result.value.url);
      else if (result.value.kind === 'saved')
        get().ui.notify('info', i18n.t('transfers:savedTo', { path: result.value.path }));
      return result;
    },
  };

  return slice;
};
