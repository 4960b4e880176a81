// Source mode only (tsx, vitest): Node 20 ignores `--import tsx` in a worker's execArgv, so
// the worker starts here, registers tsx's loader in its own thread, then loads the TypeScript
// entry. The bundled app starts out/main/transfer-worker.js directly and never uses this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsEntry);
