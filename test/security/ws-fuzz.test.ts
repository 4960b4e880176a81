// 10,000 generated malformed WebSocket messages on one connection to the real browser host
// (in process, fresh data folder): each is answered with a validation error, the host then
// serves another client, and its heap is back within 20 % of where it started.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, type RawData } from 'ws';
import type { ResultMessage } from '../../shared/contract';
import { utf8Length } from '../../shared/keys';
import { type Channel, requestSchemas } from '../../shared/contract';
import { createCore, type Core } from '../../electron/core/create-core';
import { SOURCE_WORKER_ENTRY } from '../support/source-worker';
import { createKeyFileVault } from '../../electron/core/key-file-vault';
import { createDownloadLinks } from '../../electron/web/download-links';
import { TOKEN_PROTOCOL_PREFIX } from '../../electron/web/request-guard';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { MAX_MESSAGE_BYTES, UNKNOWN_ID } from '../../electron/web/ws-api';

const MESSAGES = 10_000;
const SEED = 20_261_205;
/** No answer echoes a message back: the longest refusal sentence is far below this. */
const MAX_ANSWER_BYTES = 2048;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function heapUsed(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

const CHANNELS = Object.keys(requestSchemas) as Channel[];
/** The top-level field names of each channel's request (its schema's object shape). */
const FIELDS = Object.fromEntries(
  CHANNELS.map((c) => {
    const schema = requestSchemas[c] as unknown as { shape?: Record<string, unknown> };
    return [c, Object.keys(schema.shape ?? {})];
  }),
) as Record<Channel, string[]>;

/** What one message is, and the id its answer must carry. */
interface Case {
  frame: string | Uint8Array;
  id: number;
  /** The code of the schema's first issue when it names one (e.g. InvalidKey), else InvalidRequest. */
  code: string;
}

const id = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
/** Up to 1 MiB, sometimes close to the message limit: big, but within what the socket takes. */
const hugeString = fc
  .tuple(fc.constantFrom('x', '\u0001', '"', 'é', '\u{1F600}'), fc.integer({ min: 64 * 1024, max: 1024 * 1024 }))
  .map(([c, n]) => c.repeat(Math.floor(n / utf8Length(JSON.stringify(c)))));
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 8 }), { maxLength: 5 }) },
);

/** A request shaped like the channel's: its field names (some missing, some extra) with junk values. */
function shapedRequest(channel: Channel, withHuge: boolean): fc.Arbitrary<unknown> {
  const fields = FIELDS[channel];
  const record = fc.record(Object.fromEntries(fields.map((f) => [f, junk])), { requiredKeys: [] });
  const extra = fc.dictionary(fc.string({ maxLength: 10 }), junk, { maxKeys: 3 });
  const shaped = fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
  if (!withHuge || fields.length === 0)
    return fc.oneof({ weight: 9, arbitrary: shaped }, { weight: 1, arbitrary: junk });
  return fc
    .tuple(shaped, fc.constantFrom(...fields), hugeString)
    .map(([r, field, big]) => ({ ...(r as object), [field]: big }));
}

const invoke = (mid: unknown, channel: unknown, request: unknown): string =>
  JSON.stringify({ type: 'invoke', id: mid, channel, request });

/** A known channel with a request that its schema refuses. */
const badRequest = (withHuge: boolean): fc.Arbitrary<Case> =>
  fc
    .constantFrom(...CHANNELS)
    .chain((channel) => fc.tuple(fc.constant(channel), id, shapedRequest(channel, withHuge)))
    .map(([channel, mid, request]) => ({
      channel,
      mid,
      request,
      parsed: requestSchemas[channel].safeParse(request ?? {}),
    }))
    .filter(({ parsed }) => !parsed.success)
    .map(({ channel, mid, request, parsed }) => {
      const issue = parsed.error?.issues[0];
      const named = issue?.code === 'custom' ? (issue.params as { code?: string } | undefined)?.code : undefined;
      return { frame: invoke(mid, channel, request), id: mid, code: named ?? 'InvalidRequest' };
    });

const unknownChannel: fc.Arbitrary<Case> = fc
  .tuple(id, fc.oneof(fc.string({ maxLength: 200, unit: 'binary' }), hugeString), junk)
  .filter(([, channel]) => !Object.hasOwn(requestSchemas, channel))
  .map(([mid, channel, request]) => ({ frame: invoke(mid, channel, request), id: mid, code: 'InvalidRequest' }));

/** The envelope is wrong: another type, an id that is not a safe integer, no channel string. */
const badEnvelope: fc.Arbitrary<Case> = fc.oneof(
  fc
    .tuple(id, fc.constantFrom(...CHANNELS), fc.oneof(fc.string({ maxLength: 10 }), fc.constant(null), fc.integer()))
    .filter(([, , type]) => type !== 'invoke')
    .map(([mid, channel, type]) => ({
      frame: JSON.stringify({ type, id: mid, channel, request: {} }),
      id: mid,
      code: 'InvalidRequest',
    })),
  fc
    .tuple(
      fc.oneof(
        fc.double({ noInteger: true }),
        fc.string({ maxLength: 10 }),
        fc.constant(null),
        fc.constant(2 ** 53),
        fc.boolean(),
      ),
      fc.constantFrom(...CHANNELS),
    )
    .map(([mid, channel]) => ({ frame: invoke(mid, channel, {}), id: UNKNOWN_ID, code: 'InvalidRequest' })),
  fc
    .tuple(
      id,
      fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 })),
    )
    .map(([mid, channel]) => ({ frame: invoke(mid, channel, {}), id: mid, code: 'InvalidRequest' })),
  fc.tuple(id, fc.constantFrom(...CHANNELS)).map(([mid, channel]) => ({
    frame: JSON.stringify({ type: 'invoke', id: mid, request: {}, chanel: channel }),
    id: mid,
    code: 'InvalidRequest',
  })),
);

const notAnObject: fc.Arbitrary<Case> = fc
  .oneof(
    fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
    fc.array(fc.object({ maxDepth: 2 }), { minLength: 1, maxLength: 3 }),
  )
  .map((v) => ({ frame: JSON.stringify(v), id: UNKNOWN_ID, code: 'InvalidRequest' }));

const notJson: fc.Arbitrary<Case> = fc
  .oneof(
    fc.string({ maxLength: 200, unit: 'binary' }),
    fc.tuple(fc.constantFrom(...CHANNELS), fc.nat()).map(([c, cut]) => {
      const text = invoke(1, c, {});
      return text.slice(0, cut % text.length);
    }),
    fc.constantFrom(
      '{"type":"invoke",',
      '[[[[[[[[[[',
      '{"id":1e999999}x',
      'NaN',
      '{"a":undefined}',
      "{'type':'invoke'}",
    ),
  )
  .filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  })
  .map((text) => ({ frame: text, id: UNKNOWN_ID, code: 'InvalidRequest' }));

/** Binary frames are refused whatever they hold: invalid UTF-8, or a valid invoke as bytes. */
const binary: fc.Arbitrary<Case> = fc
  .oneof(
    fc.uint8Array({ minLength: 0, maxLength: 300 }),
    fc.constantFrom(new Uint8Array([0xff, 0xfe, 0xc0, 0x80]), new Uint8Array(Buffer.from(invoke(3, 'app:info', {})))),
  )
  .map((bytes) => ({ frame: bytes, id: UNKNOWN_ID, code: 'InvalidRequest' }));

const malformed: fc.Arbitrary<Case> = fc.oneof(
  { weight: 40, arbitrary: badRequest(false) },
  { weight: 2, arbitrary: badRequest(true) },
  { weight: 12, arbitrary: unknownChannel },
  { weight: 14, arbitrary: badEnvelope },
  { weight: 10, arbitrary: notAnObject },
  { weight: 12, arbitrary: notJson },
  { weight: 10, arbitrary: binary },
);

/** A client that sends one frame at a time and hands back the answer to it. */
async function open(port: number, token: string): Promise<{ socket: WebSocket; next: () => Promise<string> }> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api`, [TOKEN_PROTOCOL_PREFIX + token], {
    origin: `http://127.0.0.1:${port}`,
  });
  const queued: string[] = [];
  let waiter: { resolve: (text: string) => void; reject: (error: Error) => void } | null = null;
  socket.on('message', (data: RawData) => {
    const text = String(data);
    const w = waiter;
    waiter = null;
    if (w === null) queued.push(text);
    else w.resolve(text);
  });
  socket.on('close', (code) => waiter?.reject(new Error(`the host closed the connection (${code})`)));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const next = (): Promise<string> => {
    const text = queued.shift();
    if (text !== undefined) return Promise.resolve(text);
    return new Promise((resolve, reject) => {
      waiter = { resolve, reject };
    });
  };
  return { socket, next };
}

describe('WebSocket fuzz: malformed messages on one connection', () => {
  let dataDir: string;
  let staticDir: string;
  let core: Core;
  let web: WebHost;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-ws-fuzz-'));
    staticDir = path.join(dataDir, 'static');
    await mkdir(staticDir);
    await writeFile(path.join(staticDir, 'index.html'), '<!DOCTYPE html>');
    const links = createDownloadLinks();
    core = await createCore({
      dataDir,
      vault: await createKeyFileVault(dataDir),
      workerEntry: SOURCE_WORKER_ENTRY,
      host: { createDownloadLink: (source) => links.create(source) },
      info: { host: 'web', version: 'fuzz' },
    });
    web = await startWebHost({ core, port: 0, staticDir, links });
  });

  afterAll(async () => {
    await web.close();
    await core.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`answers each of ${MESSAGES.toLocaleString('en-US')} with a validation error, then serves another client`, async () => {
    const warm = await open(web.port, web.token);
    warm.socket.send(invoke(1, 'app:info', {}));
    await warm.next();
    warm.socket.close();
    const heapBefore = heapUsed();

    const { socket, next } = await open(web.port, web.token);
    const counts: Record<string, number> = {};
    let sent = 0;
    // Generated in batches so the run holds only a few hundred messages at a time.
    for (let batch = 0; sent < MESSAGES; batch++) {
      const cases = fc.sample(malformed, { numRuns: Math.min(500, MESSAGES - sent), seed: SEED + batch });
      for (const c of cases) {
        expect(typeof c.frame === 'string' ? utf8Length(c.frame) : c.frame.length).toBeLessThanOrEqual(
          MAX_MESSAGE_BYTES,
        );
        socket.send(c.frame, { binary: typeof c.frame !== 'string' });
        const text = await next();
        expect(utf8Length(text)).toBeLessThanOrEqual(MAX_ANSWER_BYTES);
        const answer = JSON.parse(text) as ResultMessage;
        const context = typeof c.frame === 'string' ? c.frame.slice(0, 300) : `binary ${c.frame.length} B`;
        expect(answer.type, context).toBe('result');
        expect(answer.id, context).toBe(c.id);
        expect(answer.result.ok, context).toBe(false);
        if (!answer.result.ok) {
          expect(answer.result.error.code, context).toBe(c.code);
          expect(answer.result.error.message.length, context).toBeGreaterThan(10);
          counts[answer.result.error.code] = (counts[answer.result.error.code] ?? 0) + 1;
        }
        sent++;
      }
    }
    expect(sent).toBe(MESSAGES);
    expect(counts.InvalidRequest).toBeGreaterThan(MESSAGES * 0.9);
    socket.close();

    const other = await open(web.port, web.token);
    other.socket.send(invoke(42, 'app:info', {}));
    expect(JSON.parse(await other.next())).toMatchObject({
      type: 'result',
      id: 42,
      result: { ok: true, value: { host: 'web' } },
    });
    other.socket.close();
    await new Promise((resolve) => other.socket.once('close', resolve));

    const heapAfter = heapUsed();
    expect(heapAfter, `heap ${heapBefore} → ${heapAfter} bytes`).toBeLessThanOrEqual(heapBefore * 1.2);
  }, 120_000);
});
