/**
 * Crash: a host process (fixtures/crash-host.ts) uploads a multipart file through the proxy;
 * once three parts are complete at the server (the proxy holds the others mid-body) it is
 * killed with SIGKILL. Started again on the same data directory it resumes by itself: the
 * object is identical, no part the server had completed is sent again (counted at the proxy),
 * and no multipart upload is left behind.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiB } from '../../shared/transfers';
import { startFaultProxy, type FaultProxy } from '../servers/fault-proxy';
import { testAccountInput } from '../servers/s3-target';
import { startHarness, type Harness } from './core-harness';
import { startCrashHost, type RunningHost } from './fixtures/run-crash-host';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import {
  completedParts,
  endpointTarget,
  incompleteUploads,
  isUploadPart,
  makeRandomFile,
  sha256,
} from './transfer-helpers';

const s3 = s3OrSkip();
const PART = 5 * MiB;
const SIZE = 9 * PART + 54_321;
const PARTS = Math.ceil(SIZE / PART);
const HOLD_AFTER = 3;

describe.skipIf(!s3)(s3Title('transfers: resume after the host was killed'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let proxy: FaultProxy;
  let bucket: string;
  let dir: string;
  let host: RunningHost | null = null;

  beforeAll(async () => {
    h = await startHarness(info);
    proxy = await startFaultProxy({ target: endpointTarget(info.endpoint) });
    bucket = await h.newBucket('crash');
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-transfers-crash-'));
  });
  afterAll(async () => {
    if (host && host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
    await h?.dispose();
    await proxy?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('SIGKILL in the middle of a multipart upload, restart: identical, no completed part sent again', async () => {
    const file = path.join(dir, 'payload.bin');
    const hash = await makeRandomFile(file, SIZE);
    const dataDir = path.join(dir, 'data');
    const stdin = {
      account: testAccountInput({ ...info, endpoint: proxy.url }, 'Crash test'),
      settings: {
        partSizeBytes: PART,
        multipartThresholdBytes: PART,
        partsInParallel: 4,
        // The held parts must still be in flight, not retried, when the kill comes.
        stallTimeoutMs: 120_000,
      },
    };

    // First run: parts after the third are held mid-body, so the upload is surely unfinished.
    proxy.setRules({
      decide: (req) => (isUploadPart(req) && Number(req.query['partNumber']) > HOLD_AFTER ? 'stall' : 'pass'),
    });
    host = startCrashHost(dataDir, file, bucket, stdin);
    const firstExit = host.exited.then((code) => {
      throw new Error(`the host exited (${code}) before it was killed: ${host?.stderr()}`);
    });
    await Promise.race([
      firstExit,
      proxy.waitFor(
        (s) => [...completedParts(s.requests).values()].some((parts) => parts.size >= HOLD_AFTER),
        60_000,
        `${HOLD_AFTER} completed parts`,
      ),
    ]);
    firstExit.catch(() => {});
    host.child.kill('SIGKILL');
    expect(await host.exited).toBeNull();
    expect(host.lines.find((l) => l.type === 'started')?.firstRun).toBe(true);
    expect(host.lines.some((l) => l.type === 'queued')).toBe(true);

    const beforeKill = completedParts(proxy.stats.requests);
    expect(beforeKill.size).toBe(1);
    const [uploadId, done] = [...beforeKill.entries()][0]!;
    expect([...done].sort((a, b) => a - b)).toEqual([1, 2, 3]);
    expect(await incompleteUploads(h.sdk, bucket)).toEqual([{ key: 'payload.bin', uploadId }]);
    const atRestart = proxy.stats.requests.length;

    // Second run: same data dir, nothing queued by the host, the core resumes on start.
    proxy.setRules({});
    host = startCrashHost(dataDir, file, bucket, stdin);
    expect(await host.exited, host.stderr()).toBe(0);
    expect(host.lines.find((l) => l.type === 'started')?.firstRun).toBe(false);
    expect(host.lines.some((l) => l.type === 'queued')).toBe(false);
    const finished = host.lines.find((l) => l.type === 'finished');
    expect(finished?.jobs?.map((j) => [j.state, j.bytesDone, j.error])).toEqual([['done', SIZE, null]]);

    expect(sha256(await h.get(bucket, 'payload.bin'))).toBe(hash);
    expect(await incompleteUploads(h.sdk, bucket)).toEqual([]);

    const after = proxy.stats.requests.slice(atRestart);
    expect(after.filter((r) => r.method === 'POST' && 'uploads' in r.query)).toEqual([]);
    const parts = after.filter(isUploadPart);
    expect(parts.every((r) => r.query['uploadId'] === uploadId)).toBe(true);
    expect(parts.filter((r) => done.has(Number(r.query['partNumber']))).map((r) => r.query['partNumber'])).toEqual([]);
    // Exactly the missing parts, once each: the bytes of the completed ones were not sent again.
    expect(parts.map((r) => Number(r.query['partNumber'])).sort((a, b) => a - b)).toEqual(
      Array.from({ length: PARTS - HOLD_AFTER }, (_, i) => i + HOLD_AFTER + 1),
    );
    expect(parts.reduce((sum, r) => sum + r.bodyBytesForwarded, 0)).toBe(SIZE - HOLD_AFTER * PART);
  }, 180_000);
});
