/**
 * "Calculate size": one calculation at a time (a new one cancels the one running), its count
 * growing as the core's `operations:progress` events arrive for its operation id, and its
 * outcome kept until the next one. The details pane and the status bar show it.
 */
import type { AppError } from '../../../shared/errors';
import type { OperationProgress, SizeSummary } from '../../../shared/models';
import type { StoreSlice } from './slice';
import type { Location } from './objects-slice';

/** What is measured: a bucket of the account shown, or in the bucket shown one folder or a selection of keys and folders. */
export type SizeTarget =
  | { kind: 'bucket'; bucket: string }
  | { kind: 'folder'; prefix: string }
  | { kind: 'selection'; keys: readonly string[] };

export interface SizeRun {
  accountId: string;
  bucket: string;
  /** The channel's items: "" for the bucket, folder prefixes and object keys. */
  items: readonly string[];
  target: SizeTarget;
  operationId: string;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  /** Counted so far; the final sum once done. */
  counted: SizeSummary;
  error: AppError | null;
}

export interface SizesSlice {
  current: SizeRun | null;
  /** Starts measuring `target` (cancelling a calculation still running). */
  calculate(target: SizeTarget): Promise<void>;
  /** Stops the running calculation; what was counted stays shown as cancelled. */
  cancel(): Promise<void>;
  /** Forgets the last result. */
  clear(): void;
  progress(event: OperationProgress): void;
}

export const itemsOf = (target: SizeTarget): readonly string[] =>
  target.kind === 'bucket' ? [''] : target.kind === 'folder' ? [target.prefix] : target.keys;

/** Whether `run` measured `target` in `location` (the pane shows a result only for what it shows). */
export function measures(run: SizeRun | null, location: Location | null, target: SizeTarget): run is SizeRun {
  if (run === null || location === null) return false;
  const bucket = target.kind === 'bucket' ? target.bucket : location.bucket;
  if (run.accountId !== location.accountId || run.bucket !== bucket) return false;
  const items = itemsOf(target);
  return run.items.length === items.length && run.items.every((item, i) => item === items[i]);
}

type Reads = { objects: { location: Location | null }; accounts: { selectedId: string | null } };

export const createSizesSlice: StoreSlice<'sizes', SizesSlice, Reads> = (patch, get, deps) => {
  const update = (operationId: string, change: Partial<SizeRun>): void => {
    const run = get().sizes.current;
    if (run?.operationId === operationId) patch({ current: { ...run, ...change } });
  };

  return {
    current: null,

    async calculate(target) {
      const location = get().objects.location;
      const accountId = location?.accountId ?? get().accounts.selectedId;
      const bucket = target.kind === 'bucket' ? target.bucket : location?.bucket;
      if (accountId === null || bucket === undefined) return;
      if (get().sizes.current?.status === 'running') await get().sizes.cancel();
      const operationId = deps.newOperationId();
      const items = itemsOf(target);
      patch({
        current: {
          accountId,
          bucket,
          items,
          target,
          operationId,
          status: 'running',
          counted: { objects: 0, bytes: 0 },
          error: null,
        },
      });
      const result = await deps.api.invoke('objects:size', {
        accountId,
        bucket,
        items: [...items],
        operationId,
      });
      if (result.ok) update(operationId, { status: 'done', counted: result.value });
      else if (result.error.code === 'Cancelled') update(operationId, { status: 'cancelled' });
      else update(operationId, { status: 'failed', error: result.error });
    },

    async cancel() {
      const run = get().sizes.current;
      if (run?.status !== 'running') return;
      update(run.operationId, { status: 'cancelled' });
      await deps.api.invoke('operations:cancel', { operationId: run.operationId });
    },

    clear() {
      if (get().sizes.current?.status !== 'running') patch({ current: null });
    },

    progress(event) {
      const run = get().sizes.current;
      if (run?.operationId !== event.operationId || run.status !== 'running') return;
      update(event.operationId, { counted: { objects: event.done, bytes: event.bytes ?? run.counted.bytes } });
    },
  };
};
