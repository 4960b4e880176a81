/**
 * A folder tree of 1,000 files (nested directories, awkward names) uploaded as one dropped
 * folder and downloaded back as a folder: the keys keep the relative structure and every
 * file comes back identical (SHA-256).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, uniqueName, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { sha256, sha256File, updateTransferSettings, waitForBatch, walkFiles } from './transfer-helpers';

const s3 = s3OrSkip();
const FILES = 1000;
const AWKWARD = ['with space.txt', 'ünïcødé 文件 😀.txt', 'p+q=r.txt', '100%.txt', 'h#sh.txt', "it's (1).txt"];
const AWKWARD_DIRS = ['dir with space', 'ünï 文件', 'a+b'];

/** Relative paths ("/"-separated) of a tree up to four levels deep. */
function treePaths(): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < FILES; i++) {
    const top = i % 7 === 0 ? AWKWARD_DIRS[i % AWKWARD_DIRS.length]! : `d${i % 10}`;
    const depth = i % 4;
    const dirs = [top, `s${i % 5}`, `t${i % 3}`, 'deep'].slice(0, depth);
    const name = i % 50 === 0 ? `${i}-${AWKWARD[(i / 50) % AWKWARD.length]}` : `file-${i}.dat`;
    out.push([...dirs, name].join('/'));
  }
  return out;
}

describe.skipIf(!s3)(s3Title('transfers: a folder of 1,000 files'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;
  let dir: string;
  const hashes = new Map<string, string>();

  beforeAll(async () => {
    h = await startHarness(info);
    bucket = await h.newBucket('folders');
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-transfers-folders-'));
    await updateTransferSettings(h, { jobsInParallel: 16 });
    for (const rel of treePaths()) {
      const body = randomBytes(hashes.size % 97 === 0 ? 0 : 1 + ((hashes.size * 7919) % 8192));
      const file = path.join(dir, 'tree', ...rel.split('/'));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, body);
      hashes.set(rel, sha256(body));
    }
  });
  afterAll(async () => {
    await h?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('uploads the folder as one source, keeping its structure', { timeout: 180_000 }, async () => {
    const batchId = uniqueName('up');
    await h.call('transfers:upload', {
      accountId: h.accountId,
      bucket,
      prefix: 'up/',
      batchId,
      conflict: 'ask',
      sources: [{ kind: 'path', path: path.join(dir, 'tree') }],
    });
    const jobs = await waitForBatch(h.core, batchId, { timeoutMs: 150_000, expectJobs: FILES });
    expect(jobs).toHaveLength(FILES);
    expect(jobs.filter((j) => j.state !== 'done').map((j) => [j.key, j.state, j.error])).toEqual([]);
    const expected = [...hashes.keys()].map((rel) => `up/tree/${rel}`).sort();
    expect(jobs.map((j) => j.key).sort()).toEqual(expected);
    expect((await h.allKeys(bucket, 'up/')).sort()).toEqual(expected);
  });

  it('downloads the folder back, every file identical', { timeout: 180_000 }, async () => {
    const target = path.join(dir, 'down');
    const batchId = uniqueName('down');
    await h.call('transfers:download', {
      accountId: h.accountId,
      bucket,
      basePrefix: 'up/',
      keys: ['up/tree/'],
      targetDir: target,
      batchId,
      conflict: 'ask',
    });
    const jobs = await waitForBatch(h.core, batchId, { timeoutMs: 150_000, expectJobs: FILES });
    expect(jobs.filter((j) => j.state !== 'done').map((j) => [j.key, j.state, j.error])).toEqual([]);

    const files = await walkFiles(target);
    expect(files).toEqual([...hashes.keys()].map((rel) => `tree/${rel}`).sort());
    const mismatched: string[] = [];
    for (const [rel, hash] of hashes) {
      if ((await sha256File(path.join(target, 'tree', ...rel.split('/')))) !== hash) mismatched.push(rel);
    }
    expect(mismatched).toEqual([]);
  });
});
