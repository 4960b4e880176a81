/** Selectors per slice. Derived data comes from memoised views, so references stay stable. */
import type { ObjectEntry } from '../../../shared/models';
import type { Feature } from '../../../shared/properties';
import { capabilitiesOf, type ProviderCapabilities } from '../../../shared/providers';
import type { QuickSyncRow } from '../view-model/quicksync-files';
import { rowIndex } from '../view-model/rows-view';
import type { AppState, Location, OperationRun } from './types';

export const selectAccounts = (s: AppState) => s.accounts;
export const selectBuckets = (s: AppState) => s.buckets;
export const selectObjects = (s: AppState) => s.objects;
export const selectOperations = (s: AppState) => s.operations;
export const selectUi = (s: AppState) => s.ui;

export const selectSelectedAccount = (s: AppState) =>
  s.accounts.list.find((a) => a.id === s.accounts.selectedId) ?? null;

/** What the selected account's provider can do (the same object per kind); null without an account. */
export const selectCapabilities = (s: AppState): ProviderCapabilities | null => {
  const account = selectSelectedAccount(s);
  return account === null ? null : capabilitiesOf(account.kind);
};

/**
 * Whether the selected account's provider has this property feature at all: a control it lacks
 * is hidden (one a service turns out not to implement is disabled instead, see support-slice).
 */
export const selectHasFeature =
  (feature: Feature) =>
  (s: AppState): boolean =>
    selectCapabilities(s)?.features.includes(feature) ?? false;

const BUCKET_PROPERTY_FEATURES: readonly Feature[] = [
  'bucketTags',
  'bucketAcl',
  'versioning',
  'objectLock',
  'bucketEncryption',
  'website',
];

/** Whether the selected account's provider has any bucket property (else no Properties button). */
export const selectHasBucketProperties = (s: AppState): boolean =>
  BUCKET_PROPERTY_FEATURES.some((f) => selectHasFeature(f)(s));

/** Where uploads go and downloads come from: the folder shown, or a QuickSync account's files. */
export const selectPlace = (s: AppState): Location | null => s.quicksync.place ?? s.objects.location;

/** The QuickSync files the table shows (filtered, in name order). */
export const selectFileRows = (s: AppState): readonly QuickSyncRow[] =>
  s.quicksync.rowsView(s.quicksync.files, s.quicksync.filter);

export const selectFocusedFile = (s: AppState): QuickSyncRow | null => {
  const rows = selectFileRows(s);
  return rows[rowIndex(rows, s.quicksync.focused)] ?? null;
};

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
