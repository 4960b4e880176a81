/** Selectors per slice. Derived data comes from memoised views, so references stay stable. */
import { capabilitiesOf, type Capabilities, type Capability } from '../../../shared/capabilities';
import type { ObjectEntry } from '../../../shared/models';
import type { QuickSyncRow } from '../view-model/quicksync-files';
import { rowIndex } from '../view-model/rows-view';
import type { AppState } from './app-state';
import { visibleRows } from './objects-slice';
import type { OperationRun } from './operations-slice';
import { selectFileRows } from './quicksync-slice';

export { selectFileRows, selectPlace } from './quicksync-slice';

export const selectAccounts = (s: AppState) => s.accounts;
export const selectBuckets = (s: AppState) => s.buckets;
export const selectObjects = (s: AppState) => s.objects;
export const selectOperations = (s: AppState) => s.operations;
export const selectUi = (s: AppState) => s.ui;

export const selectSelectedAccount = (s: AppState) =>
  s.accounts.list.find((a) => a.id === s.accounts.selectedId) ?? null;

/** What the selected account's provider can do (the same set per kind); null without an account. */
export const selectCapabilities = (s: AppState): Capabilities | null => {
  const account = selectSelectedAccount(s);
  return account === null ? null : capabilitiesOf(account.kind);
};

/**
 * Whether the selected account's provider has this capability at all: a control it lacks is
 * hidden (one a service turns out not to implement is disabled instead, see support-slice).
 */
export const selectHasCapability =
  (capability: Capability) =>
  (s: AppState): boolean =>
    selectCapabilities(s)?.has(capability) ?? false;

const BUCKET_PROPERTY_CAPABILITIES: readonly Capability[] = [
  'bucketTags',
  'bucketAcl',
  'versioning',
  'objectLock',
  'bucketEncryption',
  'website',
];

/** The local sandbox: its property tabs are shown, saying what it does not keep (SandboxNotice.tsx). */
export const selectIsSandbox = (s: AppState): boolean => selectSelectedAccount(s)?.kind === 'sandbox';

/** Whether the selected account's provider has any bucket property (else no Properties button). */
export const selectHasBucketProperties = (s: AppState): boolean =>
  BUCKET_PROPERTY_CAPABILITIES.some((c) => selectHasCapability(c)(s)) || selectIsSandbox(s);

export const selectFocusedFile = (s: AppState): QuickSyncRow | null => {
  const rows = selectFileRows(s);
  return rows[rowIndex(rows, s.quicksync.focused)] ?? null;
};

/** The rows the table shows: the folder listing, or search results while searching. */
export const selectVisibleRows = (s: AppState): readonly ObjectEntry[] => visibleRows(s.objects);

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
