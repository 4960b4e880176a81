/**
 * AppApi over the browser host's WebSocket (`/api`). The token rides in the
 * Sec-WebSocket-Protocol header (browsers cannot set other headers on a WebSocket).
 * Invokes sent on a socket that drops fail with NetworkError; the client reconnects with
 * backoff so events keep flowing, and reconnects at once when someone invokes.
 */
import type { AppApi, EventMap, EventMessage, EventName, InvokeMessage, ResultMessage } from '../../../shared/contract';
import { fail, type Result } from '../../../shared/errors';
import { utf8Length } from '../../../shared/keys';
import { MAX_REQUEST_JSON_BYTES } from '../../../shared/request-limits';
import { i18n } from '../i18n';

export const TOKEN_PROTOCOL_PREFIX = 'qstorage.token.';

/** The part of the DOM WebSocket this client uses, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  send(data: string): void;
  close(): void;
}
export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WsClientOptions {
  url: string;
  token: string | null;
  createSocket: SocketFactory;
  /** Timer seams (tests drive them by hand). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Backoff for attempt n (0-based); default 250 ms doubling to 5 s, with jitter. */
  backoffMs?: (attempt: number) => number;
}

export interface WsClient extends AppApi {
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

const OPEN = 1;

export const defaultBackoff = (attempt: number): number =>
  Math.min(5000, 250 * 2 ** attempt) * (0.8 + Math.random() * 0.4);

interface Pending {
  message: string;
  resolve: (result: Result<unknown>) => void;
  sent: boolean;
}

export function createWsClient(options: WsClientOptions): WsClient {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const backoff = options.backoffMs ?? defaultBackoff;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let socket: SocketLike | null = null;
  let state: ConnectionState = 'closed';
  let attempt = 0;
  let timer: unknown = null;
  let nextId = 1;
  let disposed = false;
  let everOpened = false;

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const l of [...stateListeners]) l(next);
  };

  const networkError = (message: string): Result<never> => ({ ok: false, error: { code: 'NetworkError', message } });

  function failAll(message: string): void {
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) p.resolve(networkError(message));
  }

  function connect(): void {
    if (disposed || socket !== null) return;
    if (timer !== null) {
      clearTimer(timer);
      timer = null;
    }
    if (options.token === null) {
      failAll(i18n.t('common:host.noToken'));
      return;
    }
    setState('connecting');
    const ws = options.createSocket(options.url, [TOKEN_PROTOCOL_PREFIX + options.token]);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      everOpened = true;
      setState('open');
      for (const p of pending.values()) {
        if (!p.sent) {
          ws.send(p.message);
          p.sent = true;
        }
      }
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data === 'string') receive(ev.data);
    };
    ws.onerror = () => {
      /* onclose follows and does the work */
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      setState('closed');
      failAll(everOpened ? i18n.t('common:host.lost') : i18n.t('common:host.unreachable'));
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (disposed || timer !== null) return;
    timer = setTimer(() => {
      timer = null;
      connect();
    }, backoff(attempt++));
  }

  function receive(text: string): void {
    let msg: ResultMessage | EventMessage;
    try {
      msg = JSON.parse(text) as ResultMessage | EventMessage;
    } catch {
      return;
    }
    if (msg.type === 'result') {
      const p = pending.get(msg.id);
      if (p === undefined) return;
      pending.delete(msg.id);
      p.resolve(msg.result);
    } else if (msg.type === 'event') {
      for (const l of [...(listeners.get(msg.event) ?? [])]) l(msg.payload as never);
    }
  }

  connect();

  return {
    invoke(channel, request) {
      return new Promise((resolve) => {
        if (disposed) {
          resolve(networkError(i18n.t('common:host.closed')));
          return;
        }
        const id = nextId++;
        const message = JSON.stringify({ type: 'invoke', id, channel, request } satisfies InvokeMessage);
        // The host would close the connection on a larger message (1009): refuse it here, saying why.
        if (message.length * 3 > MAX_REQUEST_JSON_BYTES && utf8Length(message) > MAX_REQUEST_JSON_BYTES) {
          resolve(fail('InvalidRequest', i18n.t('common:host.tooLarge')));
          return;
        }
        const entry: Pending = { message, resolve: resolve as Pending['resolve'], sent: false };
        pending.set(id, entry);
        if (socket !== null && socket.readyState === OPEN) {
          socket.send(message);
          entry.sent = true;
        } else {
          connect(); // no-op while connecting; otherwise skips the backoff wait
        }
      });
    },
    subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: never) => void;
      set.add(l);
      return () => void set.delete(l);
    },
    state: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
    close() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
      const ws = socket;
      socket = null;
      ws?.close();
      setState('closed');
      failAll(i18n.t('common:host.closed'));
    },
  };
}
