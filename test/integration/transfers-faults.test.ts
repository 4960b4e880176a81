/**
 * Fault injection: the account reaches the server through the fault proxy, which resets
 * connections mid-body, stalls them, and answers 503 SlowDown on a share of requests. Every
 * transfer still completes identical, and no multipart upload is left behind. With a proxy
 * that only ever answers SlowDown, the job fails after maxAttempts naming the real cause.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiB, type TransferJobView } from '../../shared/transfers';
import type { FaultAction, FaultProxy, RequestHead } from '../servers/fault-proxy';
import { uniqueName, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import {
  incompleteUploads,
  isUploadPart,
  makeRandomFile,
  sha256,
  updateTransferSettings,
  waitForBatch,
  startProxiedBed,
  type ProxiedBed,
  downloadFolderVerified,
} from './transfer-helpers';

const s3 = s3OrSkip();
const PART = 5 * MiB;
const MAX_ATTEMPTS = 10;
const STALL_MS = 2000;

const FILES: { name: string; size: number }[] = [
  { name: 'empty.bin', size: 0 },
  { name: 'small.bin', size: 1 },
  { name: 'medium.bin', size: 300_000 },
  { name: 'two-parts.bin', size: PART + 1 },
  { name: 'five-parts.bin', size: 4 * PART + 123_457 },
];

/** An upload request: PutObject, UploadPart, CreateMultipartUpload, CompleteMultipartUpload. */
const isUploadRequest = (r: RequestHead): boolean =>
  r.method === 'PUT' || (r.method === 'POST' && ('uploads' in r.query || 'uploadId' in r.query));
/** A ranged GET: the engine's download requests. */
const isRangedGet = (r: RequestHead): boolean => r.method === 'GET' && r.headers['range'] !== undefined;
const isCreateUpload = (r: RequestHead): boolean => r.method === 'POST' && 'uploads' in r.query;
const isAbort = (r: RequestHead): boolean => r.method === 'DELETE' && 'uploadId' in r.query;

/**
 * Deterministic per kind of request: of every 8 upload requests (and of every 8 ranged GETs)
 * the 1st is reset, the 4th stalled, the 6th answered SlowDown, within caps; every 3rd other
 * request (HEAD, listings, DELETE) is answered SlowDown. The attempt right after a faulted
 * one of the same request passes, so every request gets through within a few attempts (the
 * core's browsing client has 3). Resets and stalls hit only transfer requests: that client
 * waits 60 s on a stalled socket. The first CreateMultipartUpload is reset after the server
 * created the upload: the engine must find and abort that one itself.
 */
function faultSchedule(): (req: RequestHead) => FaultAction {
  const seen = { upload: 0, download: 0, other: 0 };
  const caps = { reset: 6, stall: 2, slowDown: 6 };
  const used = { upload: { reset: 0, stall: 0, slowDown: 0 }, download: { reset: 0, stall: 0, slowDown: 0 } };
  const faultedLast = new Set<string>();
  let createLost = false;
  const choose = (req: RequestHead): FaultAction => {
    if (isCreateUpload(req) && !createLost) {
      createLost = true; // the first one, surely
      return 'reset';
    }
    const kind = isUploadRequest(req) ? 'upload' : isRangedGet(req) ? 'download' : 'other';
    const n = ++seen[kind];
    if (kind === 'other') return n % 3 === 0 ? 'slowDown' : 'pass';
    const action: FaultAction = n % 8 === 1 ? 'reset' : n % 8 === 4 ? 'stall' : n % 8 === 6 ? 'slowDown' : 'pass';
    if (action === 'pass' || used[kind][action] >= caps[action]) return 'pass';
    used[kind][action] += 1;
    return action;
  };
  return (req) => {
    const signature = `${req.method} ${req.path} ${JSON.stringify(req.query)} ${req.headers['range'] ?? ''}`;
    if (faultedLast.delete(signature)) return 'pass';
    const action = choose(req);
    if (action !== 'pass') faultedLast.add(signature);
    return action;
  };
}

describe.skipIf(!s3)(s3Title('transfers: fault injection'), () => {
  const info = s3 as S3ServerInfo;
  let bed: ProxiedBed | undefined;
  let h: Harness;
  let proxy: FaultProxy;
  let viaProxy: string;
  let bucket: string;
  let dir: string;
  const hashes = new Map<string, string>();

  beforeAll(async () => {
    bed = await startProxiedBed(info, 'faults');
    ({ h, proxy, viaProxy, bucket, dir } = bed);
    await updateTransferSettings(h, {
      partSizeBytes: PART,
      multipartThresholdBytes: PART,
      stallTimeoutMs: STALL_MS,
      maxAttempts: MAX_ATTEMPTS,
    });
    for (const f of FILES) hashes.set(f.name, await makeRandomFile(path.join(dir, 'src', f.name), f.size));
  });
  afterAll(async () => {
    await bed?.dispose();
  });

  const faultsOn = (pred: (r: RequestHead) => boolean, action: FaultAction): number =>
    proxy.stats.requests.filter((r) => pred(r) && r.action === action).length;

  it('uploads through resets, stalls and SlowDown: every object identical, no upload left', async () => {
    proxy.setRules({ decide: faultSchedule() });
    const batchId = uniqueName('up');
    await h.call('transfers:upload', {
      accountId: viaProxy,
      bucket,
      prefix: '',
      batchId,
      conflict: 'ask',
      sources: [{ kind: 'path', path: path.join(dir, 'src') }],
    });
    const jobs = await waitForBatch(h.core, batchId, { timeoutMs: 100_000, expectJobs: FILES.length });
    expect(jobs.map((j) => [j.key, j.state, j.error]).sort()).toEqual(
      FILES.map((f) => [`src/${f.name}`, 'done', null]).sort(),
    );
    for (const f of FILES) expect(sha256(await h.get(bucket, `src/${f.name}`)), f.name).toBe(hashes.get(f.name));
    expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);

    // The faults really happened, on the requests that carry the bytes.
    expect(faultsOn(isUploadRequest, 'reset')).toBeGreaterThanOrEqual(1);
    expect(faultsOn(isUploadRequest, 'stall')).toBeGreaterThanOrEqual(1);
    expect(faultsOn(isUploadRequest, 'slowDown')).toBeGreaterThanOrEqual(1);
    expect(faultsOn(isUploadPart, 'reset') + faultsOn(isUploadPart, 'stall')).toBeGreaterThanOrEqual(1);
    // The first CreateMultipartUpload surely; another may meet the schedule's resets too,
    // depending on how the parallel jobs' requests interleave. Either way none is left behind.
    expect(faultsOn(isCreateUpload, 'reset')).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('downloads through resets, stalls and SlowDown: every file identical, no temp file left', async () => {
    proxy.setRules({ decide: faultSchedule() });
    const target = path.join(dir, 'down');
    await downloadFolderVerified(
      h,
      { accountId: viaProxy, bucket, prefix: 'src/', target, timeoutMs: 100_000 },
      hashes,
    );
    expect(faultsOn(isRangedGet, 'reset')).toBeGreaterThanOrEqual(1);
    expect(faultsOn(isRangedGet, 'stall')).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('fails after maxAttempts when every request is answered SlowDown, naming the cause', async () => {
    await updateTransferSettings(h, { maxAttempts: 3 });
    proxy.setRules({ slowDownEvery: 1 });
    const before = proxy.stats.requests.length;
    const batchId = uniqueName('cap');
    await h.call('transfers:upload', {
      accountId: viaProxy,
      bucket,
      prefix: 'cap/',
      batchId,
      conflict: 'overwrite',
      sources: ['medium.bin', 'five-parts.bin'].map((f) => ({ kind: 'path' as const, path: path.join(dir, 'src', f) })),
    });
    const jobs = await waitForBatch(h.core, batchId, { timeoutMs: 60_000, expectJobs: 2 });
    for (const job of jobs) {
      expect([job.key, job.state, job.error?.code]).toEqual([job.key, 'failed', 'Throttled']);
      expect(`${job.error?.message} ${job.error?.detail ?? ''}`, job.key).toMatch(/\b3\b/);
    }
    const seen = proxy.stats.requests.slice(before);
    expect(seen.every((r) => r.status === 503)).toBe(true);
    expect(seen.filter((r) => r.method === 'PUT' && r.path.endsWith('/cap/medium.bin'))).toHaveLength(3);
    expect(seen.filter(isCreateUpload)).toHaveLength(3);
    expect(await h.allKeys(bucket, 'cap/')).toEqual([]);
    expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);
  }, 90_000);

  it('a multipart upload whose parts are always throttled fails; retry resumes it, clear removes it', async () => {
    await updateTransferSettings(h, { maxAttempts: 3 });
    proxy.setRules({ slowDownEvery: 1, only: isUploadPart });
    const before = proxy.stats.requests.length;
    const start = async (): Promise<TransferJobView> => {
      const batchId = uniqueName('cap-mpu');
      await h.call('transfers:upload', {
        accountId: viaProxy,
        bucket,
        prefix: 'cap-mpu/',
        batchId,
        conflict: 'overwrite',
        sources: [{ kind: 'path', path: path.join(dir, 'src', 'five-parts.bin') }],
      });
      const [job] = await waitForBatch(h.core, batchId, { timeoutMs: 60_000 });
      expect([job?.state, job?.error?.code]).toEqual(['failed', 'Throttled']);
      return job!;
    };
    const failed = await start();
    const attemptsPerPart = new Map<string, number>();
    for (const r of proxy.stats.requests.slice(before).filter(isUploadPart)) {
      attemptsPerPart.set(r.query['partNumber']!, (attemptsPerPart.get(r.query['partNumber']!) ?? 0) + 1);
    }
    expect(Math.max(...attemptsPerPart.values())).toBe(3);

    // Retry once the service answers again: the job completes, nothing is left behind.
    proxy.setRules({});
    expect(await h.call('transfers:control', { action: 'retry', target: { jobIds: [failed.id] } })).toEqual({
      affected: 1,
    });
    const [retried] = await waitForBatch(h.core, failed.batchId, { timeoutMs: 60_000 });
    expect([retried?.state, retried?.error]).toEqual(['done', null]);
    expect(sha256(await h.get(bucket, 'cap-mpu/five-parts.bin'))).toBe(hashes.get('five-parts.bin'));
    expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);

    // Fails again, and this time the person clears the failed job: its upload is aborted.
    proxy.setRules({ slowDownEvery: 1, only: isUploadPart });
    await start();
    const atClear = proxy.stats.requests.length;
    expect((await h.call('transfers:clear', { includeFailed: true })).removed).toBeGreaterThanOrEqual(1);
    await proxy.waitFor(
      (s) => s.requests.slice(atClear).some((r) => isAbort(r) && r.outcome === 'completed' && r.status === 204),
      30_000,
      'the AbortMultipartUpload of the cleared job',
    );
    expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);
    // The local file is untouched, of course.
    expect(sha256(await readFile(path.join(dir, 'src', 'five-parts.bin')))).toBe(hashes.get('five-parts.bin'));
  }, 120_000);
});
