/** A quick end-to-end smoke of the queue with the real engine: a file and a folder up, then down, byte for byte. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferJobView, TransfersSnapshot } from '../../shared/transfers';
import { startHarness, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { listAllJobs, makeRandomFile, sha256File } from './transfer-helpers';

const s3 = s3OrSkip();

describe.skipIf(!s3)(s3Title('core: transfers smoke'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;
  let work: string;
  const snapshots: TransfersSnapshot[] = [];

  beforeAll(async () => {
    h = await startHarness(info);
    h.core.onEvent('transfers:progress', (s) => snapshots.push(s));
    bucket = await h.newBucket('smoke');
    work = await mkdtemp(path.join(os.tmpdir(), 'qs-smoke-'));
  });
  afterAll(async () => {
    await h?.dispose();
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** Resolves when the batch's finish is announced in a snapshot (no sleeping). */
  const finished = (batchId: string) =>
    new Promise<void>((resolve) => {
      const check = (s: TransfersSnapshot): void => {
        if (s.finishedBatches.some((b) => b.batchId === batchId)) resolve();
      };
      snapshots.forEach(check);
      const off = h.core.onEvent('transfers:progress', (s) => {
        check(s);
        if (s.finishedBatches.some((b) => b.batchId === batchId)) off();
      });
    });

  it('uploads a file and a 3-file folder and downloads them back identical', async () => {
    const hashes = new Map<string, string>();
    const single = path.join(work, 'up', 'single.bin');
    hashes.set('single.bin', await makeRandomFile(single, 300_000));
    for (const [rel, size] of [
      ['album/a.jpg', 1],
      ['album/b/c.txt', 70_000],
      ['album/b/d.bin', 0],
    ] as const) {
      hashes.set(rel, await makeRandomFile(path.join(work, 'up', rel), size));
    }
    const up = finished('up-1');
    await h.call('transfers:upload', {
      accountId: h.accountId,
      bucket,
      prefix: 'in/',
      batchId: 'up-1',
      conflict: 'ask',
      sources: [
        { kind: 'path', path: single },
        { kind: 'path', path: path.join(work, 'up', 'album') },
      ],
    });
    await up;
    expect((await h.allKeys(bucket, 'in/')).sort()).toEqual([
      'in/album/a.jpg',
      'in/album/b/c.txt',
      'in/album/b/d.bin',
      'in/single.bin',
    ]);

    const target = path.join(work, 'down');
    const down = finished('down-1');
    await h.call('transfers:download', {
      accountId: h.accountId,
      bucket,
      basePrefix: 'in/',
      keys: ['in/single.bin', 'in/album/'],
      targetDir: target,
      batchId: 'down-1',
      conflict: 'ask',
    });
    await down;
    for (const [rel, hash] of hashes) expect(await sha256File(path.join(target, rel)), rel).toBe(hash);
    const jobs: TransferJobView[] = await listAllJobs(h.core);
    expect(jobs.filter((j) => j.state !== 'done')).toEqual([]);
    expect(jobs).toHaveLength(8);
  });
});
