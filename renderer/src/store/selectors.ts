/** Selectors per slice. Derived data comes from memoised views, so references stay stable. */
import type { ObjectEntry } from '../../../shared/models';
import { rowIndex } from '../view-model/rows-view';
import type { AppState, OperationRun } from './types';

export const selectAccounts = (s: AppState) => s.accounts;
export const selectBuckets = (s: AppState) => s.buckets;
export const selectObjects = (s: AppState) => s.objects;
export const selectOperations = (s: AppState) => s.operations;
export const selectUi = (s: AppState) => s.ui;

export const selectSelectedAccount = (s: AppState) =>
  s.accounts.list.find((a) => a.id === s.accounts.selectedId) ?? null;

/** The rows the table shows: the folder listing, or search results while searching. */
export function selectVisibleRows(s: AppState): readonly ObjectEntry[] {
  const o = s.objects;
  const search = o.search;
  return o.rowsView({
    listId: search?.listId ?? o.listId,
    entries: search?.entries ?? o.entries,
    sort: o.sort,
    filter: o.filter,
    byKey: search !== null,
  });
}

export const selectIsSearching = (s: AppState) => s.objects.search !== null;

export const selectLoadedCount = (s: AppState) => (s.objects.search ?? s.objects).entries.length;

export const selectFocusedEntry = (s: AppState): ObjectEntry | null => {
  const key = s.objects.focused;
  if (key === null) return null;
  const rows = selectVisibleRows(s);
  return rows[rowIndex(rows, key)] ?? null;
};

export const selectRun =
  (id: string | null) =>
  (s: AppState): OperationRun | null =>
    id === null ? null : (s.operations.runs[id] ?? null);

export const selectLastRun = (s: AppState): OperationRun | null =>
  s.operations.lastId === null ? null : (s.operations.runs[s.operations.lastId] ?? null);
