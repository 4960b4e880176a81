/**
 * The core's public entry: wires the account store, the providers (S3 clients, QuickSync
 * sessions), batch operations and the sandbox behind one router. Hosts (Electron main, browser
 * host) only call what is here.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { quickSyncApiBaseProblem } from '../../shared/account-binding';
import type { EventMap, EventName } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { AccountSummary } from '../../shared/models';
import type { AccountPatch } from '../../shared/schemas';
import { applyChanges, createAccountStore, type AccountRecord, type AccountStore } from './account-store';
import { ensureDataDir } from './atomic-file';
import { requireCapability } from './capabilities';
import { CoreError } from './errors';
import { createEventBus } from './events';
import type { HostServices, ObjectSource, ObjectStream } from './host-services';
import { guardSaveDialog } from './local-save';
import { createOperationRegistry, runOperation, type Operation, type OperationRegistry } from './operations';
import { createPropertyHandlers, type PropertyChannel } from './properties/handlers';
import { testConnection } from './providers/connection-test';
import { createProviderRegistry, type ProviderRegistry } from './providers/registry';
import { createQuickSyncHandlers, type QuickSyncChannel } from './quicksync/handlers';
import { createRouter, type Handlers } from './router';
import { createClientPool, type ClientPool, type ClientSettings } from './s3-client';
import { createBucket, deleteBucket } from './s3-buckets';
import { copyItems, DEFAULT_COPY_TUNING, type CopyTuning } from './s3-copy';
import { createFolder, searchObjects } from './s3-objects';
import { ensureSandboxAccount, sandboxKey, startSandboxServer, type RunningSandbox } from './sandbox';
import type { SecretVault } from './secret-vault';
import { createSettingsStore } from './settings-store';
import type { TransferEngine } from './transfers/engine';
import { createTransferService, type TransferChannel } from './transfers/handlers';
import { createWorkerPool } from './transfers/worker-pool';

export interface CoreOptions {
  /** The app's data directory: accounts.json, secrets.json, the vault's key file. */
  dataDir: string;
  vault: SecretVault;
  host: HostServices;
  info: { host: 'electron' | 'web'; version: string };
  /** Tests only: small multipart-copy thresholds so the 5 GiB path runs on small objects. */
  copyTuning?: CopyTuning;
  /** The transfer engine (default: worker threads); tests may pass their own. */
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
  const clientFor = async (accountId: string, bucket?: string): Promise<S3Client> =>
    clients.get(await store.get(accountId), bucket);
  const providers = createProviderRegistry(store, clients);
  const transfers = await createTransferService({
    dataDir: options.dataDir,
    accounts: store,
    clientFor,
    quickSyncSession: (accountId) => providers.quickSyncSession(accountId),
    host: options.host,
    engine: options.engine ?? createWorkerPool(),
    settings: await createSettingsStore(options.dataDir),
    emit: (snapshot) => events.emit('transfers:progress', snapshot),
    ...(options.transferBackoff && { backoff: options.transferBackoff }),
  });
  // Clients, sessions and the transfers' cached credentials are dropped together when an account changes.
  const invalidate = (accountId: string): void => {
    clients.invalidate(accountId);
    providers.invalidate(accountId);
    transfers.invalidateAccount(accountId);
  };
  const sandbox = createSandboxLauncher(store, invalidate);
  const router = createRouter({
    ...createHandlers({
      options,
      store,
      clients,
      providers,
      invalidate,
      clientFor,
      operations,
      openSandbox: sandbox.open,
    }),
    ...createQuickSyncHandlers({
      session: (accountId) => providers.quickSyncSession(accountId),
      resumable: (accountId) => transfers.resumableQuickSyncUploads(accountId),
      cancelJobs: (jobIds) => void transfers.cancelJobs(jobIds),
      operations,
    }),
    ...createPropertyHandlers({
      accounts: store,
      clientFor,
      operations,
      copyTuning: options.copyTuning ?? DEFAULT_COPY_TUNING,
    }),
    ...transfers.handlers,
  });

  return {
    invoke: (channel, request) => router.invoke(channel, request),
    onEvent: (event, listener) => events.on(event, listener),
    openObjectStream: async (source) => (await providers.get(source.accountId)).openObjectStream(source),
    openSandbox: sandbox.open,
    receiveStagedUpload: (stageId, body) => transfers.receiveStagedUpload(stageId, body),
    prepareDragOut: (request) => transfers.prepareDragOut(request),
    async dispose() {
      operations.cancelAll();
      await transfers.dispose();
      clients.dispose();
      events.clear();
      await sandbox.stop();
    },
  };
}

/** Where downloads go by default: ~/Downloads when it exists, else the home folder. */
function defaultDownloadsDir(): string {
  const downloads = path.join(os.homedir(), 'Downloads');
  return existsSync(downloads) ? downloads : os.homedir();
}

interface Deps {
  options: CoreOptions;
  store: AccountStore;
  clients: ClientPool;
  providers: ProviderRegistry;
  /** Forget cached clients and credentials of an account. */
  invalidate: (accountId: string) => void;
  /** The cached client for an account, addressed for the bucket (path style for dotted names). */
  clientFor: (accountId: string, bucket?: string) => Promise<S3Client>;
  operations: OperationRegistry;
  openSandbox: () => Promise<AccountSummary>;
}

function createHandlers({
  options,
  store,
  clients,
  providers,
  invalidate,
  clientFor,
  operations,
  openSandbox,
}: Deps): Omit<Handlers, TransferChannel | PropertyChannel | QuickSyncChannel> {
  const withOperation = <T>(id: string, work: (op: Operation) => Promise<T>): Promise<T> =>
    runOperation(operations, id, work);

  return {
    'app:info': async () => ({
      host: options.info.host,
      version: options.info.version,
      platform: process.platform,
      downloadsDir: defaultDownloadsDir(),
      secretStorage: { kind: options.vault.kind, warning: options.vault.warning },
    }),

    'accounts:list': async () => Promise.all((await store.list()).map((a) => store.summary(a))),
    'accounts:create': async ({ account }) => store.summary(await store.create(account)),
    'accounts:update': async ({ id, patch }) => {
      checkPatch(await store.get(id), patch);
      // The store refuses (SecretRequired) a change of endpoint, addressing or key id without the secret.
      const updated = await store.update(id, patch);
      invalidate(id);
      return store.summary(updated);
    },
    'accounts:remove': async ({ id }) => {
      await store.remove(id);
      invalidate(id);
      return null;
    },
    'accounts:test': async (req) =>
      testConnection(req.account !== undefined ? req.account : await savedSettings(store, req.id, req.patch)),
    'sandbox:open': () => openSandbox(),

    'buckets:list': async ({ accountId, continuationToken }) =>
      (await providers.get(accountId)).listBuckets(continuationToken),
    'buckets:create': async ({ accountId, name, objectLock }) => {
      await requireCapability(store, accountId, 'buckets');
      const account = await store.get(accountId);
      return createBucket(await clients.get(account, name), account, name, objectLock);
    },
    'buckets:delete': async ({ accountId, bucket }) => {
      await requireCapability(store, accountId, 'buckets');
      await deleteBucket(await clientFor(accountId, bucket), bucket);
      return null;
    },

    'objects:list': async ({ accountId, ...req }) => (await providers.get(accountId)).listObjects(req),
    'objects:search': async ({ accountId, ...req }) => {
      await requireCapability(store, accountId, 'search');
      return searchObjects(await clientFor(accountId, req.bucket), req);
    },
    'objects:head': async ({ accountId, bucket, key, versionId }) =>
      (await providers.get(accountId)).headObject(bucket, key, versionId),
    'objects:createFolder': async ({ accountId, bucket, key }) => {
      await requireCapability(store, accountId, 'folders');
      await createFolder(await clientFor(accountId, bucket), bucket, key);
      return null;
    },
    // The operation is registered before any await, so a cancel sent right after is not lost.
    'objects:delete': ({ accountId, bucket, keys, operationId }) =>
      withOperation(operationId, async (op) => (await providers.get(accountId)).deleteObjects(bucket, keys, op)),
    'objects:copy': ({ accountId, bucket, items, targetBucket, move, operationId }) =>
      withOperation(operationId, async (op) => {
        await requireCapability(store, accountId, 'copy');
        const account = await store.get(accountId);
        const target = targetBucket ?? bucket;
        const pair = { source: await clients.get(account, bucket), target: await clients.get(account, target) };
        const request = { sourceBucket: bucket, targetBucket: target, items, move };
        return copyItems(pair, request, op, options.copyTuning ?? DEFAULT_COPY_TUNING);
      }),
    'objects:download': async ({ accountId, bucket, key, versionId }) =>
      (await providers.get(accountId)).download(guardSaveDialog(options.host, options.dataDir), {
        accountId,
        bucket,
        key,
        ...(versionId !== undefined && { versionId }),
      }),
    'operations:cancel': async ({ operationId }) => {
      operations.cancel(operationId);
      return null;
    },
  };
}

/**
 * What the schema cannot check without the saved account: the sandbox's connection is the
 * core's business (only its name may change), and a QuickSync API base must not expose its token.
 */
function checkPatch(current: AccountRecord, patch: AccountPatch): void {
  if (current.kind === 'sandbox') {
    const field = Object.entries(patch).find(([k, v]) => k !== 'name' && v !== undefined)?.[0];
    if (field !== undefined)
      throw new CoreError(
        'InvalidRequest',
        `Only the name of the local sandbox can change: the app manages its connection. (patch.${field})`,
      );
  }
  const problem =
    current.kind === 'quicksync' && patch.endpoint !== undefined ? quickSyncApiBaseProblem(patch.endpoint) : null;
  if (problem !== null) throw new CoreError('InvalidRequest', `${problem} (patch.endpoint)`);
}

/** A saved account, optionally with unsaved edits (the edit form's "Test" button). */
async function savedSettings(store: AccountStore, id: string, patch: AccountPatch = {}): Promise<ClientSettings> {
  const current = await store.get(id);
  checkPatch(current, patch);
  const { secretAccessKey, ...changes } = patch;
  const account = applyChanges(current, changes);
  // The stored secret only for the binding it was entered for: otherwise SecretRequired, and no request.
  return { ...account, secretAccessKey: secretAccessKey ?? (await store.readSecret(id, account)) };
}

/** Starts the sandbox once (concurrent callers share the start) and keeps its account current. */
function createSandboxLauncher(store: AccountStore, invalidate: (accountId: string) => void) {
  let server: Promise<RunningSandbox> | null = null;
  return {
    async open(): Promise<AccountSummary> {
      server ??= sandboxKey(store).then(startSandboxServer);
      let running: RunningSandbox;
      try {
        running = await server;
      } catch (error) {
        server = null; // let a later call try again
        throw error;
      }
      const account = await ensureSandboxAccount(store, running);
      invalidate(account.id);
      return store.summary(account);
    },
    async stop(): Promise<void> {
      const current = server;
      server = null;
      if (current) await (await current.catch(() => null))?.stop();
    },
  };
}
