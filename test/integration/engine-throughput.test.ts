/**
 * A 256 MiB file up and down through the engine with the default shape (16 MiB parts, 4 in
 * parallel), compared by SHA-256. The MiB/s are printed for the report, never asserted: the
 * server shares this machine's two cores, so timings vary too much to be a test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFER_SETTINGS } from '../../shared/transfers';
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
  TEST_TUNING,
  uploadTask,
  writeRandomFile,
  type EngineBed,
} from './engine-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';

const s3 = s3OrSkip();
const SIZE = 256 * MiB;

describe.skipIf(!s3)(s3Title('engine: 256 MiB throughput (printed)'), () => {
  const info = s3 as S3ServerInfo;
  let bed: EngineBed;
  let engine: TransferEngine;

  beforeAll(async () => {
    bed = await startBed(info, 'engine-speed');
    engine = createWorkerPool({ entry: SOURCE_WORKER_ENTRY });
  });

  afterAll(async () => {
    await engine?.dispose();
    await bed?.dispose();
  });

  it('uploads and downloads 256 MiB identically', async () => {
    const source = bed.file('big.bin');
    const digest = await writeRandomFile(source, SIZE);
    const credentials = credentialsFor(info);
    const tuning = { ...TEST_TUNING, partsInParallel: DEFAULT_TRANSFER_SETTINGS.partsInParallel };

    let started = performance.now();
    await expectDone(
      record(
        engine,
        uploadTask(credentials, {
          bucket: bed.bucket,
          key: 'big.bin',
          source: { path: source, size: SIZE, mtimeMs: 0 },
          tuning,
          multipartThreshold: DEFAULT_TRANSFER_SETTINGS.multipartThresholdBytes,
          partSize: DEFAULT_TRANSFER_SETTINGS.partSizeBytes,
        }),
      ),
    );
    const upSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    const target = bed.file('big.out');
    await expectDone(
      record(
        engine,
        downloadTask(credentials, {
          bucket: bed.bucket,
          key: 'big.bin',
          target,
          tuning,
          chunkSize: DEFAULT_TRANSFER_SETTINGS.partSizeBytes,
        }),
      ),
    );
    const downSeconds = (performance.now() - started) / 1000;
    console.log(
      `engine 256 MiB: upload ${(256 / upSeconds).toFixed(0)} MiB/s, download ${(256 / downSeconds).toFixed(0)} MiB/s`,
    );
    expect(await sha256File(target)).toBe(digest);
    expect(await sha256Object(bed.sdk, bed.bucket, 'big.bin')).toBe(digest);
  });
});
