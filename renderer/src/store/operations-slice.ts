/**
 * Batch operations (delete, copy, move): progress per operationId from the core's
 * `operations:progress` events, and each run's final summary of what failed.
 */
import { patchSlice, type OperationRun, type OperationsSlice, type SliceCreator } from './types';

let fallbackCounter = 0;

/** A fresh operation id (crypto.randomUUID where the page is a secure context). */
export function newOperationId(): string {
  const uuid = globalThis.crypto?.randomUUID?.();
  return uuid ?? `op-${Date.now().toString(36)}-${(fallbackCounter++).toString(36)}`;
}

export const createOperationsSlice: SliceCreator<'operations'> = (set, get, deps) => {
  const patch = patchSlice(set, 'operations');
  const makeId = deps.newOperationId ?? newOperationId;

  const update = (id: string, change: Partial<OperationRun>): OperationRun | null => {
    const run = get().operations.runs[id];
    if (run === undefined) return null;
    const next = { ...run, ...change };
    patch((s) => ({ runs: { ...s.runs, [id]: next } }));
    return next;
  };

  const slice: OperationsSlice = {
    runs: {},
    lastId: null,

    start(kind, label, call) {
      const id = makeId();
      const run: OperationRun = { id, kind, label, status: 'running', progress: null, summary: null, error: null };
      patch((s) => ({ runs: { ...s.runs, [id]: run }, lastId: id }));
      const done = call(id).then(
        (result) =>
          update(
            id,
            result.ok ? { status: 'done', summary: result.value } : { status: 'failed', error: result.error },
          ) ?? run,
        (error: unknown) =>
          update(id, {
            status: 'failed',
            error: { code: 'Unknown', message: error instanceof Error ? error.message : String(error) },
          }) ?? run,
      );
      return { operationId: id, done };
    },

    progress(event) {
      const run = get().operations.runs[event.operationId];
      if (run !== undefined && run.status === 'running') update(event.operationId, { progress: event });
    },

    async cancel(operationId) {
      const result = await deps.domains.operations.cancel(operationId);
      if (!result.ok) get().ui.notifyError(result.error, 'Could not cancel');
    },

    dismiss(operationId) {
      patch((s) => {
        const { [operationId]: _gone, ...runs } = s.runs;
        return { runs, lastId: s.lastId === operationId ? null : s.lastId };
      });
    },
  };
  return slice;
};
