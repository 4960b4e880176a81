import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DownloadCheckpoint, UploadCheckpoint } from '../../shared/transfer-protocol';
import { JOURNAL_FILE } from '../../electron/core/transfers/journal';
import type { JobRecord } from '../../electron/core/transfers/types';
import { STAGE_LOST_MESSAGE } from '../../electron/core/transfers/job-machine';
import { until } from './fakes/fake-engine';
import { queueHarness, SECRET, type QueueHarness } from './fakes/queue-harness';

let h: QueueHarness;
afterEach(async () => {
  await h.close();
});

const uploadCheckpoint = (parts: number[] = [1]): UploadCheckpoint => ({
  kind: 'upload',
  uploadId: 'upload-123',
  partSize: 5 * 1024 * 1024,
  source: { size: 100, mtimeMs: 1 },
  parts: parts.map((n) => ({ partNumber: n, etag: `"e${n}"`, size: 50, md5: `m${n}` })),
});

const stateOf = (id: string): string | undefined => h.queue.job(id)?.state;
const running = (id: string) => until(() => h.engine.active.has(id), `job ${id} to run`);

/** Larger than a small job (one short request): takes a whole jobsInParallel slot. */
const BIG = 2 * 1024 * 1024;

describe('transfer queue', () => {
  it('runs at most jobsInParallel jobs and starts the next as one finishes', async () => {
    h = await queueHarness({ settings: { jobsInParallel: 3 } });
    const jobs: JobRecord[] = [];
    for (let i = 0; i < 10; i++) jobs.push(await h.upload(`f${i}.bin`, { size: BIG }));
    await until(() => h.engine.active.size === 3, 'three running');
    expect(jobs.filter((j) => j.state === 'running')).toHaveLength(3);
    // FIFO: the jobs that left the queue are always the oldest ones.
    const startedArePrefix = (): boolean => {
      const firstQueued = jobs.findIndex((j) => j.state === 'queued');
      return firstQueued < 0 || jobs.slice(firstQueued).every((j) => j.state === 'queued');
    };
    while (jobs.some((j) => j.state !== 'done')) {
      await until(() => h.engine.active.size > 0, 'a running job');
      expect(h.engine.active.size).toBeLessThanOrEqual(3);
      expect(startedArePrefix()).toBe(true);
      [...h.engine.active.values()][0]!.succeed();
      await until(() => h.engine.active.size === Math.min(3, jobs.filter((j) => j.state !== 'done').length), 'refill');
    }
    expect(h.engine.maxActive).toBe(3);
    expect(h.engine.runs).toHaveLength(10);
  });

  it('lets tiny files (one short request each) share a slot sixteen to one, in order', async () => {
    h = await queueHarness({ settings: { jobsInParallel: 1 } });
    const small = [];
    for (let i = 0; i < 17; i++) small.push(await h.upload(`s${i}.txt`));
    const big = await h.upload('big.bin', { size: BIG });
    const after = await h.upload('after.txt');
    await until(() => h.engine.active.size === 16, 'sixteen tiny files running in one slot');
    expect(small.map((j) => stateOf(j.id))).toEqual([...Array(16).fill('running'), 'queued']);
    // The big job waits for a whole slot, and nothing behind it overtakes it.
    h.engine.runOf(small[0]!.id)!.succeed();
    await running(small[16]!.id);
    expect([stateOf(big.id), stateOf(after.id)]).toEqual(['queued', 'queued']);
    for (const j of small.slice(1)) h.engine.runOf(j.id)!.succeed();
    await running(big.id);
    expect(h.engine.active.size).toBe(1); // the big one alone fills the slot
    expect(stateOf(after.id)).toBe('queued');
  });

  it('hands the engine a full upload task with the settings and a content type', async () => {
    h = await queueHarness({ settings: { partsInParallel: 7, multipartThresholdBytes: 8 * 1024 * 1024 } });
    const job = await h.upload('photo.JPG', { size: 1234 });
    await running(job.id);
    const task = h.engine.runOf(job.id)!.task;
    expect(task).toMatchObject({
      kind: 'upload',
      bucket: 'bucket',
      key: 'in/photo.JPG',
      contentType: 'image/jpeg',
      multipartThreshold: 8 * 1024 * 1024,
      source: { path: job.localPath, size: 1234 },
      tuning: { partsInParallel: 7, maxAttempts: 6 },
      resume: null,
    });
  });

  it('pauses, resumes, cancels and retries by job, batch and all, counting what it affected', async () => {
    h = await queueHarness({ settings: { jobsInParallel: 2 } });
    const a = await h.upload('a.bin', { batchId: 'b1' });
    const b = await h.upload('b.bin', { batchId: 'b1' });
    const c = await h.upload('c.bin', { batchId: 'b2' });
    const d = await h.upload('d.bin', { batchId: 'b2' });
    await running(a.id);
    await running(b.id);

    // By job: a running job pauses through the engine; resume queues it again.
    expect(h.queue.control('pause', { jobIds: [a.id] })).toBe(1);
    await until(() => stateOf(a.id) === 'paused', 'a paused');
    expect(h.engine.runOf(a.id)!.stops).toEqual(['pause']);
    await running(c.id); // the freed slot went to the next job
    expect(h.queue.control('pause', { jobIds: [a.id] })).toBe(0); // already paused

    // By batch: b2 has c (running) and d (queued).
    expect(h.queue.control('pause', { batchId: 'b2' })).toBe(2);
    await until(() => stateOf(c.id) === 'paused' && stateOf(d.id) === 'paused', 'b2 paused');
    expect(h.queue.control('resume', { batchId: 'b2' })).toBe(2);
    await until(() => stateOf(c.id) === 'running', 'c running again');

    // All: cancel everything still active.
    expect(h.queue.control('cancel', { all: true })).toBe(4);
    await until(() => [a, b, c, d].every((j) => j.state === 'cancelled'), 'all cancelled');
    expect(h.engine.active.size).toBe(0);

    // Retry brings cancelled and failed jobs back.
    expect(h.queue.control('retry', { jobIds: [a.id, b.id] })).toBe(2);
    await running(a.id);
    await running(b.id);
    h.engine.runOf(a.id)!.fail({ code: 'AccessDenied', message: 'Access denied.' });
    await until(() => stateOf(a.id) === 'failed', 'a failed');
    expect(h.queue.job(a.id)?.error).toEqual({ code: 'AccessDenied', message: 'Access denied.' });
    expect(h.queue.control('retry', { all: true })).toBe(3); // a (failed), c and d (cancelled)
    await running(a.id);
    expect(h.queue.job(a.id)?.error).toBeNull();
  });

  it('resumed while its pause is taking effect, a job runs again', async () => {
    h = await queueHarness();
    h.engine.holdStops = true;
    const a = await h.upload('a.bin');
    await running(a.id);
    h.queue.control('pause', { jobIds: [a.id] });
    expect(h.queue.control('resume', { jobIds: [a.id] })).toBe(1);
    h.engine.runOf(a.id)!.settle({ kind: 'paused' });
    await until(() => h.engine.runs.length === 2, 'second run');
    expect(stateOf(a.id)).toBe('running');
  });

  it('cancelling a paused upload with a checkpoint aborts its multipart upload', async () => {
    h = await queueHarness();
    const a = await h.upload('a.bin');
    await running(a.id);
    h.engine.runOf(a.id)!.checkpoint(uploadCheckpoint([1, 2]));
    h.queue.control('pause', { jobIds: [a.id] });
    await until(() => stateOf(a.id) === 'paused', 'paused');
    expect(h.queue.job(a.id)?.checkpoint).toMatchObject({ uploadId: 'upload-123' });

    // Resuming hands the checkpoint to the engine.
    h.queue.control('resume', { jobIds: [a.id] });
    await until(() => h.engine.runs.length === 2, 'second run');
    expect(h.engine.runs[1]!.task).toMatchObject({ resume: uploadCheckpoint([1, 2]) });
    h.queue.control('pause', { jobIds: [a.id] });
    await until(() => stateOf(a.id) === 'paused', 'paused again');

    expect(h.queue.control('cancel', { jobIds: [a.id] })).toBe(1);
    expect(stateOf(a.id)).toBe('cancelled');
    await until(() => h.aborted.length === 1, 'abort');
    expect(h.aborted).toEqual([{ key: 'in/a.bin', uploadId: 'upload-123' }]);
    expect(h.queue.job(a.id)?.checkpoint).toBeNull();
  });

  it('cancelling a paused download removes its temp file', async () => {
    h = await queueHarness();
    const temp = await h.file('.x.qsdownload-1', 10);
    const target = path.join(h.dataDir, 'dl', 'x.bin');
    h.queue.openBatch({
      id: 'd1',
      direction: 'download',
      accountId: 'acc',
      bucket: 'bucket',
      place: path.dirname(target),
      conflict: 'ask',
      targetDir: path.dirname(target),
    });
    const job = h.queue.addJob({
      batchId: 'd1',
      direction: 'download',
      name: 'x.bin',
      accountId: 'acc',
      bucket: 'bucket',
      key: 'x.bin',
      localPath: target,
      bytesTotal: 20,
      expected: { size: 20, etag: '"abc"' },
    });
    await running(job.id);
    expect(h.engine.runOf(job.id)!.task).toMatchObject({
      kind: 'download',
      target,
      expected: { size: 20, etag: '"abc"' },
    });
    const cp: DownloadCheckpoint = {
      kind: 'download',
      tempPath: temp,
      etag: '"abc"',
      size: 20,
      chunkSize: 10,
      doneChunks: [0],
    };
    h.engine.runOf(job.id)!.checkpoint(cp);
    h.queue.control('pause', { all: true });
    await until(() => stateOf(job.id) === 'paused', 'paused');
    h.queue.control('cancel', { all: true });
    expect(stateOf(job.id)).toBe('cancelled');
    await until(
      () =>
        readFile(temp).then(
          () => false,
          () => true,
        ),
      'temp file removed',
    );
  });

  it('asks on a conflict, and an answer for the batch settles the rest of it', async () => {
    h = await queueHarness({ settings: { jobsInParallel: 1 } });
    h.remote.set('in/a.txt', { size: 5, lastModified: '2024-01-01T00:00:00.000Z' });
    h.remote.set('in/b.txt', { size: 6, lastModified: null });
    const a = await h.upload('a.txt');
    const b = await h.upload('b.txt');
    const c = await h.upload('c.txt');
    await until(() => stateOf(a.id) === 'conflict' && stateOf(b.id) === 'conflict', 'two conflicts');
    await running(c.id); // conflicts do not hold a slot
    await until(() => h.snapshots.some((s) => s.conflicts.length === 2), 'questions in a snapshot');
    const question = h.snapshots.filter((s) => s.conflicts.length === 2).at(-1)!.conflicts[0]!;
    expect(question).toMatchObject({
      jobId: a.id,
      batchId: 'b1',
      direction: 'upload',
      key: 'in/a.txt',
      existing: { size: 5, lastModified: '2024-01-01T00:00:00.000Z' },
    });

    h.queue.resolveConflict(a.id, 'skip', true);
    expect(stateOf(a.id)).toBe('skipped');
    expect(stateOf(b.id)).toBe('skipped');
    expect(() => h.queue.resolveConflict(a.id, 'skip', false)).toThrow(/not waiting/);

    // Remembered: a later job of the batch whose target exists is skipped without asking.
    h.remote.set('in/d.txt', { size: 1, lastModified: null });
    const d = await h.upload('d.txt');
    h.engine.runOf(c.id)!.succeed();
    await until(() => stateOf(d.id) === 'skipped', 'd skipped');
    expect(h.engine.runOf(d.id)).toBeUndefined();
  });

  it('overwrites on the answer "overwrite" without asking again', async () => {
    h = await queueHarness();
    h.remote.set('in/a.txt', { size: 5, lastModified: null });
    const a = await h.upload('a.txt');
    await until(() => stateOf(a.id) === 'conflict', 'conflict');
    h.queue.resolveConflict(a.id, 'overwrite', false);
    await running(a.id);
    expect(h.engine.runOf(a.id)!.task).toMatchObject({ key: 'in/a.txt' });
  });

  it('keeps both: renames to the first free "name (n).ext"', async () => {
    h = await queueHarness();
    h.remote.set('in/report.pdf', { size: 1, lastModified: null });
    h.remote.set('in/report (1).pdf', { size: 1, lastModified: null });
    h.remote.set('in/notes', { size: 1, lastModified: null });
    const a = await h.upload('report.pdf');
    const b = await h.upload('notes');
    await until(() => stateOf(a.id) === 'conflict' && stateOf(b.id) === 'conflict', 'conflicts');
    h.queue.resolveConflict(a.id, 'rename', true);
    await running(a.id);
    await running(b.id);
    expect(h.engine.runOf(a.id)!.task).toMatchObject({ key: 'in/report (2).pdf' });
    expect(h.queue.job(a.id)?.name).toBe('report (2).pdf');
    expect(h.engine.runOf(b.id)!.task).toMatchObject({ key: 'in/notes (1)' });
  });

  it('renames a download beside an existing file', async () => {
    h = await queueHarness();
    const existing = await h.file('dl/photo.jpg', 3);
    const dir = path.dirname(existing);
    h.queue.openBatch({
      id: 'd1',
      direction: 'download',
      accountId: 'acc',
      bucket: 'bucket',
      place: dir,
      conflict: 'rename',
      targetDir: dir,
    });
    const job = h.queue.addJob({
      batchId: 'd1',
      direction: 'download',
      name: 'photo.jpg',
      accountId: 'acc',
      bucket: 'bucket',
      key: 'p/photo.jpg',
      localPath: existing,
      bytesTotal: 3,
    });
    await running(job.id);
    expect(h.engine.runOf(job.id)!.task).toMatchObject({ target: path.join(dir, 'photo (1).jpg'), key: 'p/photo.jpg' });
  });

  it('reports a finished batch once, with a label', async () => {
    h = await queueHarness();
    const jobs = [await h.upload('a.bin'), await h.upload('b.bin'), await h.upload('c.bin')];
    h.queue.addRoot('b1', { name: 'a.bin', folder: false });
    h.queue.addRoot('b1', { name: 'b.bin', folder: false });
    for (const job of jobs) {
      await running(job.id);
      if (job === jobs[1]) h.engine.runOf(job.id)!.fail();
      else h.engine.runOf(job.id)!.succeed();
    }
    await until(() => h.snapshots.some((s) => s.finishedBatches.length > 0), 'batch finished');
    const finished = h.snapshots.flatMap((s) => s.finishedBatches);
    expect(finished).toEqual([
      {
        batchId: 'b1',
        label: '3 files to bucket/in',
        direction: 'upload',
        done: 2,
        failed: 1,
        skipped: 0,
        cancelled: 0,
      },
    ]);

    // A folder batch that is still being walked is not finished while its jobs are done.
    h.queue.openBatch({
      id: 'f1',
      direction: 'upload',
      accountId: 'acc',
      bucket: 'bucket',
      place: 'bucket',
      conflict: 'overwrite',
      targetDir: null,
    });
    h.queue.beginInput('f1');
    h.queue.addRoot('f1', { name: 'photos', folder: true });
    const p = await h.upload('photos/1.jpg', { batchId: 'f1' });
    await running(p.id);
    h.engine.runOf(p.id)!.succeed();
    await until(() => stateOf(p.id) === 'done', 'done');
    h.queue.endInput('f1');
    await until(() => h.snapshots.flatMap((s) => s.finishedBatches).length === 2, 'folder finished');
    expect(h.snapshots.flatMap((s) => s.finishedBatches)[1]).toMatchObject({ label: 'Folder photos', done: 1 });
  });

  it('keeps totals per run and a revision that bumps when jobs are added or cleared', async () => {
    h = await queueHarness();
    const a = await h.upload('a.bin', { size: 1000 });
    const before = h.queue.list('all', 0, 10).revision;
    const b = await h.upload('b.bin', { size: 500 });
    expect(h.queue.list('all', 0, 10).revision).toBeGreaterThan(before);
    await running(a.id);
    await running(b.id);
    h.engine.runOf(a.id)!.progress(400, 1000);
    const page = h.queue.list('active', 0, 10);
    expect(page.totals).toMatchObject({ bytesDone: 400, bytesTotal: 1500, jobs: 2 });
    h.engine.runOf(a.id)!.succeed();
    h.engine.runOf(b.id)!.fail();
    await until(() => stateOf(b.id) === 'failed', 'b failed');
    // A failed job leaves the run's totals; a done one stays until the next run starts.
    expect(h.queue.list('all', 0, 10).totals).toMatchObject({ bytesDone: 1000, bytesTotal: 1000 });
    expect(h.queue.list('done', 0, 10).jobs.map((j) => j.id)).toEqual([a.id]);
    expect(h.queue.list('failed', 0, 10).jobs.map((j) => j.id)).toEqual([b.id]);

    const rev = h.queue.list('all', 0, 10).revision;
    expect(h.queue.clear(false)).toBe(1);
    expect(h.queue.list('all', 0, 10)).toMatchObject({ total: 1, jobs: [{ id: b.id }] });
    expect(h.queue.list('all', 0, 10).revision).toBeGreaterThan(rev);
    expect(h.queue.clear(true)).toBe(1);
    expect(h.queue.list('all', 0, 10).total).toBe(0);
  });

  it('clearing a failed upload aborts what it left on the server', async () => {
    h = await queueHarness();
    const a = await h.upload('a.bin');
    await running(a.id);
    h.engine.runOf(a.id)!.checkpoint(uploadCheckpoint());
    h.engine.runOf(a.id)!.fail();
    await until(() => stateOf(a.id) === 'failed', 'failed');
    h.queue.clear(true);
    await until(() => h.aborted.length === 1, 'aborted');
  });

  it('cancelling a failed upload aborts the upload it kept for a retry', async () => {
    h = await queueHarness();
    const a = await h.upload('a.bin');
    await running(a.id);
    h.engine.runOf(a.id)!.checkpoint(uploadCheckpoint());
    h.engine.runOf(a.id)!.fail();
    await until(() => stateOf(a.id) === 'failed', 'failed');
    expect(h.queue.control('cancel', { jobIds: [a.id] })).toBe(1);
    expect(stateOf(a.id)).toBe('cancelled');
    await until(() => h.aborted.length === 1, 'aborted');
  });

  it('waits for browser-staged bytes before running', async () => {
    h = await queueHarness();
    h.queue.openBatch({
      id: 's1',
      direction: 'upload',
      accountId: 'acc',
      bucket: 'bucket',
      place: 'bucket',
      conflict: 'overwrite',
      targetDir: null,
    });
    const job = h.queue.addJob({
      batchId: 's1',
      direction: 'upload',
      name: 'dropped.txt',
      accountId: 'acc',
      bucket: 'bucket',
      key: 'dropped.txt',
      localPath: null,
      bytesTotal: 10,
      stage: 'waiting',
    });
    const other = await h.upload('other.bin');
    await running(other.id);
    expect(h.engine.runOf(job.id)).toBeUndefined();
    await h.file('../staging/' + job.id, 10);
    expect(h.queue.stageReady(job.id)).toBe(true);
    await running(job.id);
    expect(h.engine.runOf(job.id)!.task).toMatchObject({
      source: { path: path.join(h.dataDir, 'staging', job.id), size: 10 },
    });
    h.engine.runOf(job.id)!.succeed();
    await until(() => h.discardedStages.includes(job.id), 'staged bytes released');
    expect(h.queue.stageReady(job.id)).toBe(false);
  });
});

describe('transfer queue across restarts', () => {
  it('resumes running and queued jobs with their checkpoints, and keeps history', async () => {
    h = await queueHarness({ settings: { jobsInParallel: 1 } });
    const a = await h.upload('a.bin', { size: BIG });
    const b = await h.upload('b.bin', { size: BIG });
    const done = await h.upload('c.bin', { size: BIG });
    await running(a.id);
    h.engine.runOf(a.id)!.succeed();
    await running(b.id);
    h.engine.runOf(b.id)!.checkpoint(uploadCheckpoint([1]));
    h.engine.runOf(b.id)!.progress(60, 100);
    // c is still queued; "crash": the journal is all that is left.
    await h.store.flush();
    const journal = await readFile(path.join(h.dataDir, JOURNAL_FILE), 'utf8');
    expect(journal).not.toContain(SECRET);

    const old = h;
    h = await old.restart();
    expect(h.queue.job(a.id)?.state).toBe('done');
    expect(h.queue.job(b.id)).toMatchObject({ bytesDone: 50, checkpoint: uploadCheckpoint([1]) });
    await running(b.id);
    expect(h.engine.runOf(b.id)!.task).toMatchObject({ resume: uploadCheckpoint([1]) });
    expect(stateOf(done.id)).toBe('queued');
    expect(h.queue.list('all', 0, 10).jobs.map((j) => j.id)).toEqual([a.id, b.id, done.id]);
  });

  it("keeps a sync upload's whole-file MD5 for its task; a job journaled before the field reads as without", async () => {
    h = await queueHarness({ settings: { jobsInParallel: 1 } });
    const a = await h.upload('a.bin', { wholeFileMd5: true });
    const b = await h.upload('b.bin');
    await running(a.id);
    expect(h.engine.runOf(a.id)!.task).toMatchObject({ wholeFileMd5: true });
    await h.store.flush();
    const file = path.join(h.dataDir, JOURNAL_FILE);
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll(',"wholeFileMd5":false', ''));
    expect(await readFile(file, 'utf8')).not.toContain('"wholeFileMd5":false');

    h = await h.restart();
    await running(a.id);
    expect(h.engine.runOf(a.id)!.task).toMatchObject({ wholeFileMd5: true });
    h.engine.runOf(a.id)!.succeed();
    await running(b.id);
    expect(h.engine.runOf(b.id)!.task).toMatchObject({ wholeFileMd5: false });
  });

  it('brings unfinished jobs back paused when resume on start is off', async () => {
    h = await queueHarness({ settings: { jobsInParallel: 1 } });
    const a = await h.upload('a.bin');
    const b = await h.upload('b.bin');
    await running(a.id);
    h = await h.restart({ resumeOnStart: false });
    expect(stateOf(a.id)).toBe('paused');
    expect(stateOf(b.id)).toBe('paused');
    expect(h.engine.runs).toHaveLength(0);
    h.queue.control('resume', { all: true });
    await running(a.id);
  });

  it('fails a browser upload whose bytes did not arrive before the restart', async () => {
    h = await queueHarness();
    h.queue.openBatch({
      id: 's1',
      direction: 'upload',
      accountId: 'acc',
      bucket: 'bucket',
      place: 'bucket',
      conflict: 'ask',
      targetDir: null,
    });
    const job = h.queue.addJob({
      batchId: 's1',
      direction: 'upload',
      name: 'x',
      accountId: 'acc',
      bucket: 'bucket',
      key: 'x',
      localPath: null,
      bytesTotal: 1,
      stage: 'waiting',
    });
    h = await h.restart();
    expect(h.queue.job(job.id)).toMatchObject({
      state: 'failed',
      stage: 'gone',
      error: { code: 'LocalIOError', message: STAGE_LOST_MESSAGE },
    });
    expect(h.queue.control('retry', { jobIds: [job.id] })).toBe(0);
  });

  it('never writes a credential to the journal', async () => {
    h = await queueHarness({ settings: { jobsInParallel: 4 } });
    const jobs = await Promise.all(Array.from({ length: 20 }, (_, i) => h.upload(`s${i}.bin`, { size: BIG })));
    await until(() => h.engine.active.size === 4, 'four running');
    for (const run of [...h.engine.active.values()]) {
      expect(run.task.credentials.secretAccessKey).toBe(SECRET); // the task has it…
      run.checkpoint(uploadCheckpoint([1]));
      run.notice('The file changed; restarted.');
      run.fail({ code: 'SignatureDoesNotMatch', message: 'The secret key is wrong for this access key.' });
    }
    h.queue.control('cancel', { jobIds: [jobs[10]!.id] });
    await h.store.flush();
    const file = path.join(h.dataDir, JOURNAL_FILE);
    const text = await readFile(file, 'utf8');
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toContain(SECRET); // …the journal never does
    expect(text).not.toContain('secretAccessKey');
    // Nor after a compaction.
    h = await h.restart();
    expect(await readFile(file, 'utf8')).not.toContain(SECRET);
  });

  it('survives a journal cut in the middle of a line', async () => {
    h = await queueHarness();
    const a = await h.upload('a.bin');
    await running(a.id);
    h.engine.runOf(a.id)!.checkpoint(uploadCheckpoint([1]));
    await h.store.flush();
    const file = path.join(h.dataDir, JOURNAL_FILE);
    const text = await readFile(file, 'utf8');
    await writeFile(file, `${text}{"t":"cp","id":"${a.id}","cp":{"kind":"upl`);
    h = await h.restart();
    expect(h.queue.job(a.id)?.checkpoint).toEqual(uploadCheckpoint([1]));
    await running(a.id);
  });
});
