/**
 * The main process's own words (application menu, folder dialog) in the UI language: the page
 * translates them from its one catalogue and sends them whenever its language is applied. Until
 * they arrive (and in a page that never sends them) the English defaults stand. Same sender
 * rules as every other IPC call.
 */
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { NATIVE_STRINGS_CHANNEL } from '../../shared/ipc';
import { nativeStringsSchema, type NativeStrings } from '../../shared/native-strings';
import { isTrustedSender } from './trusted-sender';

/** The English catalogue's words (renderer/src/i18n/locales/en/desktop.json; a test keeps them equal). */
export const DEFAULT_NATIVE_STRINGS: NativeStrings = {
  fileMenu: 'File',
  viewMenu: 'View',
  downloadFolderTitle: 'Download to',
  syncFolderTitle: 'Folder to sync',
};

export interface NativeStringsOptions {
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>;
  getContents: () => Pick<WebContents, 'id' | 'isDestroyed'> | null;
  isAppUrl: (url: string) => boolean;
  /** Told each valid set the page sends (the host relabels its menu). */
  onStrings: (strings: NativeStrings) => void;
}

/** Registers the listener; returns the undo. */
export function bindNativeStrings({ ipcMain, getContents, isAppUrl, onStrings }: NativeStringsOptions): () => void {
  const listener = (event: IpcMainEvent, strings: unknown): void => {
    if (!isTrustedSender(event, getContents(), isAppUrl)) return;
    const parsed = nativeStringsSchema.safeParse(strings);
    if (parsed.success) onStrings(parsed.data);
  };
  ipcMain.on(NATIVE_STRINGS_CHANNEL, listener);
  return () => void ipcMain.removeListener(NATIVE_STRINGS_CHANNEL, listener);
}
