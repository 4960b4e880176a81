/**
 * Pause, resume and cancel in the middle of transfers (slowed by the bandwidth limits, counted
 * at a pass-through proxy): cancel aborts the multipart upload (nothing left on the server) and
 * removes a download's temp file; pause then resume sends no completed part (or range) again.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiB, type TransferJobView } from '../../shared/transfers';
import type { FaultProxy, ProxiedRequest, RequestHead } from '../servers/fault-proxy';
import { uniqueName, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import {
  completedParts,
  incompleteUploads,
  isUploadPart,
  makeRandomFile,
  sha256,
  sha256File,
  updateTransferSettings,
  waitForBatch,
  waitForJobs,
  startProxiedBed,
  type ProxiedBed,
} from './transfer-helpers';

const s3 = s3OrSkip();
const PART = 5 * MiB;
const SIZE = 6 * PART + 4321;

const isCreate = (r: ProxiedRequest): boolean => r.method === 'POST' && 'uploads' in r.query;
const isAbort = (r: ProxiedRequest): boolean => r.method === 'DELETE' && r.query['uploadId'] !== undefined;
const isRangedGet = (r: RequestHead): boolean => r.method === 'GET' && r.headers['range'] !== undefined;

describe.skipIf(!s3)(s3Title('transfers: pause, resume, cancel'), () => {
  const info = s3 as S3ServerInfo;
  let bed: ProxiedBed | undefined;
  let h: Harness;
  let proxy: FaultProxy;
  let viaProxy: string;
  let bucket: string;
  let dir: string;
  let source: string;
  let hash: string;

  beforeAll(async () => {
    bed = await startProxiedBed(info, 'control');
    ({ h, proxy, viaProxy, bucket, dir } = bed);
    source = path.join(dir, 'movie.bin');
    hash = await makeRandomFile(source, SIZE);
    await updateTransferSettings(h, {
      partSizeBytes: PART,
      multipartThresholdBytes: PART,
      partsInParallel: 2,
      uploadBytesPerSecond: 8 * MiB,
      downloadBytesPerSecond: 8 * MiB,
    });
  });
  afterAll(async () => {
    await bed?.dispose();
  });

  const upload = async (key: string): Promise<string> => {
    const batchId = uniqueName('up');
    await h.call('transfers:upload', {
      accountId: viaProxy,
      bucket,
      prefix: `${key}/`,
      batchId,
      conflict: 'overwrite',
      sources: [{ kind: 'path', path: source }],
    });
    return batchId;
  };
  const jobOf = (jobs: TransferJobView[], batchId: string): TransferJobView | undefined =>
    jobs.find((j) => j.batchId === batchId);

  it('cancel in the middle of a multipart upload aborts it: nothing left on the server', async () => {
    const before = proxy.stats.requests.length;
    const batchId = await upload('cancel');
    await proxy.waitFor((s) => completedParts(s.requests.slice(before)).size > 0, 30_000, 'a completed part');

    expect(await h.call('transfers:control', { action: 'cancel', target: { batchId } })).toEqual({ affected: 1 });
    const [job] = await waitForBatch(h.core, batchId, { timeoutMs: 30_000 });
    expect(job?.state).toBe('cancelled');

    const seen = proxy.stats.requests.slice(before);
    expect(seen.filter(isCreate)).toHaveLength(1);
    expect(seen.filter(isAbort).some((r) => r.status === 204)).toBe(true);
    expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);
    expect(await h.allKeys(bucket, 'cancel/')).toEqual([]);
  });

  it('pause then resume of an upload sends no completed part again', async () => {
    const before = proxy.stats.requests.length;
    const batchId = await upload('pause');
    await proxy.waitFor(
      (s) => [...completedParts(s.requests.slice(before)).values()].some((parts) => parts.size >= 2),
      30_000,
      'two completed parts',
    );
    expect(await h.call('transfers:control', { action: 'pause', target: { batchId } })).toEqual({ affected: 1 });
    await waitForJobs(h.core, (jobs) => jobOf(jobs, batchId)?.state === 'paused', 30_000, 'the paused job');
    const atPause = proxy.stats.requests.length;
    const donePerUpload = completedParts(proxy.stats.requests.slice(before));
    expect(donePerUpload.size).toBe(1);
    const [uploadId, doneParts] = [...donePerUpload.entries()][0]!;

    expect(await h.call('transfers:control', { action: 'resume', target: { batchId } })).toEqual({ affected: 1 });
    const [job] = await waitForBatch(h.core, batchId, { timeoutMs: 60_000 });
    expect([job?.state, job?.error]).toEqual(['done', null]);
    expect(sha256(await h.get(bucket, 'pause/movie.bin'))).toBe(hash);

    const after = proxy.stats.requests.slice(atPause);
    expect(after.filter(isCreate)).toEqual([]); // the same multipart upload went on
    const resent = after.filter((r) => isUploadPart(r) && doneParts.has(Number(r.query['partNumber'])));
    expect(resent.map((r) => r.query['partNumber'])).toEqual([]);
    expect(after.filter(isUploadPart).every((r) => r.query['uploadId'] === uploadId)).toBe(true);
    expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);
  });

  it('cancel in the middle of a download leaves no file and no temp file', async () => {
    const key = 'seed/download-me.bin';
    await h.put(bucket, key, randomBytes(SIZE));
    const target = path.join(dir, 'cancelled-download');
    await mkdir(target);
    const batchId = uniqueName('down');
    await h.call('transfers:download', {
      accountId: viaProxy,
      bucket,
      basePrefix: 'seed/',
      keys: [key],
      targetDir: target,
      batchId,
      conflict: 'ask',
    });
    await waitForJobs(h.core, (jobs) => (jobOf(jobs, batchId)?.bytesDone ?? 0) >= PART, 30_000, 'download progress');
    expect(await h.call('transfers:control', { action: 'cancel', target: { batchId } })).toEqual({ affected: 1 });
    const [job] = await waitForBatch(h.core, batchId, { timeoutMs: 30_000 });
    expect(job?.state).toBe('cancelled');
    expect(await readdir(target)).toEqual([]);
  });

  it('pause then resume of a download fetches no finished range again', async () => {
    const key = 'seed/resume-me.bin';
    const body = randomBytes(SIZE);
    await h.put(bucket, key, body);
    const target = path.join(dir, 'resumed-download');
    // The first two ranges pass, later ones are held mid-body: a lane asks for its next range
    // only after the previous one is written and checkpointed, so two held ranges mean two
    // finished ones (the proxy finishing a response says nothing: the engine reads at its limit).
    let ranges = 0;
    proxy.setRules({ decide: (r) => (isRangedGet(r) && ++ranges > 2 ? 'stall' : 'pass') });
    const before = proxy.stats.requests.length;
    const batchId = uniqueName('down');
    await h.call('transfers:download', {
      accountId: viaProxy,
      bucket,
      basePrefix: 'seed/',
      keys: [key],
      targetDir: target,
      batchId,
      conflict: 'ask',
    });
    await proxy.waitFor(
      (s) => s.requests.slice(before).filter((r) => isRangedGet(r) && r.outcome === 'stalled').length >= 2,
      30_000,
      'two held ranges',
    );
    await h.call('transfers:control', { action: 'pause', target: { batchId } });
    await waitForJobs(h.core, (jobs) => jobOf(jobs, batchId)?.state === 'paused', 30_000, 'the paused download');
    const atPause = proxy.stats.requests.length;
    const finished = proxy.stats.requests
      .slice(before, atPause)
      .filter((r) => isRangedGet(r) && r.outcome === 'completed')
      .map((r) => r.headers['range']);
    expect(finished).toHaveLength(2);

    proxy.setRules({});
    await h.call('transfers:control', { action: 'resume', target: { batchId } });
    const [job] = await waitForBatch(h.core, batchId, { timeoutMs: 60_000 });
    expect([job?.state, job?.error]).toEqual(['done', null]);
    expect(await sha256File(path.join(target, 'resume-me.bin'))).toBe(sha256(body));
    expect(await readdir(target)).toEqual(['resume-me.bin']);
    const again = proxy.stats.requests
      .slice(atPause)
      .filter((r) => isRangedGet(r) && finished.includes(r.headers['range']));
    expect(again.map((r) => r.headers['range'])).toEqual([]);
  });
});
