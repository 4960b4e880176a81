/**
 * The wire GET against a scripted HTTP/1.1 server on loopback: bodies across many reads and
 * batches, keep-alive reuse, a reused socket the server had closed, and every malformed or
 * refused answer turned into the error the retry rules expect (the socket never reused).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLimiterBuffer, rateLimiter, setRate } from '../../electron/worker/rate-limiter';
import { isRetryable, type Attempt } from '../../electron/worker/retry';
import { ObjectChangedError, TransientError } from '../../electron/worker/task-errors';
import { SdkNeededError, wireGet } from '../../electron/worker/wire/range-get';

type Respond = (socket: net.Socket, request: string, index: number) => void;

let server: net.Server;
let port = 0;
let respond: Respond = () => {};
let connections = 0;
let requests = 0;
let dir: string;
let fh: FileHandle;

/** Writes `bytes` in slices of `size`, one per event-loop turn, so they arrive over many reads. */
function dribble(socket: net.Socket, bytes: Buffer, size: number, then?: () => void): void {
  let at = 0;
  const next = (): void => {
    if (socket.destroyed) return;
    if (at >= bytes.length) return then?.();
    socket.write(bytes.subarray(at, (at += size)));
    setImmediate(next);
  };
  next();
}

const head = (status: string, headers: Record<string, string | number>): Buffer =>
  Buffer.from(
    `HTTP/1.1 ${status}\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`,
  );

const ranged = (body: Buffer, start: number, extra: Record<string, string> = {}): Buffer =>
  Buffer.concat([
    head('206 Partial Content', {
      'Content-Length': body.length,
      'Content-Range': `bytes ${start}-${start + body.length - 1}/${start + body.length}`,
      ETag: '"e1"',
      ...extra,
    }),
    body,
  ]);

function attempt(): Attempt & { controller: AbortController } {
  const controller = new AbortController();
  return { controller, signal: controller.signal, touch() {}, abort: (r) => controller.abort(r), number: 1 };
}

const unlimited = rateLimiter(createLimiterBuffer());

async function get(length: number, options: { start?: number; ranged?: boolean; limiter?: typeof unlimited } = {}) {
  const written: number[] = [];
  const a = attempt();
  await wireGet({
    signed: { url: new URL(`http://127.0.0.1:${port}/bucket/key`), headers: { host: `127.0.0.1:${port}` } },
    fh,
    start: options.start ?? 0,
    length,
    ranged: options.ranged ?? true,
    etag: '"e1"',
    attempt: a,
    limiter: options.limiter ?? unlimited,
    onWritten: (n) => written.push(n),
  });
  return written.reduce((x, y) => x + y, 0);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'qs-wire-get-'));
  server = net.createServer((socket) => {
    connections += 1;
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const request = pending.slice(0, end);
        pending = pending.slice(end + 4);
        respond(socket, request, ++requests);
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await fh?.close();
});

const newFile = async (): Promise<string> => {
  const file = path.join(dir, `f-${randomBytes(4).toString('hex')}`);
  fh = await open(file, 'w+');
  return file;
};

describe('wire GET', () => {
  it('writes a body that arrives over many reads at its position, and reuses the socket', async () => {
    const file = await newFile();
    const body = randomBytes(3 * 1024 * 1024 + 17);
    const seen: string[] = [];
    respond = (socket, request) => {
      seen.push(request);
      dribble(socket, ranged(body, 100), 70_001);
    };
    const before = connections;
    expect(await get(body.length, { start: 100 })).toBe(body.length);
    expect(await get(body.length, { start: 100 })).toBe(body.length);
    expect(connections - before).toBe(1);
    expect(seen[0]).toMatch(/^GET \/bucket\/key HTTP\/1\.1\r\nhost: 127\.0\.0\.1:\d+$/);
    expect((await readFile(file)).subarray(100).equals(body)).toBe(true);
  });

  it('keeps to the rate limit and still writes every byte', async () => {
    const file = await newFile();
    const body = randomBytes(600_000);
    respond = (socket) => dribble(socket, ranged(body, 0), 50_000);
    const buffer = createLimiterBuffer();
    setRate(buffer, 2 * 1024 * 1024);
    const t0 = performance.now();
    expect(await get(body.length, { limiter: rateLimiter(buffer) })).toBe(body.length);
    expect(performance.now() - t0).toBeGreaterThan(150); // 600 kB at 2 MiB/s, minus the burst
    expect((await readFile(file)).equals(body)).toBe(true);
  });

  it('a plain GET of an empty object', async () => {
    await newFile();
    respond = (socket) => socket.write(head('200 OK', { 'Content-Length': 0, ETag: '"e1"' }));
    expect(await get(0, { ranged: false })).toBe(0);
  });

  it('a reused socket the server had closed is replaced without an error', async () => {
    await newFile();
    const body = randomBytes(1000);
    respond = (socket, _request, index) => {
      if (index % 2 === 0)
        socket.destroy(); // the keep-alive socket died as the request arrived
      else socket.write(ranged(body, 0));
    };
    requests = 0;
    expect(await get(body.length)).toBe(body.length);
    const before = connections;
    expect(await get(body.length)).toBe(body.length);
    expect([connections - before, requests]).toEqual([1, 3]);
  });

  const failures: [string, Respond, (error: unknown) => void][] = [
    [
      'an early close mid-body',
      (socket) => socket.end(ranged(randomBytes(5000), 0).subarray(0, 3000)),
      (e) =>
        expect([e instanceof TransientError, (e as Error).message]).toEqual([
          true,
          expect.stringMatching(/ended early/),
        ]),
    ],
    [
      'a reset mid-body',
      (socket) => {
        socket.write(ranged(randomBytes(5000), 0).subarray(0, 3000));
        setImmediate(() => socket.resetAndDestroy());
      },
      (e) => expect(isRetryable(e)).toBe(true),
    ],
    [
      'more bytes than asked, after the body',
      (socket) => socket.write(Buffer.concat([ranged(randomBytes(5000), 0), Buffer.from('HTTP/1.1 200 OK')])),
      (e) =>
        expect([e instanceof TransientError, (e as Error).message]).toEqual([
          true,
          expect.stringMatching(/more bytes/),
        ]),
    ],
    [
      'a longer body than the range',
      (socket) => socket.write(ranged(randomBytes(5001), 0)),
      (e) => expect((e as Error).message).toMatch(/requested byte range/),
    ],
    [
      'a chunked body',
      (socket) =>
        socket.write(
          head('206 Partial Content', { 'Transfer-Encoding': 'chunked', 'Content-Range': 'bytes 0-4999/5000' }),
        ),
      (e) => expect(e).toBeInstanceOf(TransientError),
    ],
    [
      'another range',
      (socket) =>
        socket.write(
          Buffer.concat([
            head('206 Partial Content', { 'Content-Length': 5000, 'Content-Range': 'bytes 1-5000/6000' }),
            randomBytes(5000),
          ]),
        ),
      (e) => expect(e).toBeInstanceOf(TransientError),
    ],
    [
      'another ETag',
      (socket) => socket.write(ranged(randomBytes(5000), 0, { ETag: '"e2"' })),
      (e) => expect(e).toBeInstanceOf(ObjectChangedError),
    ],
    [
      '412 Precondition Failed',
      (socket) => socket.write(head('412 Precondition Failed', { 'Content-Length': 0 })),
      (e) => expect(e).toBeInstanceOf(ObjectChangedError),
    ],
    [
      '503 SlowDown, its XML split over reads',
      (socket) => {
        const xml = '<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>Reduce your rate.</Message></Error>';
        dribble(socket, Buffer.concat([head('503 Slow Down', { 'Content-Length': xml.length }), Buffer.from(xml)]), 9);
      },
      (e) => {
        expect([(e as Error).name, (e as Error).message, isRetryable(e)]).toEqual([
          'SlowDown',
          'Reduce your rate.',
          true,
        ]);
      },
    ],
    [
      'a redirect',
      (socket) => socket.write(head('301 Moved Permanently', { 'Content-Length': 0 })),
      (e) => expect(e).toBeInstanceOf(SdkNeededError),
    ],
  ];
  it.each(failures)('%s: the right error, and the socket is not reused', async (_what, script, check) => {
    await newFile();
    respond = (socket) => socket.write(ranged(randomBytes(10), 0));
    expect(await get(10)).toBe(10); // one idle socket in the pool, which the next request takes
    respond = script;
    const error = await get(5000).then(
      () => null,
      (e: unknown) => e,
    );
    check(error);
    const before = connections;
    respond = (socket) => socket.write(ranged(randomBytes(10), 0));
    expect(await get(10)).toBe(10);
    expect(connections - before).toBe(1);
  });

  it('an abort ends the request at once', async () => {
    await newFile();
    respond = (socket) => socket.write(ranged(randomBytes(5000), 0).subarray(0, 2000)); // then nothing
    const a = attempt();
    const pending = wireGet({
      signed: { url: new URL(`http://127.0.0.1:${port}/b/k`), headers: { host: 'x' } },
      fh,
      start: 0,
      length: 5000,
      ranged: true,
      etag: '',
      attempt: a,
      limiter: unlimited,
      onWritten: () => {},
    });
    const reason = new Error('stop');
    setTimeout(() => a.controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
  });
});
