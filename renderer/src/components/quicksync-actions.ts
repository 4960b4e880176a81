/** What the QuickSync toolbar, keyboard and rows act on, and the dialogs they open. */
import type { AppStore } from '../store';
import { actedOn } from '../view-model/selection';

/** The selection, else the focused file. */
export function targetKeys(store: AppStore): string[] {
  return actedOn(store.getState().quicksync);
}

/** The download dialog for these files, named as listed (their keys are not names). */
export function openDownload(store: AppStore, keys: string[]): void {
  if (keys.length === 0) return;
  const files = store.getState().quicksync.files;
  const names = keys.map((k) => files.find((f) => f.fileKey === k)?.name ?? k);
  store.getState().ui.openDialog({ kind: 'download', keys, names });
}

export function openDelete(store: AppStore, fileKeys: string[]): void {
  if (fileKeys.length > 0) store.getState().ui.openDialog({ kind: 'deleteFiles', fileKeys });
}
