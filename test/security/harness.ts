/**
 * The security suite's harness: the real browser host (the CLI in a child process) on a fresh
 * data folder, clients that record what they receive, and the secret sweep.
 *
 * Everything a test receives (WebSocket frames, HTTP answers, the host's output) is written to
 * the run folder's records/ (test-results/security/run-<vitest pid>/), and every secret a test
 * uses is noted in its ledger/ (with the data folders to sweep). The sweep reads all of it,
 * binary files included, and reports any secret found. Each file ends with a sweep test (see
 * sweepTest), so whichever file runs last has swept everything the run recorded.
 */
import { createHash, randomBytes } from 'node:crypto';
import { appendFile, lstat, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Result } from '../../shared/errors';
import type { TransferJobView, TransferPage, TransfersSnapshot } from '../../shared/transfers';
import { startCliHost } from '../e2e/hosts';
import { WsClient } from './ws-client';

/** One folder per vitest run (test files run in forked workers of the same vitest process). */
export const RUN_DIR = path.resolve('test-results', 'security', `run-${process.ppid}`);
const RECORDS_DIR = path.join(RUN_DIR, 'records');
/** Not swept: it holds the secrets themselves. */
const LEDGER_DIR = path.join(RUN_DIR, 'ledger');
const SECRETS_FILE = path.join(LEDGER_DIR, 'secrets.jsonl');
const DATA_DIRS_FILE = path.join(LEDGER_DIR, 'data-dirs.txt');

/** Notes a secret the sweep must not find anywhere. */
export async function noteSecret(label: string, value: string): Promise<void> {
  await mkdir(LEDGER_DIR, { recursive: true });
  await appendFile(SECRETS_FILE, `${JSON.stringify({ label, value })}\n`);
}

export interface SecurityHost {
  label: string;
  dataDir: string;
  port: number;
  token: string;
  /** The CLI's process id (the node process serving the host). */
  pid: number;
  /** What the host printed (stdout and stderr). */
  output: string[];
  /** A client opened at start. */
  client: WsClient;
  /** Another client, recorded like the first. */
  connect(): Promise<WsClient>;
  invoke<T = unknown>(channel: string, request: unknown): Promise<Result<T>>;
  /** An HTTP request to the host; the answer is recorded. `host` overrides the Host header. */
  request(
    urlPath: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; body: Buffer }>;
  /** Stops the host and writes the frames and output to the run folder. Idempotent. */
  stop(): Promise<void>;
}

/** The real CLI host on a new data folder under the system temp dir. */
export async function startSecurityHost(label: string): Promise<SecurityHost> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `qs-security-${label}-`));
  await mkdir(LEDGER_DIR, { recursive: true });
  await appendFile(DATA_DIRS_FILE, `${dataDir}\n`);
  const records = path.join(RECORDS_DIR, `${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`);
  await mkdir(records, { recursive: true });

  const cli = await startCliHost(dataDir);
  await noteSecret(`browser host token (${label})`, cli.token);
  const clients: WsClient[] = [];
  const connect = async (): Promise<WsClient> => {
    const c = await WsClient.open(cli.port, cli.token);
    clients.push(c);
    return c;
  };
  const client = await connect();
  let answers = 0;
  let stopped: Promise<void> | null = null;

  return {
    label,
    dataDir,
    port: cli.port,
    token: cli.token,
    pid: cli.pid,
    output: cli.output,
    client,
    connect,
    invoke: (channel, request) => client.invoke(channel, request),
    async request(urlPath, init = {}) {
      const answer = await new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: cli.port,
            path: urlPath,
            method: init.method ?? 'GET',
            headers: { host: `127.0.0.1:${cli.port}`, ...init.headers },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(init.body);
      });
      answers += 1;
      await writeFile(path.join(records, `http-${answers}.bin`), answer.body);
      return answer;
    },
    stop() {
      stopped ??= (async () => {
        await Promise.all(clients.map((c) => c.close()));
        await cli.stop();
        for (const [i, c] of clients.entries()) {
          await writeFile(path.join(records, `ws-client-${i}.jsonl`), c.frames.join('\n'));
        }
        // The one line --print-url asks for carries the token by design; everything else is swept.
        const printed = cli.output.filter((line) => !line.includes('#token='));
        await writeFile(path.join(records, 'host-output.txt'), printed.join('\n'));
      })();
      return stopped;
    },
  };
}

/** Resolves once the batch has finished, then returns its jobs. */
export async function finishedJobs(host: SecurityHost, batchId: string): Promise<TransferJobView[]> {
  await host.client.waitForEvent(
    (e) =>
      e.event === 'transfers:progress' &&
      (e.payload as TransfersSnapshot).finishedBatches.some((b) => b.batchId === batchId),
  );
  const page = await host.invoke<TransferPage>('transfers:list', { filter: 'all', offset: 0, limit: 500 });
  if (!page.ok) throw new Error(`transfers:list failed: ${page.error.message}`);
  return page.value.jobs.filter((j) => j.batchId === batchId);
}

export interface Finding {
  secret: string;
  file: string;
}

/** Every secret noted so far, searched for in every recorded file and every data folder still present. */
export async function sweepForSecrets(): Promise<Finding[]> {
  const secrets = (await readFile(SECRETS_FILE, 'utf8').catch(() => ''))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { label: string; value: string });
  const roots = [
    RECORDS_DIR,
    ...(await readFile(DATA_DIRS_FILE, 'utf8').catch(() => '')).split('\n').filter((l) => l !== ''),
  ];
  return sweep(secrets, roots);
}

/** Where any of `secrets` occurs, byte for byte, in any regular file below `roots`. */
export async function sweep(secrets: { label: string; value: string }[], roots: string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const root of roots) {
    for (const file of await filesUnder(root)) {
      const bytes = await readFile(file).catch(() => null);
      if (bytes === null) continue;
      for (const s of secrets) if (bytes.includes(s.value)) findings.push({ secret: s.label, file });
    }
  }
  return findings;
}

/** Regular files below `root` (symbolic links are not followed); none when it does not exist. */
export async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(e.parentPath, e.name);
    if ((await lstat(full)).isFile()) out.push(full);
  }
  return out.sort();
}

/** Every entry below `root` with its kind and, for files, a SHA-256 of the bytes. */
export async function treeSnapshot(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(e.parentPath, e.name);
    const rel = path.relative(root, full);
    if (e.isFile())
      out.push(
        `${rel} ${createHash('sha256')
          .update(await readFile(full))
          .digest('hex')}`,
      );
    else out.push(`${rel} ${e.isDirectory() ? 'dir' : e.isSymbolicLink() ? 'link' : 'other'}`);
  }
  return out.sort();
}

/**
 * The last test of a file: stops the host, then sweeps everything the run recorded so far
 * (this file's data folder included) for every secret noted so far; the data folder goes after.
 */
export function sweepTest(host: () => SecurityHost | undefined): void {
  it('leaves no secret in the data folder, the host output, any frame or any HTTP answer', async () => {
    const h = host();
    expect(h, 'the host started').toBeDefined();
    await h!.stop();
    expect(await sweepForSecrets()).toEqual([]);
    await rm(h!.dataDir, { recursive: true, force: true });
  });
}
