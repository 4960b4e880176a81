/**
 * The Electron transport of the contract: one invoke handler, one event channel. A request
 * counts only when it comes from our window's top frame showing our own page.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { EventName } from '../../shared/contract';
import { fail } from '../../shared/errors';
import type { Core } from '../core/create-core';

/** Also spelled out in electron/preload/index.ts (the preload may not import main). */
export const INVOKE_CHANNEL = 'qstorage:invoke';
export const EVENT_CHANNEL = 'qstorage:event';

const EVENTS = { 'operations:progress': true, 'transfers:progress': true } as const satisfies Record<EventName, true>;
const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export type IpcCore = Pick<Core, 'invoke' | 'onEvent'>;

type Contents = Pick<WebContents, 'id' | 'isDestroyed' | 'send'>;
type InvokeEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: Pick<WebContents, 'id'> };

export interface IpcBindingOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  core: IpcCore;
  /** The app window's contents, or null while there is none. */
  getContents: () => Contents | null;
  isAppUrl: (url: string) => boolean;
}

export const FOREIGN_SENDER = fail('AccessDenied', 'This request did not come from the app window.');

/** Our window, its top frame, our page: anything else (iframes, other windows, navigated pages) is refused. */
export function isTrustedSender(
  event: InvokeEvent,
  contents: Pick<Contents, 'id' | 'isDestroyed'> | null,
  isAppUrl: (url: string) => boolean,
): boolean {
  const frame = event.senderFrame;
  if (contents === null || contents.isDestroyed()) return false;
  if (event.sender.id !== contents.id) return false;
  if (frame === null || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/** Registers the handler and the event forwarding; returns the undo. */
export function bindIpc({ ipcMain, core, getContents, isAppUrl }: IpcBindingOptions): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, request: unknown) => {
    if (!isTrustedSender(event, getContents(), isAppUrl)) return FOREIGN_SENDER;
    if (typeof channel !== 'string') return fail('InvalidRequest', 'The channel must be a string.');
    try {
      return await core.invoke(channel, request);
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
