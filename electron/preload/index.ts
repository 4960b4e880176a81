/**
 * The sandboxed preload: exposes exactly one AppApi as `window.qstorage`. The page gets
 * plain functions, never ipcRenderer, events objects or process.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { AppApi, EventMap, EventName } from '../../shared/contract';
import {
  CONTEXT_MENU_CHANNEL,
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  NATIVE_STRINGS_CHANNEL,
  PATH_HANDLE_CHANNEL,
  START_DRAG_CHANNEL,
} from '../../shared/ipc';

const api: AppApi = {
  invoke(channel, request) {
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, request);
  },
  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
    const handler = (_event: IpcRendererEvent, message: { event: EventName; payload: unknown }): void => {
      if (message.event === event) listener(message.payload as EventMap[E]);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  async handleForFile(file, options) {
    // Only real File objects have a path; webUtils throws for anything else the page passes in.
    // The main process mints the handle from that path alone: the page never names a path.
    let path: string;
    try {
      path = webUtils.getPathForFile(file as File);
    } catch {
      return null;
    }
    if (path === '') return null;
    const folderOf = options?.folder === true ? (file as File).webkitRelativePath : '';
    const handle: unknown = await ipcRenderer.invoke(PATH_HANDLE_CHANNEL, path, folderOf);
    return typeof handle === 'string' ? handle : null;
  },
  startDrag(request) {
    // Fire-and-forget: the main process validates it and starts the native drag when ready.
    ipcRenderer.send(START_DRAG_CHANNEL, request);
  },
  async showContextMenu(menu) {
    const chosen: unknown = await ipcRenderer.invoke(CONTEXT_MENU_CHANNEL, menu);
    return typeof chosen === 'string' ? chosen : null;
  },
  setNativeStrings(strings) {
    // Fire-and-forget: the main process validates them and relabels its menu and dialogs.
    ipcRenderer.send(NATIVE_STRINGS_CHANNEL, strings);
  },
};

contextBridge.exposeInMainWorld('qstorage', api);
