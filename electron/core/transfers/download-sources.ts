/**
 * What a download request becomes: selected objects stay as they are, folders (keys ending in
 * "/") are expanded by listing, a page at a time, into files and folder markers. Each gets its
 * local path inside the chosen folder, or is reported unsafe with the reason.
 */
import { baseName, isFolderKey } from '../../../shared/keys';
import { toAppError } from '../errors';
import { safeLocalPath } from './local-paths';
import type { DownloadItem } from './provider-transfers';

export interface ListedObject {
  key: string;
  size: number;
  etag: string | null;
}

/** Every object under the prefix, a listing page (up to 1,000) at a time. */
export type Lister = (prefix: string, signal: AbortSignal) => AsyncIterable<ListedObject[]>;

/** The path of a key relative to the download's base prefix (or to the selected folder's parent). */
export function relativeKey(key: string, basePrefix: string, selected: string): string {
  if (key.startsWith(basePrefix)) return key.slice(basePrefix.length);
  // A selection from elsewhere: keep the selected item's own name and what is below it.
  const top = isFolderKey(selected) ? `${baseName(selected)}/` : baseName(selected);
  return top + key.slice(selected.length);
}

function item(
  root: string,
  key: string,
  relative: string,
  size: number | null,
  etag: string | null,
): DownloadItem | null {
  if (relative === '') return null; // the base folder's own marker: the chosen folder itself
  const safe = safeLocalPath(root, relative);
  if (!safe.ok) return { kind: 'unsafe', key, relative, reason: safe.reason };
  if (isFolderKey(key)) return { kind: 'folder', key, relative, path: safe.path };
  return { kind: 'file', key, relative, path: safe.path, size, etag };
}

/** Expands the selection in order, streaming: a folder's listing errors are reported, not fatal. */
export async function* expandDownloads(
  keys: readonly string[],
  basePrefix: string,
  root: string,
  list: Lister,
  signal: AbortSignal,
): AsyncGenerator<DownloadItem> {
  for (const selected of keys) {
    if (signal.aborted) return;
    if (!isFolderKey(selected)) {
      const found = item(root, selected, relativeKey(selected, basePrefix, selected), null, null);
      if (found) yield found;
      continue;
    }
    try {
      for await (const page of list(selected, signal)) {
        for (const o of page) {
          const found = item(root, o.key, relativeKey(o.key, basePrefix, selected), o.size, o.etag);
          if (found) yield found;
        }
        if (signal.aborted) return;
      }
    } catch (error) {
      if (signal.aborted) return;
      yield {
        kind: 'error',
        key: selected,
        relative: relativeKey(selected, basePrefix, selected),
        error: toAppError(error),
      };
    }
  }
}
