/**
 * The sandboxed preload: exposes exactly one AppApi as `window.qstorage`. The page gets
 * plain functions, never ipcRenderer, events objects or process.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { AppApi, EventMap, EventName } from '../../shared/contract';

// Same names as electron/main/ipc.ts (the preload may not import the main process).
const INVOKE_CHANNEL = 'qstorage:invoke';
const EVENT_CHANNEL = 'qstorage:event';
// Same name as electron/main/drag-out.ts.
const START_DRAG_CHANNEL = 'qstorage:start-drag';

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
  pathForFile(file) {
    // Only real File objects have a path; webUtils throws for anything else the page passes in.
    try {
      const path = webUtils.getPathForFile(file as File);
      return path === '' ? null : path;
    } catch {
      return null;
    }
  },
  startDrag(request) {
    // Fire-and-forget: the main process validates it and starts the native drag when ready.
    ipcRenderer.send(START_DRAG_CHANNEL, request);
  },
};

contextBridge.exposeInMainWorld('qstorage', api);
