/**
 * The `/api` WebSocket: InvokeMessage in, ResultMessage out, core events to every client.
 * Connections arrive here already authenticated (server.ts checks Host, Origin and token).
 * Each connection is bounded: messages no larger than the largest legal request, at most
 * MAX_IN_FLIGHT requests at once, and no reading while its replies wait unsent.
 */
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { EventMessage, InvokeMessage, ResultMessage } from '../../shared/contract';
import { fail, type Result } from '../../shared/errors';
import { EVENT_NAMES } from '../../shared/ipc';
import { MAX_REQUEST_JSON_BYTES } from '../../shared/request-limits';
import { screenPageRequest } from '../core/untrusted-requests';
import type { HostedCore } from './hosted-core';
import { tokenProtocol } from './request-guard';

/** The largest legal request (shared/request-limits.ts); one byte more closes with 1009. */
export const MAX_MESSAGE_BYTES = MAX_REQUEST_JSON_BYTES;
/** Requests one connection may have running; more are answered Throttled at once. */
export const MAX_IN_FLIGHT = 32;
/** Replies waiting to be sent above which the connection's requests are no longer read… */
export const PAUSE_ABOVE_BYTES = 1024 * 1024;
/** …until they are down to this. */
export const RESUME_BELOW_BYTES = 256 * 1024;
/** A client this far behind (events keep coming while it does not read) is dropped. */
export const DROP_ABOVE_BYTES = 64 * 1024 * 1024;

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
    let inFlight = 0;
    socket.on('message', (data, isBinary) => {
      if (inFlight >= MAX_IN_FLIGHT) {
        const parsed = parseInvoke(data, isBinary);
        send(socket, reply(parsed.ok ? parsed.message.id : parsed.id, fail('Throttled', TOO_MANY)));
        return;
      }
      inFlight++;
      void answer(core, data, isBinary).then(
        (text) => {
          inFlight--;
          send(socket, text);
        },
        () => inFlight--,
      );
    });
    socket.on('error', () => socket.terminate());
  });

  const unsubscribers = EVENT_NAMES.map((event) =>
    core.onEvent(event, (payload) => {
      const text = JSON.stringify({ type: 'event', event, payload } satisfies EventMessage);
      for (const client of wss.clients) send(client, text);
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

const TOO_MANY = `More than ${MAX_IN_FLIGHT} requests are running on this connection: wait for their answers, then send again.`;

/**
 * Sends unless the socket is gone; stops reading the client's requests while its replies pile
 * up unsent (it does not read them), and reads again once they have drained.
 */
function send(socket: WebSocket, text: string): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  if (socket.bufferedAmount > DROP_ABOVE_BYTES) {
    socket.terminate();
    return;
  }
  socket.send(text, () => {
    if (socket.isPaused && socket.bufferedAmount <= RESUME_BELOW_BYTES) socket.resume();
  });
  if (!socket.isPaused && socket.bufferedAmount > PAUSE_ABOVE_BYTES) socket.pause();
}

function reply(id: number, result: Result<unknown>): string {
  try {
    return JSON.stringify({ type: 'result', id, result } satisfies ResultMessage);
  } catch {
    return JSON.stringify({
      type: 'result',
      id,
      result: fail('Unknown', 'The answer could not be serialised.'),
    } satisfies ResultMessage);
  }
}

/** The reply to one message, as text. */
async function answer(core: HostedCore, data: RawData, isBinary: boolean): Promise<string> {
  const parsed = parseInvoke(data, isBinary);
  if (!parsed.ok) return reply(parsed.id, fail('InvalidRequest', parsed.reason));
  // The page names no file on this computer: its uploads stream through staging.
  const screened = screenPageRequest(parsed.message.channel, parsed.message.request, { kind: 'browser' });
  if (!screened.ok) return reply(parsed.message.id, { ok: false, error: screened.error });
  let result: Result<unknown>;
  try {
    result = await core.invoke(parsed.message.channel, screened.request);
  } catch {
    result = fail('Unknown', 'The request failed unexpectedly.');
  }
  return reply(parsed.message.id, result);
}
