/** One zustand store of typed slices, created per app (tests create their own). */
import { createStore } from 'zustand/vanilla';
import { createAccessSlice } from './access-slice';
import { createAccountsSlice } from './accounts-slice';
import { createBucketsSlice } from './buckets-slice';
import { createObjectsSlice } from './objects-slice';
import { createOperationsSlice } from './operations-slice';
import { createPropsSlice } from './props-slice';
import { createQuickSyncSlice } from './quicksync-slice';
import { createTransfersSlice } from './transfers-slice';
import { createSupportSlice } from './support-slice';
import type { AppState, AppStore, StoreDeps } from './types';
import { createUiSlice } from './ui-slice';

export function createAppStore(deps: StoreDeps): AppStore {
  const store = createStore<AppState>()((set, get) => ({
    accounts: createAccountsSlice(set, get, deps),
    access: createAccessSlice(set, get, deps),
    buckets: createBucketsSlice(set, get, deps),
    objects: createObjectsSlice(set, get, deps),
    operations: createOperationsSlice(set, get, deps),
    props: createPropsSlice(set, get, deps),
    quicksync: createQuickSyncSlice(set, get, deps),
    support: createSupportSlice(set, get, deps),
    transfers: createTransfersSlice(set, get, deps),
    ui: createUiSlice(set, get, deps),
  }));
  // Progress events can arrive for any run; the slice ignores ids it did not start.
  deps.domains.subscribe('operations:progress', (event) => store.getState().operations.progress(event));
  // Transfer snapshots update the panel's loaded window, totals, speed graph and conflicts.
  store.getState().transfers.subscribe();
  // A QuickSync account's files are listed again when an upload batch ends.
  store.getState().quicksync.subscribe();
  return store;
}
