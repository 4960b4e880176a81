/**
 * How QuickSync accounts take part in transfers: one flat list where every upload is a new file
 * named by its path relative to what was dropped ("photos/a.jpg"), so there is no prefix and no
 * conflict to ask about; downloads name each selected fileKey by its display name; an unfinished
 * upload is a file to delete; workers get the session.
 */
import { forEachLimited } from '../../../../shared/concurrency';
import type { AppError } from '../../../../shared/errors';
import { QUICKSYNC_BUCKET } from '../../../../shared/quicksync';
import type { QuickSyncCredentials } from '../../../../shared/transfer-protocol';
import type { AccountRecord } from '../../account-store';
import { CoreError, toAppError } from '../../errors';
import { safeLocalPath } from '../../transfers/local-paths';
import type {
  DownloadItem,
  ProviderTransfers,
  SyncDeleteResult,
  SyncListingItem,
  UploadLeftover,
} from '../../transfers/provider-transfers';
import { deleteFile, listFiles, withCallTimeout, type QuickSyncSession } from './api';
import { displayName } from './files';

const NOT_FINISHED: AppError = {
  code: 'InvalidRequest',
  message: 'This upload is not finished, so there is nothing to download yet: resume it or delete it.',
};
const GONE: AppError = { code: 'NoSuchKey', message: 'The file does not exist (it may have been deleted).' };

export interface QuickSyncTransfersDeps {
  account: Pick<AccountRecord, 'endpoint' | 'accessKeyId' | 'encryptNames'>;
  /** The account's session (its token decrypted). */
  session: QuickSyncSession;
}

export function quickSyncTransfers({ account, session }: QuickSyncTransfersDeps): ProviderTransfers {
  const credentials: QuickSyncCredentials = {
    kind: 'quicksync',
    endpoint: account.endpoint,
    accessKeyId: account.accessKeyId,
    secretAccessKey: session.token,
    encryptNames: account.encryptNames,
  };

  return {
    uploadPlace: () => ({ bucket: QUICKSYNC_BUCKET, prefix: '', conflict: 'overwrite' }),

    downloadItems: async ({ keys }, root, signal) => expandQuickSyncDownloads(session, keys, root, signal),

    // Every upload is a new file: nothing is ever replaced.
    existing: async () => null,

    async buildTask(request) {
      const { jobId, key, checkpoint: cp, settings, tuning } = request;
      if (request.direction === 'upload') {
        return {
          kind: 'quicksync-upload',
          jobId,
          credentials,
          tuning,
          key,
          source: request.source,
          partSize: settings.quicksyncPartSizeBytes,
          resume: cp?.kind === 'quicksync-upload' ? cp : null,
        };
      }
      return {
        kind: 'quicksync-download',
        jobId,
        credentials,
        tuning,
        key,
        target: request.target,
        resume: cp?.kind === 'download' ? cp : null,
      };
    },

    async discardUpload(_bucket, _key, leftover) {
      if (leftover.kind !== 'quicksync-upload') return;
      try {
        await deleteFile(session, leftover.fileKey, withCallTimeout());
      } catch (error) {
        if (toAppError(error).code !== 'NoSuchKey') throw error;
      }
    },

    leftoverHint: 'delete it from the incomplete uploads list',

    dragOutDownloader: async () => {
      throw new CoreError('NotSupported', 'QuickSync files cannot be dragged out: use Download.');
    },

    syncListing: async (_bucket, _prefix, signal) => syncItems(session, signal),

    // No parts to recompute: a QuickSync file has no ETag to compare with.
    partLayout: async () => ({ partSize: null, partsCount: null, md5: null }),

    syncDelete: async (_bucket, keys, signal) => deleteForSync(session, keys, signal),
  };
}

/**
 * The session's finished files as a sync sees them: the one flat list (no prefix), each file
 * named by its display name ("photos/a.jpg" from a folder upload keeps its folder). The API
 * gives neither an ETag nor a time.
 */
async function syncItems(session: QuickSyncSession, signal: AbortSignal): Promise<AsyncIterable<SyncListingItem>> {
  const files = await listFiles(session, withCallTimeout(signal));
  return (async function* () {
    for (const info of files) {
      if (!info.completed) continue;
      const name = displayName(info, session.sessionId).name;
      yield { key: info.fileKey, name, size: info.originalSizeInBytes, etag: null, lastModifiedMs: 0 };
    }
  })();
}

const SYNC_DELETE_CONCURRENCY = 4;

/** One request per file, a few at a time; one already gone counts as deleted. */
async function deleteForSync(
  session: QuickSyncSession,
  keys: readonly string[],
  signal: AbortSignal,
): Promise<SyncDeleteResult> {
  const out: SyncDeleteResult = { deleted: [], failed: [] };
  await forEachLimited(keys, SYNC_DELETE_CONCURRENCY, signal, async (key) => {
    try {
      await deleteFile(session, key, withCallTimeout(signal));
      out.deleted.push(key);
    } catch (error) {
      if (signal.aborted) return;
      const e = toAppError(error);
      if (e.code === 'NoSuchKey') out.deleted.push(key);
      else out.failed.push({ key, error: e });
    }
  });
  return out;
}

/**
 * The unfinished uploads jobs can resume (running, queued, paused or failed with their saved
 * part tags): job id by fileKey.
 */
export function resumableByFileKey(leftovers: ReadonlyMap<string, UploadLeftover>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [jobId, leftover] of leftovers) if (leftover.kind === 'quicksync-upload') out.set(leftover.fileKey, jobId);
  return out;
}

/**
 * What a download request becomes: each selected fileKey a file named by its display name (a
 * name such as "photos/a.jpg" from a folder upload keeps its folder), inside the chosen folder or
 * reported unsafe with the reason. One listing answers for every selected file.
 */
async function* expandQuickSyncDownloads(
  session: QuickSyncSession,
  fileKeys: readonly string[],
  root: string,
  signal: AbortSignal,
): AsyncGenerator<DownloadItem> {
  let files;
  try {
    files = new Map((await listFiles(session, withCallTimeout(signal))).map((f) => [f.fileKey, f]));
  } catch (error) {
    if (signal.aborted) return;
    const reason = toAppError(error);
    for (const key of fileKeys) yield { kind: 'error', key, relative: key, error: reason };
    return;
  }
  for (const key of fileKeys) {
    if (signal.aborted) return;
    const info = files.get(key);
    if (!info) {
      yield { kind: 'error', key, relative: key, error: GONE };
      continue;
    }
    const relative = displayName(info, session.sessionId).name;
    if (!info.completed) {
      yield { kind: 'error', key, relative, error: NOT_FINISHED };
      continue;
    }
    const safe = safeLocalPath(root, relative);
    if (!safe.ok) yield { kind: 'unsafe', key, relative, reason: safe.reason };
    else yield { kind: 'file', key, relative, path: safe.path, size: info.originalSizeInBytes, etag: null };
  }
}
