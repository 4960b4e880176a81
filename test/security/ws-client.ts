/**
 * A WebSocket client of the browser host that behaves like the app's own page (our Host and
 * Origin, the token as a `Sec-WebSocket-Protocol` entry) and keeps every frame it receives,
 * so the secret sweep can read them afterwards.
 */
import { WebSocket, type RawData } from 'ws';
import type { EventMessage, ResultMessage } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { TOKEN_PROTOCOL_PREFIX } from '../../electron/web/request-guard';

export interface WsClientOptions {
  /** Overrides of the headers a page of ours would send (to play a foreign page). */
  origin?: string;
  token?: string;
}

export class WsClient {
  /** Every frame received, as text (binary frames decoded as UTF-8), in order. */
  readonly frames: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private nextId = 1;
  private readonly waiting = new Map<number, (result: Result<unknown>) => void>();
  private readonly events: EventMessage[] = [];
  private readonly eventWaiters = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
    );
    socket.on('message', (data: RawData) => this.receive(rawText(data)));
    socket.on('error', () => {}); // the close event reports what happened
  }

  static open(port: number, token: string, options: WsClientOptions = {}): Promise<WsClient> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api`, [TOKEN_PROTOCOL_PREFIX + (options.token ?? token)], {
      origin: options.origin ?? `http://127.0.0.1:${port}`,
      maxPayload: 64 * 1024 * 1024,
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new WsClient(socket)));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  invoke<T = unknown>(channel: string, request: unknown): Promise<Result<T>> {
    if (!this.isOpen) return Promise.reject(new Error(`the socket is closed; ${channel} was not sent`));
    const id = this.nextId++;
    const answer = new Promise<Result<T>>((resolve) => this.waiting.set(id, resolve as (r: Result<unknown>) => void));
    this.socket.send(JSON.stringify({ type: 'invoke', id, channel, request }));
    return answer;
  }

  /** Sends anything as it is (malformed messages, oversized frames). */
  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /**
   * One text message of `bytes` bytes, in fragments, the last byte alone: everything before it
   * has been read when it arrives, so a refusal closes cleanly (no reset with data unread).
   */
  async sendInFragments(bytes: number, fragmentBytes = 256 * 1024): Promise<void> {
    const write = (data: Buffer, fin: boolean): Promise<void> =>
      new Promise((resolve) => this.socket.send(data, { fin, binary: false }, () => resolve()));
    let sent = 0;
    while (sent < bytes - 1 && this.isOpen) {
      const size = Math.min(fragmentBytes, bytes - 1 - sent);
      await write(Buffer.alloc(size, 0x20), false);
      sent += size;
    }
    if (this.isOpen) await write(Buffer.from(' '), true);
  }

  /** Resolves with the first result of any id that satisfies the predicate (those of raw messages too). */
  async nextResultWhere(predicate: (message: ResultMessage) => boolean, timeoutMs = 10_000): Promise<ResultMessage> {
    const find = (): ResultMessage | undefined =>
      this.frames.map(parse).find((m): m is ResultMessage => m?.type === 'result' && predicate(m));
    return this.until(find, timeoutMs, 'a matching result');
  }

  /** Resolves once `count` results (of any id) satisfy the predicate. */
  async waitForResults(
    predicate: (message: ResultMessage) => boolean,
    count: number,
    timeoutMs = 10_000,
  ): Promise<void> {
    const enough = (): true | undefined =>
      this.frames.map(parse).filter((m) => m?.type === 'result' && predicate(m)).length >= count || undefined;
    await this.until(enough, timeoutMs, `${count} matching results`);
  }

  /** The first event (already received or still to come) that satisfies the predicate. */
  waitForEvent(predicate: (event: EventMessage) => boolean, timeoutMs = 60_000): Promise<EventMessage> {
    return this.until(() => this.events.find(predicate), timeoutMs, 'an event');
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1000);
    return this.closed;
  }

  private receive(text: string): void {
    this.frames.push(text);
    const message = parse(text);
    if (message?.type === 'result') {
      const resolve = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      resolve?.(message.result);
    } else if (message?.type === 'event') {
      this.events.push(message);
    }
    for (const wake of this.eventWaiters) wake();
  }

  private until<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = find();
        if (found === undefined) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.eventWaiters.delete(check);
      };
      this.eventWaiters.add(check);
      check();
    });
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function parse(text: string): ResultMessage | EventMessage | null {
  try {
    return JSON.parse(text) as ResultMessage | EventMessage;
  } catch {
    return null;
  }
}
