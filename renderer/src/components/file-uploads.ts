/**
 * From dropped or picked files to the transfers slice: paths when the host has them
 * (Electron), otherwise the browser's Files with their relative paths. Shared by the drop
 * zones and the toolbar's pickers.
 */
import { hostHasLocalPaths, localPathOf } from '../api';
import { formatCount, plural } from '../view-model/format';
import { pathsOf, type DropContent, type DroppedFile, type UnreadableEntry } from '../platform/dropped-files';
import type { AppStore, TransferDestination } from '../store';

/** "photos/2025/" in "my-bucket", for messages. */
export function describeDestination(target: TransferDestination): string {
  return `“${target.bucket}/${target.prefix}”`;
}

/** Files from <input type="file" multiple>: local paths in Electron, else the files by name. */
export function pickedFiles(files: readonly File[]): DropContent {
  if (hostHasLocalPaths()) return pathsOf(files, localPathOf);
  return { kind: 'files', files: files.map((file) => ({ file, relativePath: file.name })), unreadable: [] };
}

/**
 * Files from <input type="file" webkitdirectory>: each carries its path inside the picked
 * folder ("holiday/day 1/a.jpg"). In Electron the folder itself is uploaded by path, so the
 * core walks it (and sees files the browser skipped); its path is the first file's path minus
 * that relative part.
 */
export function pickedFolder(files: readonly File[]): DropContent {
  if (hostHasLocalPaths()) {
    const first = files[0];
    const firstPath = first === undefined ? null : localPathOf(first);
    const root = first === undefined || firstPath === null ? null : folderRoot(firstPath, first.webkitRelativePath);
    // No root found: the files one by one (flat, but complete).
    return root !== null ? { kind: 'paths', paths: [root], unreadable: [] } : pathsOf(files, localPathOf);
  }
  const picked: DroppedFile[] = files.map((file) => ({
    file,
    relativePath: file.webkitRelativePath !== '' ? file.webkitRelativePath : file.name,
  }));
  return { kind: 'files', files: picked, unreadable: [] };
}

/** "/home/me/holiday/day 1/a.jpg" with "holiday/day 1/a.jpg" → "/home/me/holiday" (either separator). */
export function folderRoot(filePath: string, relativePath: string): string | null {
  const segments = relativePath.split('/');
  const top = segments[0];
  if (top === undefined || top === '' || segments.length < 2) return null;
  const tail = filePath.slice(filePath.length - relativePath.length);
  if (tail.replace(/\\/g, '/') !== relativePath) return null;
  return filePath.slice(0, filePath.length - relativePath.length) + top;
}

/** Hands the content to the slice; returns a sentence for the live region. */
export async function uploadContent(
  store: AppStore,
  content: DropContent,
  target: TransferDestination,
): Promise<string> {
  const transfers = store.getState().transfers;
  const where = describeDestination(target);
  reportUnreadable(store, content.unreadable);
  if (content.kind === 'paths') {
    if (content.paths.length === 0) return 'Nothing to upload.';
    const result = await transfers.uploadPaths(content.paths, target);
    return result.ok ? `Uploading ${plural(content.paths.length, 'item')} to ${where}.` : 'The upload did not start.';
  }
  if (content.files.length === 0) {
    return content.unreadable.length > 0 ? 'Nothing could be read, so nothing was uploaded.' : 'Nothing to upload.';
  }
  const result = await transfers.uploadFiles(content.files, target);
  return result.ok ? `Uploading ${plural(content.files.length, 'file')} to ${where}.` : 'The upload did not start.';
}

const LISTED = 3;

function reportUnreadable(store: AppStore, unreadable: readonly UnreadableEntry[]): void {
  if (unreadable.length === 0) return;
  const names = unreadable.slice(0, LISTED).map((u) => `${u.path}: ${u.reason}`);
  if (unreadable.length > LISTED) names.push(`…and ${formatCount(unreadable.length - LISTED)} more`);
  store
    .getState()
    .ui.notify(
      'error',
      `${plural(unreadable.length, 'item')} could not be read and ${unreadable.length === 1 ? 'is' : 'are'} not uploaded.`,
      names.join(' · '),
    );
}
