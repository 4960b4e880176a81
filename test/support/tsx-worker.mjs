// The transfer worker from TypeScript sources (vitest, web:dev, BUNDLE=dev): Node 20 ignores
// `--import tsx` in a worker's execArgv, so the worker starts here, registers tsx's loader in
// its own thread, then loads the TypeScript entry. The bundles never use this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsEntry);
