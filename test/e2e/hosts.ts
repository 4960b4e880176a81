/**
 * Starting the browser host for a test: the real CLI in a child process, bundled (out/web/cli.js)
 * unless BUNDLE=dev (test/support/bundle.ts), ready when it prints `QSTORAGE_WEB_READY=` (no
 * sleeps). Tests set up state through its WebSocket, as the page does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Result } from '../../shared/errors';
import { WsClient } from '../security/ws-client';
import { webHostNodeArgs } from '../support/bundle';

const READY_PREFIX = 'QSTORAGE_WEB_READY=';
const URL_PREFIX = 'QSTORAGE_WEB_URL=';

export interface RunningHost {
  /** The address to open, token in the fragment ('' without --print-url). */
  appUrl: string;
  /** The address without the token. */
  url: string;
  port: number;
  token: string;
  /** The CLI's process id. */
  pid: number;
  /** What the host printed (stdout lines and stderr chunks). */
  output: string[];
  /** A request over the host's WebSocket, as the page sends it (needs the token: --print-url). */
  invoke(channel: string, request: unknown): Promise<Result<unknown>>;
  stop(): Promise<void>;
}

export interface CliHostOptions {
  /** Pass --print-url (default), so appUrl and token are known; without it both are ''. */
  printUrl?: boolean;
  /** Let the CLI open a browser (it does not by default: --no-open). */
  open?: boolean;
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
}

/** `node out/web/cli.js --data-dir DIR --port 0 --no-open --print-url [...extra]`. */
export async function startCliHost(
  dataDir: string,
  extraArgs: string[] = [],
  { printUrl = true, open = false, env = {} }: CliHostOptions = {},
): Promise<RunningHost> {
  const args = [
    ...webHostNodeArgs(),
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
  const { url, appUrl, output, exited } = await hostReady(child);
  const token = appUrl === '' ? '' : (new URLSearchParams(new URL(appUrl).hash.slice(1)).get('token') ?? '');
  const port = Number(new URL(url).port);
  let client: Promise<WsClient> | null = null;
  return {
    appUrl,
    url,
    pid: child.pid ?? 0,
    port,
    token,
    output,
    async invoke(channel, request) {
      if (token === '') throw new Error('invoke needs the token: start the host with --print-url');
      client ??= WsClient.open(port, token);
      return (await client).invoke(channel, request);
    },
    async stop() {
      if (client !== null) await (await client).close();
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface ReadyHost {
  /** From QSTORAGE_WEB_READY=. */
  url: string;
  /** From QSTORAGE_WEB_URL= ('' without --print-url). */
  appUrl: string;
  output: string[];
  exited: Promise<number | null>;
}

/** Resolves once the host (or a process that starts it, such as npm) prints its ready line. */
export async function hostReady(child: ChildProcess): Promise<ReadyHost> {
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => output.push(d));
  let appUrl = '';
  const url = await new Promise<string>((resolve, reject) => {
    if (child.stdout === null) throw new Error('the host needs a piped stdout');
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
  return { url, appUrl, output, exited };
}
