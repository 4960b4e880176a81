/**
 * The engine against the real server, through its worker threads: upload and download at the
 * size edges (0 B, 1 B, exactly one part, one part + 1 byte, several parts with an odd last
 * one), every result compared by SHA-256, no multipart upload and no temp file left behind.
 */
import { readdir } from 'node:fs/promises';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerPool } from '../../electron/core/transfers/worker-pool';
import { SOURCE_WORKER_ENTRY } from '../support/source-worker';
import type { TransferEngine } from '../../electron/core/transfers/engine';
import {
  credentialsFor,
  downloadTask,
  expectDone,
  MiB,
  record,
  sha256File,
  sha256Object,
  startBed,
  uploadTask,
  writeRandomFile,
  type EngineBed,
} from './engine-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';

const s3 = s3OrSkip();

const SIZES: [string, number][] = [
  ['0 B', 0],
  ['1 B', 1],
  ['exactly one part (5 MiB)', 5 * MiB],
  ['one part + 1 byte', 5 * MiB + 1],
  ['3 parts + an odd last part', 3 * 5 * MiB + 12345],
];

describe.skipIf(!s3)(s3Title('engine: sizes'), () => {
  const info = s3 as S3ServerInfo;
  let bed: EngineBed;
  let engine: TransferEngine;

  beforeAll(async () => {
    bed = await startBed(info, 'engine-sizes');
    engine = createWorkerPool({ entry: SOURCE_WORKER_ENTRY });
  });

  afterAll(async () => {
    await engine?.dispose();
    await bed?.dispose();
  });

  it.each(SIZES)('uploads and downloads %s identically', async (_label, size) => {
    const source = bed.file(`src-${size}.bin`);
    const digest = await writeRandomFile(source, size);
    const key = `sizes/${size}.bin`;
    const credentials = credentialsFor(info);

    const up = record(
      engine,
      uploadTask(credentials, { bucket: bed.bucket, key, source: { path: source, size, mtimeMs: 0 } }),
    );
    const uploaded = await expectDone(up);
    expect(uploaded.size).toBe(size);
    expect(await sha256Object(bed.sdk, bed.bucket, key)).toBe(digest);
    const head = await bed.sdk.send(new HeadObjectCommand({ Bucket: bed.bucket, Key: key }));
    expect(head.ContentLength).toBe(size);
    expect(uploaded.etag).toBe(head.ETag);
    // Multipart from the threshold (5 MiB) on: its ETag has the -N form, and it was checkpointed.
    const multipart = size >= 5 * MiB;
    expect(/-\d+"?$/.test(head.ETag ?? '')).toBe(multipart);
    expect(up.checkpoints.length > 0).toBe(multipart);
    expect(up.progress.at(-1)).toEqual({ bytesDone: size, bytesTotal: size });
    expect(await bed.pendingUploads(key)).toEqual([]);

    const target = bed.file(`dst-${size}.bin`);
    const down = record(engine, downloadTask(credentials, { bucket: bed.bucket, key, target }));
    const downloaded = await expectDone(down);
    expect(downloaded).toEqual({ size, etag: head.ETag });
    expect(await sha256File(target)).toBe(digest);
    expect(down.progress.at(-1)).toEqual({ bytesDone: size, bytesTotal: size });
    expect((await readdir(bed.dir)).filter((n) => n.includes('.qsdownload-'))).toEqual([]);
  });

  it('verifies the MD5 of a single-PUT object fetched in several ranges', async () => {
    const size = 12 * MiB + 5;
    const source = bed.file('plain.bin');
    const digest = await writeRandomFile(source, size);
    const credentials = credentialsFor(info);
    // Below the threshold: one PUT, so the ETag is the MD5 of the whole object.
    await expectDone(
      record(
        engine,
        uploadTask(credentials, {
          bucket: bed.bucket,
          key: 'plain.bin',
          source: { path: source, size, mtimeMs: 0 },
          multipartThreshold: 64 * MiB,
        }),
      ),
    );
    const target = bed.file('plain.out');
    const down = record(
      engine,
      downloadTask(credentials, { bucket: bed.bucket, key: 'plain.bin', target, chunkSize: 5 * MiB }),
    );
    const result = await expectDone(down);
    expect(result.etag).toMatch(/^"[0-9a-f]{32}"$/);
    // Planned as 3 ranges (finished chunks are checkpointed only once synced, so not before the rename).
    expect(down.lastDownloadCheckpoint()?.chunkSize).toBe(5 * MiB);
    expect(await sha256File(target)).toBe(digest);
  });
});
