/**
 * What the benchmarks run (BUNDLE, as the test suites: test/support/bundle.ts). The UI and
 * listing benchmarks start the browser host itself (test/e2e/hosts.ts: out/web/cli.js); the
 * transfer benchmark's one-batch host, bench/core-host.ts, and the sync benchmark's
 * bench/sync-host.ts are bundled exactly as the browser host is (vite.web.config.ts: the same
 * core and transfer-worker.js beside them) into out/bench/.
 * BUNDLE=dev runs the TypeScript sources through tsx instead.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { nodeBundle } from '../vite.web.config';
import { bundleMode, type BundleMode } from '../test/support/bundle';

const HOSTS = {
  'core-host': fileURLToPath(new URL('./core-host.ts', import.meta.url)),
  'sync-host': fileURLToPath(new URL('./sync-host.ts', import.meta.url)),
};
export type BenchHost = keyof typeof HOSTS;
const OUT_DIR = fileURLToPath(new URL('../out/bench/', import.meta.url));

let bundled: Promise<void> | null = null;

/** Node's arguments that start bench/<host>.ts in this mode (both hosts bundled once per process). */
export async function hostNodeArgs(host: BenchHost, mode: BundleMode = bundleMode()): Promise<string[]> {
  if (mode === 'dev') return ['--import', 'tsx', HOSTS[host]];
  bundled ??= build({ ...nodeBundle(HOSTS, OUT_DIR), configFile: false, logLevel: 'warn' }).then(() => {});
  await bundled;
  return [`${OUT_DIR}${host}.js`];
}

export interface HostProcess {
  child: ChildProcessWithoutNullStreams;
  exited: Promise<number | null>;
  /** The end of what it wrote to stderr, for an error message. */
  stderrTail(): string;
}

/** Starts bench/<host>.ts with the job as its argument and a bare environment (the secret goes in on stdin). */
export async function spawnHost(host: BenchHost, job: unknown): Promise<HostProcess> {
  const child = spawn(process.execPath, [...(await hostNodeArgs(host)), JSON.stringify(job)], {
    env: {
      BUNDLE: bundleMode(),
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...(process.env.TMPDIR !== undefined && { TMPDIR: process.env.TMPDIR }),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const err: Buffer[] = [];
  child.stderr.on('data', (d: Buffer) => err.push(d));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { child, exited, stderrTail: () => Buffer.concat(err).toString().trim().slice(-1500) };
}
