/**
 * A 1 GiB file of random bytes (written to the temp dir as a stream, removed afterwards)
 * uploads in parts with the default settings and downloads by ranges, identical (SHA-256).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFER_SETTINGS, MiB } from '../../shared/transfers';
import { startHarness, uniqueName, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { incompleteUploads, makeRandomFile, sha256File, waitForBatch, walkFiles } from './transfer-helpers';

const s3 = s3OrSkip();
const SIZE = 1024 * MiB;

describe.skipIf(!s3)(s3Title('transfers: a 1 GiB file'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;
  let dir: string;
  let source: string;
  let hash: string;

  beforeAll(async () => {
    h = await startHarness(info);
    bucket = await h.newBucket('large');
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-transfers-large-'));
    source = path.join(dir, 'big.bin');
    hash = await makeRandomFile(source, SIZE);
  });
  afterAll(async () => {
    await h?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('uploads 1 GiB in parts and downloads it back identical', { timeout: 300_000 }, async () => {
    const up = uniqueName('up');
    await h.call('transfers:upload', {
      accountId: h.accountId,
      bucket,
      prefix: '',
      batchId: up,
      conflict: 'overwrite',
      sources: [{ kind: 'path', path: source }],
    });
    const [uploaded] = await waitForBatch(h.core, up, { timeoutMs: 240_000 });
    expect([uploaded?.state, uploaded?.bytesDone, uploaded?.error]).toEqual(['done', SIZE, null]);
    const head = await h.sdk.send(new HeadObjectCommand({ Bucket: bucket, Key: 'big.bin' }));
    expect(head.ContentLength).toBe(SIZE);
    // The default part size, so 64 parts.
    expect(head.ETag).toMatch(new RegExp(`-${SIZE / DEFAULT_TRANSFER_SETTINGS.partSizeBytes}"$`));
    expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);
    await rm(source); // room on disk for the download

    const down = uniqueName('down');
    const target = path.join(dir, 'down');
    await h.call('transfers:download', {
      accountId: h.accountId,
      bucket,
      basePrefix: '',
      keys: ['big.bin'],
      targetDir: target,
      batchId: down,
      conflict: 'overwrite',
    });
    const [downloaded] = await waitForBatch(h.core, down, { timeoutMs: 240_000 });
    expect([downloaded?.state, downloaded?.bytesDone, downloaded?.error]).toEqual(['done', SIZE, null]);
    expect(await walkFiles(target)).toEqual(['big.bin']);
    expect(await sha256File(path.join(target, 'big.bin'))).toBe(hash);
  });
});
