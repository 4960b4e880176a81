/**
 * The deletions of a run, which the page confirmed apart: objects through the provider (in
 * chunks, so progress shows and a cancel stops between them), local files only while they are
 * still what the comparison saw (a file changed since is left, and said) — to the system's trash
 * where the host has one, so a mistake can be undone.
 */
import type { SyncFailure } from '../../../shared/sync';
import { lstat, unlink } from 'node:fs/promises';
import { toAppError } from '../errors';
import { isWithin } from '../transfers/local-paths';
import type { ProviderTransfers } from '../transfers/provider-transfers';
import type { LocalFile, RemoteObject } from './types';

/** Keys per syncDelete call. */
export const DELETE_CHUNK = 1000;

export interface DeletionOutcome {
  /** Paths deleted. */
  deleted: string[];
  failed: SyncFailure[];
  /** Local files left because they changed since the comparison. */
  changed: string[];
}

const none = (): DeletionOutcome => ({ deleted: [], failed: [], changed: [] });

export async function deleteRemote(
  transfers: ProviderTransfers,
  bucket: string,
  objects: RemoteObject[],
  signal: AbortSignal,
  onDeleted: (count: number) => void,
): Promise<DeletionOutcome> {
  const out = none();
  const pathOf = new Map(objects.map((o) => [o.key, o.path]));
  for (let i = 0; i < objects.length && !signal.aborted; i += DELETE_CHUNK) {
    const keys = objects.slice(i, i + DELETE_CHUNK).map((o) => o.key);
    try {
      const { deleted, failed } = await transfers.syncDelete(bucket, keys, signal);
      for (const key of deleted) out.deleted.push(pathOf.get(key) ?? key);
      for (const { key, error } of failed) out.failed.push({ path: pathOf.get(key) ?? key, message: error.message });
    } catch (error) {
      if (signal.aborted) break;
      const { message } = toAppError(error);
      for (const key of keys) out.failed.push({ path: pathOf.get(key) ?? key, message });
    }
    onDeleted(out.deleted.length);
  }
  return out;
}

/** Moves a file to the system's trash: null once done, else the reason. */
export type Trash = (path: string) => Promise<string | null>;

export async function deleteLocal(
  folder: string,
  files: LocalFile[],
  signal: AbortSignal,
  onDeleted: (count: number) => void,
  trash: Trash | null = null,
): Promise<DeletionOutcome> {
  const out = none();
  for (const file of files) {
    if (signal.aborted) break;
    try {
      // Never outside the pair's folder, and never what changed since the person saw the plan.
      const now = isWithin(folder, file.absolute) ? await lstat(file.absolute) : null;
      if (!now?.isFile() || now.size !== file.size || now.mtimeMs !== file.mtimeMs) {
        out.changed.push(file.path);
        continue;
      }
      const problem = trash === null ? await unlink(file.absolute).then(() => null) : await trash(file.absolute);
      if (problem !== null) {
        out.failed.push({ path: file.path, message: problem });
        continue;
      }
      out.deleted.push(file.path);
      onDeleted(out.deleted.length);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') out.deleted.push(file.path);
      else out.failed.push({ path: file.path, message: toAppError(error).message });
    }
  }
  return out;
}
