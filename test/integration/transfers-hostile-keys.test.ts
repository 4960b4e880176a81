/**
 * Keys that would escape or misbehave as local file names (`..`, absolute paths, drive letters,
 * control characters, names Windows reserves, trailing dots and spaces): downloading the whole
 * bucket into an empty folder writes nothing outside that folder, downloads the safe keys, and
 * reports each unsafe one as skipped with the reason.
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, uniqueName, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { waitForBatch } from './transfer-helpers';

const s3 = s3OrSkip();

const HOSTILE = [
  '../escape.txt',
  'a/../../b.txt',
  '/abs.txt',
  'C:\\win.txt',
  'con',
  'nul.txt',
  'dir/aux',
  'trailing.',
  'x\u0001y',
  './dot.txt',
  'trailing space ',
  // Windows device names however they are spelled.
  'con .txt',
  'NUL  .log',
  'lpt²',
  'CONIN$',
  'CONOUT$.txt',
  'COM¹',
  'dir/aux.tar.gz',
];
const SAFE = ['plain.txt', 'ok/fine.txt', 'dir/ok.txt', 'ok/deeper/ünï cødé.txt', 'console.txt', 'com10', 'nul-file'];

async function walkAll(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      out.push(full);
      if (entry.isDirectory()) await walk(full);
    }
  };
  await walk(root);
  return out;
}

const exists = (p: string): Promise<boolean> =>
  lstat(p).then(
    () => true,
    () => false,
  );

describe.skipIf(!s3)(s3Title('transfers: hostile keys download safely'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;
  let parent: string;

  beforeAll(async () => {
    h = await startHarness(info);
    bucket = await h.newBucket('hostile');
    parent = await mkdtemp(path.join(os.tmpdir(), 'qs-transfers-hostile-'));
    for (const key of [...HOSTILE, ...SAFE]) await h.put(bucket, key, `body of ${key}`);
  });
  afterAll(async () => {
    await h?.dispose();
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it('writes only inside the chosen folder and skips every unsafe key with a reason', async () => {
    const absoluteEscape = path.resolve('/abs.txt');
    expect(await exists(absoluteEscape)).toBe(false);
    const chosen = path.join(parent, 'chosen');
    await mkdir(chosen);

    // "Select all" at the bucket's root: its objects and folders as the list shows them.
    const top = await h.call('objects:list', { accountId: h.accountId, bucket, prefix: '' });
    expect(top.nextToken).toBeNull();
    const batchId = uniqueName('hostile');
    await h.call('transfers:download', {
      accountId: h.accountId,
      bucket,
      basePrefix: '',
      keys: top.items.map((e) => e.key),
      targetDir: chosen,
      batchId,
      conflict: 'ask',
    });
    const jobs = await waitForBatch(h.core, batchId, {
      timeoutMs: 60_000,
      expectJobs: HOSTILE.length + SAFE.length,
    });

    // Nothing outside the chosen folder (the parent holds only it), nothing at the absolute path.
    const outside = (await walkAll(parent)).filter((p) => p !== chosen && !p.startsWith(chosen + path.sep));
    expect(outside).toEqual([]);
    expect(await exists(absoluteEscape)).toBe(false);

    // The safe keys arrived where they belong, intact.
    for (const key of SAFE) {
      expect(jobs.find((j) => j.key === key)?.state, key).toBe('done');
      expect(await readFile(path.join(chosen, ...key.split('/')), 'utf8')).toBe(`body of ${key}`);
    }
    const written: string[] = [];
    for (const p of await walkAll(chosen)) {
      if ((await lstat(p)).isFile()) written.push(path.relative(chosen, p).split(path.sep).join('/'));
    }
    expect(written.sort()).toEqual([...SAFE].sort());

    // Every unsafe key is reported: skipped, with the reason.
    for (const key of HOSTILE) {
      const job = jobs.find((j) => j.key === key);
      expect({ key, state: job?.state, code: job?.error?.code }).toEqual({ key, state: 'skipped', code: 'InvalidKey' });
      expect(job?.error?.message.length ?? 0, key).toBeGreaterThan(10);
    }
    expect(jobs).toHaveLength(HOSTILE.length + SAFE.length);
  });

  it("refuses a download folder inside the app's data folder, as given or through a link, before creating anything", async () => {
    const folders = async (): Promise<string[]> => {
      const all = await walkAll(h.dataDir);
      const dirs = await Promise.all(all.map(async (p) => ((await lstat(p)).isDirectory() ? [p] : [])));
      return dirs.flat().sort();
    };
    const before = await folders();
    const link = path.join(parent, 'innocent-looking');
    await symlink(h.dataDir, link, 'dir');
    const targets = [
      path.join(h.dataDir, 'x', 'y'),
      h.dataDir,
      link,
      path.join(link, 'x', 'y'),
      path.join(parent, 'innocent-looking', '..', 'innocent-looking', 'new'),
    ];
    for (const targetDir of targets) {
      const error = await h.fail('transfers:download', {
        accountId: h.accountId,
        bucket,
        basePrefix: '',
        keys: ['plain.txt'],
        targetDir,
        batchId: uniqueName('into-data'),
        conflict: 'ask',
      });
      expect({ targetDir, code: error.code }).toEqual({ targetDir, code: 'AccessDenied' });
      expect(error.message).toContain("inside the app's own data folder");
      expect(error.message).toMatch(/choose another/);
    }
    // Nothing was created in the data folder: not x/, not x/y/, not new/.
    expect(await exists(path.join(h.dataDir, 'x'))).toBe(false);
    expect(await exists(path.join(h.dataDir, 'new'))).toBe(false);
    expect(await folders()).toEqual(before);
    // And no batch was opened for any of them.
    const listed = await h.call('transfers:list', { filter: 'all', offset: 0, limit: 500 });
    expect(listed.jobs.filter((j) => j.name === 'plain.txt' && j.localPath?.startsWith(h.dataDir))).toEqual([]);
  });
});
