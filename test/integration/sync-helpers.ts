/**
 * Shared helpers for the folder-sync integration tests: trees of real files on disk (with the
 * modification times a scenario needs), a pair created through the core, a plan read through
 * every page of every section, a run awaited through the 'sync:changed' event (never a sleep),
 * and both sides read back as SHA-256 by path.
 */
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Channel, RequestOf, ResponseOf } from '../../shared/contract';
import {
  DEFAULT_SYNC_SETTINGS,
  SYNC_SECTIONS,
  type SyncAction,
  type SyncEntry,
  type SyncPair,
  type SyncPairSettings,
  type SyncPlanSummary,
  type SyncReason,
  type SyncResolution,
  type SyncRunParts,
  type SyncRunSummary,
  type SyncState,
} from '../../shared/sync';
import type { Core } from '../../electron/core/create-core';
import { startHarness, unwrap, type Harness } from './core-harness';
import type { S3ServerInfo } from './s3-context';
import { sha256, sha256File, walkFiles } from './transfer-helpers';

export const RUN_TIMEOUT_MS = 60_000;
export const ALL_PARTS: SyncRunParts = { uploads: true, downloads: true, conflicts: true, deletions: true };

/** A file of a tree: its bytes, and the modification time to give it (ms since the epoch). */
export interface TreeFile {
  bytes: string | Buffer;
  mtimeMs?: number;
}

/** Writes each file (creating its folders) and sets its mtime when given. */
export async function writeTree(root: string, files: Record<string, TreeFile | string>): Promise<void> {
  for (const [rel, spec] of Object.entries(files)) {
    const file = typeof spec === 'string' ? { bytes: spec } : spec;
    const target = path.join(root, ...rel.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.bytes);
    if (file.mtimeMs !== undefined) await utimes(target, file.mtimeMs / 1000, file.mtimeMs / 1000);
  }
}

/** SHA-256 of every file under `root` by "/"-separated path. */
export async function localHashes(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const rel of await walkFiles(root)) out.set(rel, await sha256File(path.join(root, rel)));
  return out;
}

/** SHA-256 of every object under `prefix` by path relative to it (fetched a few at a time). */
export async function remoteHashes(h: Harness, bucket: string, prefix: string): Promise<Map<string, string>> {
  const keys = await h.allKeys(bucket, prefix);
  const hashes = new Array<string>(keys.length);
  let next = 0;
  const fetcher = async (): Promise<void> => {
    for (let i = next++; i < keys.length; i = next++) hashes[i] = sha256(await h.get(bucket, keys[i]!));
  };
  await Promise.all(Array.from({ length: 8 }, fetcher));
  return new Map(keys.map((key, i) => [key.slice(prefix.length), hashes[i]!]));
}

/** A map as sorted [key, value] pairs, for readable equality failures. */
export const sorted = (map: ReadonlyMap<string, string>): [string, string][] =>
  [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** What a test asserts of a plan entry. */
export type EntryLine = [path: string, action: SyncAction, reason: SyncReason, resolution: SyncResolution | null];

export const entryLines = (entries: readonly SyncEntry[]): EntryLine[] =>
  entries
    .map((e): EntryLine => [e.path, e.action, e.reason, e.resolution])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export interface ReadPlan {
  summary: SyncPlanSummary;
  /** Every entry of every section, as the pages gave them. */
  entries: SyncEntry[];
}

/** The sync channels of one core, with the waits the tests need. */
export interface SyncClient {
  core: Core;
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  createPair(
    place: { accountId: string; bucket: string; prefix: string; localFolder: string },
    settings?: Partial<SyncPairSettings>,
  ): Promise<SyncPair>;
  /** Compares, then reads every page of every section (small pages, so paging is exercised). */
  plan(pairId: string): Promise<ReadPlan>;
  /** Every entry of a plan the core keeps (e.g. after answers), without comparing again. */
  pages(summary: SyncPlanSummary): Promise<SyncEntry[]>;
  /** Runs the plan and resolves with the run's summary once the pair is no longer running. */
  run(pairId: string, planId: string, parts?: SyncRunParts, only?: number[]): Promise<SyncRunSummary>;
  /** Resolves with the pair's next run summary that `accept` takes (e.g. a watch run). */
  nextRun(pairId: string, accept: (run: SyncRunSummary) => boolean, timeoutMs?: number): Promise<SyncRunSummary>;
  state(): Promise<SyncState>;
}

const PAGE = 7;

export function syncClient(core: Core): SyncClient {
  const call = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
    unwrap<ResponseOf<C>>(await core.invoke(channel, request), channel);

  const nextRun: SyncClient['nextRun'] = (pairId, accept, timeoutMs = RUN_TIMEOUT_MS) =>
    new Promise((resolve, reject) => {
      let last: SyncState | null = null;
      let ran = false;
      const check = (state: SyncState): void => {
        last = state;
        const pair = state.pairs.find((p) => p.id === pairId);
        const activity = state.status.find((s) => s.pairId === pairId)?.activity;
        if (activity?.state === 'running') ran = true;
        // A run that failed leaves no summary: say why at once rather than time out.
        if (ran && activity?.state === 'failed') {
          clearTimeout(timer);
          unsubscribe();
          reject(new Error(`The run of ${pairId} failed: ${JSON.stringify(activity.error)}`));
          return;
        }
        if (!pair?.lastRun || activity?.state === 'running' || !accept(pair.lastRun)) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(pair.lastRun);
      };
      const unsubscribe = core.onEvent('sync:changed', check);
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for a run of ${pairId}: ${JSON.stringify(last)}`));
      }, timeoutMs);
    });

  const pages = async (summary: SyncPlanSummary): Promise<SyncEntry[]> => {
    const entries: SyncEntry[] = [];
    for (const section of SYNC_SECTIONS) {
      for (let offset = 0; offset < summary.sections[section]; offset += PAGE) {
        const page = await call('sync:planPage', { planId: summary.planId, section, offset, limit: PAGE });
        expect([page.planId, page.section, page.offset, page.total]).toEqual([
          summary.planId,
          section,
          offset,
          summary.sections[section],
        ]);
        entries.push(...page.entries);
      }
    }
    return entries;
  };

  return {
    core,
    call,
    async createPair(place, settings = {}) {
      const created = await call('sync:create', { ...DEFAULT_SYNC_SETTINGS, ...settings, ...place });
      if (created.kind !== 'created') throw new Error('sync:create was cancelled');
      return created.pair;
    },
    async plan(pairId) {
      const summary = await call('sync:plan', { pairId });
      return { summary, entries: await pages(summary) };
    },
    pages,
    async run(pairId, planId, parts = ALL_PARTS, only) {
      const before = (await call('sync:list', {})).pairs.find((p) => p.id === pairId)?.lastRun ?? null;
      // Subscribed before the run starts, so a quick run's event is not missed.
      const finished = nextRun(pairId, (run) => JSON.stringify(run) !== JSON.stringify(before));
      await call('sync:run', { planId, parts, ...(only && { only }) });
      return finished;
    },
    nextRun,
    state: () => call('sync:list', {}),
  };
}

/** A harness with a bucket and a temp folder of the test file's own. */
export interface SyncBed {
  h: Harness;
  sync: SyncClient;
  bucket: string;
  dir: string;
  /** A new empty folder under `dir`. */
  folder(name: string): Promise<string>;
  /** Both places of a pair named `name`: the prefix `<name>/` and a new empty folder. */
  place(name: string): Promise<{ prefix: string; local: string }>;
  /** A pair of the place in the bed's bucket, with these settings beside the defaults. */
  createPair(place: { prefix: string; local: string }, settings?: Partial<SyncPairSettings>): Promise<SyncPair>;
  dispose(): Promise<void>;
}

export async function startSyncBed(s3: S3ServerInfo, label: string): Promise<SyncBed> {
  const h = await startHarness(s3);
  const dir = await mkdtemp(path.join(os.tmpdir(), `qs-sync-${label}-`));
  const bucket = await h.newBucket(label);
  const sync = syncClient(h.core);
  const folder = async (name: string): Promise<string> => {
    const made = path.join(dir, name);
    await mkdir(made, { recursive: true });
    return made;
  };
  return {
    h,
    sync,
    bucket,
    dir,
    folder,
    place: async (name) => ({ prefix: `${name}/`, local: await folder(name) }),
    createPair: ({ prefix, local }, settings) =>
      sync.createPair({ accountId: h.accountId, bucket, prefix, localFolder: local }, settings),
    async dispose() {
      await h.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The describe block's bed: started before its tests (then `setup`), disposed of after them;
 * the tests read it through the returned function.
 */
export function useSyncBed(s3: S3ServerInfo, label: string, setup?: (bed: SyncBed) => Promise<void>): () => SyncBed {
  let bed: SyncBed | undefined;
  beforeAll(async () => {
    bed = await startSyncBed(s3, label);
    await setup?.(bed);
  });
  afterAll(async () => {
    await bed?.dispose();
  });
  return () => {
    if (bed === undefined) throw new Error('the sync bed is not started');
    return bed;
  };
}

/** The counts of a run that moved things without trouble. */
export const cleanRun = (counts: Partial<SyncRunSummary>): Partial<SyncRunSummary> => ({
  uploaded: 0,
  downloaded: 0,
  deletedRemote: 0,
  deletedLocal: 0,
  failed: 0,
  changedDuringRun: [],
  keptLocal: [],
  failures: [],
  cancelled: false,
  ...counts,
});

/** Uploads `body` in parts of `partSize`, as aws, rclone and this app do; returns the ETag (unquoted). */
export async function uploadInParts(
  sdk: S3Client,
  bucket: string,
  key: string,
  body: Buffer,
  partSize: number,
  metadata?: Record<string, string>,
): Promise<string> {
  const { UploadId } = await sdk.send(
    new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ...(metadata && { Metadata: metadata }) }),
  );
  const parts = [];
  for (let offset = 0, n = 1; offset < body.length; offset += partSize, n++) {
    const out = await sdk.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: key,
        UploadId,
        PartNumber: n,
        Body: body.subarray(offset, offset + partSize),
      }),
    );
    parts.push({ PartNumber: n, ETag: out.ETag });
  }
  await sdk.send(
    new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }),
  );
  // radosgw's completion answer may carry no ETag: ask for it.
  const head = await sdk.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return (head.ETag ?? '').replace(/"/g, '');
}
