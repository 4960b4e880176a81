/**
 * Shared setup for the QuickSync integration tests: the stateful test server behind its contract
 * validator, a real core (worker threads) on a temp data directory with a QuickSync account on
 * the validated API base, a work folder for local files, and helpers that queue uploads and
 * downloads and wait for them through the queue's events (never sleeps).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Channel, RequestOf, ResponseOf } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import { QUICKSYNC_BUCKET, type QuickSyncFile } from '../../shared/quicksync';
import type { TransferJobView, TransferSettings } from '../../shared/transfers';
import type { Core } from '../../electron/core/create-core';
import type { HostServices } from '../../electron/core/host-services';
import { startQuickSyncTestServer, type QuickSyncTestServer } from '../servers/quicksync-server';
import { quickSyncAccountInput } from '../servers/quicksync-target';
import { newCore, unwrap } from './core-harness';
import { waitForBatch } from './transfer-helpers';

export interface QuickSyncHarness {
  qs: QuickSyncTestServer;
  core: Core;
  dataDir: string;
  /** A temp folder for local sources and download targets. */
  work: string;
  accountId: string;
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  fail<C extends Channel>(channel: C, request: RequestOf<C>): Promise<AppError>;
  /** Another QuickSync account on the same server (its own session unless one is given). */
  addAccount(name: string, options?: { encryptNames?: boolean; token?: string; sessionId?: string }): Promise<string>;
  settings(patch: Partial<TransferSettings>): Promise<void>;
  /** Queues uploads of local paths; returns the batch id. */
  upload(paths: string[], accountId?: string): Promise<string>;
  /** Queues downloads of fileKeys into `targetDir`; returns the batch id. */
  download(fileKeys: string[], targetDir: string, accountId?: string): Promise<string>;
  /** Waits until every job of the batch has finished. */
  finished(batchId: string, expectJobs?: number): Promise<TransferJobView[]>;
  /** The account's files as quicksync:list shows them. */
  files(includeIncomplete?: boolean, accountId?: string): Promise<QuickSyncFile[]>;
  dispose(): Promise<void>;
}

const TRANSFER_TIMEOUT_MS = 60_000;

export async function startQuickSyncHarness(
  options: { host?: HostServices; encryptNames?: boolean } = {},
): Promise<QuickSyncHarness> {
  const qs = await startQuickSyncTestServer();
  const { core, dataDir } = await newCore(options.host ?? {});
  const work = await mkdtemp(path.join(os.tmpdir(), 'qs-quicksync-it-'));
  const call = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
    unwrap<ResponseOf<C>>(await core.invoke(channel, request), channel);
  const addAccount: QuickSyncHarness['addAccount'] = async (name, o = {}) => {
    const session = { apiBase: qs.apiBase, token: o.token ?? qs.token, sessionId: o.sessionId ?? qs.sessionId };
    const input = quickSyncAccountInput(session, name, { encryptNames: o.encryptNames ?? false });
    return (await call('accounts:create', { account: input })).id;
  };
  const accountId = await addAccount('QuickSync', { encryptNames: options.encryptNames ?? false });
  // Small parts keep multi-part files small.
  await call('settings:update', { transfers: { quicksyncPartSizeBytes: 1024 * 1024 } });

  return {
    qs,
    core,
    dataDir,
    work,
    accountId,
    call,
    async fail(channel, request) {
      const result = await core.invoke(channel, request);
      if (result.ok) throw new Error(`${channel} was expected to fail but returned ${JSON.stringify(result.value)}`);
      return result.error;
    },
    addAccount,
    async settings(patch) {
      await call('settings:update', { transfers: patch });
    },
    async upload(paths, account = accountId) {
      const batchId = randomUUID();
      await call('transfers:upload', {
        accountId: account,
        bucket: QUICKSYNC_BUCKET,
        prefix: '',
        batchId,
        sources: paths.map((p) => ({ kind: 'path' as const, path: p })),
      });
      return batchId;
    },
    async download(fileKeys, targetDir, account = accountId) {
      const batchId = randomUUID();
      const started = await call('transfers:download', {
        accountId: account,
        bucket: QUICKSYNC_BUCKET,
        basePrefix: '',
        keys: fileKeys,
        targetDir,
        batchId,
      });
      expect(started.kind).toBe('started');
      return batchId;
    },
    finished: (batchId, expectJobs) =>
      waitForBatch(core, batchId, { timeoutMs: TRANSFER_TIMEOUT_MS, ...(expectJobs !== undefined && { expectJobs }) }),
    files: (includeIncomplete = false, account = accountId) =>
      call('quicksync:list', { accountId: account, includeIncomplete }),
    async dispose() {
      await core.dispose();
      await qs.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(work, { recursive: true, force: true });
    },
  };
}

/** The validator flagged nothing as an error: every request and response kept to the document. */
export function expectNoViolations(qs: QuickSyncTestServer): void {
  expect(qs.violations.filter((v) => v.severity === 'error')).toEqual([]);
}

/** The one job of a finished batch, which must be done. */
export function onlyDone(jobs: TransferJobView[]): TransferJobView {
  expect(jobs.map((j) => [j.state, j.error])).toEqual([['done', null]]);
  return jobs[0]!;
}
