/**
 * The transfers service: builds the job store, the queue and the staging area, and answers the
 * contract's transfers:*, settings:* and multipart:* channels. Sources become jobs here: local
 * folders are walked and bucket folders listed in the background, jobs joining the queue as
 * they are found, so the request returns at once however large the folder.
 */
import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { AppError } from '../../../shared/errors';
import { baseName, isFolderKey, utf8Length } from '../../../shared/keys';
import { featuresOfUploadOptions, type UploadObjectOptions } from '../../../shared/properties';
import type { ParsedRequestOf } from '../../../shared/schemas';
import { QUICKSYNC_BUCKET } from '../../../shared/quicksync';
import type { QuickSyncCredentials, WorkerCredentials } from '../../../shared/transfer-protocol';
import { FINISHED_STATES, type TransfersSnapshot } from '../../../shared/transfers';
import type { AccountRecord, AccountStore } from '../account-store';
import { requireCapability, requireFeatures } from '../capabilities';
import { CoreError, toAppError } from '../errors';
import type { HostServices } from '../host-services';
import { deleteFile, withCallTimeout, type QuickSyncSession } from '../quicksync/api';
import type { Handlers } from '../router';
import { usesPathStyle } from '../s3-client';
import { abortUploads, listIncompleteUploads } from '../s3-multipart-uploads';
import type { SettingsStore } from '../settings-store';
import { headExisting, statExisting } from './conflicts';
import { clearDragOut, prepareDragOut } from './drag-out';
import { expandDownloads, listerFor, type DownloadItem } from './download-sources';
import type { TransferEngine } from './engine';
import { JobStore, type JobStoreOptions } from './job-store';
import { isWithin, prepareDir, refuseInsideDataDir } from './local-paths';
import { createQueue, type NewJob, type TransferQueue } from './queue';
import { expandQuickSyncDownloads } from './quicksync-downloads';
import { createStaging, STAGE_PATH_PREFIX } from './staging';
import { walkSource } from './upload-sources';

export type TransferChannel =
  | 'transfers:upload'
  | 'transfers:download'
  | 'transfers:list'
  | 'transfers:control'
  | 'transfers:resolveConflict'
  | 'transfers:clear'
  | 'settings:get'
  | 'settings:update'
  | 'multipart:list'
  | 'multipart:abort';

export type TransferHandlers = Pick<Handlers, TransferChannel>;

export interface TransferServiceDeps {
  dataDir: string;
  accounts: AccountStore;
  clientFor: (accountId: string, bucket?: string) => Promise<S3Client>;
  /** A QuickSync account's session (its token decrypted). */
  quickSyncSession: (accountId: string) => Promise<QuickSyncSession>;
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
  /** The account changed or went: resolve its credentials again for the next task. */
  invalidateAccount(accountId: string): void;
  /**
   * The unfinished QuickSync uploads of an account that a job can resume (running, queued,
   * paused or failed with its saved part tags): job id by fileKey.
   */
  resumableQuickSyncUploads(accountId: string): Map<string, string>;
  /** Cancels these jobs (as transfers:control would); returns how many were affected. */
  cancelJobs(jobIds: string[]): number;
  dispose(): Promise<void>;
}

const MAX_KEY_BYTES = 1024;

/** "bucket/prefix" without the trailing slash, for labels. */
const placeOf = (bucket: string, prefix: string): string => `${bucket}/${prefix}`.replace(/\/+$/, '');

/** The options as the job keeps them: null when nothing was chosen (most uploads; keeps the journal small). */
const chosenOptions = (o: UploadObjectOptions): UploadObjectOptions | null =>
  o.tags.length > 0 || o.acl !== null || o.encryption !== null || o.storageClass !== null ? o : null;

/** A handle only the Electron host can resolve reached the core as it was (another host, or a bug). */
const unresolvedHandle = (): CoreError =>
  new CoreError(
    'InvalidRequest',
    'A file or folder handle reached the app unresolved: only the desktop app resolves handles; name the files another way.',
  );

function keyProblem(key: string): Pick<NewJob, 'state' | 'error'> {
  if (utf8Length(key) <= MAX_KEY_BYTES) return {};
  return { state: 'failed', error: { code: 'InvalidKey', message: 'The object key would be longer than 1024 bytes.' } };
}

export async function createTransferService(deps: TransferServiceDeps): Promise<TransferService> {
  const { dataDir, accounts, engine, settings } = deps;
  const realDataDir = await realpath(dataDir);
  const insideDataDir = (p: string): boolean => isWithin(realDataDir, p) || isWithin(dataDir, p);
  const store = await JobStore.open(dataDir, deps.store ?? {});
  const staging = createStaging(dataDir);
  await clearDragOut(dataDir);
  const credentialCache = new Map<string, Promise<{ account: AccountRecord; secret: string }>>();
  const background = new Set<Promise<void>>();
  const shutdown = new AbortController();

  const credentials = async (accountId: string, bucket: string): Promise<WorkerCredentials | QuickSyncCredentials> => {
    let entry = credentialCache.get(accountId);
    if (!entry) {
      // The secret is checked against this very record: it never pairs with an endpoint it was not bound to.
      entry = accounts
        .get(accountId)
        .then(async (account) => ({ account, secret: await accounts.readSecret(accountId, account) }));
      credentialCache.set(accountId, entry);
      entry.catch(() => credentialCache.get(accountId) === entry && credentialCache.delete(accountId));
    }
    const { account, secret } = await entry;
    if (account.kind === 'quicksync') {
      return {
        kind: 'quicksync',
        endpoint: account.endpoint,
        accessKeyId: account.accessKeyId,
        secretAccessKey: secret,
        encryptNames: account.encryptNames,
      };
    }
    return {
      kind: account.kind,
      endpoint: account.endpoint,
      region: account.region,
      accessKeyId: account.accessKeyId,
      secretAccessKey: secret,
      addressingStyle: account.addressingStyle,
      checksumMode: account.checksumMode,
      pathStyle: usesPathStyle(account.addressingStyle, bucket),
    };
  };

  const queue = createQueue({
    store,
    engine,
    settings: () => settings.get().transfers,
    credentials,
    probe: {
      object: async (accountId, bucket, key) => headExisting(await deps.clientFor(accountId, bucket), bucket, key),
      file: statExisting,
    },
    abortUpload: async (job, uploadId, fileKey) => {
      if (fileKey !== undefined) return removeQuickSyncFile(job.accountId, fileKey);
      const summary = await abortUploads(await deps.clientFor(job.accountId, job.bucket), job.bucket, [
        { key: job.key, uploadId },
      ]);
      const failure = summary.failed[0];
      if (failure) throw new CoreError('Unknown', failure.message);
    },
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

  /** Deletes a QuickSync file (an unfinished upload); one already gone is fine. */
  async function removeQuickSyncFile(accountId: string, fileKey: string): Promise<void> {
    try {
      await deleteFile(await deps.quickSyncSession(accountId), fileKey, withCallTimeout());
    } catch (error) {
      if (toAppError(error).code !== 'NoSuchKey') throw error;
    }
  }

  /** Runs a source walk or listing after the request has returned; the batch stays open until it ends. */
  function feed(batchId: string, work: (signal: AbortSignal) => Promise<void>): void {
    queue.beginInput(batchId);
    const run = work(shutdown.signal)
      .catch(() => {}) // each item reports its own failure as a job
      .finally(() => {
        background.delete(run);
        queue.endInput(batchId);
      });
    background.add(run);
  }

  function checkLocalPath(p: string, what: string): void {
    if (!path.isAbsolute(p)) throw new CoreError('InvalidRequest', `The ${what} must be an absolute path: ${p}`);
    if (insideDataDir(path.resolve(p))) {
      throw new CoreError(
        'AccessDenied',
        `The ${what} is inside the app's own data folder, which transfers never touch.`,
      );
    }
  }

  async function upload(req: ParsedRequestOf<'transfers:upload'>): Promise<{ batchId: string; stagePaths: string[] }> {
    const { accountId, batchId, sources, options } = req;
    await requireFeatures(accounts, accountId, featuresOfUploadOptions(options));
    // QuickSync has one flat list and no folders: every upload is a new file named by its path
    // relative to what was dropped ("photos/a.jpg"), so there is no prefix and no conflict to ask about.
    const quickSync = (await accounts.get(accountId)).kind === 'quicksync';
    const bucket = quickSync ? QUICKSYNC_BUCKET : req.bucket;
    const prefix = quickSync ? '' : req.prefix;
    const conflict = quickSync ? 'overwrite' : req.conflict;
    const paths: string[] = [];
    for (const source of sources) {
      if (source.kind === 'handle') throw unresolvedHandle();
      if (source.kind !== 'path') continue;
      checkLocalPath(source.path, 'file or folder to upload');
      paths.push(source.path);
    }
    queue.openBatch({
      id: batchId,
      direction: 'upload',
      accountId,
      bucket,
      place: placeOf(bucket, prefix),
      conflict,
      targetDir: null,
    });
    // Every job of this call gets the options (a later call extending the batch may bring others).
    const common = { batchId, direction: 'upload' as const, accountId, bucket, uploadOptions: chosenOptions(options) };
    const stagePaths: string[] = [];
    const roots = new Set<string>();
    for (const source of sources) {
      if (source.kind !== 'browser') continue;
      const rel = source.relativePath;
      const cut = rel.indexOf('/');
      const root = cut < 0 ? rel : rel.slice(0, cut);
      if (!roots.has(root)) {
        roots.add(root);
        queue.addRoot(batchId, { name: root, folder: cut >= 0 });
      }
      const key = prefix + rel;
      const job = queue.addJob({
        ...common,
        name: rel,
        key,
        localPath: null,
        bytesTotal: source.size,
        stage: 'waiting',
        ...keyProblem(key),
      });
      // Every browser source gets a path (in order); bytes for a job that cannot run are dropped.
      stagePaths.push(STAGE_PATH_PREFIX + staging.register(job.id, source.size));
    }
    if (paths.length > 0) {
      feed(batchId, async (signal) => {
        for (const source of paths) {
          for await (const entry of walkSource(source, { signal, exclude: insideDataDir })) {
            if (entry.kind === 'root') {
              queue.addRoot(batchId, { name: entry.name, folder: entry.folder });
            } else if (entry.kind === 'error') {
              queue.addJob({
                ...common,
                name: entry.relative,
                key: prefix + entry.relative,
                localPath: entry.path,
                bytesTotal: null,
                state: 'failed',
                error: entry.error,
              });
            } else {
              const key = prefix + entry.relative;
              queue.addJob({
                ...common,
                name: entry.relative,
                key,
                localPath: entry.path,
                bytesTotal: entry.size,
                ...keyProblem(key),
              });
            }
          }
        }
      });
    }
    return { batchId, stagePaths };
  }

  /** The files and folders a download request becomes, listed from the account's service. */
  async function* downloadItems(
    req: ParsedRequestOf<'transfers:download'>,
    root: string,
    signal: AbortSignal,
  ): AsyncGenerator<DownloadItem> {
    const { accountId, bucket, basePrefix, keys } = req;
    let items: AsyncIterable<DownloadItem>;
    try {
      items =
        (await accounts.get(accountId)).kind === 'quicksync'
          ? expandQuickSyncDownloads(await deps.quickSyncSession(accountId), keys, root, signal)
          : expandDownloads(keys, basePrefix, root, listerFor(await deps.clientFor(accountId, bucket), bucket), signal);
    } catch (error) {
      // No client or session (the secret is gone): every selected item fails with the reason.
      const reason = toAppError(error);
      for (const key of keys) yield { kind: 'error', key, relative: baseName(key), error: reason };
      return;
    }
    yield* items;
  }

  async function download(req: ParsedRequestOf<'transfers:download'>) {
    const { accountId, bucket, keys, batchId, conflict } = req;
    await accounts.get(accountId);
    if (req.targetDir !== null && typeof req.targetDir !== 'string') throw unresolvedHandle();
    let dir = req.targetDir;
    if (dir === null) {
      if (!deps.host.chooseFolder) {
        throw new CoreError('NotSupported', 'This app cannot show a folder dialog here: enter the folder instead.');
      }
      dir = await deps.host.chooseFolder('Download to');
      if (dir === null) return { kind: 'cancelled' as const };
    }
    if (!path.isAbsolute(dir)) {
      throw new CoreError('InvalidRequest', `The download folder must be a full path (from the root): ${dir}`);
    }
    // Checked before it is created: a refused folder must not be left behind.
    await refuseInsideDataDir(dataDir, dir, 'download folder');
    await mkdir(dir, { recursive: true });
    const root = await realpath(dir);
    // It may have changed between the check and mkdir (a link swapped in): check what was made.
    await refuseInsideDataDir(dataDir, root, 'download folder');
    queue.openBatch({ id: batchId, direction: 'download', accountId, bucket, place: root, conflict, targetDir: root });
    for (const key of keys.slice(0, 2)) queue.addRoot(batchId, { name: baseName(key), folder: isFolderKey(key) });
    const common = { batchId, direction: 'download' as const, accountId, bucket };
    feed(batchId, async (signal) => {
      for await (const item of downloadItems(req, root, signal)) {
        const base = { ...common, name: item.relative, key: item.key };
        const unsafe = (reason: string): AppError => ({
          code: 'InvalidKey',
          message: `Not downloaded: the key cannot be a file name here (${reason}).`,
        });
        if (item.kind === 'error') {
          queue.addJob({ ...base, localPath: null, bytesTotal: null, state: 'failed', error: item.error });
        } else if (item.kind === 'unsafe' || insideDataDir(item.path)) {
          const reason = item.kind === 'unsafe' ? item.reason : "it would write into the app's own data folder";
          queue.addJob({ ...base, localPath: null, bytesTotal: null, state: 'skipped', error: unsafe(reason) });
        } else if (item.kind === 'folder') {
          // A folder marker becomes a folder; it is no job unless it cannot be made.
          await prepareDir(root, item.path).catch((error: unknown) => {
            queue.addJob({
              ...base,
              localPath: item.path,
              bytesTotal: null,
              state: 'failed',
              error: toAppError(error),
            });
          });
        } else {
          queue.addJob({
            ...base,
            localPath: item.path,
            bytesTotal: item.size,
            expected: { size: item.size, etag: item.etag },
          });
        }
      }
    });
    return { kind: 'started' as const, batchId, targetDir: root };
  }

  const handlers: TransferHandlers = {
    'transfers:upload': upload,
    'transfers:download': download,
    'transfers:list': async ({ filter, offset, limit }) => queue.list(filter, offset, limit),
    'transfers:control': async ({ action, target }) => ({ affected: queue.control(action, target) }),
    'transfers:resolveConflict': async ({ jobId, choice, applyToBatch }) => {
      queue.resolveConflict(jobId, choice, applyToBatch);
      return null;
    },
    'transfers:clear': async ({ includeFailed }) => ({ removed: queue.clear(includeFailed) }),
    'settings:get': async () => settings.get(),
    'settings:update': async (patch) => settings.update(patch),
    'multipart:list': async ({ accountId, bucket, prefix, continuationToken }) => {
      await requireCapability(accounts, accountId, 'multipartTool');
      return listIncompleteUploads(await deps.clientFor(accountId, bucket), { bucket, prefix, continuationToken });
    },
    'multipart:abort': async ({ accountId, bucket, uploads }) => {
      await requireCapability(accounts, accountId, 'multipartTool');
      return abortUploads(await deps.clientFor(accountId, bucket), bucket, uploads);
    },
  };

  return {
    handlers,
    queue,
    async receiveStagedUpload(stageId, body) {
      const jobId = await staging.receive(stageId, body);
      if (!queue.stageReady(jobId)) await staging.discard(jobId);
    },
    async prepareDragOut({ accountId, bucket, keys }) {
      if ((await accounts.get(accountId)).kind === 'quicksync') {
        throw new CoreError('NotSupported', 'QuickSync files cannot be dragged out: use Download.');
      }
      return prepareDragOut(dataDir, await deps.clientFor(accountId, bucket), bucket, keys);
    },
    invalidateAccount(accountId) {
      credentialCache.delete(accountId);
    },
    resumableQuickSyncUploads(accountId) {
      const out = new Map<string, string>();
      for (const job of store.all()) {
        const cp = job.checkpoint;
        const unfinished = !FINISHED_STATES.includes(job.state);
        if (job.accountId === accountId && unfinished && cp?.kind === 'quicksync-upload') out.set(cp.fileKey, job.id);
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
