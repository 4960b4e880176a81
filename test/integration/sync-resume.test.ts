/**
 * An interrupted sync run: a core runs a pair's upload of a multipart file through the fault
 * proxy, which holds every part after the third; once three parts are complete at the server
 * the core is disposed (the app quits). A new core on the same data folder resumes the job by
 * itself without sending a completed part again (counted at the proxy), the pair is idle, and
 * its next compare finds nothing to do.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiB } from '../../shared/transfers';
import type { Core } from '../../electron/core/create-core';
import { startFaultProxy, type FaultProxy } from '../servers/fault-proxy';
import { testAccountInput } from '../servers/s3-target';
import { newCore } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { entryLines, startSyncBed, syncClient, writeTree, type SyncBed } from './sync-helpers';
import {
  completedParts,
  endpointTarget,
  incompleteUploads,
  isTerminal,
  isUploadPart,
  makeRandomFile,
  sha256,
  waitForJobs,
} from './transfer-helpers';

const s3 = s3OrSkip();
const PART = 5 * MiB;
const SIZE = 6 * PART + 4321;
const HOLD_AFTER = 3;

describe.skipIf(!s3)(s3Title('sync: an interrupted run resumes'), () => {
  const info = s3 as S3ServerInfo;
  let bed: SyncBed;
  let proxy: FaultProxy;
  let dataDir: string;
  const cores: Core[] = [];

  beforeAll(async () => {
    bed = await startSyncBed(info, 'sync-resume');
    proxy = await startFaultProxy({ target: endpointTarget(info.endpoint) });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-sync-resume-data-'));
  });
  afterAll(async () => {
    for (const core of cores) await core.dispose().catch(() => {});
    await bed?.dispose();
    await proxy?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('the queue resumes the run after a restart without re-sending parts; the next compare is empty', async () => {
    const { bucket } = bed;
    const prefix = 'resume/';
    const local = await bed.folder('resume');
    const hash = await makeRandomFile(path.join(local, 'big.bin'), SIZE);
    await writeTree(local, { 'small.txt': 'small\n' });

    const first = (await newCore({}, undefined, dataDir)).core;
    cores.push(first);
    const one = syncClient(first);
    const account = await one.call('accounts:create', {
      account: testAccountInput({ ...info, endpoint: proxy.url }, 'Through the proxy'),
    });
    await one.call('settings:update', {
      transfers: { partSizeBytes: PART, multipartThresholdBytes: PART, partsInParallel: 4, stallTimeoutMs: 120_000 },
    });
    const pair = await one.createPair({ accountId: account.id, bucket, prefix, localFolder: local });
    const plan = await one.plan(pair.id);
    expect(entryLines(plan.entries)).toEqual([
      ['big.bin', 'upload', 'new', null],
      ['small.txt', 'upload', 'new', null],
    ]);

    proxy.setRules({
      decide: (req) => (isUploadPart(req) && Number(req.query['partNumber']) > HOLD_AFTER ? 'stall' : 'pass'),
    });
    await one.call('sync:run', {
      planId: plan.summary.planId,
      parts: { uploads: true, downloads: false, conflicts: false, deletions: false },
    });
    await proxy.waitFor(
      (s) => [...completedParts(s.requests).values()].some((parts) => parts.size >= HOLD_AFTER),
      60_000,
      `${HOLD_AFTER} completed parts`,
    );
    await first.dispose();
    cores.splice(cores.indexOf(first), 1);

    const before = completedParts(proxy.stats.requests);
    expect(before.size).toBe(1);
    const [uploadId, done] = [...before.entries()][0]!;
    expect([...done].sort()).toEqual([1, 2, 3]);
    const atRestart = proxy.stats.requests.length;
    proxy.setRules({});

    const second = (await newCore({}, undefined, dataDir)).core;
    cores.push(second);
    const two = syncClient(second);
    await waitForJobs(second, (jobs) => jobs.length === 2 && jobs.every(isTerminal), 60_000, 'the resumed jobs').then(
      (jobs) =>
        expect(jobs.map((j) => [j.key, j.state]).sort()).toEqual([
          [`${prefix}big.bin`, 'done'],
          [`${prefix}small.txt`, 'done'],
        ]),
    );
    expect(sha256(await bed.h.get(bucket, `${prefix}big.bin`))).toBe(hash);
    expect(await incompleteUploads(bed.h.sdk, bucket)).toEqual([]);
    const after = proxy.stats.requests.slice(atRestart).filter(isUploadPart);
    expect(after.every((r) => r.query['uploadId'] === uploadId)).toBe(true);
    expect(after.filter((r) => done.has(Number(r.query['partNumber'])))).toEqual([]);

    const state = await two.state();
    expect(state.pairs.map((p) => [p.id, p.lastRun])).toEqual([[pair.id, null]]);
    expect(state.status.map((s) => [s.pairId, s.activity.state])).toEqual([[pair.id, 'idle']]);
    const next = await two.plan(pair.id);
    expect([entryLines(next.entries), next.summary.unchanged]).toEqual([[], 2]);
  });
});
