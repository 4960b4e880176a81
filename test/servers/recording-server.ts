/**
 * An HTTP server on a loopback address that records every request it gets (method, url,
 * headers, body) and answers with whatever the test says: the attacker's endpoint in the
 * security suite, and a hostile QuickSync API serving broken answers.
 *
 *   const listener = await startRecordingServer();            // 127.0.0.1, a free port
 *   listener.respond = (req, res) => { res.writeHead(403).end(); };
 *   listener.requests    // every request so far
 *   await listener.close();
 */
import { EventEmitter, once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './http-body';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type Responder = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface RecordingServer {
  /** `http://<host>:<port>` without a trailing slash. */
  origin: string;
  port: number;
  readonly requests: readonly RecordedRequest[];
  /** How the next requests are answered; by default 403 with a tiny S3-style XML error. */
  respond: Responder;
  /** Resolves once `count` requests in all have arrived (their bodies read). */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Answers like an S3 server refusing the caller, so SDK clients fail fast and do not retry. */
export const refuseLikeS3: Responder = (_req, res) => {
  const body = '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>denied</Message></Error>';
  res.writeHead(403, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

export async function startRecordingServer(host = '127.0.0.1'): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const state: { respond: Responder } = { respond: refuseLikeS3 };
  const arrivals = new EventEmitter();
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readBody(req).catch(() => Buffer.alloc(0));
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      arrivals.emit('request');
      await state.respond(recorded, res);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    port,
    requests,
    get respond() {
      return state.respond;
    },
    set respond(r: Responder) {
      state.respond = r;
    },
    async waitForRequests(count, timeoutMs = 10_000) {
      const signal = AbortSignal.timeout(timeoutMs);
      while (requests.length < count) await once(arrivals, 'request', { signal });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A JSON answer with its length. */
export function sendJsonAnswer(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
