/**
 * A file that grows while its sync upload runs (slowed by the upload limit; bytes appended once
 * the transfers snapshot shows it under way): the run ends naming it as changed during the run
 * and saying so in its notice, it is not indexed, the object holds either the old or the new
 * bytes (never a mix), no multipart upload is left, and a compare then a run bring both sides
 * level.
 */
import { randomBytes } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MiB } from '../../shared/transfers';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { cleanRun, entryLines, useSyncBed, writeTree } from './sync-helpers';
import {
  incompleteUploads,
  makeRandomFile,
  sha256,
  sha256File,
  updateTransferSettings,
  waitForJobs,
} from './transfer-helpers';

const s3 = s3OrSkip();
const PART = 5 * MiB;
const SIZE = 3 * PART - 1000;

describe.skipIf(!s3)(s3Title('sync: a file changes during the run'), () => {
  const bed = useSyncBed(s3 as S3ServerInfo, 'sync-change', async (started) => {
    await updateTransferSettings(started.h, {
      partSizeBytes: PART,
      multipartThresholdBytes: PART,
      partsInParallel: 2,
      uploadBytesPerSecond: 4 * MiB,
    });
  });

  it('a file grown mid-upload is reported, not indexed, never mixed on the server, and synced by the next run', async () => {
    const { h, sync, bucket } = bed();
    const { prefix, local } = await bed().place('change');
    const big = path.join(local, 'big.bin');
    const oldHash = await makeRandomFile(big, SIZE);
    await writeTree(local, { 'a.txt': 'a\n', 'sub/b.txt': 'b\n' });
    const pair = await bed().createPair({ prefix, local });
    const plan = await sync.plan(pair.id);
    expect(entryLines(plan.entries)).toEqual([
      ['a.txt', 'upload', 'new', null],
      ['big.bin', 'upload', 'new', null],
      ['sub/b.txt', 'upload', 'new', null],
    ]);

    const finished = sync.run(pair.id, plan.summary.planId);
    const bigJob = (jobs: Awaited<ReturnType<typeof waitForJobs>>) => jobs.find((j) => j.key === `${prefix}big.bin`);
    await waitForJobs(
      h.core,
      (jobs) => bigJob(jobs)?.state === 'running' && bigJob(jobs)!.bytesDone > 0,
      30_000,
      'the big upload under way',
    );
    await appendFile(big, randomBytes(MiB + 17));
    const newHash = await sha256File(big);
    await waitForJobs(
      h.core,
      (jobs) => bigJob(jobs)?.notice != null || ['done', 'failed'].includes(bigJob(jobs)?.state ?? ''),
      60_000,
      'the change to be noticed',
    );
    await updateTransferSettings(h, { uploadBytesPerSecond: 0 });
    const run = await finished;

    expect(run).toMatchObject(
      cleanRun({
        uploaded: 3,
        changedDuringRun: ['big.bin'],
      }),
    );
    const indexed = JSON.parse(await readFile(path.join(h.dataDir, 'sync', `${pair.id}.index.json`), 'utf8')) as {
      rows: [string][];
    };
    expect(indexed.rows.map(([p]) => p).sort()).toEqual(['a.txt', 'sub/b.txt']);
    const onServer = sha256(await h.get(bucket, `${prefix}big.bin`));
    expect([oldHash, newHash]).toContain(onServer);
    expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);

    // The next compare sees the file as it is now: in step if the server took the new bytes.
    const next = await sync.plan(pair.id);
    const stale = onServer !== newHash;
    expect(entryLines(next.entries)).toEqual(stale ? [['big.bin', 'upload', 'changed', null]] : []);
    if (stale) expect(await sync.run(pair.id, next.summary.planId)).toMatchObject(cleanRun({ uploaded: 1 }));
    expect(sha256(await h.get(bucket, `${prefix}big.bin`))).toBe(newHash);
    expect(entryLines((await sync.plan(pair.id)).entries)).toEqual([]);
  });
});
