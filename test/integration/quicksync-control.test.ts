/**
 * QuickSync jobs under control and under faults, through the real core and worker threads:
 * pause and resume never send a part whose tag was saved; cancel (running, paused or failed)
 * deletes the file on the server; 503s, connection resets and a short download are retried
 * (each download attempt with a fresh link); an incomplete upload is listed only when asked,
 * with the job that resumes it, and deleting it stops that job.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiB, type TransferJobView } from '../../shared/transfers';
import { expectNoViolations, onlyDone, startQuickSyncHarness, type QuickSyncHarness } from './quicksync-harness';
import { makeRandomFile, sha256, sha256File, waitForJobs } from './transfer-helpers';

const PART = MiB;
const SIZE = 6 * PART + 4321;
const PARTS = 7;
const LANES = 2;
const WAIT_MS = 30_000;

const jobOf = (jobs: TransferJobView[], batchId: string): TransferJobView | undefined =>
  jobs.find((j) => j.batchId === batchId);

describe('QuickSync pause, resume, cancel and faults', () => {
  let h: QuickSyncHarness;
  let source: string;
  let hash: string;

  const server = () => h.qs.server;
  const stateOf = (batchId: string, state: TransferJobView['state'], what: string): Promise<TransferJobView[]> =>
    waitForJobs(h.core, (jobs) => jobOf(jobs, batchId)?.state === state, WAIT_MS, what);
  const partsStored = (fileKey: string): number => server().stats.partsReceived.get(fileKey) ?? 0;
  /** The one unfinished file on the server (the upload under test). */
  const unfinishedKey = (): string => {
    const open = [...server().files.values()].filter((f) => !f.completed);
    expect(open).toHaveLength(1);
    return open[0]!.fileKey;
  };
  const control = (action: 'pause' | 'resume' | 'cancel' | 'retry', batchId: string) =>
    h.call('transfers:control', { action, target: { batchId } });

  beforeAll(async () => {
    h = await startQuickSyncHarness();
    await h.settings({ partsInParallel: LANES, stallTimeoutMs: 120_000 });
    source = path.join(h.work, 'movie.bin');
    hash = await makeRandomFile(source, SIZE);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('pauses mid-upload and resumes without sending a saved part again', async () => {
    // Parts 1 and 2 are let through; the next two wait at the server while the job is paused.
    const first = server().faults.holdParts();
    const batchId = await h.upload([source]);
    await server().waitFor(() => server().stats.partsHeld === LANES, WAIT_MS, 'the first parts held');
    const second = server().faults.holdParts();
    first();
    const fileKey = unfinishedKey();
    await server().waitFor(
      () => partsStored(fileKey) === LANES && server().stats.partsHeld === LANES,
      WAIT_MS,
      'two parts stored and the next two held',
    );
    expect(await control('pause', batchId)).toEqual({ affected: 1 });
    await stateOf(batchId, 'paused', 'the paused upload');

    // The held parts now reach the server, but the job never learnt their tags: they are sent again.
    second();
    await server().waitFor(() => server().stats.partsHeld === 0, WAIT_MS, 'the held parts released');
    const before = { stored: partsStored(fileKey), bytes: server().stats.bytesReceived };

    expect(await control('resume', batchId)).toEqual({ affected: 1 });
    const [job] = await h.finished(batchId);
    expect([job?.state, job?.bytesDone]).toEqual(['done', SIZE]);
    // Parts 3 to 7 only: the two saved before the pause were not sent again.
    expect(partsStored(fileKey) - before.stored).toBe(PARTS - LANES);
    expect(server().stats.bytesReceived - before.bytes).toBe(SIZE - LANES * PART);
    expect(sha256(server().files.get(fileKey)!.content!)).toBe(hash);
  });

  it('restarts a paused upload whose file changed as a new upload, deleting the old one, with a notice', async () => {
    const changing = path.join(h.work, 'changing.bin');
    await makeRandomFile(changing, SIZE);
    const release = server().faults.holdParts();
    const batchId = await h.upload([changing]);
    await server().waitFor(() => server().stats.partsHeld > 0, WAIT_MS, 'a part held');
    const oldKey = unfinishedKey();
    await control('pause', batchId);
    await stateOf(batchId, 'paused', 'the paused upload');
    release();
    await server().waitFor(() => server().stats.partsHeld === 0, WAIT_MS, 'the held parts released');

    const newHash = await makeRandomFile(changing, SIZE + 1);
    await control('resume', batchId);
    const [job] = await h.finished(batchId);
    expect([job?.state, job?.bytesDone]).toEqual(['done', SIZE + 1]);
    expect(job?.notice).toBe('The file changed since the upload started; restarting from the beginning.');
    expect(server().files.has(oldKey)).toBe(false);
    const renewed = [...server().files.values()].filter((f) => f.fileName === 'changing.bin');
    expect(renewed.map((f) => [f.completed, sha256(f.content!)])).toEqual([[true, newHash]]);
  });

  it('cancel of a running upload deletes the file on the server', async () => {
    const release = server().faults.holdParts();
    const batchId = await h.upload([source]);
    await server().waitFor(() => server().stats.partsHeld > 0, WAIT_MS, 'a part held');
    const fileKey = unfinishedKey();
    expect(await control('cancel', batchId)).toEqual({ affected: 1 });
    const [job] = await h.finished(batchId);
    expect(job?.state).toBe('cancelled');
    expect(server().files.has(fileKey)).toBe(false);
    release();
  });

  it('cancel of a paused upload deletes the file on the server', async () => {
    const release = server().faults.holdParts();
    const batchId = await h.upload([source]);
    await server().waitFor(() => server().stats.partsHeld > 0, WAIT_MS, 'a part held');
    const fileKey = unfinishedKey();
    await control('pause', batchId);
    await stateOf(batchId, 'paused', 'the paused upload');
    release();
    expect(await control('cancel', batchId)).toEqual({ affected: 1 });
    await server().waitFor(() => !server().files.has(fileKey), WAIT_MS, 'the file deleted');
    expect((await h.finished(batchId))[0]?.state).toBe('cancelled');
  });

  it('cancel of a failed upload deletes the file it left', async () => {
    await h.settings({ maxAttempts: 1 });
    server().faults.failNextParts(1, 400);
    const batchId = await h.upload([source]);
    const [failed] = await h.finished(batchId);
    expect(failed?.state).toBe('failed');
    expect(failed?.error).toMatchObject({
      code: 'InvalidRequest',
      message: 'Bad Request: A fault injected by the test.',
    });
    const fileKey = unfinishedKey();
    expect(await control('cancel', batchId)).toEqual({ affected: 1 });
    await server().waitFor(() => !server().files.has(fileKey), WAIT_MS, 'the file deleted');
    await h.settings({ maxAttempts: 6 });
  });

  it('retries 503s and connection resets, and completes byte for byte', async () => {
    const before = { parts: server().stats.requests.part, files: new Set(server().files.keys()) };
    server().faults.failNextParts(2, 503);
    server().faults.resetNextParts(1);
    const job = onlyDone(await h.finished(await h.upload([source])));
    expect(job.bytesDone).toBe(SIZE);
    expect(server().stats.requests.part - before.parts).toBe(PARTS + 3);
    const added = [...server().files.values()].filter((f) => !before.files.has(f.fileKey));
    expect(added.map((f) => [f.completed, sha256(f.content!)])).toEqual([[true, hash]]);
  });

  it('retries a short download with a fresh link and writes nothing but the whole file', async () => {
    const fileKey = [...server().files.values()].find((f) => f.completed)!.fileKey;
    const links = server().stats.requests.link;
    server().faults.shortenNextDownload(1000);
    const target = path.join(h.work, 'short');
    const job = onlyDone(await h.finished(await h.download([fileKey], target)));
    expect(job.bytesDone).toBe(SIZE);
    expect(server().stats.requests.link - links).toBe(2);
    expect(await readdir(target)).toEqual(['movie.bin']);
    expect(await sha256File(path.join(target, 'movie.bin'))).toBe(hash);
  });

  it('lists an incomplete upload only when asked, with its job; resuming finishes it, deleting stops it', async () => {
    const release = server().faults.holdParts();
    const batchId = await h.upload([source]);
    await server().waitFor(() => server().stats.partsHeld > 0, WAIT_MS, 'a part held');
    const fileKey = unfinishedKey();
    await control('pause', batchId);
    const [paused] = (await stateOf(batchId, 'paused', 'the paused upload')).filter((j) => j.batchId === batchId);
    release();

    expect((await h.files()).some((f) => f.fileKey === fileKey)).toBe(false);
    const incomplete = (await h.files(true)).find((f) => f.fileKey === fileKey);
    expect(incomplete).toMatchObject({
      name: 'movie.bin',
      completed: false,
      totalParts: PARTS,
      size: SIZE,
      resumableJobId: paused!.id,
    });
    expect(await h.call('quicksync:details', { accountId: h.accountId, fileKey })).toEqual(incomplete);

    const deleted = await h.call('quicksync:delete', {
      accountId: h.accountId,
      fileKeys: [fileKey],
      operationId: 'delete-incomplete',
    });
    expect(deleted).toEqual({ succeeded: 1, failed: [] });
    expect((await h.finished(batchId))[0]?.state).toBe('cancelled');
    expect(server().files.has(fileKey)).toBe(false);
  });

  it('keeps to the document throughout', () => {
    expect(server().stats.authorizationRefused).toBe(0);
    expectNoViolations(h.qs);
  });
});
