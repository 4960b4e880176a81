/**
 * The sandboxed preload: exposes exactly one AppApi as `window.qstorage`. The page gets
 * two functions, never ipcRenderer, events objects or process.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppApi, EventMap, EventName } from '../../shared/contract';

// Same names as electron/main/ipc.ts (the preload may not import the main process).
const INVOKE_CHANNEL = 'qstorage:invoke';
const EVENT_CHANNEL = 'qstorage:event';

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
};

contextBridge.exposeInMainWorld('qstorage', api);
