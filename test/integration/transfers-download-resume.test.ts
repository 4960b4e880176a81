/**
 * Resuming wire-path downloads whose chunks are made durable in batches: after a pause and
 * after the worker was killed mid-file, every chunk the last checkpoint trusts is on disk with
 * the right bytes, the resumed run HEADs once (a resume re-checks size and ETag) and fetches
 * exactly the chunks the checkpoint did not list, and the file ends identical.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir } from 'node:fs/promises';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadCheckpoint } from '../../shared/transfer-protocol';
import { createWorkerPool } from '../../electron/core/transfers/worker-pool';
import type { TransferEngine } from '../../electron/core/transfers/engine';
import { startFaultProxy, type FaultProxy } from '../servers/fault-proxy';
import { SOURCE_WORKER_ENTRY } from '../support/source-worker';
import {
  credentialsFor,
  downloadTask,
  expectDone,
  MiB,
  record,
  sha256,
  sha256File,
  startBed,
  type EngineBed,
} from './engine-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { endpointTarget } from './transfer-helpers';

const s3 = s3OrSkip();
const CHUNK = 5 * MiB;
const SIZE = 8 * CHUNK + 999;
const CHUNKS = Math.ceil(SIZE / CHUNK);
const SLOW = 8 * MiB;

describe.skipIf(!s3)(s3Title('transfers: resuming downloads with batched durability'), () => {
  const info = s3 as S3ServerInfo;
  let bed: EngineBed;
  let proxy: FaultProxy;
  let engine: TransferEngine;
  const body = randomBytes(SIZE);
  let etag = '';

  beforeAll(async () => {
    bed = await startBed(info, 'download-resume');
    proxy = await startFaultProxy({ target: endpointTarget(info.endpoint) });
    await bed.sdk.send(new PutObjectCommand({ Bucket: bed.bucket, Key: 'big.bin', Body: body }));
    etag = (await bed.sdk.send(new HeadObjectCommand({ Bucket: bed.bucket, Key: 'big.bin' }))).ETag ?? '';
  });
  afterEach(async () => {
    await engine?.dispose();
  });
  afterAll(async () => {
    await proxy?.close();
    await bed?.dispose();
  });

  const task = (target: string, resume: DownloadCheckpoint | null) =>
    downloadTask(credentialsFor(info, proxy.url), {
      bucket: bed.bucket,
      key: 'big.bin',
      target,
      resume,
      // As a folder download has them from the listing: no HEAD on a fresh start.
      expected: { size: SIZE, etag },
      chunkSize: CHUNK,
      tuning: { partsInParallel: 2, maxAttempts: 4, stallTimeoutMs: 30_000, baseBackoffMs: 50, maxBackoffMs: 500 },
    });

  /** Every chunk the checkpoint trusts holds the object's bytes in the temp file. */
  async function expectTrustedChunksOnDisk(checkpoint: DownloadCheckpoint): Promise<void> {
    const fh = await open(checkpoint.tempPath, 'r');
    try {
      for (const i of checkpoint.doneChunks) {
        const length = Math.min(CHUNK, SIZE - i * CHUNK);
        const { buffer, bytesRead } = await fh.read(Buffer.alloc(length), 0, length, i * CHUNK);
        expect(bytesRead, `chunk ${i}`).toBe(length);
        expect(sha256(buffer), `chunk ${i}`).toBe(sha256(body.subarray(i * CHUNK, i * CHUNK + length)));
      }
    } finally {
      await fh.close();
    }
  }

  /** Resumes from `checkpoint` with a fresh engine: one HEAD, only the missing ranges, identical file. */
  async function resumeAndCheck(target: string, checkpoint: DownloadCheckpoint): Promise<void> {
    engine = createWorkerPool({ entry: SOURCE_WORKER_ENTRY });
    const before = proxy.stats.requests.length;
    const second = record(engine, task(target, checkpoint));
    await expectDone(second);
    const seen = proxy.stats.requests.slice(before);
    expect(seen.filter((r) => r.method === 'HEAD')).toHaveLength(1);
    const fetched = seen
      .filter((r) => r.method === 'GET')
      .map((r) => Number(/^bytes=(\d+)-/.exec(r.headers['range']!)![1]) / CHUNK);
    const missing = [...Array(CHUNKS).keys()].filter((i) => !checkpoint.doneChunks.includes(i));
    expect(fetched.sort((a, b) => a - b)).toEqual(missing);
    expect(await sha256File(target)).toBe(sha256(body));
    expect((await readdir(bed.dir)).filter((n) => n.includes('.qsdownload-'))).toEqual([]);
  }

  it('a pause records every written chunk (synced at the stop), and the resume fetches only the rest', async () => {
    engine = createWorkerPool({ entry: SOURCE_WORKER_ENTRY });
    engine.setRateLimits({ up: 0, down: SLOW });
    const before = proxy.stats.requests.length;
    const first = record(engine, task(bed.file('paused.bin'), null), {
      onProgress: (bytesDone, r) => {
        if (bytesDone >= 4 * CHUNK) r.running.pause();
      },
    });
    expect(await first.outcome).toEqual({ kind: 'paused' });
    expect(proxy.stats.requests.slice(before).filter((r) => r.method === 'HEAD')).toEqual([]);
    const checkpoint = first.lastDownloadCheckpoint()!;
    // Two lanes: at most two chunks were partly written when the pause came.
    expect(checkpoint.doneChunks.length).toBeGreaterThanOrEqual(2);
    await expectTrustedChunksOnDisk(checkpoint);
    await engine.dispose();
    await resumeAndCheck(bed.file('paused.bin'), checkpoint);
  }, 60_000);

  it('after the worker is killed mid-file, the last checkpoint trusts only chunks that are on disk', async () => {
    engine = createWorkerPool({ entry: SOURCE_WORKER_ENTRY });
    engine.setRateLimits({ up: 0, down: SLOW });
    const first = record(engine, task(bed.file('killed.bin'), null), {
      onProgress: (bytesDone) => {
        if (bytesDone >= 5 * CHUNK) void engine.dispose(); // terminates the worker thread, no cleanup
      },
    });
    await first.outcome;
    const checkpoint = first.lastDownloadCheckpoint()!;
    // Some chunks synced on the 1 s timer (the rate limit makes the kill come seconds in); not all.
    expect(checkpoint.doneChunks.length).toBeGreaterThan(0);
    expect(checkpoint.doneChunks.length).toBeLessThan(CHUNKS);
    await expectTrustedChunksOnDisk(checkpoint);
    await resumeAndCheck(bed.file('killed.bin'), checkpoint);
  }, 60_000);
});
