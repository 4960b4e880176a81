/**
 * Starting the browser host for a test: in-process (startWebHost + createCore, fast) or as
 * the real CLI in a child process, ready when it prints `QSTORAGE_WEB_READY=` (no sleeps).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Result } from '../../shared/errors';
import { createCore } from '../../electron/core/create-core';
import { createKeyFileVault } from '../../electron/core/key-file-vault';
import { createDownloadLinks } from '../../electron/web/download-links';
import { startWebHost } from '../../electron/web/server';

export const STATIC_DIR = path.resolve('out', 'renderer');
const READY_PREFIX = 'QSTORAGE_WEB_READY=';
const URL_PREFIX = 'QSTORAGE_WEB_URL=';

export interface RunningHost {
  /** The address to open, token in the fragment. */
  appUrl: string;
  port: number;
  token: string;
  /** In-process hosts only: the core's router, to set up state without the UI. */
  invoke?: (channel: string, request: unknown) => Promise<Result<unknown>>;
  stop(): Promise<void>;
}

export async function startInProcessHost(dataDir: string): Promise<RunningHost> {
  const links = createDownloadLinks();
  const core = await createCore({
    dataDir,
    vault: await createKeyFileVault(dataDir),
    host: { createDownloadLink: (source) => links.create(source) },
    info: { host: 'web', version: 'e2e' },
  });
  const web = await startWebHost({ core, port: 0, staticDir: STATIC_DIR, links });
  return {
    appUrl: web.appUrl,
    port: web.port,
    token: web.token,
    invoke: (channel, request) => core.invoke(channel, request),
    async stop() {
      await web.close();
      await core.dispose();
    },
  };
}

export interface CliHostOptions {
  /** Pass --print-url (default), so appUrl and token are known; without it both are ''. */
  printUrl?: boolean;
  /** Let the CLI open a browser (it does not by default: --no-open). */
  open?: boolean;
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
}

/** `node --import tsx electron/web/cli.ts --data-dir DIR --port 0 --no-open --print-url [...extra]`. */
export async function startCliHost(
  dataDir: string,
  extraArgs: string[] = [],
  { printUrl = true, open = false, env = {} }: CliHostOptions = {},
): Promise<RunningHost & { output: string[]; pid: number; url: string }> {
  const args = [
    '--import',
    'tsx',
    'electron/web/cli.ts',
    '--data-dir',
    dataDir,
    '--port',
    '0',
    ...(open ? [] : ['--no-open']),
    ...(printUrl ? ['--print-url'] : []),
    ...extraArgs,
  ];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, FORCE_COLOR: '0' },
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr.setEncoding('utf8').on('data', (d: string) => output.push(d));

  let appUrl = '';
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      output.push(line);
      if (line.startsWith(URL_PREFIX)) appUrl = line.slice(URL_PREFIX.length);
      if (line.startsWith(READY_PREFIX)) resolve(line.slice(READY_PREFIX.length));
    });
    child.once('error', reject);
    void exited.then((code) =>
      reject(new Error(`the web host exited (${code}) before it was ready:\n${output.join('\n')}`)),
    );
  });
  return {
    appUrl,
    url,
    pid: child.pid ?? 0,
    port: Number(new URL(url).port),
    token: appUrl === '' ? '' : (new URLSearchParams(new URL(appUrl).hash.slice(1)).get('token') ?? ''),
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
