/**
 * Uploads and downloads through the queue at the sizes where the edges are: 0 B, 1 B, one byte
 * below the multipart threshold, exactly one part, one part + 1 byte, several parts with an
 * odd last part. Every download is compared with its source by SHA-256, and the object's ETag
 * shows which path (single PUT or multipart with N parts) really ran.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiB } from '../../shared/transfers';
import { startHarness, uniqueName, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import {
  incompleteUploads,
  makeRandomFile,
  sha256File,
  updateTransferSettings,
  waitForBatch,
  walkFiles,
} from './transfer-helpers';

const s3 = s3OrSkip();
const PART = 5 * MiB;

/** name → size and how many parts its upload must have used (0: single PUT). */
const CASES: { name: string; size: number; parts: number }[] = [
  { name: 'zero.bin', size: 0, parts: 0 },
  { name: 'one-byte.bin', size: 1, parts: 0 },
  { name: 'below-threshold.bin', size: PART - 1, parts: 0 },
  { name: 'exactly-one-part.bin', size: PART, parts: 1 },
  { name: 'one-part-plus-one.bin', size: PART + 1, parts: 2 },
  { name: 'odd-last-part.bin', size: 3 * PART + 777_777, parts: 4 },
];

describe.skipIf(!s3)(s3Title('transfers: sizes at the edges'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;
  let dir: string;
  const hashes = new Map<string, string>();

  beforeAll(async () => {
    h = await startHarness(info);
    bucket = await h.newBucket('sizes');
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-transfers-sizes-'));
    await updateTransferSettings(h, { partSizeBytes: PART, multipartThresholdBytes: PART });
    for (const c of CASES) hashes.set(c.name, await makeRandomFile(path.join(dir, 'src', c.name), c.size));
  });
  afterAll(async () => {
    await h?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('uploads every size (single PUT below the threshold, multipart at and above it)', async () => {
    const batchId = uniqueName('up');
    const started = await h.call('transfers:upload', {
      accountId: h.accountId,
      bucket,
      prefix: 'sizes/',
      batchId,
      conflict: 'overwrite',
      sources: CASES.map((c) => ({ kind: 'path' as const, path: path.join(dir, 'src', c.name) })),
    });
    expect(started).toEqual({ batchId, stagePaths: [] });
    const jobs = await waitForBatch(h.core, batchId, { timeoutMs: 60_000, expectJobs: CASES.length });

    expect(jobs.map((j) => [j.key, j.state, j.direction]).sort()).toEqual(
      CASES.map((c) => [`sizes/${c.name}`, 'done', 'upload']).sort(),
    );
    for (const job of jobs) {
      const c = CASES.find((x) => `sizes/${x.name}` === job.key)!;
      expect({ key: job.key, done: job.bytesDone, total: job.bytesTotal, error: job.error }).toEqual({
        key: job.key,
        done: c.size,
        total: c.size,
        error: null,
      });
      const head = await h.sdk.send(new HeadObjectCommand({ Bucket: bucket, Key: job.key }));
      expect(head.ContentLength).toBe(c.size);
      const etag = (head.ETag ?? '').replace(/"/g, '');
      if (c.parts === 0) {
        const md5 = createHash('md5')
          .update(await readFile(path.join(dir, 'src', c.name)))
          .digest('hex');
        expect(etag, c.name).toBe(md5);
      } else {
        expect(etag, c.name).toMatch(new RegExp(`^[0-9a-f]{32}-${c.parts}$`));
      }
    }
    expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);
  });

  it('downloads the folder back, every file identical (SHA-256)', async () => {
    const target = path.join(dir, 'down');
    const batchId = uniqueName('down');
    const started = await h.call('transfers:download', {
      accountId: h.accountId,
      bucket,
      basePrefix: '',
      keys: ['sizes/'],
      targetDir: target,
      batchId,
      conflict: 'overwrite',
    });
    expect(started).toEqual({ kind: 'started', batchId, targetDir: target });
    const jobs = await waitForBatch(h.core, batchId, { timeoutMs: 60_000, expectJobs: CASES.length });
    expect(jobs.filter((j) => j.state !== 'done').map((j) => [j.key, j.state, j.error])).toEqual([]);

    // Exactly the files, and no temp file left beside them.
    expect(await walkFiles(target)).toEqual(CASES.map((c) => `sizes/${c.name}`).sort());
    for (const c of CASES) {
      expect(await sha256File(path.join(target, 'sizes', c.name)), c.name).toBe(hashes.get(c.name));
    }
  });
});
