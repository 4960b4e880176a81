/**
 * The transfer worker run from sources, for whatever runs the core through tsx or vitest
 * (tests of modules, `npm run web:dev`): the bundled hosts start their own transfer-worker.js.
 */
import type { WorkerEntry } from '../../electron/core/transfers/worker-pool';

export const SOURCE_WORKER_ENTRY: WorkerEntry = {
  script: new URL('./tsx-worker.mjs', import.meta.url),
  workerData: { tsEntry: new URL('../../electron/worker/transfer-worker.ts', import.meta.url).href },
};
