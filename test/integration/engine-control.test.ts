/**
 * Pause, resume and cancel through the engine against the real server. Uploads and downloads
 * are slowed with the engine's own rate limit so a pause lands mid-transfer deterministically;
 * a counting proxy in front of the server proves which parts and ranges a resumed run sent.
 */
import { access, open, readdir } from 'node:fs/promises';
import { AbortMultipartUploadCommand, ListPartsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadCheckpoint, UploadCheckpoint } from '../../shared/transfer-protocol';
import { createWorkerPool } from '../../electron/core/transfers/worker-pool';
import { SOURCE_WORKER_ENTRY } from '../support/source-worker';
import type { TransferEngine } from '../../electron/core/transfers/engine';
import {
  credentialsFor,
  downloadTask,
  expectDone,
  MiB,
  record,
  sha256,
  sha256File,
  sha256Object,
  startBed,
  startCountingProxy,
  uploadTask,
  writeRandomFile,
  type CountingProxy,
  type EngineBed,
} from './engine-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';

const s3 = s3OrSkip();

/** 7 parts of 5 MiB, the last one odd. */
const SIZE = 6 * 5 * MiB + 777;
const PARTS = [1, 2, 3, 4, 5, 6, 7];
const SLOW = 8 * MiB;

const tempFiles = async (dir: string): Promise<string[]> =>
  (await readdir(dir)).filter((name) => name.includes('.qsdownload-'));

describe.skipIf(!s3)(s3Title('engine: pause, resume, cancel'), () => {
  const info = s3 as S3ServerInfo;
  let bed: EngineBed;
  let engine: TransferEngine;
  let proxy: CountingProxy;
  let source: string;
  let digest: string;

  beforeAll(async () => {
    bed = await startBed(info, 'engine-control');
    engine = createWorkerPool({ entry: SOURCE_WORKER_ENTRY });
    proxy = await startCountingProxy(info.endpoint);
    source = bed.file('source.bin');
    digest = await writeRandomFile(source, SIZE);
  });

  afterEach(() => {
    engine.setRateLimits({ up: 0, down: 0 });
    proxy.requests.length = 0;
  });

  afterAll(async () => {
    await engine?.dispose();
    await proxy?.close();
    await bed?.dispose();
  });

  const upload = (key: string, fields: { resume?: UploadCheckpoint | null; endpoint?: string } = {}) =>
    uploadTask(credentialsFor(info, fields.endpoint), {
      bucket: bed.bucket,
      key,
      source: { path: source, size: SIZE, mtimeMs: 0 },
      resume: fields.resume ?? null,
      tuning: { partsInParallel: 2, maxAttempts: 4, stallTimeoutMs: 30_000, baseBackoffMs: 50, maxBackoffMs: 500 },
    });

  /** Starts a slowed upload and pauses it once `parts` parts are checkpointed. */
  async function pausedUpload(key: string, parts: number): Promise<UploadCheckpoint> {
    engine.setRateLimits({ up: SLOW, down: 0 });
    const first = record(engine, upload(key), {
      onCheckpoint: (c, r) => {
        if (c.kind === 'upload' && c.parts.length >= parts) r.running.pause();
      },
    });
    expect(await first.outcome).toEqual({ kind: 'paused' });
    engine.setRateLimits({ up: 0, down: 0 });
    const checkpoint = first.lastUploadCheckpoint();
    expect(checkpoint?.parts.length).toBeGreaterThanOrEqual(parts);
    return checkpoint!;
  }

  async function serverParts(key: string, uploadId: string): Promise<number[]> {
    const out = await bed.sdk.send(new ListPartsCommand({ Bucket: bed.bucket, Key: key, UploadId: uploadId }));
    return (out.Parts ?? []).map((p) => p.PartNumber ?? 0).sort((a, b) => a - b);
  }

  it('resumes a paused multipart upload without sending any finished part again', async () => {
    const key = 'resume/up.bin';
    const checkpoint = await pausedUpload(key, 2);
    // The pause kept the upload: everything recorded is on the server (maybe a part more).
    const onServer = await serverParts(key, checkpoint.uploadId);
    for (const p of checkpoint.parts) expect(onServer).toContain(p.partNumber);
    expect(onServer.length).toBeLessThan(PARTS.length);

    const second = record(engine, upload(key, { resume: checkpoint, endpoint: proxy.endpoint }));
    await expectDone(second);
    const sent = proxy.uploadParts().sort((a, b) => a - b);
    expect(second.retries).toEqual([]);
    expect(sent.filter((n) => onServer.includes(n))).toEqual([]);
    expect([...onServer, ...sent].sort((a, b) => a - b)).toEqual(PARTS);
    expect(second.notices).toEqual([]);
    expect((second.checkpoints[0] as UploadCheckpoint).uploadId).toBe(checkpoint.uploadId);
    expect(await sha256Object(bed.sdk, bed.bucket, key)).toBe(digest);
    expect(await bed.pendingUploads(key)).toEqual([]);
  });

  it("resumes with the checkpoint's part size after the preferred size changed (a new default)", async () => {
    const key = 'resume/resized.bin';
    const checkpoint = await pausedUpload(key, 2);
    const onServer = await serverParts(key, checkpoint.uploadId);
    const second = record(engine, {
      ...upload(key, { resume: checkpoint, endpoint: proxy.endpoint }),
      partSize: 8 * MiB,
    });
    await expectDone(second);
    expect(second.notices).toEqual([]);
    expect(proxy.uploadParts().filter((n) => onServer.includes(n))).toEqual([]);
    expect(second.lastUploadCheckpoint()).toMatchObject({ uploadId: checkpoint.uploadId, partSize: 5 * MiB });
    expect(await sha256Object(bed.sdk, bed.bucket, key)).toBe(digest);
  });

  it('keeps a part the server has but the checkpoint missed (crash before the checkpoint) after checking its MD5', async () => {
    const key = 'resume/crash.bin';
    const checkpoint = await pausedUpload(key, 3);
    // As if the process died right after part 2 arrived but before its checkpoint was saved.
    const forgetful: UploadCheckpoint = { ...checkpoint, parts: checkpoint.parts.filter((p) => p.partNumber !== 2) };
    const onServer = await serverParts(key, checkpoint.uploadId);
    expect(onServer).toContain(2);

    const second = record(engine, upload(key, { resume: forgetful, endpoint: proxy.endpoint }));
    await expectDone(second);
    expect(proxy.uploadParts()).not.toContain(2);
    expect((second.checkpoints[0] as UploadCheckpoint).parts.map((p) => p.partNumber)).toContain(2);
    expect(await sha256Object(bed.sdk, bed.bucket, key)).toBe(digest);
  });

  it('starts afresh with a notice when the checkpoint upload was aborted on the server', async () => {
    const key = 'resume/gone.bin';
    const checkpoint = await pausedUpload(key, 1);
    await bed.sdk.send(
      new AbortMultipartUploadCommand({ Bucket: bed.bucket, Key: key, UploadId: checkpoint.uploadId }),
    );
    const second = record(engine, upload(key, { resume: checkpoint }));
    await expectDone(second);
    expect(second.notices).toEqual([expect.stringMatching(/no longer on the server/)]);
    expect(second.lastUploadCheckpoint()?.uploadId).not.toBe(checkpoint.uploadId);
    expect(await sha256Object(bed.sdk, bed.bucket, key)).toBe(digest);
    expect(await bed.pendingUploads(key)).toEqual([]);
  });

  it('cancel aborts the multipart upload: nothing is left on the server', async () => {
    const key = 'cancel/up.bin';
    engine.setRateLimits({ up: SLOW, down: 0 });
    const run = record(engine, upload(key), {
      onCheckpoint: (c, r) => {
        if (c.kind === 'upload' && c.parts.length >= 1) r.running.cancel();
      },
    });
    expect(await run.outcome).toEqual({ kind: 'cancelled' });
    expect(await bed.pendingUploads(key)).toEqual([]);
    // radosgw answers 404 NoSuchKey (AWS: NoSuchUpload) for an upload id that is gone.
    const listed = await bed.sdk
      .send(new ListPartsCommand({ Bucket: bed.bucket, Key: key, UploadId: run.lastUploadCheckpoint()!.uploadId }))
      .catch((e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode);
    expect(listed).toBe(404);
  });

  describe('downloads', () => {
    const keys = ['down/object.bin', 'down/replace.bin', 'down/mid.bin', 'down/cancel.bin'] as const;
    beforeAll(async () => {
      for (const key of keys) await expectDone(record(engine, upload(key)));
    });

    const download = (
      key: (typeof keys)[number],
      target: string,
      resume: DownloadCheckpoint | null = null,
      endpoint?: string,
    ) =>
      downloadTask(credentialsFor(info, endpoint), {
        bucket: bed.bucket,
        key,
        target,
        resume,
        chunkSize: 5 * MiB,
        tuning: { partsInParallel: 2, maxAttempts: 4, stallTimeoutMs: 30_000, baseBackoffMs: 50, maxBackoffMs: 500 },
      });

    async function pausedDownload(
      key: (typeof keys)[number],
      target: string,
      chunks: number,
    ): Promise<DownloadCheckpoint> {
      engine.setRateLimits({ up: 0, down: SLOW });
      const first = record(engine, download(key, target), {
        onCheckpoint: (c, r) => {
          if (c.kind === 'download' && c.doneChunks.length >= chunks) r.running.pause();
        },
      });
      expect(await first.outcome).toEqual({ kind: 'paused' });
      engine.setRateLimits({ up: 0, down: 0 });
      const checkpoint = first.lastDownloadCheckpoint()!;
      expect(checkpoint.doneChunks.length).toBeGreaterThanOrEqual(chunks);
      await access(checkpoint.tempPath);
      return checkpoint;
    }

    it('resumes a paused download by range: finished chunks are not fetched again', async () => {
      const target = bed.file('resumed.bin');
      const checkpoint = await pausedDownload('down/object.bin', target, 2);
      const second = record(engine, download('down/object.bin', target, checkpoint, proxy.endpoint));
      await expectDone(second);
      const ranges = proxy.requests.filter((r) => r.method === 'GET').length;
      expect(ranges).toBe(PARTS.length - checkpoint.doneChunks.length);
      expect(second.notices).toEqual([]);
      expect(second.lastDownloadCheckpoint()?.tempPath).toBe(checkpoint.tempPath);
      expect(await sha256File(target)).toBe(digest);
      expect(await tempFiles(bed.dir)).toEqual([]);
    });

    it('restarts with a notice when the object was replaced between pause and resume', async () => {
      const target = bed.file('replaced.bin');
      const checkpoint = await pausedDownload('down/replace.bin', target, 1);
      const replacement = Buffer.alloc(3 * MiB + 5, 7);
      await bed.sdk.send(new PutObjectCommand({ Bucket: bed.bucket, Key: 'down/replace.bin', Body: replacement }));
      const second = record(engine, download('down/replace.bin', target, checkpoint));
      const result = await expectDone(second);
      expect(result.size).toBe(replacement.length);
      expect(second.notices).toEqual([expect.stringMatching(/changed/)]);
      expect(await sha256File(target)).toBe(sha256(replacement));
      expect(await tempFiles(bed.dir)).toEqual([]);
    });

    it('restarts with a notice when the object is replaced mid-download (If-Match) and yields the new bytes', async () => {
      const mid = 'down/mid.bin';
      const replacement = Buffer.alloc(2 * MiB + 9, 3);
      const target = bed.file('mid.bin');
      engine.setRateLimits({ up: 0, down: SLOW });
      let replaced = false;
      const run = record(
        engine,
        downloadTask(credentialsFor(info), {
          bucket: bed.bucket,
          key: mid,
          target,
          chunkSize: 5 * MiB,
          tuning: { partsInParallel: 1, maxAttempts: 4, stallTimeoutMs: 30_000, baseBackoffMs: 50, maxBackoffMs: 500 },
        }),
        {
          onCheckpoint: (c) => {
            if (c.kind !== 'download' || c.doneChunks.length < 1 || replaced) return;
            replaced = true;
            void bed.sdk.send(new PutObjectCommand({ Bucket: bed.bucket, Key: mid, Body: replacement }));
          },
          onNotice: () => engine.setRateLimits({ up: 0, down: 0 }),
        },
      );
      await expectDone(run);
      expect(run.notices).toEqual([expect.stringMatching(/changed on the server/)]);
      expect(await sha256File(target)).toBe(sha256(replacement));
      expect(await tempFiles(bed.dir)).toEqual([]);
    });

    it('fails the MD5 check when a resumed temp file was damaged, and removes it', async () => {
      // Below the threshold: a single PUT, whose ETag is the MD5 the download is checked against.
      await expectDone(record(engine, { ...upload('down/plain.bin'), multipartThreshold: 64 * MiB }));
      const target = bed.file('damaged.bin');
      engine.setRateLimits({ up: 0, down: SLOW });
      const first = record(
        engine,
        { ...download('down/object.bin', target), key: 'down/plain.bin' },
        {
          onCheckpoint: (c, r) => {
            if (c.kind === 'download' && c.doneChunks.includes(0)) r.running.pause();
          },
        },
      );
      expect(await first.outcome).toEqual({ kind: 'paused' });
      engine.setRateLimits({ up: 0, down: 0 });
      const checkpoint = first.lastDownloadCheckpoint()!;
      const fh = await open(checkpoint.tempPath, 'r+');
      await fh.write(Buffer.from('damage'), 0, 6, 1000);
      await fh.close();
      const second = record(engine, { ...download('down/object.bin', target, checkpoint), key: 'down/plain.bin' });
      const outcome = await second.outcome;
      expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'ServerError' } });
      if (outcome.kind === 'failed') expect(outcome.error.message).toMatch(/MD5/);
      expect(await tempFiles(bed.dir)).toEqual([]);
      await expect(access(target)).rejects.toThrow();
    });

    it('cancel removes the temp file and writes no target', async () => {
      const target = bed.file('cancelled.bin');
      engine.setRateLimits({ up: 0, down: SLOW });
      const run = record(engine, download('down/cancel.bin', target), {
        onCheckpoint: (c, r) => {
          if (c.kind === 'download' && c.doneChunks.length >= 1) r.running.cancel();
        },
      });
      expect(await run.outcome).toEqual({ kind: 'cancelled' });
      expect(await tempFiles(bed.dir)).toEqual([]);
      await expect(access(target)).rejects.toThrow();
    });
  });
});
