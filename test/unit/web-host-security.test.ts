// The browser host against a stand-in core: who may connect, what is served, and one-time downloads.
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EventMap, EventName } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/errors';
import { baseName } from '../../shared/keys';
import type { ObjectSource, ObjectStream } from '../../electron/core/host-services';
import { createDownloadLinks, type DownloadLinks } from '../../electron/web/download-links';
import type { HostedCore } from '../../electron/web/hosted-core';
import { EVENT_NAMES } from '../../shared/ipc';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { MAX_MESSAGE_BYTES, UNKNOWN_ID } from '../../electron/web/ws-api';

const OBJECT_BODY = 'héllo, object\n';

/** A core that answers `app:info`, echoes `test:echo`, streams any object and emits on demand. */
class StandInCore implements HostedCore {
  readonly invoked: { channel: string; request: unknown }[] = [];
  readonly opened: ObjectSource[] = [];
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();

  async invoke(channel: string, request: unknown): Promise<Result<unknown>> {
    this.invoked.push({ channel, request });
    if (channel === 'app:info') return ok({ host: 'web', version: 'test' });
    if (channel === 'test:echo') return ok(request);
    return fail('InvalidRequest', `Unknown channel "${channel}".`);
  }

  onEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: EventMap[E]) => void)(payload);
  }

  listenerCount(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }

  async openObjectStream(source: ObjectSource): Promise<ObjectStream> {
    this.opened.push(source);
    const body = Buffer.from(OBJECT_BODY, 'utf8');
    return { stream: Readable.from([body]), size: body.length, contentType: 'text/html', name: baseName(source.key) };
  }

  // Previews have their own suite (test/integration/preview-range.test.ts).
  async answerPreview(): Promise<never> {
    throw new Error('not used here');
  }

  // Staged uploads have their own suite (web-upload-route.test.ts).
  async receiveStagedUpload(): Promise<void> {
    throw new Error('not used here');
  }
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request: the path is sent exactly as given (no normalisation), Host as given. */
function request(port: number, rawPath: string, init: { host?: string; method?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: rawPath,
        method: init.method ?? 'GET',
        headers: { Host: init.host ?? `127.0.0.1:${port}` },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

interface WsInit {
  token?: string | null;
  origin?: string | null;
  host?: string;
  path?: string;
}

/** Opens a WebSocket; resolves with the open socket or the HTTP status that refused it. */
function connect(web: WebHost, init: WsInit = {}): Promise<{ socket: WebSocket } | { refused: number }> {
  const token = init.token === undefined ? web.token : init.token;
  const origin = init.origin === undefined ? `http://127.0.0.1:${web.port}` : init.origin;
  const headers: Record<string, string> = {};
  if (init.host !== undefined) headers.Host = init.host;
  const socket = new WebSocket(
    `ws://127.0.0.1:${web.port}${init.path ?? '/api'}`,
    token === null ? [] : [`qstorage.token.${token}`],
    {
      ...(origin === null ? {} : { origin }),
      headers,
    },
  );
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 });
      res.resume();
    });
    socket.once('error', (error) => reject(error));
  });
}

async function open(web: WebHost): Promise<WebSocket> {
  const answer = await connect(web);
  if (!('socket' in answer)) throw new Error(`refused with ${answer.refused}`);
  return answer.socket;
}

function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')))));
}

function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

let root: string;
let staticDir: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'qs-web-host-'));
  staticDir = path.join(root, 'renderer');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>QStorage</title>');
  await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(staticDir, 'assets', 'app.css'), 'body{}');
  await writeFile(path.join(staticDir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(staticDir, '.env'), 'HIDDEN=1');
  await writeFile(path.join(root, 'outside.txt'), 'outside the static root');
  await symlink(path.join(root, 'outside.txt'), path.join(staticDir, 'assets', 'link.txt'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('browser host security', () => {
  let core: StandInCore;
  let links: DownloadLinks;
  let web: WebHost;
  let clock: number;
  const sockets: WebSocket[] = [];

  async function start(): Promise<void> {
    core = new StandInCore();
    clock = 1_000_000;
    links = createDownloadLinks({ ttlMs: 120_000, now: () => clock });
    web = await startWebHost({ core, port: 0, staticDir, links });
  }

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.terminate();
    await web.close();
  });

  it('binds 127.0.0.1 on a random port with a fresh 32-byte hex token per run', async () => {
    await start();
    const first = { url: web.url, token: web.token, appUrl: web.appUrl };
    expect(first.url).toBe(`http://127.0.0.1:${web.port}/`);
    expect(web.port).toBeGreaterThan(0);
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    expect(first.appUrl).toBe(`${first.url}#token=${first.token}`);
    await web.close();
    await start();
    expect(web.token).not.toBe(first.token);
  });

  describe('WebSocket /api', () => {
    it('accepts our origin with the right token and echoes the token protocol', async () => {
      await start();
      const socket = await open(web);
      sockets.push(socket);
      expect(socket.protocol).toBe(`qstorage.token.${web.token}`);
      socket.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'app:info', request: {} }));
      expect(await nextMessage(socket)).toEqual({
        type: 'result',
        id: 7,
        result: { ok: true, value: { host: 'web', version: 'test' } },
      });
    });

    it('accepts localhost as well as 127.0.0.1', async () => {
      await start();
      const answer = await connect(web, { host: `localhost:${web.port}`, origin: `http://localhost:${web.port}` });
      expect(answer).toHaveProperty('socket');
      if ('socket' in answer) sockets.push(answer.socket);
    });

    it.each([
      ['no token', { token: null }, 401],
      ['a wrong token', { token: 'f'.repeat(64) }, 401],
      ['a token prefix', { token: 'short' }, 401],
      ['a foreign Origin', { origin: 'http://evil.example' }, 403],
      ['our host on another port as Origin', { origin: 'http://127.0.0.1:1' }, 403],
      ['no Origin', { origin: null }, 403],
      ['a foreign Host (DNS rebinding)', { host: 'evil.example' }, 403],
      ['a rebound name with our port', { host: 'rebind.evil.example:PORT' }, 403],
      ['another path', { path: '/socket' }, 404],
    ] as const)('refuses %s', async (_name, init: WsInit, status) => {
      await start();
      const fixed = init.host?.includes('PORT') ? { ...init, host: init.host.replace('PORT', String(web.port)) } : init;
      expect(await connect(web, fixed)).toEqual({ refused: status });
      expect(core.invoked).toEqual([]);
    });

    it('answers malformed messages with InvalidRequest and keeps the connection', async () => {
      await start();
      const socket = await open(web);
      sockets.push(socket);
      socket.send('{not json');
      expect(await nextMessage(socket)).toMatchObject({
        type: 'result',
        id: UNKNOWN_ID,
        result: { ok: false, error: { code: 'InvalidRequest' } },
      });
      socket.send(JSON.stringify({ type: 'call', id: 3, channel: 'app:info' }));
      expect(await nextMessage(socket)).toMatchObject({
        id: 3,
        result: { ok: false, error: { code: 'InvalidRequest' } },
      });
      socket.send(JSON.stringify({ type: 'invoke', id: 4, channel: 42 }));
      expect(await nextMessage(socket)).toMatchObject({
        id: 4,
        result: { ok: false, error: { code: 'InvalidRequest' } },
      });
      socket.send(Buffer.from([1, 2, 3]), { binary: true });
      expect(await nextMessage(socket)).toMatchObject({
        id: UNKNOWN_ID,
        result: { ok: false, error: { code: 'InvalidRequest' } },
      });
      socket.send(JSON.stringify({ type: 'invoke', id: 5, channel: 'test:echo', request: { a: 1 } }));
      expect(await nextMessage(socket)).toEqual({ type: 'result', id: 5, result: { ok: true, value: { a: 1 } } });
      expect(core.invoked.map((c) => c.channel)).toEqual(['test:echo']);
    });

    it('closes a connection that sends more than the message limit', async () => {
      await start();
      const socket = await open(web);
      sockets.push(socket);
      const code = closed(socket);
      socket.send('x'.repeat(MAX_MESSAGE_BYTES + 1));
      expect(await code).toBe(1009);
      expect(core.invoked).toEqual([]);
    });

    it('sends core events to every connected client and unsubscribes on close', async () => {
      await start();
      const a = await open(web);
      const b = await open(web);
      sockets.push(a, b);
      const payload = { operationId: 'op-1', done: 3, total: 10, failed: 0 };
      const received = Promise.all([nextMessage(a), nextMessage(b)]);
      core.emit('operations:progress', payload);
      const expected = { type: 'event', event: 'operations:progress', payload };
      expect(await received).toEqual([expected, expected]);
      // One subscription per core event, shared by all clients.
      expect(core.listenerCount()).toBe(EVENT_NAMES.length);
      await web.close();
      expect(core.listenerCount()).toBe(0);
    });

    it('answers a plain GET of /api with 426 and no data', async () => {
      await start();
      const answer = await request(web.port, '/api');
      expect(answer.status).toBe(426);
    });
  });

  describe('static files', () => {
    it('serves the index with a strict CSP, nosniff and the right type', async () => {
      await start();
      const answer = await request(web.port, '/');
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('<title>QStorage</title>');
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      const csp = answer.headers['content-security-policy'] ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${web.port}`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
    });

    it.each([
      ['/assets/app.js', 'text/javascript; charset=utf-8'],
      ['/assets/app.css', 'text/css; charset=utf-8'],
      ['/assets/logo.svg', 'image/svg+xml'],
      ['/index.html', 'text/html; charset=utf-8'],
    ])('serves %s as %s', async (file, type) => {
      await start();
      const answer = await request(web.port, file);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe(type);
    });

    it.each([
      ['plain ..', '/../outside.txt'],
      ['encoded ..', '/%2e%2e/outside.txt'],
      ['encoded slash', '/assets/..%2f..%2foutside.txt'],
      ['backslash', '/assets/..%5c..%5coutside.txt'],
      ['absolute-form target', 'http://127.0.0.1/../outside.txt'],
      ['a symlink out of the root', '/assets/link.txt'],
      ['a dotfile', '/.env'],
      ['NUL', '/index.html%00.js'],
      ['malformed escape', '/%E0%A4%A'],
      ['a missing file', '/nope.js'],
    ])('refuses %s', async (_name, rawPath) => {
      await start();
      const answer = await request(web.port, rawPath);
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain('outside the static root');
      expect(answer.body).not.toContain('HIDDEN');
    });

    it.each([
      ['a foreign Host', 'evil.example'],
      ['a rebound name with our port', 'evil.example:PORT'],
      ['no port', '127.0.0.1'],
      ['another port', '127.0.0.1:1'],
    ])('needs the right Host: refuses %s', async (_name, host) => {
      await start();
      const answer = await request(web.port, '/', { host: host.replace('PORT', String(web.port)) });
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain('QStorage');
    });

    it('accepts localhost:<port> as Host', async () => {
      await start();
      const answer = await request(web.port, '/', { host: `localhost:${web.port}` });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-security-policy']).toContain(`ws://localhost:${web.port}`);
    });

    it('refuses methods other than GET and HEAD', async () => {
      await start();
      expect((await request(web.port, '/', { method: 'POST' })).status).toBe(405);
      const head = await request(web.port, '/', { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
    });
  });

  describe('download links', () => {
    const source = { accountId: 'acc-1', bucket: 'docs', key: 'reports/2025/Résumé "final".txt' };

    it('stream the object once, as an attachment with its UTF-8 name and length', async () => {
      await start();
      const link = links.create(source);
      expect(link).toMatch(/^\/download\/[A-Za-z0-9_-]{32}$/);
      const first = await request(web.port, link);
      expect(first.status).toBe(200);
      expect(first.body).toBe(OBJECT_BODY);
      expect(first.headers['content-length']).toBe(String(Buffer.byteLength(OBJECT_BODY)));
      expect(first.headers['content-type']).toBe('application/octet-stream');
      expect(first.headers['x-content-type-options']).toBe('nosniff');
      expect(first.headers['content-security-policy']).toContain('sandbox');
      expect(first.headers['content-disposition']).toBe(
        `attachment; filename="R_sum_ _final_.txt"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.txt`,
      );
      expect(core.opened).toEqual([source]);
      const second = await request(web.port, link);
      expect(second.status).toBe(404);
      expect(core.opened).toHaveLength(1);
    });

    it('need no token but do need the right Host, which does not spend the link', async () => {
      await start();
      const link = links.create(source);
      expect((await request(web.port, link, { host: 'evil.example' })).status).toBe(403);
      expect((await request(web.port, link, { method: 'HEAD' })).status).toBe(405);
      expect((await request(web.port, link)).status).toBe(200);
    });

    it('expire after their lifetime', async () => {
      await start();
      const link = links.create(source);
      clock += 120_001;
      expect((await request(web.port, link)).status).toBe(404);
      expect(core.opened).toEqual([]);
    });

    it('refuse ids that were never issued', async () => {
      await start();
      expect((await request(web.port, '/download/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
      expect((await request(web.port, '/download/')).status).toBe(404);
    });
  });
});
