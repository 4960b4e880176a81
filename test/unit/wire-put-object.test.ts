import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '../../electron/core/errors';
import { isRetryable, withRetries, type Attempt } from '../../electron/worker/retry';
import { leanPut } from '../../electron/worker/wire/put-object';
import type { WorkerCredentials } from '../../shared/transfer-protocol';

type Reply = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => void;

/** A loopback HTTP server whose answer each test sets; it records what it received. */
let reply: Reply = (_req, _body, res) => res.end();
/** Answers as soon as the head arrived, without reading the body (as a service refusing early does). */
let early: ((res: http.ServerResponse) => void) | null = null;
const received: { method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer }[] = [];
let server: http.Server;
let credentials: WorkerCredentials;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (early) return early(res);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      reply(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  credentials = {
    kind: 'sandbox',
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    accessKeyId: 'AKID',
    secretAccessKey: 'secret',
    addressingStyle: 'path',
    checksumMode: 'when_required',
    pathStyle: true,
  };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');

function attemptFor(controller = new AbortController()): Attempt & { touched: number } {
  const attempt = {
    signal: controller.signal,
    touched: 0,
    touch: () => void attempt.touched++,
    abort: (reason: Error) => controller.abort(reason),
    number: 1,
  };
  return attempt;
}

const put = (body: Buffer | Readable, length: number, attempt = attemptFor()) =>
  leanPut(
    credentials,
    { bucket: 'bkt', key: 'dir/a b.bin', query: { partNumber: '3', uploadId: 'u+1' } },
    body,
    length,
    attempt,
  );

describe('leanPut', () => {
  it('sends a buffer with its length and signature, and reads ETag and encryption', async () => {
    const body = Buffer.from('hello wire');
    reply = (_req, got, res) => {
      res.setHeader('ETag', `"${md5(got)}"`);
      res.setHeader('x-amz-server-side-encryption', 'AES256');
      res.end();
    };
    const attempt = attemptFor();
    expect(await put(body, body.length, attempt)).toEqual({ etag: `"${md5(body)}"`, sse: 'AES256' });
    const last = received.at(-1)!;
    expect([last.method, last.url, last.body.toString()]).toEqual([
      'PUT',
      '/bkt/dir/a%20b.bin?partNumber=3&uploadId=u%2B1',
      'hello wire',
    ]);
    expect(last.headers['content-length']).toBe(String(body.length));
    expect(last.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\//);
    expect(last.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(last.headers['transfer-encoding']).toBeUndefined();
    expect(attempt.touched).toBeGreaterThan(0);
  });

  it('sends a stream body whole', async () => {
    const parts = [Buffer.alloc(70_000, 1), Buffer.alloc(50_000, 2)];
    reply = (_req, got, res) => res.writeHead(200, { ETag: `"${md5(got)}"` }).end();
    const out = await put(Readable.from(parts), 120_000);
    expect(out?.etag).toBe(`"${md5(Buffer.concat(parts))}"`);
    expect(received.at(-1)!.body.length).toBe(120_000);
  });

  it('answers null on a redirect, and leaves that bucket to the SDK from then on', async () => {
    const putTo = (bucket: string) => leanPut(credentials, { bucket, key: 'k' }, Buffer.from('x'), 1, attemptFor());
    const before = received.length;
    reply = (_req, _got, res) => res.writeHead(301, { Location: 'http://elsewhere/' }).end('<Error/>');
    expect(await putTo('moved')).toBeNull();
    reply = (_req, _got, res) => res.writeHead(400, { 'x-amz-bucket-region': 'eu-west-1' }).end();
    expect(await putTo('elsewhere')).toBeNull();
    expect(received.length - before).toBe(2);
    // Not asked again: the SDK follows the redirect.
    expect(await putTo('moved')).toBeNull();
    expect(await putTo('elsewhere')).toBeNull();
    expect(received.length - before).toBe(2);
  });

  it('throws the service error the SDK would, tagged with the endpoint host', async () => {
    reply = (_req, _got, res) =>
      res
        .writeHead(403, { 'x-amz-request-id': 'req-1', 'Content-Type': 'application/xml' })
        .end('<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
    const error: unknown = await put(Buffer.from('x'), 1).catch((e: unknown) => e);
    expect(toAppError(error)).toMatchObject({ code: 'AccessDenied' });
    expect(toAppError(error).detail).toContain('request id req-1');
    expect(isRetryable(error)).toBe(false);
  });

  it('an answer before the body was sent: the error, and the half-sent request is dropped', async () => {
    early = (res) => res.writeHead(403, { Connection: 'close' }).end('<Error><Code>AccessDenied</Code></Error>');
    try {
      const size = 8 * 1024 * 1024;
      const slices = (function* () {
        for (let at = 0; at < size; at += 65536) yield Buffer.alloc(65536);
      })();
      const error: unknown = await put(Readable.from(slices), size).catch((e: unknown) => e);
      expect(toAppError(error)).toMatchObject({ code: 'AccessDenied' });
    } finally {
      early = null;
    }
    // The next request still works (a new connection).
    reply = (_req, _got, res) => res.writeHead(200, { ETag: '"ok"' }).end();
    expect((await put(Buffer.from('x'), 1))?.etag).toBe('"ok"');
  });

  it('a 503 SlowDown is retried by withRetries, then the PUT succeeds', async () => {
    let calls = 0;
    reply = (_req, _got, res) => {
      if (++calls === 1) res.writeHead(503).end('<Error><Code>SlowDown</Code></Error>');
      else res.writeHead(200, { ETag: '"e"' }).end();
    };
    const out = await withRetries((attempt) => put(Buffer.from('x'), 1, { ...attempt, touched: 0 }), {
      tuning: { partsInParallel: 1, maxAttempts: 3, stallTimeoutMs: 30_000, baseBackoffMs: 1, maxBackoffMs: 1 },
      stop: new AbortController().signal,
      onRetry: () => {},
    });
    expect([calls, out?.etag]).toEqual([2, '"e"']);
  });

  it('aborts with the attempt (a stall): the request goes, with the abort reason', async () => {
    reply = () => {}; // never answers
    const controller = new AbortController();
    const pending = put(Buffer.from('x'), 1, attemptFor(controller));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(new Error('stalled'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a connection refused is a retryable network error, as through the SDK', async () => {
    const closed = { ...credentials, endpoint: 'http://127.0.0.1:9' };
    const error: unknown = await leanPut(closed, { bucket: 'b', key: 'k' }, Buffer.from('x'), 1, attemptFor()).catch(
      (e: unknown) => e,
    );
    expect(toAppError(error)).toMatchObject({ code: 'NetworkError' });
    expect(toAppError(error).message).toContain('127.0.0.1:9');
    expect(isRetryable(error)).toBe(true);
  });
});
