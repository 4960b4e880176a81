/**
 * A source file that changes while it uploads (slowed by the upload limit; bytes appended once
 * it is under way) is detected: the job ends with a notice and an object equal to the final
 * file, or fails saying the file changed. Either way no multipart upload is left behind.
 */
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiB, type TransferJobView } from '../../shared/transfers';
import { startHarness, uniqueName, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import {
  incompleteUploads,
  makeRandomFile,
  sha256,
  sha256File,
  updateTransferSettings,
  waitForBatch,
  waitForJobs,
} from './transfer-helpers';

const s3 = s3OrSkip();
const PART = 5 * MiB;

describe.skipIf(!s3)(s3Title('transfers: a source that changes mid-upload'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;
  let dir: string;

  beforeAll(async () => {
    h = await startHarness(info);
    bucket = await h.newBucket('change');
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-transfers-change-'));
    await updateTransferSettings(h, {
      partSizeBytes: PART,
      multipartThresholdBytes: PART,
      partsInParallel: 2,
      uploadBytesPerSecond: 4 * MiB,
    });
  });
  afterAll(async () => {
    await h?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('detects bytes appended while the upload runs', async () => {
    const file = path.join(dir, 'growing.log');
    await makeRandomFile(file, 3 * PART - 1000);
    const batchId = uniqueName('up');
    await h.call('transfers:upload', {
      accountId: h.accountId,
      bucket,
      prefix: '',
      batchId,
      conflict: 'overwrite',
      sources: [{ kind: 'path', path: file }],
    });
    const mine = (jobs: TransferJobView[]): TransferJobView | undefined => jobs.find((j) => j.batchId === batchId);
    await waitForJobs(h.core, (jobs) => (mine(jobs)?.bytesDone ?? 0) > 0, 30_000, 'upload progress');
    await appendFile(file, randomBytes(MiB + 17));
    // Once the change is noticed (or the job ended), lift the limit so the rest is quick.
    await waitForJobs(
      h.core,
      (jobs) => mine(jobs)?.notice != null || ['done', 'failed'].includes(mine(jobs)?.state ?? ''),
      60_000,
      'the change to be noticed',
    );
    await updateTransferSettings(h, { uploadBytesPerSecond: 0 });
    const [job] = await waitForBatch(h.core, batchId, { timeoutMs: 60_000 });

    if (job?.state === 'done') {
      expect(job.notice).toMatch(/chang/i);
      expect(sha256(await h.get(bucket, 'growing.log'))).toBe(await sha256File(file));
      expect(job.bytesTotal).toBe(3 * PART - 1000 + MiB + 17);
    } else {
      expect(job?.state).toBe('failed');
      expect(job?.error?.message).toMatch(/chang/i);
      expect(await h.allKeys(bucket)).toEqual([]);
    }
    expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);
  });
});
