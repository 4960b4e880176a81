/**
 * Conflicts: an upload onto an existing key (and a download onto an existing file) with policy
 * "ask" waits with a question in the snapshot; "keep both" creates "name (1).ext" and leaves
 * the original untouched; an answer for the whole batch is remembered; "overwrite" replaces.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictQuestion, TransferJobView } from '../../shared/transfers';
import { startHarness, uniqueName, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { waitForBatch, waitForJobs } from './transfer-helpers';

const s3 = s3OrSkip();

describe.skipIf(!s3)(s3Title('transfers: conflicts'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;
  let dir: string;
  /** The conflict questions of the latest snapshot. */
  let questions: ConflictQuestion[] = [];

  beforeAll(async () => {
    h = await startHarness(info);
    h.core.onEvent('transfers:progress', (snapshot) => (questions = snapshot.conflicts));
    bucket = await h.newBucket('conflicts');
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-transfers-conflicts-'));
    await mkdir(path.join(dir, 'src'));
    await writeFile(path.join(dir, 'src', 'report.txt'), 'the new report');
    await writeFile(path.join(dir, 'src', 'a.txt'), 'new a');
    await writeFile(path.join(dir, 'src', 'b.txt'), 'new b');
  });
  afterAll(async () => {
    await h?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const upload = async (files: string[], conflict: 'ask' | 'overwrite' = 'ask'): Promise<string> => {
    const batchId = uniqueName('up');
    await h.call('transfers:upload', {
      accountId: h.accountId,
      bucket,
      prefix: 'docs/',
      batchId,
      conflict,
      sources: files.map((f) => ({ kind: 'path' as const, path: path.join(dir, 'src', f) })),
    });
    return batchId;
  };
  /** The batch's jobs once `count` of them wait in state conflict with their question in the snapshot. */
  const conflicted = (batchId: string, count: number): Promise<TransferJobView[]> =>
    waitForJobs(
      h.core,
      (jobs) => {
        const waiting = jobs.filter((j) => j.batchId === batchId && j.state === 'conflict');
        return waiting.length === count && waiting.every((j) => questions.some((q) => q.jobId === j.id));
      },
      30_000,
      `${count} conflicts in ${batchId}`,
    ).then((jobs) => jobs.filter((j) => j.batchId === batchId && j.state === 'conflict'));
  /** Until the snapshot carries no question of the batch any more. */
  const noQuestions = (batchId: string): Promise<unknown> =>
    waitForJobs(h.core, () => !questions.some((q) => q.batchId === batchId), 10_000, `no questions of ${batchId}`);
  const text = async (key: string): Promise<string> => (await h.get(bucket, key)).toString();

  it('asks about an existing key; keep both uploads "name (1).ext" and leaves the original', async () => {
    await h.put(bucket, 'docs/report.txt', 'original');
    const batchId = await upload(['report.txt']);
    const [job] = await conflicted(batchId, 1);
    expect(job).toMatchObject({ key: 'docs/report.txt', direction: 'upload', state: 'conflict' });
    expect(questions).toContainEqual(
      expect.objectContaining({
        jobId: job!.id,
        batchId,
        direction: 'upload',
        key: 'docs/report.txt',
        existing: expect.objectContaining({ size: 'original'.length }),
      }),
    );

    await h.call('transfers:resolveConflict', { jobId: job!.id, choice: 'rename', applyToBatch: false });
    const [finished] = await waitForBatch(h.core, batchId, { timeoutMs: 30_000 });
    expect(finished).toMatchObject({ state: 'done', key: 'docs/report (1).txt' });
    expect(await text('docs/report.txt')).toBe('original');
    expect(await text('docs/report (1).txt')).toBe('the new report');
    await noQuestions(batchId);

    // Again: the first free name is "(2)".
    const second = await upload(['report.txt']);
    const [again] = await conflicted(second, 1);
    await h.call('transfers:resolveConflict', { jobId: again!.id, choice: 'rename', applyToBatch: false });
    expect((await waitForBatch(h.core, second, { timeoutMs: 30_000 }))[0]).toMatchObject({
      state: 'done',
      key: 'docs/report (2).txt',
    });
    expect((await h.allKeys(bucket, 'docs/report')).sort()).toEqual([
      'docs/report (1).txt',
      'docs/report (2).txt',
      'docs/report.txt',
    ]);
  });

  it('remembers an answer for the rest of the batch', async () => {
    await h.put(bucket, 'docs/a.txt', 'old a');
    await h.put(bucket, 'docs/b.txt', 'old b');
    const batchId = await upload(['a.txt', 'b.txt']);
    const [first] = await conflicted(batchId, 2);
    await h.call('transfers:resolveConflict', { jobId: first!.id, choice: 'skip', applyToBatch: true });
    const jobs = await waitForBatch(h.core, batchId, { timeoutMs: 30_000, expectJobs: 2 });
    expect(jobs.map((j) => j.state)).toEqual(['skipped', 'skipped']);
    expect([await text('docs/a.txt'), await text('docs/b.txt')]).toEqual(['old a', 'old b']);
    await noQuestions(batchId);
  });

  it('overwrites without asking when the policy says so', async () => {
    const batchId = await upload(['a.txt'], 'overwrite');
    const [job] = await waitForBatch(h.core, batchId, { timeoutMs: 30_000 });
    expect(job).toMatchObject({ state: 'done', key: 'docs/a.txt' });
    expect(await text('docs/a.txt')).toBe('new a');
  });

  it('asks about an existing local file on download; keep both writes "name (1).ext"', async () => {
    const target = path.join(dir, 'down');
    await mkdir(target);
    await writeFile(path.join(target, 'report.txt'), 'my local copy');
    const batchId = uniqueName('down');
    await h.call('transfers:download', {
      accountId: h.accountId,
      bucket,
      basePrefix: 'docs/',
      keys: ['docs/report.txt'],
      targetDir: target,
      batchId,
      conflict: 'ask',
    });
    const [job] = await conflicted(batchId, 1);
    expect(job).toMatchObject({ direction: 'download', key: 'docs/report.txt' });
    expect(questions.some((q) => q.jobId === job!.id && q.direction === 'download')).toBe(true);
    await h.call('transfers:resolveConflict', { jobId: job!.id, choice: 'rename', applyToBatch: false });
    expect((await waitForBatch(h.core, batchId, { timeoutMs: 30_000 }))[0]?.state).toBe('done');
    expect((await readdir(target)).sort()).toEqual(['report (1).txt', 'report.txt']);
    expect(await readFile(path.join(target, 'report.txt'), 'utf8')).toBe('my local copy');
    expect(await readFile(path.join(target, 'report (1).txt'), 'utf8')).toBe('original');
  });
});
