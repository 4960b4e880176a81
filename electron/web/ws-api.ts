/**
 * The `/api` WebSocket: InvokeMessage in, ResultMessage out, core events to every client.
 * Connections arrive here already authenticated (server.ts checks Host, Origin and token).
 */
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { EventMessage, InvokeMessage, ResultMessage } from '../../shared/contract';
import { fail, type Result } from '../../shared/errors';
import { EVENT_NAMES, type HostedCore } from './hosted-core';
import { tokenProtocol } from './request-guard';

/** Generous for any request (100,000 keys to delete), small enough to refuse abuse. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** id used in answers to messages whose own id cannot be read. */
export const UNKNOWN_ID = -1;

type Parsed = { ok: true; message: InvokeMessage } | { ok: false; id: number; reason: string };

export function parseInvoke(data: RawData, isBinary: boolean): Parsed {
  if (isBinary) return { ok: false, id: UNKNOWN_ID, reason: 'Messages must be JSON text.' };
  let value: unknown;
  try {
    value = JSON.parse(rawToString(data));
  } catch {
    return { ok: false, id: UNKNOWN_ID, reason: 'The message is not valid JSON.' };
  }
  if (typeof value !== 'object' || value === null) {
    return { ok: false, id: UNKNOWN_ID, reason: 'The message must be a JSON object.' };
  }
  const msg = value as Record<string, unknown>;
  const id = typeof msg.id === 'number' && Number.isSafeInteger(msg.id) ? msg.id : null;
  if (msg.type !== 'invoke' || id === null || typeof msg.channel !== 'string') {
    return { ok: false, id: id ?? UNKNOWN_ID, reason: 'Expected {type:"invoke", id, channel, request}.' };
  }
  return { ok: true, message: { type: 'invoke', id, channel: msg.channel, request: msg.request } };
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

export interface WsApi {
  wss: WebSocketServer;
  close(): void;
}

export function createWsApi(core: HostedCore): WsApi {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    clientTracking: true,
    // Chromium requires the chosen protocol to be echoed; the token was checked before the upgrade.
    handleProtocols: (protocols) => tokenProtocol([...protocols].join(',')) ?? false,
  });

  wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      void answer(core, socket, data, isBinary);
    });
    socket.on('error', () => socket.terminate());
  });

  const unsubscribers = EVENT_NAMES.map((event) =>
    core.onEvent(event, (payload) => {
      const text = JSON.stringify({ type: 'event', event, payload } satisfies EventMessage);
      for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(text);
    }),
  );

  return {
    wss,
    close() {
      for (const off of unsubscribers) off();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

async function answer(core: HostedCore, socket: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
  const parsed = parseInvoke(data, isBinary);
  let id: number;
  let result: Result<unknown>;
  if (parsed.ok) {
    id = parsed.message.id;
    try {
      result = await core.invoke(parsed.message.channel, parsed.message.request);
    } catch {
      result = fail('Unknown', 'The request failed unexpectedly.');
    }
  } else {
    id = parsed.id;
    result = fail('InvalidRequest', parsed.reason);
  }
  if (socket.readyState !== WebSocket.OPEN) return;
  let text: string;
  try {
    text = JSON.stringify({ type: 'result', id, result } satisfies ResultMessage);
  } catch {
    text = JSON.stringify({
      type: 'result',
      id,
      result: fail('Unknown', 'The answer could not be serialised.'),
    } satisfies ResultMessage);
  }
  socket.send(text);
}
