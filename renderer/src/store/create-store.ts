/** One zustand store of typed slices and the flows across them, created per app (tests create their own). */
import { createStore } from 'zustand/vanilla';
import { createAccessSlice } from './access-slice';
import { createAccountsSlice } from './accounts-slice';
import type { AppState, AppStore } from './app-state';
import { createBucketsSlice } from './buckets-slice';
import { operationIds, type SliceDeps, type StoreDeps } from './deps';
import { createAccountFlows } from './flows/account-flows';
import { createFolderFlows } from './flows/folder-flows';
import type { PatchOf } from './flows/slices';
import { createEditsSlice } from './edits-slice';
import { createMovesSlice } from './moves-slice';
import { createObjectsSlice } from './objects-slice';
import { createOperationsSlice } from './operations-slice';
import { createPreviewSlice } from './preview-slice';
import { createPropsSlice } from './props-slice';
import { createSizesSlice } from './sizes-slice';
import { createQuickSyncSlice } from './quicksync-slice';
import { createSupportSlice } from './support-slice';
import { createSyncSlice } from './sync-slice';
import { createTransfersSlice } from './transfers-slice';
import { createUiSlice } from './ui-slice';

export function createAppStore(storeDeps: StoreDeps): AppStore {
  const deps: SliceDeps = {
    ...storeDeps,
    newOperationId: storeDeps.newOperationId ?? operationIds(),
    now: storeDeps.now ?? Date.now,
  };
  const store = createStore<AppState>()((set, get) => {
    /** Merges a partial into one slice (slices are nested objects). */
    const patchOf: PatchOf = (key) => (change) =>
      set((state) => {
        const current = state[key];
        const next = typeof change === 'function' ? change(current) : change;
        return { [key]: { ...current, ...next } };
      });
    const folders = createFolderFlows(patchOf, get, deps);
    const accounts = createAccountFlows(patchOf, get, deps, folders.objects.open);
    return {
      accounts: { ...createAccountsSlice(patchOf('accounts'), get, deps), ...accounts.accounts },
      access: createAccessSlice(patchOf('access'), get, deps),
      buckets: { ...createBucketsSlice(patchOf('buckets'), get, deps), ...accounts.buckets },
      objects: { ...createObjectsSlice(patchOf('objects'), get, deps), ...folders.objects },
      operations: createOperationsSlice(patchOf('operations'), get, deps),
      edits: createEditsSlice(patchOf('edits'), get, deps),
      moves: createMovesSlice(patchOf('moves'), get, deps),
      preview: createPreviewSlice(patchOf('preview'), get, deps),
      props: { ...createPropsSlice(patchOf('props'), get, deps), ...folders.props },
      quicksync: { ...createQuickSyncSlice(patchOf('quicksync'), get, deps), ...folders.quicksync },
      sizes: createSizesSlice(patchOf('sizes'), get, deps),
      support: createSupportSlice(patchOf('support'), get, deps),
      sync: createSyncSlice(patchOf('sync'), get, deps),
      transfers: createTransfersSlice(patchOf('transfers'), get, deps),
      ui: { ...createUiSlice(patchOf('ui'), get, deps), ...accounts.ui },
    };
  });
  // Progress events can arrive for any run; the slice ignores ids it did not start.
  deps.api.subscribe('operations:progress', (event) => {
    store.getState().operations.progress(event);
    store.getState().sizes.progress(event);
  });
  // Transfer snapshots update the panel's loaded window, totals, speed graph and conflicts.
  store.getState().transfers.subscribe();
  // A QuickSync account's files are listed again when an upload batch ends.
  store.getState().quicksync.subscribe();
  // Edit sessions (desktop app) as the core reports them.
  store.getState().edits.subscribe();
  // Folder sync pairs and their status as the core reports them.
  store.getState().sync.subscribe();
  // The sync view gives way to the browser when the person opens a folder, a file list or another account.
  store.subscribe((state, before) => {
    if (
      state.sync.viewing !== null &&
      (state.objects.location !== before.objects.location ||
        state.quicksync.place !== before.quicksync.place ||
        state.accounts.selectedId !== before.accounts.selectedId)
    ) {
      state.sync.view(null);
    }
  });
  return store;
}
