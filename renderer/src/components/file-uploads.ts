/**
 * From dropped or picked files to the transfers slice: the host's handles when it names local
 * files (Electron), otherwise the browser's Files with their relative paths. Shared by the drop
 * zones and the toolbar's pickers.
 */
import { hostHasLocalPaths, localHandleOf } from '../api';
import { i18n } from '../i18n';
import { handlesOf, type DropContent, type DroppedFile, type UnreadableEntry } from '../platform/dropped-files';
import type { AppStore, TransferDestination } from '../store';

/** "photos/2025/" in "my-bucket", for messages. */
export function describeDestination(target: TransferDestination): string {
  return i18n.t('transfers:upload.destination', { path: `${target.bucket}/${target.prefix}` });
}

/** Files from <input type="file" multiple>: handles in Electron, else the files by name. */
export async function pickedFiles(files: readonly File[]): Promise<DropContent> {
  if (hostHasLocalPaths()) return handlesOf(files, (file) => localHandleOf(file));
  return { kind: 'files', files: files.map((file) => ({ file, relativePath: file.name })), unreadable: [] };
}

/**
 * Files from <input type="file" webkitdirectory>: each carries its path inside the picked
 * folder ("holiday/day 1/a.jpg"). In Electron the folder itself is uploaded, by the handle the
 * host mints for the folder the first file lies in, so the core walks it (and sees files the
 * browser skipped).
 */
export async function pickedFolder(files: readonly File[]): Promise<DropContent> {
  if (hostHasLocalPaths()) {
    const first = files[0];
    const root = first === undefined ? null : await localHandleOf(first, true);
    // No folder found: the files one by one (flat, but complete).
    return root !== null
      ? { kind: 'handles', handles: [root], unreadable: [] }
      : handlesOf(files, (file) => localHandleOf(file));
  }
  const picked: DroppedFile[] = files.map((file) => ({
    file,
    relativePath: file.webkitRelativePath !== '' ? file.webkitRelativePath : file.name,
  }));
  return { kind: 'files', files: picked, unreadable: [] };
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
  if (content.kind === 'handles') {
    if (content.handles.length === 0) return i18n.t('transfers:upload.nothing');
    const result = await transfers.uploadLocal(content.handles, target);
    return result.ok
      ? i18n.t('transfers:upload.items', { count: content.handles.length, where })
      : i18n.t('transfers:upload.notStarted');
  }
  if (content.files.length === 0) {
    return i18n.t(content.unreadable.length > 0 ? 'transfers:upload.nothingRead' : 'transfers:upload.nothing');
  }
  const result = await transfers.uploadFiles(content.files, target);
  return result.ok
    ? i18n.t('transfers:upload.files', { count: content.files.length, where })
    : i18n.t('transfers:upload.notStarted');
}

const LISTED = 3;

function reportUnreadable(store: AppStore, unreadable: readonly UnreadableEntry[]): void {
  if (unreadable.length === 0) return;
  const names = unreadable.slice(0, LISTED).map((u) => `${u.path}: ${u.reason}`);
  if (unreadable.length > LISTED) names.push(i18n.t('common:andMore', { count: unreadable.length - LISTED }));
  store
    .getState()
    .ui.notify('error', i18n.t('transfers:upload.unreadable', { count: unreadable.length }), names.join(' · '));
}
