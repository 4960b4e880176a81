/**
 * `npm run web:dev` and BUNDLE=dev: the browser host from its TypeScript sources through tsx,
 * with the transfer worker from sources too. The product runs out/web/cli.js instead.
 */
import { runCli } from '../../electron/web/cli-main';
import { SOURCE_WORKER_ENTRY } from './source-worker';

runCli(process.argv.slice(2), SOURCE_WORKER_ENTRY);
