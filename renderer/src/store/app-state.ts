/**
 * The root state: each slice's own interface, plus the flows (flows/) that the store exposes
 * under the slice's name. Nothing in a slice imports this file: slices declare the narrow part
 * of the others they read, and create-store checks it against this type.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { AccessSlice } from './access-slice';
import type { AccountsSlice } from './accounts-slice';
import type { BucketsSlice } from './buckets-slice';
import type { AccountFlows, BucketFlows, UiFlows } from './flows/account-flows';
import type { ObjectFlows, PropsFlows, QuickSyncFlows } from './flows/folder-flows';
import type { EditsSlice } from './edits-slice';
import type { MovesSlice } from './moves-slice';
import type { ObjectsSlice } from './objects-slice';
import type { OperationsSlice } from './operations-slice';
import type { PreviewSlice } from './preview-slice';
import type { PropsSlice } from './props-slice';
import type { QuickSyncSlice } from './quicksync-slice';
import type { SizesSlice } from './sizes-slice';
import type { SupportSlice } from './support-slice';
import type { SyncSlice } from './sync-slice';
import type { TransfersSlice } from './transfers-slice';
import type { UiSlice } from './ui-slice';

export interface AppState {
  accounts: AccountsSlice & AccountFlows;
  access: AccessSlice;
  support: SupportSlice;
  buckets: BucketsSlice & BucketFlows;
  objects: ObjectsSlice & ObjectFlows;
  operations: OperationsSlice;
  edits: EditsSlice;
  moves: MovesSlice;
  preview: PreviewSlice;
  props: PropsSlice & PropsFlows;
  quicksync: QuickSyncSlice & QuickSyncFlows;
  sizes: SizesSlice;
  sync: SyncSlice;
  transfers: TransfersSlice;
  ui: UiSlice & UiFlows;
}

export type AppStore = StoreApi<AppState>;
