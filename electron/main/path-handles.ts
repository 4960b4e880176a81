/**
 * Handles for local paths: the page of the Electron host never names a file or folder by its
 * path (a script in it could otherwise upload ~/.ssh or download into any folder). The main
 * process mints an unguessable handle for a path that came from a drop, a file picker or a
 * native dialog, and resolves it again when the page uses it. One registry per window.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { PATH_HANDLE_CHANNEL } from '../../shared/ipc';
import type { HandleUse } from '../core/untrusted-requests';
import { isTrustedSender } from './trusted-sender';

/** A drop of 100,000 files gets a handle each; beyond this the oldest are forgotten. */
export const MAX_HANDLES = 200_000;

export interface PathHandles {
  /** A handle for `localPath` and this use (the same one again for the same path and use). */
  mint(localPath: string, use: HandleUse): string;
  /** The path behind a handle minted for this use, or null. */
  resolve(handle: string, use: HandleUse): string | null;
  clear(): void;
  readonly size: number;
}

export function createPathHandles(max = MAX_HANDLES): PathHandles {
  const byHandle = new Map<string, { path: string; use: HandleUse }>();
  const byPath = new Map<string, string>();
  const pathKey = (localPath: string, use: HandleUse): string => `${use}\0${localPath}`;
  return {
    mint(localPath, use) {
      const known = byPath.get(pathKey(localPath, use));
      if (known !== undefined) return known;
      // 128 random bits: a page cannot guess another handle from the ones it holds.
      const handle = randomBytes(16).toString('hex');
      byHandle.set(handle, { path: localPath, use });
      byPath.set(pathKey(localPath, use), handle);
      while (byHandle.size > max) {
        const [oldest, entry] = byHandle.entries().next().value as [string, { path: string; use: HandleUse }];
        byHandle.delete(oldest);
        byPath.delete(pathKey(entry.path, entry.use));
      }
      return handle;
    },
    resolve(handle, use) {
      const entry = byHandle.get(handle);
      return entry !== undefined && entry.use === use ? entry.path : null;
    },
    clear() {
      byHandle.clear();
      byPath.clear();
    },
    get size() {
      return byHandle.size;
    },
  };
}

/**
 * The folder a picked folder's file lies in, from the file's path and its path inside the
 * picked folder ("/home/me/holiday/day 1/a.jpg", "holiday/day 1/a.jpg" → "/home/me/holiday"),
 * or null when they do not fit together.
 */
export function pickedFolderOf(filePath: string, relativePath: string): string | null {
  const segments = relativePath.split('/');
  const top = segments[0];
  if (top === undefined || top === '' || segments.length < 2) return null;
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  const tail = filePath.slice(filePath.length - relativePath.length);
  if (tail.replace(/\\/g, '/') !== relativePath) return null;
  return filePath.slice(0, filePath.length - relativePath.length) + top;
}

type Contents = Pick<WebContents, 'id' | 'isDestroyed'>;
type InvokeEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: Pick<WebContents, 'id'> };

export interface PathHandleBindingOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handles: PathHandles;
  getContents: () => Contents | null;
  isAppUrl: (url: string) => boolean;
}

/**
 * Mints upload handles for the preload, which asks only with the path Electron itself gives
 * for a real dropped or picked File (webUtils.getPathForFile), and, for a picked folder, that
 * File's own path inside it. The page cannot reach this channel: it has no ipcRenderer.
 */
export function bindPathHandles({ ipcMain, handles, getContents, isAppUrl }: PathHandleBindingOptions): () => void {
  ipcMain.handle(PATH_HANDLE_CHANNEL, (event: IpcMainInvokeEvent, filePath: unknown, folderOf: unknown) => {
    if (!isTrustedSender(event as InvokeEvent, getContents(), isAppUrl)) return null;
    if (typeof filePath !== 'string' || !path.isAbsolute(filePath) || filePath.includes('\0')) return null;
    if (folderOf === '' || folderOf === undefined) return handles.mint(filePath, 'upload');
    if (typeof folderOf !== 'string') return null;
    const folder = pickedFolderOf(filePath, folderOf);
    return folder === null ? null : handles.mint(folder, 'upload');
  });
  return () => ipcMain.removeHandler(PATH_HANDLE_CHANNEL);
}
