/**
 * QuickSync files as the app shows them: the display name (a QS Share name decrypted with the
 * session id when it decrypts, else as stored), and deleting many files with progress.
 */
import type { BatchSummary, ItemFailure } from '../../../../shared/models';
import type { QuickSyncFile } from '../../../../shared/quicksync';
import { CoreError, toAppError } from '../../errors';
import { forEachLimited } from '../../../../shared/concurrency';
import { type Operation } from '../../operations';
import { deleteFile, withCallTimeout, type QuickSyncSession, type UploadInfo } from './api';
import { decryptName } from './name-crypto';

const DELETE_CONCURRENCY = 4;

/** What to call a file: its decrypted name, its stored name, or (no name at all) its key. */
export function displayName(info: UploadInfo, sessionId: string): { name: string; nameWasEncrypted: boolean } {
  if (info.fileName === null || info.fileName === '') return { name: info.fileKey, nameWasEncrypted: false };
  const plain = decryptName(info.fileName, sessionId);
  return plain === null ? { name: info.fileName, nameWasEncrypted: false } : { name: plain, nameWasEncrypted: true };
}

export function toQuickSyncFile(info: UploadInfo, sessionId: string, resumableJobId: string | null): QuickSyncFile {
  return {
    fileKey: info.fileKey,
    ...displayName(info, sessionId),
    size: info.originalSizeInBytes,
    totalParts: info.totalParts,
    completed: info.completed,
    resumableJobId: info.completed ? null : resumableJobId,
  };
}

/** Sorted by display name, then key: a stable order for paging and for people. */
export function byName(a: QuickSyncFile, b: QuickSyncFile): number {
  return a.name.localeCompare(b.name) || a.fileKey.localeCompare(b.fileKey);
}

/** Deletes files a few at a time; one already gone counts as deleted. Reports each failure. */
export async function deleteFiles(session: QuickSyncSession, fileKeys: string[], op: Operation): Promise<BatchSummary> {
  const keys = [...new Set(fileKeys)];
  const failed: ItemFailure[] = [];
  let succeeded = 0;
  const report = (): void =>
    op.progress({ done: succeeded + failed.length, failed: failed.length, total: keys.length });
  report();
  await forEachLimited(keys, DELETE_CONCURRENCY, op.signal, async (fileKey) => {
    try {
      await deleteFile(session, fileKey, withCallTimeout(op.signal));
      succeeded++;
    } catch (error) {
      if (op.signal.aborted) return;
      const e = toAppError(error);
      if (e.code === 'NoSuchKey') succeeded++;
      else failed.push({ key: fileKey, code: e.code, message: e.message });
    }
    report();
  });
  if (op.signal.aborted) {
    throw new CoreError(
      'Cancelled',
      `Cancelled: ${succeeded} file${succeeded === 1 ? ' was' : 's were'} already deleted.`,
    );
  }
  return { succeeded, failed };
}
