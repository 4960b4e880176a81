/**
 * Where an opened or edited object's local copy lives: the edit cache, the one place inside the
 * app's data folder that the transfer queue writes objects to, named by the core alone (never
 * by the page). One folder per account, bucket and key (a hash of the key, so two keys never
 * share a copy), holding one file named after the key's last segment, made safe by the same
 * rules as every download (shared/local-names.ts, transfers/local-paths.ts).
 */
import { createHash } from 'node:crypto';
import { realpath, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { baseName, utf8Length } from '../../../shared/keys';
import { safeFileName } from '../../../shared/local-names';
import { CoreError } from '../errors';
import { isWithin, realPathToBe, safeLocalPath, type SafePathOptions } from '../transfers/local-paths';

export const EDIT_CACHE_DIR = 'edit-cache';

/** Room left in a 255-byte name for the download's temp-file decoration. */
const MAX_CACHE_NAME_BYTES = 200;

export interface CachedObject {
  accountId: string;
  bucket: string;
  key: string;
}

/** The key's last segment as a safe file name, shortened (extension kept) to fit any file system. */
export function cacheFileName(key: string): string {
  const name = safeFileName(baseName(key));
  if (utf8Length(name) <= MAX_CACHE_NAME_BYTES) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && utf8Length(name.slice(dot)) <= 16 ? name.slice(dot) : '';
  let stem = '';
  for (const ch of name.slice(0, name.length - ext.length)) {
    if (utf8Length(stem + ch + ext) > MAX_CACHE_NAME_BYTES) break;
    stem += ch;
  }
  // The cut may leave a trailing dot or space; the same rule cleans it.
  return safeFileName(stem + ext);
}

/** A folder name for one part of the cache's path: safe, short, distinct for distinct inputs. */
const folderName = (value: string): string => createHash('sha256').update(value).digest('hex').slice(0, 24);

/** The absolute path of the object's copy, always strictly inside `<dataDir>/edit-cache`. */
export function editCachePath(dataDir: string, object: CachedObject, options: SafePathOptions = {}): string {
  const relative = [
    folderName(object.accountId),
    folderName(object.bucket),
    folderName(object.key),
    cacheFileName(object.key),
  ].join('/');
  const safe = safeLocalPath(editCacheRoot(dataDir, options), relative, options);
  if (!safe.ok) throw new CoreError('InvalidKey', `This object cannot be opened here: ${safe.reason}.`);
  return safe.path;
}

export function editCacheRoot(dataDir: string, options: SafePathOptions = {}): string {
  const p = (options.platform ?? process.platform) === 'win32' ? path.win32 : path.posix;
  return p.join(dataDir, EDIT_CACHE_DIR);
}

/**
 * Deletes a copy in the edit cache and its key's folder once empty. Refuses (AccessDenied) a
 * path outside the cache, as given or after following symbolic links: nothing else is ever deleted.
 */
export async function removeCachedCopy(dataDir: string, file: string): Promise<void> {
  const root = editCacheRoot(dataDir);
  const inside = (r: string, f: string): boolean => isWithin(r, f) && path.resolve(r) !== path.resolve(f);
  if (!inside(root, file) || !inside(await realpath(root), await realPathToBe(file))) {
    throw new CoreError('AccessDenied', `${file} is not in the edit cache: it is not deleted.`);
  }
  await rm(file, { force: true });
  // The key's folder holds only this copy; anything else in it (an editor's lock file) keeps it.
  const folder = path.dirname(file);
  if (inside(root, folder)) await rmdir(folder).catch(() => {});
}
