/**
 * What the benchmarks run (BUNDLE, as the test suites: test/support/bundle.ts). The UI and
 * listing benchmarks start the browser host itself (test/e2e/hosts.ts: out/web/cli.js); the
 * transfer benchmark's one-batch host, bench/core-host.ts, is bundled exactly as the browser
 * host is (vite.web.config.ts: the same core and transfer-worker.js beside it) into out/bench/.
 * BUNDLE=dev runs the TypeScript sources through tsx instead.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { nodeBundle } from '../vite.web.config';
import { bundleMode, type BundleMode } from '../test/support/bundle';

const CORE_HOST_SOURCE = fileURLToPath(new URL('./core-host.ts', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../out/bench/', import.meta.url));

let bundled: Promise<string> | null = null;

/** Node's arguments that start bench/core-host.ts in this mode (bundled once per process). */
export async function coreHostNodeArgs(mode: BundleMode = bundleMode()): Promise<string[]> {
  if (mode === 'dev') return ['--import', 'tsx', CORE_HOST_SOURCE];
  bundled ??= build({
    ...nodeBundle({ 'core-host': CORE_HOST_SOURCE }, OUT_DIR),
    configFile: false,
    logLevel: 'warn',
  }).then(() => `${OUT_DIR}core-host.js`);
  return [await bundled];
}
