/**
 * Both sides of a sync as listed. Local: every regular file with its size and time, ignored
 * folders not entered, symbolic links and the app's data folder reported and never followed,
 * an unreadable folder a problem with the reason (the walk goes on), a missing root refused,
 * and 10,000 files in well under a second. Remote: folder markers skipped, paths relative to
 * the prefix (a display name where the provider gives one), names that cannot be files here
 * reported with the reason, ignore rules applied, and a repeated name compared once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ignoreMatcher } from '../../electron/core/sync/ignore-rules';
import { walkLocal } from '../../electron/core/sync/local-tree';
import { listRemote } from '../../electron/core/sync/remote-tree';
import type { ProviderTransfers, SyncListingItem } from '../../electron/core/transfers/provider-transfers';

let dir: string;
beforeEach(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'qs-sync-trees-')));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const signal = new AbortController().signal;
const put = async (relative: string, body: string | Buffer): Promise<void> => {
  await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
  await writeFile(path.join(dir, relative), body);
};

/** CPU time this process spent since `since` (ms): what the code costs, whatever else loads the machine. */
const cpuMsSince = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

describe('local tree', () => {
  it('lists regular files with size and time, by "/" path, and leaves out what is ignored', async () => {
    await put('a.txt', 'hello');
    await put('sub/deeper/b.bin', Buffer.alloc(3000, 7));
    await put('sub/ünï cødé.txt', 'x');
    await put('.DS_Store', 'junk');
    await put('node_modules/pkg/index.js', 'ignored folder');
    await put('sub/node_modules/x.js', 'ignored too');
    await put('notes.log', 'ignored file');
    await mkdir(path.join(dir, 'empty'));
    const tree = await walkLocal(dir, { ignored: ignoreMatcher('node_modules/\n*.log'), signal });
    expect([...tree.files.keys()].sort()).toEqual(['a.txt', 'sub/deeper/b.bin', 'sub/ünï cødé.txt']);
    const b = tree.files.get('sub/deeper/b.bin')!;
    const info = await stat(path.join(dir, 'sub/deeper/b.bin'));
    expect(b).toEqual({
      path: 'sub/deeper/b.bin',
      absolute: path.join(dir, 'sub', 'deeper', 'b.bin'),
      size: 3000,
      mtimeMs: info.mtimeMs,
    });
    // .DS_Store, node_modules/, sub/node_modules/ and notes.log: an ignored folder counts once.
    expect(tree.ignored).toBe(4);
    expect(tree.problems).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('reports symbolic links without following them', async () => {
    await put('real/x.txt', 'x');
    await symlink(path.join(dir, 'real'), path.join(dir, 'link-dir'));
    await symlink(path.join(dir, 'real', 'x.txt'), path.join(dir, 'link-file'));
    await symlink(path.join(dir, 'nowhere'), path.join(dir, 'dangling'));
    const tree = await walkLocal(dir, { ignored: ignoreMatcher(''), signal });
    expect([...tree.files.keys()]).toEqual(['real/x.txt']);
    expect(tree.problems.map((p) => [p.path, p.error.message]).sort()).toEqual([
      ['dangling', 'symbolic link: not synced'],
      ['link-dir', 'symbolic link: not synced'],
      ['link-file', 'symbolic link: not synced'],
    ]);
  });

  it('never walks the excluded data folder, and says so', async () => {
    await put('mine.txt', 'x');
    await put('app-data/secrets.json', '{}');
    const tree = await walkLocal(dir, {
      ignored: ignoreMatcher(''),
      exclude: (absolute) => absolute === path.join(dir, 'app-data'),
      signal,
    });
    expect([...tree.files.keys()]).toEqual(['mine.txt']);
    expect(tree.problems).toEqual([
      { path: 'app-data', error: { code: 'AccessDenied', message: "the app's own data folder: never synced" } },
    ]);
    await expect(walkLocal(dir, { ignored: ignoreMatcher(''), exclude: () => true, signal })).rejects.toThrow(
      /app's own data folder/,
    );
  });

  it('refuses a folder that does not exist (an empty tree would read as all deleted)', async () => {
    await expect(walkLocal(path.join(dir, 'missing'), { ignored: ignoreMatcher(''), signal })).rejects.toMatchObject({
      code: 'LocalIOError',
      message: expect.stringMatching(/missing cannot be read: The folder does not exist/),
    });
  });

  it('stops when cancelled', async () => {
    await put('a/b.txt', 'x');
    const controller = new AbortController();
    controller.abort();
    await expect(walkLocal(dir, { ignored: ignoreMatcher(''), signal: controller.signal })).rejects.toMatchObject({
      code: 'Cancelled',
    });
  });

  it('walks 10,000 files in well under a second', { timeout: 60_000 }, async () => {
    // Made synchronously: the quickest way, and the walk is what is measured.
    for (let d = 0; d < 100; d++) {
      mkdirSync(path.join(dir, `d${d}`, 'sub'), { recursive: true });
      for (let f = 0; f < 100; f++) writeFileSync(path.join(dir, `d${d}`, f % 2 ? 'sub' : '', `f${f}.txt`), String(f));
    }
    const progress: number[] = [];
    const started = performance.now();
    const cpu = process.cpuUsage();
    const tree = await walkLocal(dir, { ignored: ignoreMatcher(''), signal, onProgress: (n) => progress.push(n) });
    const ms = performance.now() - started;
    const cpuMs = cpuMsSince(cpu);
    console.info(`local tree: 10,000 files in ${ms.toFixed(0)} ms (${cpuMs.toFixed(0)} ms CPU)`);
    expect(tree.files.size).toBe(10_000);
    expect(progress.at(-1)).toBe(10_000);
    expect(progress.length).toBeGreaterThan(5);
    expect(cpuMs).toBeLessThan(1000);
  });
});

function fakeListing(items: SyncListingItem[]): ProviderTransfers {
  return {
    syncListing: async () =>
      (async function* () {
        yield* items;
      })(),
  } as Partial<ProviderTransfers> as ProviderTransfers;
}

const item = (key: string, extra: Partial<SyncListingItem> = {}): SyncListingItem => ({
  key,
  size: 1,
  etag: 'e'.repeat(32),
  lastModifiedMs: 1_700_000_000_000,
  ...extra,
});

describe('remote tree', () => {
  it('lists objects by path under the prefix, without folder markers, ignore rules applied', async () => {
    const transfers = fakeListing([
      item('p/'),
      item('p/a.txt', { size: 5 }),
      item('p/sub/'),
      item('p/sub/b.bin'),
      item('p/sub/.DS_Store'),
      item('p/build/out.js'),
      item('p/ünï.txt'),
    ]);
    const tree = await listRemote(transfers, 'bucket', 'p/', { ignored: ignoreMatcher('build/'), signal });
    expect([...tree.files.keys()]).toEqual(['a.txt', 'sub/b.bin', 'ünï.txt']);
    expect(tree.files.get('a.txt')).toEqual({
      path: 'a.txt',
      key: 'p/a.txt',
      size: 5,
      etag: 'e'.repeat(32),
      lastModifiedMs: 1_700_000_000_000,
    });
    expect(tree.ignored).toBe(2);
    expect(tree.problems).toEqual([]);
  });

  it('reports names that cannot be files here, with the reason', async () => {
    const transfers = fakeListing([
      item('p/ok.txt'),
      item('p//double'),
      item('p/a/../escape'),
      item('p/con.txt'),
      item('p/trailing-dot.'),
      item('p/ctrl\u0001char'),
    ]);
    const tree = await listRemote(transfers, 'bucket', 'p/', { ignored: ignoreMatcher(''), signal });
    expect([...tree.files.keys()]).toEqual(['ok.txt']);
    expect(tree.problems.map((p) => [p.path, p.error.code, p.error.message])).toEqual([
      ['/double', 'InvalidKey', 'This name cannot be a file here: it is an absolute path.'],
      ['a/../escape', 'InvalidKey', 'This name cannot be a file here: it has a ".." segment.'],
      ['con.txt', 'InvalidKey', 'This name cannot be a file here: "con.txt" is a name Windows reserves for a device.'],
      [
        'trailing-dot.',
        'InvalidKey',
        'This name cannot be a file here: the name "trailing-dot." ends with a dot or a space.',
      ],
      ['ctrl\u0001char', 'InvalidKey', 'This name cannot be a file here: it contains a control character or NUL.'],
    ]);
  });

  it('names files by the display name the provider gives, and compares a repeated name once', async () => {
    const transfers = fakeListing([
      item('key1', { name: 'photos/a.jpg', etag: null, lastModifiedMs: 0 }),
      item('key2', { name: 'photos/a.jpg', etag: null, lastModifiedMs: 0 }),
      item('key3', { name: 'b.txt', etag: null, lastModifiedMs: 0 }),
    ]);
    const progress: number[] = [];
    const tree = await listRemote(transfers, 'qs', '', {
      ignored: ignoreMatcher(''),
      signal,
      onProgress: (n) => progress.push(n),
    });
    expect([...tree.files.values()].map((f) => [f.path, f.key])).toEqual([
      ['photos/a.jpg', 'key1'],
      ['b.txt', 'key3'],
    ]);
    expect(tree.problems).toEqual([
      {
        path: 'photos/a.jpg',
        error: { code: 'AlreadyExists', message: 'Another file has the same name: only one of them is synced.' },
      },
    ]);
    expect(progress.at(-1)).toBe(3);
  });

  it('fails with the listing error, and as cancelled once cancelled', async () => {
    const failing = {
      syncListing: async () =>
        (async function* () {
          yield item('p/a');
          throw new Error('page 2 failed');
        })(),
    } as Partial<ProviderTransfers> as ProviderTransfers;
    await expect(listRemote(failing, 'b', 'p/', { ignored: ignoreMatcher(''), signal })).rejects.toThrow(
      'page 2 failed',
    );
    const controller = new AbortController();
    controller.abort();
    await expect(
      listRemote(failing, 'b', 'p/', { ignored: ignoreMatcher(''), signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'Cancelled' });
  });
});
