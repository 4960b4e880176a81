/**
 * Pooled buffers never mix two jobs' bytes. Workers reuse part buffers (uploads) and 256 KiB write
 * batches (downloads) across parts, ranges and jobs; a buffer handed to two in-flight parts, given
 * back before its request or write ended, or reused without its stale tail being cut off would put
 * one job's bytes into another's object or file.
 *
 * Why this test catches that: every file has its own random content, so any foreign or stale byte
 * changes its SHA-256; sizes sit on and beside the buffers' edges (0 B, 1 B, around 64 KiB and
 * 1 MiB slices, just below the multipart threshold, multipart files with an odd last part), so a
 * stale tail shows too; everything runs at once (two upload batches, 16 jobs and 8 parts in parallel),
 * so buffers are in flight together; and the whole thing runs twice in one core with new content,
 * so the second round reuses the first round's buffers. A mix that Content-MD5 catches fails a
 * job (every job must end done); one it does not (MD5 taken from the overwritten buffer) fails the
 * object's SHA-256 (GET through the SDK); downloads are checked file by file the same way.
 * Checked once in a copy of the tree with a deliberately broken pool: one part buffer for every
 * caller failed round 1 by SHA-256 (the MD5 had been taken from the mixed bytes) and round 2 by
 * BadDigest; one shared write batch failed the downloads of both rounds.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
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
const KiB = 1024;

/** Below the multipart threshold: the edges of 64 KiB reads and 1 MiB slices, and many in between. */
const SMALL = [
  0,
  1,
  2,
  1000,
  64 * KiB - 1,
  64 * KiB,
  64 * KiB + 1,
  MiB - 1,
  MiB,
  MiB + 1,
  2 * MiB - 1,
  2 * MiB + 1,
  3 * MiB + 12_345,
  4 * MiB,
  PART - 1,
  // At least 1000 random bytes each: no two contents can collide.
  ...Array.from({ length: 45 }, (_, i) => 1000 + i + ((i * 37_813) % (300 * KiB))),
];
/** Multipart with 5 MiB parts, none a multiple of the part size. */
const LARGE = [PART + 1, PART + 333_333, 2 * PART + 4097, 3 * PART - 1, 3 * PART + MiB + 7];

/** Two folders, each with half the small and half the large files, one upload batch each. */
const FOLDERS = ['a', 'b'] as const;
const FILES = [
  ...SMALL.map((size, i) => ({ size, i, kind: 'small' })),
  ...LARGE.map((size, i) => ({ size, i, kind: 'large' })),
].map(({ size, i, kind }) => ({ rel: `${FOLDERS[i % 2]}/${kind}-${String(i).padStart(2, '0')}-${size}.bin`, size }));

describe.skipIf(!s3)(s3Title('transfers: pooled buffers never mix two jobs’ bytes'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;
  let dir: string;

  beforeAll(async () => {
    h = await startHarness(info);
    bucket = await h.newBucket('isolation');
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-transfers-isolation-'));
    await updateTransferSettings(h, {
      multipartThresholdBytes: PART,
      partSizeBytes: PART,
      jobsInParallel: 16,
      partsInParallel: 8,
    });
  });
  afterAll(async () => {
    await h?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const objectSha256 = async (key: string): Promise<string> => {
    const out = await h.sdk.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return createHash('sha256')
      .update(await out.Body!.transformToByteArray())
      .digest('hex');
  };

  // Twice in the same core: the second round runs on the buffers the first one gave back.
  it.each([1, 2])(
    'round %i: concurrent uploads, then one folder download, each file identical to its source',
    async (round) => {
      const src = path.join(dir, `src-${round}`);
      const hashes = new Map<string, string>();
      for (const f of FILES) hashes.set(f.rel, await makeRandomFile(path.join(src, f.rel), f.size));
      expect(new Set(hashes.values()).size, 'every file has distinct content').toBe(FILES.length);

      const prefix = `r${round}/`;
      const uploads = FOLDERS.map((folder) => ({ folder, batchId: uniqueName(`up-${folder}`) }));
      const expectJobs = (folder: string): number => FILES.filter((f) => f.rel.startsWith(`${folder}/`)).length;
      const finished = uploads.map(({ folder, batchId }) =>
        waitForBatch(h.core, batchId, { timeoutMs: 180_000, expectJobs: expectJobs(folder) }),
      );
      // Both batches queued before either finishes: their jobs share the workers' pools.
      await Promise.all(
        uploads.map(({ folder, batchId }) =>
          h.call('transfers:upload', {
            accountId: h.accountId,
            bucket,
            prefix,
            batchId,
            conflict: 'overwrite',
            sources: [{ kind: 'path', path: path.join(src, folder) }],
          }),
        ),
      );
      const upJobs = (await Promise.all(finished)).flat();
      expect(upJobs.filter((j) => j.state !== 'done').map((j) => [j.key, j.state, j.error?.message])).toEqual([]);
      expect(upJobs).toHaveLength(FILES.length);

      const uploaded = new Map<string, string>();
      for (const f of FILES) uploaded.set(f.rel, await objectSha256(`${prefix}${f.rel}`));
      expect(uploaded).toEqual(hashes);
      expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);

      const target = path.join(dir, `down-${round}`);
      const downId = uniqueName('down');
      const down = waitForBatch(h.core, downId, { timeoutMs: 180_000, expectJobs: FILES.length });
      await h.call('transfers:download', {
        accountId: h.accountId,
        bucket,
        basePrefix: prefix,
        keys: FOLDERS.map((folder) => `${prefix}${folder}/`),
        targetDir: target,
        batchId: downId,
        conflict: 'overwrite',
      });
      const downJobs = await down;
      expect(downJobs.filter((j) => j.state !== 'done').map((j) => [j.key, j.state, j.error?.message])).toEqual([]);
      expect(await walkFiles(target)).toEqual([...hashes.keys()].sort());
      const downloaded = new Map<string, string>();
      for (const f of FILES) downloaded.set(f.rel, await sha256File(path.join(target, f.rel)));
      expect(downloaded).toEqual(hashes);

      await rm(src, { recursive: true, force: true });
      await rm(target, { recursive: true, force: true });
    },
    420_000,
  );
});
