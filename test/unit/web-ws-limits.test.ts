// The browser host's WebSocket limits: the largest legal request of every channel fits the
// maximum message (one byte more closes with 1009), at most MAX_IN_FLIGHT requests run per
// connection, a client that does not read stops being read, and unknown channels are clipped.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, type RawData } from 'ws';
import type { Result } from '../../shared/errors';
import { utf8Length } from '../../shared/keys';
import { MAX_LIST_JSON_BYTES, MAX_REQUEST_REST_BYTES, chunkList, jsonBytes } from '../../shared/request-limits';
import { MAX_SYNC_IGNORE_CHARS, MAX_SYNC_INDICES, MAX_SYNC_PAGE } from '../../shared/channels/sync';
import { MAX_THUMBNAIL_BYTES, MAX_THUMBNAILS_PER_GET } from '../../shared/channels/thumbnails';
import { type Channel, requestSchemas } from '../../shared/contract';
import { MAX_CONTROL_JOB_IDS, MAX_DOWNLOAD_KEYS, MAX_UPLOAD_SOURCES } from '../../shared/schemas';
import { fakeRouter } from './fakes/router';
import { createWsClient, type SocketLike } from '../../renderer/src/api/ws-client';
import type { HostedCore } from '../../electron/web/hosted-core';
import { TOKEN_PROTOCOL_PREFIX } from '../../electron/web/request-guard';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { DROP_ABOVE_BYTES, MAX_IN_FLIGHT, MAX_MESSAGE_BYTES } from '../../electron/web/ws-api';

/** Worst-case JSON escaping: one byte of a key, six on the wire (\u0001). */
const C = '\u0001';
const ctl = (n: number): string => C.repeat(n);
/** Printable ASCII fields: '"' is the dearest (two bytes on the wire). */
const quotes = (n: number): string => '"'.repeat(n);
const KEY = ctl(1024);
const ID = ctl(200);
const BUCKET = ctl(255);
const OP = ctl(100);
const VERSION = ctl(1024);
const TOKEN = ctl(4096);

/** As many copies of the item as one list may hold (by count and by JSON size). */
function fill<T>(item: T, maxCount: number): T[] {
  const each = jsonBytes(item) + 1;
  return Array.from({ length: Math.min(maxCount, Math.floor((MAX_LIST_JSON_BYTES - 1) / each)) }, () => item);
}

const tags = (count: number): { key: string; value: string }[] =>
  Array.from({ length: count }, (_, i) => ({ key: `${i}`.padEnd(128, 'k'), value: 'v'.repeat(256) }));
const account = {
  kind: 's3',
  name: ctl(100),
  endpoint: `https://example.com/${'a'.repeat(2048 - 20)}`,
  region: ctl(64),
  accessKeyId: ctl(256),
  addressingStyle: 'path',
  checksumMode: 'when_supported',
  encryptNames: false,
  secretAccessKey: ctl(1024),
};
const { kind: _kind, encryptNames: _e, ...patch } = account;
const syncSettings = {
  direction: 'both',
  compare: 'content',
  conflicts: 'newer',
  deleteMissing: true,
  ignore: ctl(MAX_SYNC_IGNORE_CHARS),
  watch: true,
} as const;
const headers = {
  contentType: quotes(2048),
  cacheControl: quotes(2048),
  contentDisposition: quotes(2048),
  contentEncoding: quotes(2048),
  contentLanguage: quotes(2048),
  expires: `Sun, 31 Jan 2027 12:00:00 GMT${' '.repeat(2048 - 29)}`,
};
const place = { accountId: ID, bucket: BUCKET };
const grants = fill(
  { grantee: { type: 'CanonicalUser', id: ctl(256), displayName: ctl(256) }, permission: 'FULL_CONTROL' },
  100,
);

/** The largest request each channel accepts. */
const LARGEST: Record<Channel, unknown> = {
  'app:info': {},
  'accounts:list': {},
  'accounts:create': { account },
  'accounts:update': { id: ID, patch },
  'accounts:remove': { id: ID },
  'accounts:test': { account },
  'sandbox:open': {},
  'buckets:list': { accountId: ID, continuationToken: TOKEN },
  'buckets:create': { accountId: ID, name: ctl(255), objectLock: true },
  'buckets:delete': place,
  'objects:list': { ...place, prefix: KEY, continuationToken: TOKEN, pageSize: 1000 },
  'objects:search': { ...place, prefix: KEY, query: ctl(1024), continuationToken: TOKEN },
  'objects:head': { ...place, key: KEY, versionId: VERSION },
  'objects:createFolder': { ...place, key: `${ctl(1023)}/` },
  'objects:delete': { ...place, keys: fill(KEY, 100_000), operationId: OP },
  'objects:copy': {
    ...place,
    items: fill({ source: KEY, target: KEY }, 100_000),
    targetBucket: BUCKET,
    move: false,
    operationId: OP,
  },
  'objects:download': { ...place, key: KEY, versionId: VERSION },
  'objects:size': { ...place, items: fill(KEY, 100_000), operationId: OP },
  'objects:preview': { ...place, key: KEY, versionId: VERSION },
  'objects:closePreview': { url: ctl(256) },
  'operations:cancel': { operationId: OP },
  'transfers:upload': {
    ...place,
    prefix: KEY,
    batchId: OP,
    conflict: 'overwrite',
    sources: fill(
      { kind: 'browser', relativePath: ctl(4096), size: Number.MAX_SAFE_INTEGER, lastModified: Number.MAX_VALUE },
      MAX_UPLOAD_SOURCES,
    ),
    options: {
      tags: tags(10),
      acl: 'bucket-owner-full-control',
      encryption: { algorithm: 'aws:kms:dsse', kmsKeyId: quotes(2048) },
      storageClass: `S${'_'.repeat(63)}`,
    },
  },
  'transfers:download': {
    ...place,
    basePrefix: KEY,
    keys: fill(KEY, MAX_DOWNLOAD_KEYS),
    targetDir: ctl(4096),
    batchId: OP,
    conflict: 'overwrite',
  },
  'transfers:list': { filter: 'failed', offset: Number.MAX_SAFE_INTEGER, limit: 500 },
  'transfers:control': { action: 'resume', target: { jobIds: fill(ctl(100), MAX_CONTROL_JOB_IDS) } },
  'transfers:resolveConflict': { jobId: ctl(100), choice: 'overwrite', applyToBatch: false },
  'transfers:clear': { includeFailed: false },
  'tags:getObject': { ...place, key: KEY, versionId: VERSION },
  'tags:putObject': { ...place, key: KEY, versionId: VERSION, tags: tags(10) },
  'tags:getBucket': place,
  'tags:putBucket': { ...place, tags: tags(50) },
  'tags:editMany': {
    ...place,
    keys: fill(KEY, 100_000),
    set: tags(10),
    remove: Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(128, 'r')),
    operationId: OP,
  },
  'acl:get': { ...place, key: KEY },
  'acl:put': { ...place, key: KEY, change: { grants } },
  'objects:updateProperties': {
    ...place,
    key: KEY,
    headers,
    metadata: { [`m${'!'.repeat(1000)}`]: quotes(1047) },
    storageClass: `S${'_'.repeat(63)}`,
  },
  'share:create': {
    ...place,
    key: KEY,
    versionId: VERSION,
    expiresInSeconds: 3600,
    downloadName: '\u{10ffff}'.repeat(255),
  },
  'versioning:get': place,
  'versioning:put': { ...place, status: 'Suspended' },
  'versions:list': { ...place, prefix: KEY, key: KEY, continuationToken: TOKEN },
  'versions:restore': { ...place, key: KEY, versionId: VERSION },
  'versions:delete': { ...place, key: KEY, versionId: VERSION, bypassGovernance: true },
  'objectLock:getBucket': place,
  'objectLock:putBucket': { ...place, defaultRetention: { mode: 'COMPLIANCE', days: null, years: 100 } },
  'objectLock:getObject': { ...place, key: KEY, versionId: VERSION },
  'objectLock:putRetention': {
    ...place,
    key: KEY,
    versionId: VERSION,
    retention: { mode: 'GOVERNANCE', retainUntil: '2099-12-31T23:59:59.999+00:00' },
    bypassGovernance: true,
  },
  'objectLock:putLegalHold': { ...place, key: KEY, versionId: VERSION, on: true },
  'encryption:getBucket': place,
  'encryption:putBucket': { ...place, encryption: { algorithm: 'aws:kms', kmsKeyId: quotes(2048) } },
  'website:get': place,
  'website:put': { ...place, config: { indexDocument: quotes(1024), errorDocument: quotes(1024) } },
  'quicksync:list': { accountId: ID, includeIncomplete: true },
  'quicksync:details': { accountId: ID, fileKey: quotes(1024) },
  'quicksync:delete': { accountId: ID, fileKeys: fill(quotes(1024), 10_000), operationId: OP },
  'settings:get': {},
  'settings:update': {
    transfers: {
      jobsInParallel: 16,
      partsInParallel: 32,
      uploadBytesPerSecond: 10 * 1024 ** 3,
      downloadBytesPerSecond: 10 * 1024 ** 3,
      multipartThresholdBytes: 5 * 1024 ** 3,
      partSizeBytes: 5 * 1024 ** 3,
      maxAttempts: 20,
      stallTimeoutMs: 600_000,
      resumeOnStart: false,
      quicksyncPartSizeBytes: 25 * 1024 ** 2,
    },
  },
  'multipart:list': { ...place, prefix: KEY, continuationToken: TOKEN },
  'multipart:abort': { ...place, uploads: fill({ key: KEY, uploadId: ctl(1024) }, 1000) },
  'thumbnails:get': { ...place, items: fill({ key: KEY, etag: ctl(1024) }, MAX_THUMBNAILS_PER_GET) },
  'thumbnails:put': { ...place, key: KEY, etag: ctl(1024), webp: 'A'.repeat(Math.ceil(MAX_THUMBNAIL_BYTES / 3) * 4) },
  'edits:open': { ...place, key: KEY },
  'edits:start': { ...place, key: KEY },
  'edits:list': {},
  'edits:resolve': { sessionId: OP, choice: 'overwrite' },
  'edits:stop': { sessionId: OP },
  'sync:list': {},
  'sync:create': {
    ...syncSettings,
    ...place,
    prefix: KEY,
    localFolder: ctl(4096),
  },
  'sync:update': { pairId: ID, settings: syncSettings },
  'sync:remove': { pairId: ID },
  'sync:plan': { pairId: ID },
  'sync:cancel': { pairId: ID },
  'sync:planSummary': { planId: ID },
  'sync:planPage': { planId: ID, section: 'conflicts', offset: Number.MAX_SAFE_INTEGER, limit: MAX_SYNC_PAGE },
  'sync:resolve': { planId: ID, indices: fill(Number.MAX_SAFE_INTEGER, MAX_SYNC_INDICES), resolution: 'download' },
  'sync:run': {
    planId: ID,
    parts: { uploads: true, downloads: true, conflicts: true, deletions: true },
    only: fill(Number.MAX_SAFE_INTEGER, MAX_SYNC_INDICES),
  },
};

const message = (id: number, channel: string, request: unknown): string =>
  JSON.stringify({ type: 'invoke', id, channel, request });

describe('the largest legal request', () => {
  it.each(Object.keys(requestSchemas) as Channel[])('%s parses and fits in one WebSocket message', (channel) => {
    const request = LARGEST[channel];
    const parsed = requestSchemas[channel].safeParse(request);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(utf8Length(message(Number.MAX_SAFE_INTEGER, channel, request))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
  });

  it('the limit is that of the largest request, not far above', () => {
    const largest = Math.max(
      ...Object.entries(LARGEST).map(([channel, request]) =>
        utf8Length(message(Number.MAX_SAFE_INTEGER, channel, request)),
      ),
    );
    expect(largest).toBeGreaterThan(MAX_LIST_JSON_BYTES);
    expect(MAX_MESSAGE_BYTES - largest).toBeLessThan(MAX_REQUEST_REST_BYTES);
    expect(MAX_MESSAGE_BYTES).toBeLessThanOrEqual(5 * 1024 * 1024);
  });

  it('a list one item over the byte bound is refused with a sentence saying what to do', () => {
    const keys = [...fill(KEY, 100_000), KEY];
    const parsed = requestSchemas['objects:delete'].safeParse({ ...place, keys, operationId: OP });
    expect(parsed.error?.issues[0]?.message).toMatch(
      /^The list is 4\.0 MiB; one request holds at most 4 MiB of names\. Select fewer items/,
    );
  });

  it('chunkList splits by count and by bytes, in order', () => {
    expect(chunkList([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    const keys = Array.from({ length: 2000 }, (_, i) => `${i}${KEY}`);
    const chunks = chunkList(keys, 100_000);
    expect(chunks.length).toBe(Math.ceil(2000 / fill(`0000${KEY}`, 100_000).length));
    expect(chunks.flat()).toEqual(keys);
    for (const chunk of chunks) expect(jsonBytes(chunk)).toBeLessThanOrEqual(MAX_LIST_JSON_BYTES);
  });
});

describe('unknown channel names', () => {
  const { router } = fakeRouter();

  it('are clipped to 64 characters with control characters replaced', async () => {
    const answer = await router.invoke(`evil\n\u0000\u001b[31m${'x'.repeat(4 * 1024 * 1024)}`, {});
    expect(answer).toEqual({
      ok: false,
      error: { code: 'InvalidRequest', message: `Unknown channel "evil???[31m${'x'.repeat(53)}…".` },
    });
    expect(await router.invoke('\ud800a', {})).toMatchObject({ error: { message: 'Unknown channel "?a".' } });
  });
});

/** A HostedCore whose invoke validates like the router and otherwise answers what `reply` says. */
function stubCore(
  reply: (channel: string) => Promise<Result<unknown>>,
): HostedCore & { invoked: number; emit: (payload: unknown) => void } {
  const listeners = new Set<(payload: unknown) => void>();
  const core = {
    invoked: 0,
    emit: (payload: unknown) => {
      for (const l of listeners) l(payload);
    },
    invoke(channel: string, request: unknown) {
      core.invoked++;
      if (!Object.hasOwn(requestSchemas, channel))
        return Promise.resolve({ ok: false, error: { code: 'InvalidRequest', message: 'no' } } as const);
      const parsed = requestSchemas[channel as Channel].safeParse(request);
      return parsed.success
        ? reply(channel)
        : Promise.resolve({ ok: false, error: { code: 'InvalidRequest', message: 'bad' } } as const);
    },
    onEvent: (event: string, listener: (payload: unknown) => void) => {
      if (event !== 'transfers:progress') return () => {};
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    openObjectStream: () => Promise.reject(new Error('not here')),
    receiveStagedUpload: () => Promise.reject(new Error('not here')),
  };
  return core as unknown as HostedCore & { invoked: number; emit: (payload: unknown) => void };
}

describe('the WebSocket of the browser host', () => {
  let staticDir: string;
  let host: WebHost | null = null;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    staticDir = await mkdtemp(path.join(os.tmpdir(), 'qs-ws-limits-'));
    await writeFile(path.join(staticDir, 'index.html'), '<!DOCTYPE html>');
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.terminate();
    await host?.close();
    host = null;
  });
  afterAll(() => rm(staticDir, { recursive: true, force: true }));

  async function connect(
    core: HostedCore,
  ): Promise<{ socket: WebSocket; answers: Map<number, Result<unknown>>; closed: Promise<number> }> {
    host = await startWebHost({ core, staticDir });
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api`, [TOKEN_PROTOCOL_PREFIX + host.token], {
      origin: `http://127.0.0.1:${host.port}`,
    });
    sockets.push(socket);
    const answers = new Map<number, Result<unknown>>();
    socket.on('message', (data: RawData) => {
      const m = JSON.parse(String(data)) as { id: number; result: Result<unknown> };
      answers.set(m.id, m.result);
    });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return { socket, answers, closed };
  }

  it('takes the largest legal request, and closes with 1009 on one byte more', async () => {
    const { socket, answers, closed } = await connect(stubCore(() => Promise.resolve({ ok: true, value: 'fine' })));
    const largest = message(1, 'objects:delete', LARGEST['objects:delete']);
    const padding = ' '.repeat(MAX_MESSAGE_BYTES - utf8Length(largest));
    socket.send(largest + padding); // exactly the limit (JSON allows trailing white space)
    await expect.poll(() => answers.get(1)).toEqual({ ok: true, value: 'fine' });
    socket.send(`${largest}${padding} `);
    expect(await closed).toBe(1009);
  });

  it(`answers Throttled at once beyond ${MAX_IN_FLIGHT} requests in flight`, async () => {
    const release: (() => void)[] = [];
    const core = stubCore(() => new Promise((resolve) => release.push(() => resolve({ ok: true, value: null }))));
    const { socket, answers } = await connect(core);
    const total = MAX_IN_FLIGHT + 8;
    for (let id = 1; id <= total; id++) socket.send(message(id, 'app:info', {}));
    await expect.poll(() => answers.size).toBe(8);
    for (let id = MAX_IN_FLIGHT + 1; id <= total; id++) {
      expect(answers.get(id)).toEqual({
        ok: false,
        error: {
          code: 'Throttled',
          message: `More than ${MAX_IN_FLIGHT} requests are running on this connection: wait for their answers, then send again.`,
        },
      });
    }
    expect(core.invoked).toBe(MAX_IN_FLIGHT);
    for (const r of release.splice(0)) r();
    await expect.poll(() => answers.size).toBe(total);
    socket.send(message(total + 1, 'app:info', {})); // room again
    await expect.poll(() => release.length).toBe(1);
    release[0]?.();
    await expect.poll(() => answers.get(total + 1)).toEqual({ ok: true, value: null });
  });

  it('stops reading a client that does not read its answers, until they drain', async () => {
    const big = 'x'.repeat(64 * 1024);
    const core = stubCore(() => Promise.resolve({ ok: true, value: big }));
    const { socket, answers } = await connect(core);
    const total = 400; // 400 answers of 64 KiB: far more than the socket buffers hold
    socket.pause(); // read nothing
    for (let id = 1; id <= total; id++) socket.send(message(id, 'objects:head', { ...place, key: `k${id}`, pad: big }));
    // The host stops reading: what it took in stays the same from one look to the next.
    let seen = -1;
    await expect
      .poll(
        () => {
          const still = core.invoked === seen;
          seen = core.invoked;
          return still && seen > 0;
        },
        { timeout: 20_000, interval: 250 },
      )
      .toBe(true);
    expect(seen).toBeLessThan(total);
    expect(socket.bufferedAmount).toBeGreaterThan(0); // our requests back up on this side
    socket.resume();
    await expect.poll(() => answers.size, { timeout: 30_000 }).toBe(total);
    expect(core.invoked).toBe(total);
  }, 60_000);

  it(`drops a client that reads nothing while events pile up past ${DROP_ABOVE_BYTES / 1024 / 1024} MiB`, async () => {
    const core = stubCore(() => Promise.resolve({ ok: true, value: null }));
    const { socket, closed } = await connect(core);
    let received = 0;
    socket.on('message', () => received++);
    socket.pause();
    const event = { pad: 'e'.repeat(256 * 1024) };
    const total = 2 * (DROP_ABOVE_BYTES / (256 * 1024)); // twice what the host keeps for one client
    for (let i = 1; i <= total; i++) {
      core.emit(event);
      if (i % 32 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    socket.resume();
    expect(await closed).toBe(1006); // terminated, without a closing handshake
    expect(received).toBeLessThan(total);
  }, 60_000);
});

describe("the page's WebSocket client", () => {
  it('refuses a request larger than the host takes, instead of losing the connection', async () => {
    const sent: string[] = [];
    const socket: SocketLike = {
      readyState: 1,
      onopen: null,
      onclose: null,
      onerror: null,
      onmessage: null,
      send: (data) => void sent.push(data),
      close: () => undefined,
    };
    const client = createWsClient({
      url: 'ws://127.0.0.1:1/api',
      token: 't',
      createSocket: () => socket,
      setTimer: () => 0,
      clearTimer: () => undefined,
    });
    socket.onopen?.(new Event('open'));
    const tooMany = { ...(LARGEST['objects:delete'] as object), keys: [...fill(KEY, 100_000), ...fill(KEY, 100_000)] };
    expect(await client.invoke('objects:delete', tooMany as never)).toEqual({
      ok: false,
      error: {
        code: 'InvalidRequest',
        message: 'This request is too large to send at once: select fewer items and repeat for the rest.',
      },
    });
    expect(sent).toEqual([]);
    void client.invoke('objects:delete', LARGEST['objects:delete'] as never);
    expect(sent).toHaveLength(1);
  });
});
