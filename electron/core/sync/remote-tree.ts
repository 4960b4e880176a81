/**
 * The remote side of a sync: every file under the pair's prefix, by its path relative to it (a
 * QuickSync file by its display name). Folder markers are not files. A path that cannot be a
 * file name on this computer is a problem with the reason, never a file, so nothing is
 * downloaded to, or compared against, a place it does not name.
 */
import path from 'node:path';
import { CoreError } from '../errors';
import { safeLocalPath } from '../transfers/local-paths';
import type { ProviderTransfers } from '../transfers/provider-transfers';
import type { IgnoreMatcher } from './ignore-rules';
import type { RemoteObject, Tree } from './types';

export interface ListRemoteOptions {
  ignored: IgnoreMatcher;
  signal: AbortSignal;
  /** Objects listed so far, now and then. */
  onProgress?: (objects: number) => void;
}

const PROGRESS_EVERY = 1000;
/** Only the path's own rules matter here (safeLocalPath checks them against any folder alike). */
const ANY_FOLDER = path.resolve('/');

export async function listRemote(
  transfers: ProviderTransfers,
  bucket: string,
  prefix: string,
  options: ListRemoteOptions,
): Promise<Tree<RemoteObject>> {
  const { ignored, signal, onProgress } = options;
  const tree: Tree<RemoteObject> = { files: new Map(), ignored: 0, problems: [] };
  let listed = 0;
  try {
    for await (const item of await transfers.syncListing(bucket, prefix, signal)) {
      if (++listed % PROGRESS_EVERY === 0) onProgress?.(listed);
      if (item.key.endsWith('/') || !item.key.startsWith(prefix)) continue;
      const relative = item.name ?? item.key.slice(prefix.length);
      const safe = safeLocalPath(ANY_FOLDER, relative);
      if (!safe.ok) {
        tree.problems.push({
          path: relative,
          error: { code: 'InvalidKey', message: `This name cannot be a file here: ${safe.reason}.` },
        });
      } else if (ignored(relative, false)) {
        tree.ignored += 1;
      } else if (tree.files.has(relative)) {
        // QuickSync keeps files of the same name apart; the one listed first is compared.
        tree.problems.push({
          path: relative,
          error: { code: 'AlreadyExists', message: 'Another file has the same name: only one of them is synced.' },
        });
      } else {
        tree.files.set(relative, {
          path: relative,
          key: item.key,
          size: item.size,
          etag: item.etag,
          lastModifiedMs: item.lastModifiedMs,
        });
      }
    }
  } catch (error) {
    if (signal.aborted) throw new CoreError('Cancelled', 'The comparison was cancelled.');
    throw error;
  }
  onProgress?.(listed);
  return tree;
}
