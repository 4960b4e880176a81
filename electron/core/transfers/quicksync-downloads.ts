/**
 * What a QuickSync download request becomes: each selected fileKey a file named by its display
 * name (a name such as "photos/a.jpg" from a folder upload keeps its folder), inside the chosen
 * folder or reported unsafe with the reason. One listing answers for every selected file.
 */
import type { AppError } from '../../../shared/errors';
import { toAppError } from '../errors';
import { listFiles, withCallTimeout, type QuickSyncSession } from '../quicksync/api';
import { displayName } from '../quicksync/files';
import type { DownloadItem } from './download-sources';
import { safeLocalPath } from './local-paths';

const NOT_FINISHED: AppError = {
  code: 'InvalidRequest',
  message: 'This upload is not finished, so there is nothing to download yet: resume it or delete it.',
};
const GONE: AppError = { code: 'NoSuchKey', message: 'The file does not exist (it may have been deleted).' };

export async function* expandQuickSyncDownloads(
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
