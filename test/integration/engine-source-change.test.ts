/**
 * A source file that changes while it uploads. The upload is slowed with the engine's rate
 * limit, and the file is changed right after the engine has opened it (its first checkpoint),
 * so the change always lands mid-upload: the engine must notice it, abort the multipart upload
 * and start again from the new content, or fail clearly when the file never settles.
 */
import { randomBytes } from 'node:crypto';
import { appendFile, rename, stat, writeFile } from 'node:fs/promises';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerPool } from '../../electron/core/transfers/worker-pool';
import { SOURCE_WORKER_ENTRY } from '../support/source-worker';
import type { TransferEngine } from '../../electron/core/transfers/engine';
import { rcloneMtime } from '../../electron/worker/upload-options';
import {
  credentialsFor,
  expectDone,
  MiB,
  record,
  sha256,
  sha256Object,
  startBed,
  uploadTask,
  writeRandomFile,
  type EngineBed,
} from './engine-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';

const s3 = s3OrSkip();
const SIZE = 5 * MiB + 1;
const CRAWL = 256 * 1024;

describe.skipIf(!s3)(s3Title('engine: source changed mid-upload'), () => {
  const info = s3 as S3ServerInfo;
  let bed: EngineBed;
  let engine: TransferEngine;

  beforeAll(async () => {
    bed = await startBed(info, 'engine-changes');
    engine = createWorkerPool({ entry: SOURCE_WORKER_ENTRY });
  });

  afterEach(() => engine.setRateLimits({ up: 0, down: 0 }));

  afterAll(async () => {
    await engine?.dispose();
    await bed?.dispose();
  });

  const task = (key: string, path: string) =>
    uploadTask(credentialsFor(info), {
      bucket: bed.bucket,
      key,
      source: { path, size: SIZE, mtimeMs: 0 },
      tuning: { partsInParallel: 1, maxAttempts: 3, stallTimeoutMs: 30_000, baseBackoffMs: 50, maxBackoffMs: 500 },
    });

  it('notices a file replaced mid-upload, restarts, and uploads the new content', async () => {
    const path = bed.file('replaced.bin');
    await writeRandomFile(path, SIZE);
    const replacement = randomBytes(SIZE + 100);
    engine.setRateLimits({ up: CRAWL, down: 0 });
    const uploadIds = new Set<string>();
    let replaced: Promise<void> | null = null;
    const run = record(engine, task('changes/replaced.bin', path), {
      onCheckpoint: (c) => {
        if (c.kind !== 'upload') return;
        uploadIds.add(c.uploadId);
        // As an editor saves: a new file renamed over the old one.
        replaced ??= writeFile(`${path}.new`, replacement).then(() => rename(`${path}.new`, path));
      },
      onNotice: () => engine.setRateLimits({ up: 0, down: 0 }),
    });
    const result = await expectDone(run);
    expect(run.notices).toEqual([expect.stringMatching(/changed while it was uploading/)]);
    expect(result.size).toBe(replacement.length);
    expect(uploadIds.size).toBe(2);
    expect(await sha256Object(bed.sdk, bed.bucket, 'changes/replaced.bin')).toBe(sha256(replacement));
    expect(await bed.pendingUploads('changes/replaced.bin')).toEqual([]);
  });

  // The core stats the file just before the task (preflight) and hands size, mtime and inode on;
  // a change between that stat and the worker's open must still be caught, and the object then
  // records the new file's modification time, not the one the core saw.
  for (const [name, size] of [
    ['single PUT', 64 * 1024],
    ['multipart', SIZE],
  ] as const) {
    it(`notices a file replaced after the core stat'ed it (${name}), and uploads the new content`, async () => {
      const path = bed.file(`stale-${size}.bin`);
      await writeRandomFile(path, size);
      const { mtimeMs, ino } = await stat(path);
      const { mtimeNs } = await stat(path, { bigint: true });
      const replacement = randomBytes(size + 100);
      await writeFile(`${path}.new`, replacement);
      await rename(`${path}.new`, path);
      const key = `changes/stale-${size}.bin`;
      const run = record(engine, { ...task(key, path), source: { path, size, mtimeMs, ino, mtimeNs } });
      const result = await expectDone(run);
      expect(result.size).toBe(replacement.length);
      expect(await sha256Object(bed.sdk, bed.bucket, key)).toBe(sha256(replacement));
      const head = await bed.sdk.send(new HeadObjectCommand({ Bucket: bed.bucket, Key: key }));
      expect(head.Metadata).toEqual({ mtime: rcloneMtime((await stat(path, { bigint: true })).mtimeNs) });
      expect(await bed.pendingUploads(key)).toEqual([]);
    });
  }

  it('fails clearly when the file keeps changing, leaving no upload behind', async () => {
    const path = bed.file('growing.bin');
    await writeRandomFile(path, SIZE);
    engine.setRateLimits({ up: CRAWL, down: 0 });
    const seen = new Set<string>();
    const run = record(engine, task('changes/growing.bin', path), {
      onCheckpoint: (c) => {
        if (c.kind !== 'upload' || seen.has(c.uploadId)) return;
        seen.add(c.uploadId);
        // Written in place: same file, new size and mtime.
        void appendFile(path, 'x');
      },
    });
    const outcome = await run.outcome;
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'LocalIOError' } });
    if (outcome.kind === 'failed') expect(outcome.error.message).toMatch(/keeps changing/);
    expect(run.notices).toHaveLength(2);
    expect(seen.size).toBe(3);
    expect(await bed.pendingUploads('changes/growing.bin')).toEqual([]);
  });
});
