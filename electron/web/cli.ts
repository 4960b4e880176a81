/**
 * `npm run web`: the browser host's bundle entry (out/web/cli.js). The build puts the transfer
 * worker beside it as transfer-worker.js.
 */
import { runCli } from './cli-main';

runCli(process.argv.slice(2), { script: new URL('./transfer-worker.js', import.meta.url) });
