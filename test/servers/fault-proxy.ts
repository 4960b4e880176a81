/**
 * A fault-injecting TCP proxy for HTTP/1.1 on 127.0.0.1, put in front of the S3 test server.
 *
 * It parses request heads (client → server) and response heads and framing (server → client)
 * so it can act per request — keep-alive and several requests per connection included:
 *   pass      forward both ways;
 *   reset     forward the head and part of the body, then destroy both sockets (RST to the client);
 *   stall     forward the head and part of the body, then nothing more until the client gives up;
 *   slowDown  never reach the server: drain the request body, answer `503 SlowDown` (S3 XML)
 *             with `Connection: close`.
 * "Part of the body" is the request body when there is one (uploads), else the response body
 * (downloads). Every request is counted (method, path, query, body bytes forwarded to the
 * server, action, outcome, status) so tests can prove what was and was not sent.
 *
 * Pipelining is handled conservatively: a request that arrives while an earlier response on
 * its connection is still pending is always passed. Chunked request bodies switch the
 * connection to a plain tunnel (no more per-request faults on it); the SDK sends Content-Length.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';

export type FaultAction = 'pass' | 'reset' | 'stall' | 'slowDown';

export interface RequestHead {
  method: string;
  /** The path without the query, as sent (percent-encoded). */
  path: string;
  /** Query parameters, decoded (e.g. partNumber, uploadId). */
  query: Record<string, string>;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** From Content-Length; null for a chunked body. */
  contentLength: number | null;
}

export type RequestOutcome =
  /** Waiting for (the rest of) its response. */
  | 'pending'
  /** The whole response reached the client. */
  | 'completed'
  | 'reset'
  | 'stalled'
  /** Answered 503 SlowDown by the proxy. */
  | 'slowDown'
  /** A socket closed before the response was complete (not the proxy's doing). */
  | 'aborted';

export interface ProxiedRequest extends RequestHead {
  /** 1-based, in arrival order over all connections. */
  id: number;
  connectionId: number;
  action: FaultAction;
  /** Arrived while an earlier response on its connection was pending (always passed). */
  pipelined: boolean;
  /** Bytes of this request's body that reached the server. */
  bodyBytesForwarded: number;
  /** Body bytes of the response forwarded to the client. */
  responseBytesForwarded: number;
  /** The final status the client was sent (by the server or the proxy); null if none. */
  status: number | null;
  outcome: RequestOutcome;
}

export interface FaultRules {
  /** Only requests for which this holds are counted for the rules below and may get a fault. */
  only?: (req: RequestHead) => boolean;
  /** Every n-th eligible request (1-based) is reset / stalled / answered SlowDown; reset wins over stall over slowDown. */
  resetEvery?: number;
  stallEvery?: number;
  slowDownEvery?: number;
  /** Shares of eligible requests drawn from a PRNG seeded with `seed` (default 1): e.g. { reset: 0.1 }. */
  shares?: { reset?: number; stall?: number; slowDown?: number };
  seed?: number;
  /** Decides first (its answer is final); `undefined` falls through to the rules above. `index` is the 1-based eligible count. */
  decide?: (req: RequestHead, index: number) => FaultAction | undefined;
  /** Share of the body forwarded before a reset or stall takes effect (default 0.5). */
  cutFraction?: number;
  /** No more faults once this many were injected, so a run always converges. */
  maxFaults?: number;
}

export interface ProxyStats {
  /** Every request seen, in arrival order; records are updated in place. */
  readonly requests: readonly ProxiedRequest[];
  readonly connections: number;
  readonly faults: number;
}

export interface FaultProxy {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  stats: ProxyStats;
  /** Replaces the rules; counting (every-n, PRNG) starts again. */
  setRules(rules: FaultRules): void;
  /** Resolves once `predicate(stats)` holds (checked now and on every request event); rejects after timeoutMs. */
  waitFor(predicate: (stats: ProxyStats) => boolean, timeoutMs: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

const MAX_HEAD_BYTES = 64 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The per-request decision of a rule set: pure apart from its own counters, so it is deterministic. */
export function faultPlan(rules: FaultRules): (req: RequestHead) => FaultAction {
  const random = seededRandom(rules.seed ?? 1);
  let index = 0;
  let faults = 0;
  const every = (n: number | undefined, i: number): boolean => n !== undefined && n > 0 && i % n === 0;
  return (req) => {
    if (rules.only && !rules.only(req)) return 'pass';
    index += 1;
    // Draw for every eligible request so a fault cap does not shift the sequence.
    const draw = random();
    if (rules.maxFaults !== undefined && faults >= rules.maxFaults) return 'pass';
    const decided = rules.decide?.(req, index);
    let action: FaultAction = decided ?? 'pass';
    if (decided === undefined) {
      if (every(rules.resetEvery, index)) action = 'reset';
      else if (every(rules.stallEvery, index)) action = 'stall';
      else if (every(rules.slowDownEvery, index)) action = 'slowDown';
    }
    if (decided === undefined && action === 'pass' && rules.shares) {
      const { reset = 0, stall = 0, slowDown = 0 } = rules.shares;
      if (draw < reset) action = 'reset';
      else if (draw < reset + stall) action = 'stall';
      else if (draw < reset + stall + slowDown) action = 'slowDown';
    }
    if (action !== 'pass') faults += 1;
    return action;
  };
}

export function parseRequestHead(head: string): RequestHead | null {
  const lines = head.split('\r\n');
  const match = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(lines[0] ?? '');
  if (!match) return null;
  const target = match[2]!;
  const q = target.indexOf('?');
  const query: Record<string, string> = {};
  if (q >= 0) for (const [k, v] of new URLSearchParams(target.slice(q + 1))) query[k] = v;
  const headers = parseHeaders(lines.slice(1));
  const length = headers['content-length'];
  const chunked = /chunked/i.test(headers['transfer-encoding'] ?? '');
  return {
    method: match[1]!,
    path: q >= 0 ? target.slice(0, q) : target,
    query,
    headers,
    contentLength: chunked ? null : length === undefined ? 0 : Number(length),
  };
}

function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return headers;
}

export function slowDownResponse(requestId: string, withBody: boolean): Buffer {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>${requestId}</RequestId></Error>`;
  const head =
    'HTTP/1.1 503 Slow Down\r\n' +
    'Content-Type: application/xml\r\n' +
    `Content-Length: ${withBody ? Buffer.byteLength(body) : 0}\r\n` +
    `x-amz-request-id: ${requestId}\r\n` +
    'Connection: close\r\n\r\n';
  return Buffer.from(withBody ? head + body : head);
}

export async function startFaultProxy(options: {
  target: { host: string; port: number };
  rules?: FaultRules;
}): Promise<FaultProxy> {
  const requests: ProxiedRequest[] = [];
  const counters = { connections: 0, faults: 0 };
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  let rules: FaultRules = options.rules ?? {};
  let plan = faultPlan(rules);
  const sockets = new Set<net.Socket>();

  const stats: ProxyStats = {
    requests,
    get connections() {
      return counters.connections;
    },
    get faults() {
      return counters.faults;
    },
  };
  const changed = (): void => {
    changes.emit('change');
  };

  // Half-open sockets stay open: a client's FIN must not cut off responses still on their way.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    counters.connections += 1;
    const conn = new ProxyConnection(client, counters.connections, {
      target: options.target,
      track: (socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      },
      record(head, pipelined) {
        const action = pipelined ? 'pass' : plan(head);
        if (action !== 'pass') counters.faults += 1;
        const req: ProxiedRequest = {
          ...head,
          id: requests.length + 1,
          connectionId: conn.id,
          action,
          pipelined,
          bodyBytesForwarded: 0,
          responseBytesForwarded: 0,
          status: null,
          outcome: 'pending',
        };
        requests.push(req);
        changed();
        return req;
      },
      cutFraction: () => rules.cutFraction ?? 0.5,
      changed,
    });
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    setRules(next) {
      rules = next;
      plan = faultPlan(next);
    },
    waitFor(predicate, timeoutMs, what = 'the proxy condition') {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          let ok: boolean;
          try {
            ok = predicate(stats);
          } catch (err) {
            done();
            reject(err as Error);
            return;
          }
          if (ok) {
            done();
            resolve();
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (${requests.length} requests seen)`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          changes.off('change', check);
        };
        changes.on('change', check);
        check();
      });
    },
    close() {
      for (const socket of sockets) socket.destroy();
      changes.removeAllListeners();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface ConnectionDeps {
  target: { host: string; port: number };
  track(socket: net.Socket): void;
  record(head: RequestHead, pipelined: boolean): ProxiedRequest;
  cutFraction(): number;
  changed(): void;
}

type RequestState =
  | { kind: 'head' }
  /** Forwarding a Content-Length body; `cutAt` is where a reset/stall takes effect. */
  | { kind: 'body'; req: ProxiedRequest; remaining: number; cutAt: number | null }
  /** Reading the body of a request the proxy answers itself. */
  | { kind: 'drain'; req: ProxiedRequest; remaining: number }
  /** A chunked request body: everything goes through unparsed from here on. */
  | { kind: 'tunnel'; req: ProxiedRequest }
  /** Stalled or answered: client bytes are dropped. */
  | { kind: 'discard' };

type ResponseState =
  | { kind: 'head' }
  | { kind: 'length'; req: ProxiedRequest; remaining: number; cutAt: number | null }
  | { kind: 'chunked'; req: ProxiedRequest; phase: 'size' | 'data' | 'data-end' | 'trailer'; remaining: number }
  | { kind: 'until-close'; req: ProxiedRequest | null };

/** One client connection, its upstream socket, and the two parsers between them. */
class ProxyConnection {
  private upstream: net.Socket | null = null;
  private reqState: RequestState = { kind: 'head' };
  private resState: ResponseState = { kind: 'head' };
  private reqHead = Buffer.alloc(0);
  private resHead = Buffer.alloc(0);
  /** Requests forwarded whose response has not finished, oldest first. */
  private readonly awaiting: ProxiedRequest[] = [];
  /** Requests whose fault applies to the response body (they had no request body). */
  private readonly cutResponse = new Set<ProxiedRequest>();
  /** Stalled (or answered by the proxy): upstream bytes and events no longer matter. */
  private frozen = false;
  /** The proxy answered SlowDown and half-closed; the client's FIN completes the close. */
  private answered = false;
  private closed = false;

  constructor(
    private readonly client: net.Socket,
    readonly id: number,
    private readonly deps: ConnectionDeps,
  ) {
    client.on('data', (chunk: Buffer) => this.fromClient(chunk));
    client.on('end', () => {
      if (this.answered) return;
      if (this.frozen)
        this.close(); // the client gave up on a stall
      else if (this.upstream) this.upstream.end();
      else client.end();
    });
    client.on('error', () => this.close());
    client.on('close', () => this.close());
  }

  private server(): net.Socket {
    if (this.upstream) return this.upstream;
    const socket = net.connect({ port: this.deps.target.port, host: this.deps.target.host, allowHalfOpen: true });
    this.deps.track(socket);
    socket.on('data', (chunk: Buffer) => this.fromServer(chunk));
    socket.on('drain', () => this.client.resume());
    this.client.on('drain', () => socket.resume());
    let ended = false;
    socket.on('end', () => {
      if (this.frozen) return;
      ended = true;
      if (this.resState.kind === 'until-close' && this.resState.req) this.finish(this.resState.req);
      this.client.end(); // graceful: what is buffered for the client still arrives
    });
    socket.on('close', (hadError) => {
      if (!this.frozen && (hadError || !ended)) this.close();
    });
    socket.on('error', () => {});
    this.upstream = socket;
    return socket;
  }

  private toServer(bytes: Buffer): void {
    if (bytes.length > 0 && !this.server().write(bytes)) this.client.pause();
  }

  private toClient(bytes: Buffer): void {
    if (bytes.length > 0 && !this.client.write(bytes)) this.upstream?.pause();
  }

  // ── client → server ─────────────────────────────────────────────────────────

  private fromClient(chunk: Buffer): void {
    let rest = chunk;
    while (rest.length > 0 && !this.closed) {
      const state = this.reqState;
      switch (state.kind) {
        case 'discard':
          return;
        case 'tunnel':
          state.req.bodyBytesForwarded += rest.length;
          this.toServer(rest);
          return;
        case 'head':
          rest = this.readRequestHead(rest);
          break;
        case 'drain': {
          const n = Math.min(state.remaining, rest.length);
          state.remaining -= n;
          rest = rest.subarray(n);
          if (state.remaining === 0) this.answerSlowDown(state.req);
          break;
        }
        case 'body': {
          let n = Math.min(state.remaining, rest.length);
          if (state.cutAt !== null) n = Math.min(n, state.cutAt - state.req.bodyBytesForwarded);
          this.toServer(rest.subarray(0, n));
          state.req.bodyBytesForwarded += n;
          state.remaining -= n;
          rest = rest.subarray(n);
          if (state.cutAt !== null && state.req.bodyBytesForwarded >= state.cutAt) {
            this.fault(state.req);
            return;
          }
          if (state.remaining === 0) this.reqState = { kind: 'head' };
          break;
        }
      }
    }
  }

  /** Consumes head bytes; returns what follows the head (or nothing while incomplete). */
  private readRequestHead(chunk: Buffer): Buffer {
    this.reqHead = Buffer.concat([this.reqHead, chunk]);
    const end = this.reqHead.indexOf(HEAD_END);
    if (end < 0) {
      if (this.reqHead.length > MAX_HEAD_BYTES) this.close();
      return Buffer.alloc(0);
    }
    const headBytes = this.reqHead.subarray(0, end + HEAD_END.length);
    const rest = this.reqHead.subarray(end + HEAD_END.length);
    this.reqHead = Buffer.alloc(0);
    const head = parseRequestHead(headBytes.subarray(0, end).toString('latin1'));
    if (!head) {
      this.close();
      return Buffer.alloc(0);
    }
    const req = this.deps.record(head, this.awaiting.length > 0);
    if (req.action === 'slowDown') {
      // With Expect: 100-continue the client waits for us: answer at once, no body will come.
      const expectsContinue = /100-continue/i.test(head.headers['expect'] ?? '');
      this.reqState = { kind: 'drain', req, remaining: expectsContinue ? 0 : (head.contentLength ?? 0) };
      if (this.reqState.remaining === 0) this.answerSlowDown(req);
      return rest;
    }
    this.awaiting.push(req);
    this.toServer(headBytes);
    if (head.contentLength === null) {
      this.reqState = { kind: 'tunnel', req };
      return rest;
    }
    const faulty = req.action === 'reset' || req.action === 'stall';
    if (faulty && head.contentLength === 0) this.cutResponse.add(req);
    const cutAt = faulty && head.contentLength > 0 ? this.cutPoint(head.contentLength) : null;
    this.reqState =
      head.contentLength > 0 ? { kind: 'body', req, remaining: head.contentLength, cutAt } : { kind: 'head' };
    return rest;
  }

  private cutPoint(length: number): number {
    return Math.max(0, Math.min(length - 1, Math.floor(length * this.deps.cutFraction())));
  }

  private answerSlowDown(req: ProxiedRequest): void {
    req.status = 503;
    req.outcome = 'slowDown';
    this.reqState = { kind: 'discard' };
    this.frozen = true; // the upstream socket (if any) is no longer this client's business
    this.answered = true;
    // Half-close after the answer and keep reading (discarding), so the client gets the
    // response rather than an RST for unread bytes.
    this.client.end(slowDownResponse(`fault-proxy-${req.id}`, req.method !== 'HEAD'));
    this.upstream?.destroy();
    this.deps.changed();
  }

  /** Applies a reset or stall to `req` now. */
  private fault(req: ProxiedRequest): void {
    if (req.action === 'reset') {
      req.outcome = 'reset';
      this.deps.changed();
      this.client.resetAndDestroy();
      this.close();
      return;
    }
    req.outcome = 'stalled';
    this.frozen = true;
    this.reqState = { kind: 'discard' };
    this.deps.changed();
    // Nothing more either way; the client keeps its socket until it gives up.
    this.upstream?.pause();
    this.client.resume();
  }

  // ── server → client ─────────────────────────────────────────────────────────

  private fromServer(chunk: Buffer): void {
    let rest = chunk;
    while (rest.length > 0 && !this.closed && !this.frozen) {
      const state = this.resState;
      switch (state.kind) {
        case 'head':
          rest = this.readResponseHead(rest);
          break;
        case 'until-close':
          if (state.req) state.req.responseBytesForwarded += rest.length;
          this.toClient(rest);
          return;
        case 'length': {
          let n = Math.min(state.remaining, rest.length);
          if (state.cutAt !== null) n = Math.min(n, state.cutAt - state.req.responseBytesForwarded);
          this.toClient(rest.subarray(0, n));
          state.req.responseBytesForwarded += n;
          state.remaining -= n;
          rest = rest.subarray(n);
          if (state.cutAt !== null && state.req.responseBytesForwarded >= state.cutAt) {
            this.fault(state.req);
            return;
          }
          if (state.remaining === 0) this.finish(state.req);
          break;
        }
        case 'chunked':
          rest = this.readChunked(state, rest);
          break;
      }
    }
  }

  private readResponseHead(chunk: Buffer): Buffer {
    this.resHead = Buffer.concat([this.resHead, chunk]);
    const end = this.resHead.indexOf(HEAD_END);
    if (end < 0) {
      if (this.resHead.length > MAX_HEAD_BYTES) this.close();
      return Buffer.alloc(0);
    }
    const headBytes = this.resHead.subarray(0, end + HEAD_END.length);
    const rest = this.resHead.subarray(end + HEAD_END.length);
    this.resHead = Buffer.alloc(0);
    const lines = headBytes.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? NaN);
    const req = this.awaiting[0];
    if (!req || Number.isNaN(status)) {
      // Not a response we can pair with a request: pass everything through from here on.
      this.toClient(headBytes);
      this.resState = { kind: 'until-close', req: null };
      return rest;
    }
    if (status >= 100 && status < 200 && status !== 101) {
      this.toClient(headBytes); // 100 Continue and friends: the final response follows
      return rest;
    }
    req.status = status;
    const headers = parseHeaders(lines.slice(1));
    const noBody = req.method === 'HEAD' || status === 204 || status === 304;
    const cut = this.cutResponse.has(req);
    if (noBody) {
      if (cut) {
        this.fault(req);
        return Buffer.alloc(0);
      }
      this.toClient(headBytes);
      this.finish(req);
      return rest;
    }
    if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      if (cut) {
        this.fault(req);
        return Buffer.alloc(0);
      }
      this.toClient(headBytes);
      this.resState = { kind: 'chunked', req, phase: 'size', remaining: 0 };
      return rest;
    }
    const length = headers['content-length'];
    if (length === undefined) {
      this.toClient(headBytes);
      this.resState = { kind: 'until-close', req };
      return rest;
    }
    const total = Number(length);
    if (cut && total === 0) {
      this.fault(req);
      return Buffer.alloc(0);
    }
    this.toClient(headBytes);
    if (total === 0) {
      this.finish(req);
      return rest;
    }
    this.resState = { kind: 'length', req, remaining: total, cutAt: cut ? this.cutPoint(total) : null };
    return rest;
  }

  /** Forwards chunked framing as it is, tracking where the response ends. */
  private readChunked(state: Extract<ResponseState, { kind: 'chunked' }>, chunk: Buffer): Buffer {
    if (state.phase === 'data') {
      const n = Math.min(state.remaining, chunk.length);
      this.toClient(chunk.subarray(0, n));
      state.req.responseBytesForwarded += n;
      state.remaining -= n;
      if (state.remaining === 0) state.phase = 'data-end';
      return chunk.subarray(n);
    }
    // size, data-end and trailer lines: read one CRLF-terminated line.
    this.resHead = Buffer.concat([this.resHead, chunk]);
    const eol = this.resHead.indexOf('\r\n');
    if (eol < 0) return Buffer.alloc(0);
    const line = this.resHead.subarray(0, eol + 2);
    const rest = this.resHead.subarray(eol + 2);
    this.resHead = Buffer.alloc(0);
    this.toClient(line);
    if (state.phase === 'size') {
      const size = parseInt(line.toString('latin1'), 16);
      if (size === 0) state.phase = 'trailer';
      else {
        state.phase = 'data';
        state.remaining = size;
      }
    } else if (state.phase === 'data-end') {
      state.phase = 'size';
    } else if (eol === 0) {
      this.finish(state.req); // the empty line after the trailers
    }
    return rest;
  }

  private finish(req: ProxiedRequest): void {
    req.outcome = 'completed';
    this.awaiting.shift();
    this.cutResponse.delete(req);
    this.resState = { kind: 'head' };
    this.deps.changed();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    let changed = false;
    for (const req of this.awaiting) {
      if (req.outcome === 'pending') {
        req.outcome = 'aborted';
        changed = true;
      }
    }
    this.awaiting.length = 0;
    this.client.destroy();
    this.upstream?.destroy();
    if (changed) this.deps.changed();
  }
}
