/**
 * The one place that finds the host bridge. Electron's preload exposes `window.qstorage`;
 * in a browser tab we talk to the browser host over its WebSocket instead.
 */
import type { AppApi } from '../../../shared/contract';
import { takeAccessToken } from './token';
import { createWsClient, type ConnectionState } from './ws-client';

declare global {
  interface Window {
    qstorage?: AppApi;
  }
}

export interface HostConnection {
  api: AppApi;
  /** Connection state for a "reconnecting…" banner; always 'open' over Electron IPC. */
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
}

let connection: HostConnection | null = null;

export function getConnection(): HostConnection {
  connection ??= window.qstorage ? ipcConnection(window.qstorage) : webSocketConnection();
  return connection;
}

export function getApi(): AppApi {
  return getConnection().api;
}

function ipcConnection(api: AppApi): HostConnection {
  return { api, state: () => 'open', onState: () => () => undefined };
}

function webSocketConnection(): HostConnection {
  const token = takeAccessToken({ location: window.location, history: window.history, storage: window.sessionStorage });
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const client = createWsClient({
    url: `${scheme}://${window.location.host}/api`,
    token,
    createSocket: (url, protocols) => new WebSocket(url, protocols),
  });
  return { api: client, state: client.state, onState: client.onState };
}
