/**
 * Shared helpers for the transfer integration tests: random files with their SHA-256, waiting
 * on the queue through its 'transfers:progress' events (never sleeps), incomplete multipart
 * uploads on the server, and an account that reaches the server through the fault proxy.
 */
import { createHash, randomFill } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { TransferJobView, TransferPage, TransferSettings, TransfersSnapshot } from '../../shared/transfers';
import type { Core } from '../../electron/core/create-core';
import { testAccountInput } from '../servers/s3-target';
import { startFaultProxy, type FaultProxy, type ProxiedRequest } from '../servers/fault-proxy';
import { startHarness, uniqueName, unwrap, type Harness } from './core-harness';
import type { S3ServerInfo } from './s3-context';

const fillRandom = promisify(randomFill);
const CHUNK = 4 * 1024 * 1024;

/** Writes `size` random bytes to `file` (streamed, bounded memory) and returns their SHA-256 (hex). */
export async function makeRandomFile(file: string, size: number): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  const hash = createHash('sha256');
  const handle = await open(file, 'w');
  try {
    const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(size, 1)));
    for (let written = 0; written < size;) {
      const n = Math.min(buffer.length, size - written);
      const slice = buffer.subarray(0, n);
      await fillRandom(slice);
      hash.update(slice);
      await handle.write(slice, 0, n);
      written += n;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Every file under `dir` (not directories), as "/"-separated paths relative to it, sorted. */
export async function walkFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else out.push(child);
    }
  };
  await walk('');
  return out.sort();
}

/** Every job the queue knows (all pages of transfers:list). */
export async function listAllJobs(core: Core): Promise<TransferJobView[]> {
  const jobs: TransferJobView[] = [];
  for (let offset = 0; ;) {
    const page = unwrap<TransferPage>(
      await core.invoke('transfers:list', { filter: 'all', offset, limit: 500 }),
      'transfers:list',
    );
    jobs.push(...page.jobs);
    offset += page.jobs.length;
    if (page.jobs.length === 0 || offset >= page.total) return jobs;
  }
}

const TERMINAL = new Set(['done', 'failed', 'skipped', 'cancelled']);
export const isTerminal = (job: TransferJobView): boolean => TERMINAL.has(job.state);

/**
 * Resolves with the jobs once `predicate` holds for them: checked now and after every
 * 'transfers:progress' snapshot (the queue emits one whenever something changed).
 * Rejects after `timeoutMs` with a summary of the job states.
 */
export function waitForJobs(
  core: Core,
  predicate: (jobs: TransferJobView[], snapshot: TransfersSnapshot | null) => boolean,
  timeoutMs: number,
  what: string,
): Promise<TransferJobView[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let running = false;
    let again: TransfersSnapshot | null | undefined;
    let last: TransferJobView[] = [];
    const finish = (error: Error | null, jobs?: TransferJobView[]): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      if (error) reject(error);
      else resolve(jobs!);
    };
    // One evaluation at a time; a snapshot that arrives meanwhile triggers one more.
    const evaluate = async (snapshot: TransfersSnapshot | null): Promise<void> => {
      if (running) {
        again = snapshot;
        return;
      }
      running = true;
      try {
        for (let next: TransfersSnapshot | null | undefined = snapshot; next !== undefined && !settled;) {
          again = undefined;
          last = await listAllJobs(core);
          if (predicate(last, next)) finish(null, last);
          next = again;
        }
      } catch (err) {
        finish(err as Error);
      } finally {
        running = false;
      }
    };
    const timer = setTimeout(
      () => finish(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}: ${summary(last)}`)),
      timeoutMs,
    );
    const unsubscribe = core.onEvent('transfers:progress', (snapshot) => void evaluate(snapshot));
    void evaluate(null);
  });
}

function summary(jobs: TransferJobView[]): string {
  const byState = new Map<string, number>();
  for (const job of jobs) byState.set(job.state, (byState.get(job.state) ?? 0) + 1);
  const failed = jobs.find((j) => j.error)?.error;
  return `${JSON.stringify(Object.fromEntries(byState))}${failed ? `, e.g. ${failed.code}: ${failed.message}` : ''}`;
}

/**
 * Resolves with the batch's jobs once every one of them has finished (done, failed, skipped,
 * cancelled) and there are at least `expectJobs` (folder walks add jobs as they go).
 */
export function waitForBatch(
  core: Core,
  batchId: string,
  options: { timeoutMs: number; expectJobs?: number },
): Promise<TransferJobView[]> {
  let finished = false;
  return waitForJobs(
    core,
    (all, snapshot) => {
      if (snapshot?.finishedBatches.some((b) => b.batchId === batchId)) finished = true;
      const jobs = all.filter((j) => j.batchId === batchId);
      if (jobs.length === 0 || !jobs.every(isTerminal)) return false;
      return finished || jobs.length >= (options.expectJobs ?? 1);
    },
    options.timeoutMs,
    `batch ${batchId}`,
  ).then((all) => all.filter((j) => j.batchId === batchId));
}

/** Incomplete multipart uploads in the bucket (all pages), as the server lists them. */
export async function incompleteUploads(sdk: S3Client, bucket: string): Promise<{ key: string; uploadId: string }[]> {
  const out: { key: string; uploadId: string }[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await sdk.send(
      new ListMultipartUploadsCommand({ Bucket: bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
    );
    out.push(...(page.Uploads ?? []).map((u) => ({ key: u.Key ?? '', uploadId: u.UploadId ?? '' })));
    if (!page.IsTruncated) return out;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}

export async function updateTransferSettings(h: Harness, patch: Partial<TransferSettings>): Promise<TransferSettings> {
  return (await h.call('settings:update', { transfers: patch })).transfers;
}

/** host and port of an http endpoint, for the fault proxy's target. */
export function endpointTarget(endpoint: string): { host: string; port: number } {
  const url = new URL(endpoint);
  return { host: url.hostname, port: Number(url.port || 80) };
}

/** A second account on the same server that goes through the proxy at `proxyUrl`. */
export async function proxiedAccount(h: Harness, s3: S3ServerInfo, proxyUrl: string): Promise<string> {
  const account = await h.call('accounts:create', {
    account: testAccountInput({ ...s3, endpoint: proxyUrl }, 'Through the fault proxy'),
  });
  return account.id;
}

/** What the transfer tests through the fault proxy share. */
export interface ProxiedBed {
  h: Harness;
  proxy: FaultProxy;
  /** The account whose requests go through `proxy`. */
  viaProxy: string;
  bucket: string;
  /** A temp folder of the test's own. */
  dir: string;
  dispose(): Promise<void>;
}

/** A core with an account through a fault proxy, a new bucket named after `name`, and a temp folder. */
export async function startProxiedBed(s3: S3ServerInfo, name: string): Promise<ProxiedBed> {
  const h = await startHarness(s3);
  let proxy: FaultProxy | null = null;
  let dir: string | null = null;
  const dispose = async (): Promise<void> => {
    await h.dispose();
    await proxy?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
  try {
    proxy = await startFaultProxy({ target: endpointTarget(s3.endpoint) });
    const viaProxy = await proxiedAccount(h, s3, proxy.url);
    const bucket = await h.newBucket(name);
    dir = await mkdtemp(path.join(os.tmpdir(), `qs-transfers-${name}-`));
    return { h, proxy, viaProxy, bucket, dir, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * Downloads the folder `prefix` (ending in '/', from the bucket's root) into `target` through the
 * core and checks that every job ended done and every file holds its source's bytes (`hashes` by
 * name). Resolves once checked; fails the test otherwise.
 */
export async function downloadFolderVerified(
  h: Harness,
  request: { accountId: string; bucket: string; prefix: string; target: string; timeoutMs: number },
  hashes: ReadonlyMap<string, string>,
): Promise<void> {
  const { accountId, bucket, prefix, target, timeoutMs } = request;
  const batchId = uniqueName('down');
  await h.call('transfers:download', {
    accountId,
    bucket,
    basePrefix: '',
    keys: [prefix],
    targetDir: target,
    batchId,
    conflict: 'ask',
  });
  const names = [...hashes.keys()];
  const jobs = await waitForBatch(h.core, batchId, { timeoutMs, expectJobs: names.length });
  expect(jobs.map((j) => [j.key, j.state, j.error]).sort()).toEqual(
    names.map((n) => [prefix + n, 'done', null]).sort(),
  );
  expect(await walkFiles(target)).toEqual(names.map((n) => prefix + n).sort());
  for (const n of names) expect(await sha256File(path.join(target, prefix, n)), n).toBe(hashes.get(n));
}

/** An UploadPart request (PUT with partNumber and uploadId). */
export const isUploadPart = (req: Pick<ProxiedRequest, 'method' | 'query'>): boolean =>
  req.method === 'PUT' && req.query['partNumber'] !== undefined && req.query['uploadId'] !== undefined;

/** The partNumbers the server answered 2xx to, per uploadId. */
export function completedParts(requests: readonly ProxiedRequest[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const req of requests) {
    if (!isUploadPart(req) || req.status === null || req.status < 200 || req.status >= 300) continue;
    const id = req.query['uploadId']!;
    if (!out.has(id)) out.set(id, new Set());
    out.get(id)!.add(Number(req.query['partNumber']));
  }
  return out;
}
