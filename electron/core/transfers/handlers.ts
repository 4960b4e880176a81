/**
 * The transfers service: builds the job store, the queue and the staging area, and answers the
 * contract's transfers:* channels. Sources become jobs in upload-requests.ts and
 * download-requests.ts; everything that depends on the account's kind is asked of its provider
 * (ProviderTransfers), never decided here.
 */
import { realpath } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { capabilitiesOfUploadOptions, type Capabilities } from '../../../shared/capabilities';
import { FINISHED_STATES, type TransfersSnapshot } from '../../../shared/transfers';
import type { HostServices } from '../host-services';
import { requireCapabilities } from '../providers/storage-provider';
import type { Handlers } from '../router';
import type { SettingsStore } from '../settings-store';
import { startDownload } from './download-requests';
import { clearDragOut, prepareDragOut } from './drag-out';
import type { TransferEngine } from './engine';
import { JobStore, type JobStoreOptions } from './job-store';
import { isWithin } from './local-paths';
import type { ProviderTransfers, UploadLeftover } from './provider-transfers';
import { createQueue, type TransferQueue } from './queue';
import { createStaging } from './staging';
import { startUpload, type RequestContext } from './upload-requests';

export type TransferChannel =
  | 'transfers:upload'
  | 'transfers:download'
  | 'transfers:list'
  | 'transfers:control'
  | 'transfers:resolveConflict'
  | 'transfers:clear';

export type TransferHandlers = Pick<Handlers, TransferChannel>;

export interface TransferServiceDeps {
  dataDir: string;
  /** What the account can do (AccountNotFound for an unknown one); its secret is not needed. */
  capabilities: (accountId: string) => Promise<Capabilities>;
  /**
   * The account's provider's part in transfers, asked at every task start (the registry keeps
   * it until the account changes); its credentials are resolved when a task first needs them.
   */
  transfersFor: (accountId: string) => Promise<ProviderTransfers>;
  host: HostServices;
  engine: TransferEngine;
  settings: SettingsStore;
  emit: (snapshot: TransfersSnapshot) => void;
  /** Tests: shorter retry delays. */
  backoff?: { baseBackoffMs: number; maxBackoffMs: number };
  store?: JobStoreOptions;
  now?: () => number;
}

export interface TransferService {
  handlers: TransferHandlers;
  queue: TransferQueue;
  receiveStagedUpload(stageId: string, body: Readable): Promise<void>;
  prepareDragOut(request: { accountId: string; bucket: string; keys: string[] }): Promise<string[]>;
  /**
   * What the account's unfinished jobs (running, queued, paused or failed) left on the server
   * that they can resume from, by job id.
   */
  unfinishedUploads(accountId: string): Map<string, UploadLeftover>;
  /** Cancels these jobs (as transfers:control would); returns how many were affected. */
  cancelJobs(jobIds: string[]): number;
  dispose(): Promise<void>;
}

export async function createTransferService(deps: TransferServiceDeps): Promise<TransferService> {
  const { dataDir, engine, settings } = deps;
  const realDataDir = await realpath(dataDir);
  const insideDataDir = (p: string): boolean => isWithin(realDataDir, p) || isWithin(dataDir, p);
  const store = await JobStore.open(dataDir, deps.store ?? {});
  const staging = createStaging(dataDir);
  await clearDragOut(dataDir);
  const background = new Set<Promise<void>>();
  const shutdown = new AbortController();
  const { transfersFor } = deps;

  const queue = createQueue({
    store,
    engine,
    settings: () => settings.get().transfers,
    transfersFor,
    stagingPath: staging.fileFor,
    discardStage: staging.discard,
    emit: deps.emit,
    ...(deps.backoff && { backoff: deps.backoff }),
    ...(deps.now && { now: deps.now }),
  });
  // Staged bytes of jobs that can no longer use them (finished, cleared, lost in a restart).
  await staging.sweep((jobId) => queue.job(jobId)?.stage === 'ready');

  const unsubscribe = settings.onChange((s) => {
    engine.setRateLimits({ up: s.transfers.uploadBytesPerSecond, down: s.transfers.downloadBytesPerSecond });
    queue.settingsChanged();
  });
  const initial = settings.get().transfers;
  engine.setRateLimits({ up: initial.uploadBytesPerSecond, down: initial.downloadBytesPerSecond });

  const context: RequestContext = {
    queue,
    transfersFor,
    insideDataDir,
    feed(batchId, work) {
      queue.beginInput(batchId);
      const run = work(shutdown.signal)
        .catch(() => {}) // each item reports its own failure as a job
        .finally(() => {
          background.delete(run);
          queue.endInput(batchId);
        });
      background.add(run);
    },
  };

  const handlers: TransferHandlers = {
    'transfers:upload': async (req) => {
      requireCapabilities(await deps.capabilities(req.accountId), capabilitiesOfUploadOptions(req.options));
      return startUpload({ ...context, staging }, req);
    },
    'transfers:download': async (req) => {
      await deps.capabilities(req.accountId); // an unknown account is refused before a folder is asked for
      return startDownload({ ...context, dataDir, host: deps.host }, req);
    },
    'transfers:list': async ({ filter, offset, limit }) => queue.list(filter, offset, limit),
    'transfers:control': async ({ action, target }) => ({ affected: queue.control(action, target) }),
    'transfers:resolveConflict': async ({ jobId, choice, applyToBatch }) => {
      queue.resolveConflict(jobId, choice, applyToBatch);
      return null;
    },
    'transfers:clear': async ({ includeFailed }) => ({ removed: queue.clear(includeFailed) }),
  };

  return {
    handlers,
    queue,
    async receiveStagedUpload(stageId, body) {
      const jobId = await staging.receive(stageId, body);
      if (!queue.stageReady(jobId)) await staging.discard(jobId);
    },
    async prepareDragOut({ accountId, bucket, keys }) {
      const download = await (await transfersFor(accountId)).dragOutDownloader(bucket);
      return prepareDragOut(dataDir, download, keys);
    },
    unfinishedUploads(accountId) {
      const out = new Map<string, UploadLeftover>();
      for (const job of store.all()) {
        const cp = job.checkpoint;
        const unfinished = !FINISHED_STATES.includes(job.state);
        if (job.accountId === accountId && unfinished && cp && cp.kind !== 'download') out.set(job.id, cp);
      }
      return out;
    },
    cancelJobs: (jobIds) => queue.control('cancel', { jobIds }),
    async dispose() {
      unsubscribe();
      await queue.dispose();
      shutdown.abort();
      await Promise.allSettled([...background]);
      await engine.dispose();
      await store.close();
    },
  };
}
