/**
 * The core's composition root: wires the account store, the providers (S3 clients, QuickSync
 * sessions), batch operations, transfers and the sandbox behind one router. Hosts (Electron
 * main, browser host) only call what is here; handlers live in handlers/, storage operations in
 * each provider (providers/s3, providers/quicksync).
 */
import path from 'node:path';
import type { Readable } from 'node:stream';
import { notSupportedMessage } from '../../shared/capabilities';
import type { EventMap, EventName } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { AccountSummary } from '../../shared/models';
import { createAccountStore } from './account-store';
import { ensureDataDir } from './atomic-file';
import { CoreError } from './errors';
import { createEditService, headThrough } from './edits/service';
import { createEventBus } from './events';
import { accountHandlers } from './handlers/accounts';
import { appHandlers } from './handlers/app';
import { createSandboxLauncher } from './handlers/sandbox';
import { settingsHandlers } from './handlers/settings';
import { thumbnailHandlers } from './handlers/thumbnails';
import type { HostServices, ObjectSource, ObjectStream } from './host-services';
import { guardSaveDialog } from './local-save';
import { createOperationRegistry } from './operations';
import { answerPreview, type PreviewAnswer, type PreviewRequest } from './previews/preview-answer';
import { createPreviewLinks } from './previews/preview-links';
import { createProviderRegistry } from './providers/registry';
import { createClientPool } from './providers/s3/client';
import { DEFAULT_COPY_TUNING, type CopyTuning } from './providers/s3/context';
import { hasCapability } from './providers/storage-provider';
import { createRouter } from './router';
import type { SecretVault } from './secret-vault';
import { createSettingsStore } from './settings-store';
import { createSyncService } from './sync/service';
import type { TransferEngine } from './transfers/engine';
import { createThumbnailCache } from './thumbnails/thumbnail-cache';
import { createTransferService } from './transfers/handlers';
import { createWorkerPool, type WorkerEntry } from './transfers/worker-pool';

export interface CoreOptions {
  /** The app's data directory: accounts.json, secrets.json, the vault's key file. */
  dataDir: string;
  vault: SecretVault;
  host: HostServices;
  info: { host: 'electron' | 'web'; version: string };
  /** Tests only: small multipart-copy thresholds so the 5 GiB path runs on small objects. */
  copyTuning?: CopyTuning;
  /** The transfer worker script: each host's bundle has transfer-worker.js beside its entry. */
  workerEntry: WorkerEntry;
  /** Tests only: an engine of their own instead of worker threads running `workerEntry`. */
  engine?: TransferEngine;
  /** Tests only: shorter retry backoff for transfers. */
  transferBackoff?: { baseBackoffMs: number; maxBackoffMs: number };
}

export interface Core {
  /** The router: validates the request, runs the handler, returns a Result (never throws). */
  invoke(channel: string, request: unknown): Promise<Result<unknown>>;
  onEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** The object's bytes, for the browser host's one-time download links. */
  openObjectStream(source: ObjectSource): Promise<ObjectStream>;
  /** The answer to a `/preview/<id>` request (both hosts serve these links with it). */
  answerPreview(id: string, request: PreviewRequest): Promise<PreviewAnswer>;
  /** Starts the local sandbox (once) and returns its account. */
  openSandbox(): Promise<AccountSummary>;
  /**
   * The browser host's upload route: stores the bytes of a browser-held upload (stage id from
   * transfers:upload). Throws InvalidRequest for an unknown id or a wrong byte count.
   */
  receiveStagedUpload(stageId: string, body: Readable): Promise<void>;
  /** Downloads objects (not folders) to files for Electron's startDrag; returns their paths. */
  prepareDragOut(request: { accountId: string; bucket: string; keys: string[] }): Promise<string[]>;
  dispose(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  await ensureDataDir(options.dataDir);
  const store = createAccountStore(options.dataDir, options.vault);
  const clients = createClientPool((account) => store.readSecret(account.id, account));
  const events = createEventBus();
  const operations = createOperationRegistry((p) => events.emit('operations:progress', p));
  const providers = createProviderRegistry({
    accounts: store,
    clients,
    copyTuning: options.copyTuning ?? DEFAULT_COPY_TUNING,
  });
  const settings = await createSettingsStore(options.dataDir);
  const transfers = await createTransferService({
    dataDir: options.dataDir,
    capabilities: (accountId) => providers.capabilities(accountId),
    transfersFor: async (accountId) => (await providers.get(accountId)).transfers,
    host: options.host,
    engine: options.engine ?? createWorkerPool({ entry: options.workerEntry }),
    settings,
    emit: (snapshot) => events.emit('transfers:progress', snapshot),
    ...(options.transferBackoff && { backoff: options.transferBackoff }),
  });
  // Clients and providers (sessions, the transfers' credentials) are dropped together when an account changes.
  const invalidate = (accountId: string): void => {
    clients.invalidate(accountId);
    providers.invalidate(accountId);
  };
  const sandbox = createSandboxLauncher(store, invalidate);
  const previews = createPreviewLinks();
  const openObjectStream = async (source: ObjectSource): Promise<ObjectStream> => {
    const provider = await providers.get(source.accountId);
    if (!hasCapability(provider, 'buckets')) throw new CoreError('NotSupported', notSupportedMessage('buckets'));
    return provider.openObjectStream(source);
  };
  const edits = createEditService({
    dataDir: options.dataDir,
    host: () => options.host,
    queue: transfers.queue,
    onSnapshot: (listener) => events.on('transfers:progress', listener),
    head: headThrough((channel, request) => router.invoke(channel, request)),
    emit: (payload) => events.emit('edits:changed', payload),
  });
  const sync = await createSyncService({
    dataDir: options.dataDir,
    host: () => options.host,
    capabilities: (accountId) => providers.capabilities(accountId),
    transfersFor: async (accountId) => (await providers.get(accountId)).transfers,
    queue: transfers.queue,
    onSnapshot: (listener) => events.on('transfers:progress', listener),
    emit: (state) => events.emit('sync:changed', state),
  });
  const router = createRouter({
    handlers: {
      ...appHandlers({ info: options.info, vault: options.vault, operations }),
      ...accountHandlers({
        store,
        invalidate,
        removing: async (accountId) => {
          await Promise.all([edits.endAccount(accountId), sync.endAccount(accountId)]);
        },
      }),
      'sandbox:open': () => sandbox.open(),
      'objects:closePreview': async ({ url }) => {
        previews.drop(url);
        return null;
      },
      ...settingsHandlers(settings),
      ...thumbnailHandlers(createThumbnailCache({ dir: path.join(options.dataDir, 'thumbnails') })),
      ...transfers.handlers,
      ...edits.handlers,
      ...sync.handlers,
    },
    providers,
    operations,
    context: (accountId) => ({
      accountId,
      // Per call: a host may gain or lose services after the core starts (tests swap them).
      host: { ...guardSaveDialog(options.host, options.dataDir), createPreviewLink: previews.create },
      jobs: {
        unfinishedUploads: () => transfers.unfinishedUploads(accountId),
        cancel: (jobIds) => void transfers.cancelJobs(jobIds),
      },
    }),
  });

  return {
    invoke: (channel, request) => router.invoke(channel, request),
    onEvent: (event, listener) => events.on(event, listener),
    openObjectStream,
    answerPreview: (id, request) => answerPreview(previews, openObjectStream, id, request),
    openSandbox: sandbox.open,
    receiveStagedUpload: (stageId, body) => transfers.receiveStagedUpload(stageId, body),
    prepareDragOut: (request) => transfers.prepareDragOut(request),
    async dispose() {
      operations.cancelAll();
      previews.clear();
      // Before the queue stops: no edit is uploaded after the app quits.
      await edits.dispose();
      // Its watchers stop and it stops waiting; the queue resumes a run's jobs on the next start.
      await sync.dispose();
      await transfers.dispose();
      clients.dispose();
      events.clear();
      await sandbox.stop();
    },
  };
}
