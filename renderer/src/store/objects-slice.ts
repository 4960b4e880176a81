/**
 * The object browser's state: where we are, the entries streamed page by page, sort,
 * filter, recursive search, selection and the focused object's details.
 *
 * Every listing and every search gets a fresh id; a page whose id is no longer current
 * (the person navigated away, refreshed or stopped) is dropped instead of appended.
 */
import { baseName, isFolderKey, parentPrefix } from '../../../shared/keys';
import { MAX_BATCH_ITEMS } from '../../../shared/schemas';
import { plural } from '../view-model/format';
import { DEFAULT_SORT, createRowsView, nextSort } from '../view-model/rows-view';
import {
  EMPTY_SELECTION,
  clickRow,
  moveFocus,
  pruneSelection,
  selectAll,
  type SelectionState,
} from '../view-model/selection';
import { selectVisibleRows } from './selectors';
import { patchSlice, type ObjectsSlice, type SliceCreator, type StartedOperation } from './types';

/** Global, so ids never repeat across stores (the rows view caches by id). */
let nextListId = 1;

export const createObjectsSlice: SliceCreator<'objects'> = (set, get, deps) => {
  const patch = patchSlice(set, 'objects');
  const { objects } = deps.domains;

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
      const result = await objects.list({ ...location, continuationToken: token });
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

  function load(keepSelection: boolean): void {
    const listId = nextListId++;
    // "Show versions" lists the folder through versions:list instead (the props slice holds those rows).
    const versionsShown = get().props.versionsShown;
    patch({
      listId,
      entries: [],
      loading: !versionsShown,
      error: null,
      search: null,
      ...(keepSelection ? {} : { ...EMPTY_SELECTION, filter: '', details: null }),
    });
    if (versionsShown) get().props.loadListing();
    else void stream(listId);
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

    open(bucket, prefix) {
      const accountId = get().accounts.selectedId;
      if (accountId === null) return;
      patch({ location: { accountId, bucket, prefix } });
      load(false);
    },

    refresh() {
      const { location, search } = get().objects;
      if (location === null) return;
      if (search !== null) void get().objects.startSearch(search.query);
      else load(true);
    },

    up() {
      const location = get().objects.location;
      if (location === null || location.prefix === '') return;
      const from = location.prefix;
      get().objects.open(location.bucket, parentPrefix(from));
      // Finder puts the focus on the folder we came out of.
      patch({ focused: from, anchor: from, selected: new Set([from]) });
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
        const result = await objects.search({ ...location, query: q, continuationToken: token });
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
      applySelection(clickRow(selection(), selectVisibleRows(get()), key, mods));
    },

    moveFocus(target, extend) {
      applySelection(moveFocus(selection(), selectVisibleRows(get()), target, extend));
    },

    selectAll() {
      applySelection(selectAll(selection(), selectVisibleRows(get())));
    },

    clearSelection() {
      applySelection(EMPTY_SELECTION);
    },

    async loadDetails(key, fresh = false) {
      const location = get().objects.location;
      if (location === null || isFolderKey(key)) return;
      const current = get().objects.details;
      const shown = current !== null && current.key === key && current.status !== 'error';
      if (shown && !fresh) return;
      if (!shown) patch({ details: { key, status: 'loading' } });
      const result = await objects.head(location.accountId, location.bucket, key);
      if (get().objects.details?.key !== key) return; // focus moved on meanwhile
      patch({
        details: result.ok
          ? { key, status: 'ready', value: result.value }
          : { key, status: 'error', error: result.error },
      });
    },

    activate(key) {
      const location = get().objects.location;
      if (location === null) return;
      if (isFolderKey(key)) {
        get().objects.open(location.bucket, key);
        return;
      }
      void get().objects.download(key);
    },

    async createFolder(name) {
      const location = get().objects.location;
      if (location === null) return { ok: false, error: { code: 'InvalidRequest', message: 'Open a bucket first.' } };
      const key = `${location.prefix}${name}/`;
      const result = await objects.createFolder(location.accountId, location.bucket, key);
      if (result.ok && get().objects.location === location) {
        get().objects.refresh();
        patch({ selected: new Set([key]), anchor: key, focused: key });
      }
      return result;
    },

    remove(keys) {
      const location = get().objects.location;
      const only = keys.length === 1 ? keys[0] : undefined;
      const label = only !== undefined ? `Deleting “${baseName(only)}”` : `Deleting ${plural(keys.length, 'item')}`;
      return afterwardsRefresh(
        location,
        get().operations.start('delete', label, keys, MAX_BATCH_ITEMS, (chunk, operationId) =>
          location === null
            ? Promise.resolve({ ok: false, error: { code: 'InvalidRequest', message: 'Open a bucket first.' } })
            : objects.remove({ accountId: location.accountId, bucket: location.bucket, keys: chunk, operationId }),
        ),
      );
    },

    copy(items, move, label) {
      const location = get().objects.location;
      return afterwardsRefresh(
        location,
        get().operations.start(move ? 'move' : 'copy', label, items, MAX_BATCH_ITEMS, (chunk, operationId) =>
          location === null
            ? Promise.resolve({ ok: false, error: { code: 'InvalidRequest', message: 'Open a bucket first.' } })
            : objects.copy({ accountId: location.accountId, bucket: location.bucket, items: chunk, move, operationId }),
        ),
      );
    },

    async download(key, versionId) {
      const location = get().objects.location;
      if (location === null) return { ok: false, error: { code: 'InvalidRequest', message: 'Open a bucket first.' } };
      const result = await objects.download(location.accountId, location.bucket, key, versionId);
      if (!result.ok) get().ui.notifyError(result.error, `Could not download ${key}`);
      else if (result.value.kind === 'link') deps.effects.startDownload(result.value.url);
      else if (result.value.kind === 'saved') get().ui.notify('info', `Saved to ${result.value.path}`);
      return result;
    },
  };

  /** Once a batch ends (even partly failed), the folder is listed again to show the truth. */
  function afterwardsRefresh(location: ObjectsSlice['location'], started: StartedOperation): StartedOperation {
    void started.done.then(() => {
      if (get().objects.location === location) get().objects.refresh();
    });
    return started;
  }

  return slice;
};
