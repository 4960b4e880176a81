/**
 * The Electron transport of the contract: one invoke handler, one event channel. A request
 * counts only when it comes from our window's top frame showing our own page, and names local
 * files and folders only by the handles this host minted (see path-handles.ts).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { fail, type Result } from '../../shared/errors';
import { EVENT_CHANNEL, EVENT_NAMES, INVOKE_CHANNEL } from '../../shared/ipc';
import type { DownloadStarted } from '../../shared/transfers';
import type { Core } from '../core/create-core';
import { screenPageRequest } from '../core/untrusted-requests';
import type { PathHandles } from './path-handles';
import { isTrustedSender } from './trusted-sender';

export type IpcCore = Pick<Core, 'invoke' | 'onEvent'>;

type Contents = Pick<WebContents, 'id' | 'isDestroyed' | 'send'>;

export interface IpcBindingOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  core: IpcCore;
  /** The window's local path handles: the page names files and folders only by these. */
  handles: Pick<PathHandles, 'mint' | 'resolve'>;
  /** The app window's contents, or null while there is none. */
  getContents: () => Contents | null;
  isAppUrl: (url: string) => boolean;
}

export const FOREIGN_SENDER = fail('AccessDenied', 'This request did not come from the app window.');

/**
 * A started download with a handle for its folder (which came from the native dialog), so
 * the page can name that folder again in further calls of the batch.
 */
function withFolderHandle(result: Result<unknown>, handles: Pick<PathHandles, 'mint'>): Result<unknown> {
  if (!result.ok) return result;
  const value = result.value as DownloadStarted;
  if (value.kind !== 'started') return result;
  return { ok: true, value: { ...value, targetDirHandle: handles.mint(value.targetDir, 'download') } };
}

/** Registers the handler and the event forwarding; returns the undo. */
export function bindIpc({ ipcMain, core, handles, getContents, isAppUrl }: IpcBindingOptions): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, request: unknown) => {
    if (!isTrustedSender(event, getContents(), isAppUrl)) return FOREIGN_SENDER;
    if (typeof channel !== 'string') return fail('InvalidRequest', 'The channel must be a string.');
    const screened = screenPageRequest(channel, request, {
      kind: 'electron',
      resolve: (handle, use) => handles.resolve(handle, use),
    });
    if (!screened.ok) return { ok: false, error: screened.error };
    try {
      const result = await core.invoke(channel, screened.request);
      return channel === 'transfers:download' ? withFolderHandle(result, handles) : result;
    } catch {
      return fail('Unknown', 'The request failed unexpectedly.');
    }
  });
  const unsubscribers = EVENT_NAMES.map((event) =>
    core.onEvent(event, (payload) => {
      const contents = getContents();
      if (contents !== null && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, { event, payload });
    }),
  );
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    for (const off of unsubscribers) off();
  };
}
