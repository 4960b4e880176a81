/**
 * Dragging objects out of the window to the file manager: the page asks (fire-and-forget, it
 * is in the middle of a dragstart), the core downloads the objects into a private temp folder,
 * and the native drag starts with those files. Same sender rules as every other IPC call.
 */
import type { IpcMain, IpcMainEvent, NativeImage, WebContents } from 'electron';
import { z } from 'zod';
import { START_DRAG_CHANNEL } from '../../shared/ipc';
import { requestSchemas } from '../../shared/contract';
import { toAppError } from '../core/errors';
import { isTrustedSender } from './trusted-sender';

/** Each dragged object is downloaded before the drag starts: keep the batch small. */
export const MAX_DRAG_KEYS = 100;

/** The objects to drag; folders are not dragged out (their contents could be endless). */
export const dragOutRequestSchema = requestSchemas['objects:delete']
  .pick({ accountId: true, bucket: true, keys: true })
  .extend({
    keys: requestSchemas['objects:delete'].shape.keys
      .max(MAX_DRAG_KEYS)
      .refine((keys) => keys.every((k) => !k.endsWith('/')), 'folders cannot be dragged out'),
  });
export type DragOutRequest = z.infer<typeof dragOutRequestSchema>;

export interface DragOutCore {
  /** Downloads the objects into a fresh private folder and returns their local paths. */
  prepareDragOut(request: DragOutRequest): Promise<string[]>;
}

type Contents = Pick<WebContents, 'id' | 'isDestroyed'>;
type DragEvent = Pick<IpcMainEvent, 'senderFrame'> & { sender: Pick<WebContents, 'id' | 'isDestroyed' | 'startDrag'> };

export interface DragOutOptions {
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>;
  core: DragOutCore;
  getContents: () => Contents | null;
  isAppUrl: (url: string) => boolean;
  icon: () => NativeImage | string;
  /** Told why a drag could not start (the page cannot be: startDrag has no answer). */
  onError?: (message: string) => void;
}

/** Registers the listener; returns the undo. */
export function bindDragOut({ ipcMain, core, getContents, isAppUrl, icon, onError }: DragOutOptions): () => void {
  // One drag at a time: a second dragstart while the first is still downloading is dropped.
  let preparing = false;
  const listener = (event: DragEvent, request: unknown): void => {
    if (!isTrustedSender(event, getContents(), isAppUrl)) return;
    const parsed = dragOutRequestSchema.safeParse(request);
    if (!parsed.success || preparing) return;
    preparing = true;
    core
      .prepareDragOut(parsed.data)
      .then((files) => {
        const [file] = files;
        if (file === undefined || event.sender.isDestroyed()) return;
        event.sender.startDrag({ file, files, icon: icon() });
      })
      .catch((error: unknown) => onError?.(toAppError(error).message))
      .finally(() => {
        preparing = false;
      });
  };
  const on = listener as unknown as (event: IpcMainEvent, ...args: unknown[]) => void;
  ipcMain.on(START_DRAG_CHANNEL, on);
  return () => void ipcMain.removeListener(START_DRAG_CHANNEL, on);
}
