/** The state as the flows see it (every slice, without the flows), and how they patch a slice. */
import type { AccessSlice } from '../access-slice';
import type { AccountsSlice } from '../accounts-slice';
import type { BucketsSlice } from '../buckets-slice';
import type { MovesSlice } from '../moves-slice';
import type { ObjectsSlice } from '../objects-slice';
import type { OperationsSlice } from '../operations-slice';
import type { EditsSlice } from '../edits-slice';
import type { PreviewSlice } from '../preview-slice';
import type { PropsSlice } from '../props-slice';
import type { QuickSyncSlice } from '../quicksync-slice';
import type { SizesSlice } from '../sizes-slice';
import type { Patch } from '../slice';
import type { SupportSlice } from '../support-slice';
import type { SyncSlice } from '../sync-slice';
import type { TransfersSlice } from '../transfers-slice';
import type { UiSlice } from '../ui-slice';

export interface Slices {
  accounts: AccountsSlice;
  access: AccessSlice;
  buckets: BucketsSlice;
  objects: ObjectsSlice;
  operations: OperationsSlice;
  moves: MovesSlice;
  edits: EditsSlice;
  preview: PreviewSlice;
  props: PropsSlice;
  quicksync: QuickSyncSlice;
  sizes: SizesSlice;
  sync: SyncSlice;
  support: SupportSlice;
  transfers: TransfersSlice;
  ui: UiSlice;
}

export type PatchOf = <K extends keyof Slices>(key: K) => Patch<Slices[K]>;
