/**
 * `npm run web` runs the bundles alone: no TypeScript source, no tsx, no devDependency.
 *
 * The proof: the built out/web and out/renderer, package.json with its pre-step
 * (build/prepare-web.mjs) and the lockfile are copied to an empty folder, where
 * `npm ci --omit=dev` installs the production dependencies, as a user would on a built tree.
 * There `npm run web` starts the host; the test opens the sandbox, lists a bucket and downloads a file, so the transfer worker starts
 * too. That folder has no .ts file and no tsx (nor react, vite…): any import of one would fail
 * to resolve and the host, or the worker's transfer, would fail. On top, no process of the tree
 * (npm, its shell, the host) names tsx in its command line or NODE_OPTIONS.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary, ObjectEntry, Page } from '../../shared/models';
import type { TransfersSnapshot } from '../../shared/transfers';
import { hostReady, type ReadyHost } from '../e2e/hosts';
import { WsClient } from '../security/ws-client';
import { assertWebBundle } from '../support/bundle';

const ROOT = path.resolve('.');

/** `npm ci --omit=dev` in `dir` (package.json and the lockfile there), from npm's cache where it can. */
function installProductionDependencies(dir: string): void {
  const args = ['ci', '--omit=dev', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'];
  const ci = spawnSync('npm', args, { cwd: dir, encoding: 'utf8' });
  if (ci.status !== 0) throw new Error(`npm ci --omit=dev failed (${ci.status}): ${ci.stderr}`);
}

/** The process and its descendants, from /proc/<pid>/task/<tid>/children. */
async function processTree(pid: number): Promise<number[]> {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    const tasks = await readdir(`/proc/${tree[i]}/task`).catch(() => [] as string[]);
    for (const tid of tasks) {
      const children = await readFile(`/proc/${tree[i]}/task/${tid}/children`, 'utf8').catch(() => '');
      tree.push(
        ...children
          .split(' ')
          .filter((c) => c.trim() !== '')
          .map(Number),
      );
    }
  }
  return tree;
}

const procText = async (pid: number, file: 'cmdline' | 'environ'): Promise<string[]> =>
  (await readFile(`/proc/${pid}/${file}`, 'utf8')).split('\0').filter((s) => s !== '');

describe('the browser host from its bundles alone', () => {
  let app: string;
  let dataDir: string;
  let npm: ChildProcess;
  let host: ReadyHost;
  /** The host's own node process (npm's grandchild). */
  let hostPid: number;

  beforeAll(async () => {
    assertWebBundle('build');
    app = await mkdtemp(path.join(os.tmpdir(), 'qs-web-bundle-'));
    dataDir = path.join(app, 'data');
    for (const dir of ['web', 'renderer']) {
      await cp(path.join(ROOT, 'out', dir), path.join(app, 'out', dir), { recursive: true });
    }
    await cp(path.join(ROOT, 'package.json'), path.join(app, 'package.json'));
    // npm runs it first ("preweb"): with no build tools there, it lets the built tree run.
    await cp(path.join(ROOT, 'build', 'prepare-web.mjs'), path.join(app, 'build', 'prepare-web.mjs'));
    await cp(path.join(ROOT, 'package-lock.json'), path.join(app, 'package-lock.json'));
    installProductionDependencies(app);
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
    delete env.NODE_OPTIONS;
    npm = spawn('npm', ['run', 'web', '--', '--data-dir', dataDir, '--port', '0', '--no-open', '--print-url'], {
      cwd: app,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    host = await hostReady(npm);
    for (const pid of await processTree(npm.pid ?? 0)) {
      if ((await procText(pid, 'cmdline')).includes('out/web/cli.js')) hostPid = pid;
    }
  });

  afterAll(async () => {
    // The host stops on SIGTERM (as on Ctrl+C), and npm exits with it.
    if (hostPid !== undefined) process.kill(hostPid, 'SIGTERM');
    else npm?.kill('SIGTERM');
    await host?.exited;
    if (app !== undefined) await rm(app, { recursive: true, force: true });
  });

  it('has only production dependencies and no TypeScript to load', async () => {
    const modules = await readdir(path.join(app, 'node_modules'));
    expect(modules).toContain('ws');
    expect(modules).toContain('zod');
    // (typescript itself may be there: npm installs it as an optional peer of fauxqs's valibot.)
    for (const dev of ['tsx', 'vite', 'electron-vite', 'react', 'electron', 'vitest'])
      expect(modules).not.toContain(dev);
    const files = (await readdir(path.join(app, 'out'), { recursive: true })).map(String);
    expect(files).toContain(path.join('web', 'cli.js'));
    expect(files).toContain(path.join('web', 'transfer-worker.js'));
    expect(files.filter((f) => /\.[cm]?tsx?$/.test(f))).toEqual([]);
  });

  it('runs node out/web/cli.js with no tsx anywhere in its process tree', async () => {
    const tree = await processTree(npm.pid ?? 0);
    const cmdlines = await Promise.all(tree.map((pid) => procText(pid, 'cmdline')));
    const hosts = cmdlines.filter((argv) => argv.includes('out/web/cli.js'));
    expect(hosts, cmdlines.map((argv) => argv.join(' ')).join('\n')).toHaveLength(1);
    expect(hosts[0]?.slice(0, 3)).toEqual(['node', 'out/web/cli.js', '--sandbox']);
    expect(tree).toContain(hostPid);
    for (const [i, argv] of cmdlines.entries()) {
      expect(argv.join(' '), `process ${tree[i]}`).not.toMatch(/tsx|\.ts\b/);
      const nodeOptions = (await procText(tree[i] as number, 'environ')).find((v) => v.startsWith('NODE_OPTIONS='));
      expect(nodeOptions ?? '').not.toMatch(/tsx|--import|--loader|--require/);
    }
  });

  it('answers over its WebSocket and downloads through its bundled transfer worker', async () => {
    const token = new URLSearchParams(new URL(host.appUrl).hash.slice(1)).get('token') ?? '';
    const client = await WsClient.open(Number(new URL(host.url).port), token);
    try {
      const accounts = await client.invoke<AccountSummary[]>('accounts:list', {});
      if (!accounts.ok) throw new Error(accounts.error.message);
      const sandbox = accounts.value.find((a) => a.name === 'Local sandbox');
      expect(sandbox).toBeDefined();
      const listed = await client.invoke<Page<ObjectEntry>>('objects:list', {
        accountId: sandbox?.id,
        bucket: 'documents',
        prefix: '',
      });
      if (!listed.ok) throw new Error(listed.error.message);
      const file = listed.value.items.find((item) => item.kind === 'object');
      if (file === undefined) throw new Error('the sandbox bucket "documents" has no file');

      const targetDir = path.join(app, 'downloads');
      const batchId = 'bundle-download';
      const finished = client.waitForEvent(
        (e) =>
          e.event === 'transfers:progress' &&
          (e.payload as TransfersSnapshot).finishedBatches.some((b) => b.batchId === batchId),
      );
      const started = await client.invoke('transfers:download', {
        accountId: sandbox?.id,
        bucket: 'documents',
        basePrefix: '',
        keys: [file.key],
        targetDir,
        batchId,
        conflict: 'overwrite',
      });
      expect(started).toMatchObject({ ok: true, value: { kind: 'started' } });
      const batch = (await finished).payload as TransfersSnapshot;
      expect(batch.finishedBatches.find((b) => b.batchId === batchId)).toMatchObject({ done: 1, failed: 0 });
      const local = path.join(targetDir, file.name);
      expect(existsSync(local)).toBe(true);
      expect((await stat(local)).size).toBe(file.size);
    } finally {
      await client.close();
    }
  });
});
