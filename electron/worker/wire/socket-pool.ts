/**
 * Keep-alive sockets per origin for the wire GETs. Each socket reads into one buffer of its own
 * (`onread`): no Buffer per read, so none of the garbage a stream makes every 64 KiB. Timeouts
 * match the SDK clients' (providers/s3/client.ts): connect 10 s, idle 60 s.
 */
import net from 'node:net';
import tls from 'node:tls';
import {
  CONNECT_TIMEOUT_MS,
  MAX_SOCKETS,
  SOCKET_IDLE_TIMEOUT_MS as IDLE_TIMEOUT_MS,
} from '../../core/providers/s3/client';

/** Per socket; larger reads mean fewer callbacks, but every open socket holds one. */
const READ_BUFFER_BYTES = 256 * 1024;
/** As many as a worker may have in flight at once (64 tiny jobs), like the SDK's and the PUTs' agents. */
const MAX_IDLE_PER_ORIGIN = MAX_SOCKETS;

export interface ConnectionHandlers {
  /** One read: a view into the socket's buffer, valid only during the call. false pauses the socket. */
  data(bytes: Buffer): boolean;
  /** The socket ended, failed or closed (null: no error, the peer just went away). */
  gone(error: Error | null): void;
}

const timeoutError = (message: string): Error => Object.assign(new Error(message), { code: 'ETIMEDOUT' });

export class Connection {
  readonly socket: net.Socket;
  /** Has served a response: the server may have closed it since, unseen yet. */
  reused = false;
  private handlers: ConnectionHandlers | null = null;

  constructor(
    readonly origin: string,
    url: URL,
  ) {
    const buffer = Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);
    const onread = {
      buffer,
      callback: (n: number): boolean => {
        if (this.handlers) return this.handlers.data(buffer.subarray(0, n));
        this.socket.destroy(); // bytes nobody asked for: the connection cannot be trusted
        return false;
      },
    };
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    this.socket =
      url.protocol === 'https:'
        ? tls.connect({
            host,
            port,
            servername: net.isIP(host) ? undefined : host,
            ALPNProtocols: ['http/1.1'],
            onread,
          } as tls.ConnectionOptions & net.ConnectOpts)
        : net.connect({ host, port, onread });
    this.socket.setNoDelay(true);
    this.socket.setTimeout(IDLE_TIMEOUT_MS, () =>
      this.socket.destroy(timeoutError('The connection was idle for too long.')),
    );
    this.socket.on('end', () => this.goneWith(null));
    this.socket.on('error', (error) => this.goneWith(error));
    this.socket.on('close', () => {
      this.goneWith(null);
      forget(this);
    });
  }

  get alive(): boolean {
    return !this.socket.destroyed && this.socket.writable;
  }

  attach(handlers: ConnectionHandlers | null): void {
    this.handlers = handlers;
  }

  private goneWith(error: Error | null): void {
    const handlers = this.handlers;
    this.handlers = null;
    this.socket.destroy();
    handlers?.gone(error);
  }

  /** Resolves once connected (TLS: once the handshake is done). */
  ready(signal: AbortSignal): Promise<this> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => this.socket.destroy(timeoutError('The connection could not be made in time.')),
        CONNECT_TIMEOUT_MS,
      );
      const onAbort = (): void => {
        this.socket.destroy();
        reject(signal.reason as Error);
      };
      this.attach({
        data: () => false,
        gone: (error) => {
          done();
          reject(error ?? Object.assign(new Error('The connection closed while opening.'), { code: 'ECONNRESET' }));
        },
      });
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.attach(null);
      };
      this.socket.once(this.socket instanceof tls.TLSSocket ? 'secureConnect' : 'connect', () => {
        done();
        resolve(this);
      });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

const idle = new Map<string, Connection[]>();

/** An idle keep-alive connection to the URL's origin, or a new one. */
export async function acquire(url: URL, signal: AbortSignal): Promise<Connection> {
  const list = idle.get(url.origin);
  for (let conn = list?.pop(); conn; conn = list?.pop()) if (conn.alive) return conn;
  return new Connection(url.origin, url).ready(signal);
}

/** Back to the idle set after a complete response; destroyed when the set is full. */
export function release(conn: Connection): void {
  conn.attach(null);
  conn.reused = true;
  // A response may end while the socket is paused; idle, it must still notice the server closing.
  conn.socket.resume();
  const list = idle.get(conn.origin) ?? [];
  if (!conn.alive || list.length >= MAX_IDLE_PER_ORIGIN) {
    conn.socket.destroy();
    return;
  }
  list.push(conn);
  idle.set(conn.origin, list);
}

function forget(conn: Connection): void {
  const list = idle.get(conn.origin);
  const at = list?.indexOf(conn) ?? -1;
  if (at >= 0) list!.splice(at, 1);
}
