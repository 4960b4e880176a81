/**
 * The QuickSync test server behind its contract validator, driven with plain fetch: the whole
 * API round-trips byte for byte with no violation, the validator refuses a request and flags a
 * response that break the document, tokens fail with problem details, the download host
 * refuses a bearer token, and the fault hooks reach the client through the validator.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startQuickSyncTestServer, type QuickSyncTestServer } from '../servers/quicksync-server';

const MiB = 1024 * 1024;
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');

let qs: QuickSyncTestServer;

beforeEach(async () => {
  qs = await startQuickSyncTestServer();
});
afterEach(async () => {
  await qs.stop();
});

function call(path: string, init: RequestInit = {}, token: string | null = qs.token): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  return fetch(`${qs.apiBase}${path}`, { ...init, headers });
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function ok<T>(response: Promise<Response>): Promise<T> {
  const res = await response;
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

async function initiate(
  size: number,
  totalParts: number,
  name = 'file.bin',
): Promise<{ uploadId: string; fileKey: string }> {
  return ok(call('/buckets', json({ totalParts, originalSizeInBytes: size, encryptedName: name })));
}

function putPart(
  upload: { uploadId: string; fileKey: string },
  partNumber: number,
  bytes: Uint8Array,
): Promise<Response> {
  return call('/buckets', {
    method: 'PUT',
    headers: {
      'content-type': 'application/octet-stream',
      partNumber: String(partNumber),
      key: upload.fileKey,
      uploadId: upload.uploadId,
    },
    // A copy: fetch takes only views of a plain ArrayBuffer.
    body: new Uint8Array(bytes),
  });
}

/** Uploads `data` as the given parts and completes it; returns the fileKey. */
async function upload(data: Buffer, partSizes: number[], name = 'file.bin'): Promise<string> {
  const started = await initiate(data.length, partSizes.length, name);
  const tags: string[] = [];
  let offset = 0;
  for (const [index, size] of partSizes.entries()) {
    const answer = await ok<{ tag: string; partNumber: number }>(
      putPart(started, index + 1, data.subarray(offset, offset + size)),
    );
    tags.push(answer.tag);
    offset += size;
  }
  await ok(call('/buckets/complete', json({ key: started.fileKey, tags })));
  return started.fileKey;
}

async function problemOf(res: Response): Promise<{ type: string; title: string; status: number; detail: string }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as { type: string; title: string; status: number; detail: string };
}

const errorsOf = (): unknown[] => qs.violations.filter((v) => v.severity === 'error');

describe('QuickSync test server behind the contract validator', () => {
  it('round-trips a file through every call, byte for byte, with no violation', async () => {
    // The middle part is over the 10 MB the prism CLI would cap a text body at.
    const sizes = [5 * MiB, 11 * MiB, 777];
    const data = randomBytes(sizes.reduce((a, b) => a + b, 0));
    expect(qs.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);

    const started = await initiate(data.length, 3, 'report.pdf');
    const tags: string[] = [];
    let offset = 0;
    for (const [index, size] of sizes.entries()) {
      const bytes = data.subarray(offset, offset + size);
      const answer = await ok<{ tag: string; partNumber: number }>(putPart(started, index + 1, bytes));
      expect(answer).toEqual({ tag: md5(bytes), partNumber: index + 1 });
      tags.push(answer.tag);
      offset += size;
    }
    expect(qs.server.stats.partsReceived.get(started.fileKey)).toBe(3);
    expect(qs.server.stats.bytesReceived).toBe(data.length);

    const listedBefore = await ok<{ fileKey: string; completed: boolean }[]>(call('/buckets'));
    expect(listedBefore).toEqual([expect.objectContaining({ fileKey: started.fileKey, completed: false })]);

    expect(await ok(call('/buckets/complete', json({ key: started.fileKey, tags })))).toEqual(started);

    const info = {
      creatorId: expect.any(String),
      completed: true,
      fileKey: started.fileKey,
      fileName: 'report.pdf',
      totalParts: 3,
      originalSizeInBytes: data.length,
    };
    expect(await ok(call('/buckets'))).toEqual([info]);
    expect(await ok(call(`/buckets/file/${started.fileKey}`))).toEqual(info);

    const { url } = await ok<{ url: string }>(call(`/buckets/download/${started.fileKey}`));
    expect(new URL(url).origin).not.toBe(new URL(qs.apiBase).origin);
    const download = await fetch(url);
    expect(download.status).toBe(200);
    const body = Buffer.from(await download.arrayBuffer());
    expect(body.length).toBe(data.length);
    expect(sha256(body)).toBe(sha256(data));
    expect(qs.server.stats.downloads).toBe(1);
    // One link, one download: the app asks for a fresh one each time.
    expect((await fetch(url)).status).toBe(404);

    expect(await ok(call(`/buckets/${started.fileKey}`, { method: 'DELETE' }))).toBeUndefined();
    expect((await problemOf(await call(`/buckets/file/${started.fileKey}`))).status).toBe(404);
    expect(await ok(call('/buckets'))).toEqual([]);
    expect(qs.server.files.size).toBe(0);

    // Every request and response above matched the document; the 404 is the one status it does not list.
    expect(qs.violations).toEqual([
      expect.objectContaining({ side: 'response', severity: 'warning', path: `/buckets/file/${started.fileKey}` }),
    ]);
    expect(qs.server.stats.requests).toEqual({
      list: 3,
      initiate: 1,
      part: 3,
      complete: 1,
      details: 2,
      delete: 1,
      link: 1,
    });
  });

  it('refuses requests that break the document, without forwarding them', async () => {
    const data = randomBytes(1000);
    const started = await initiate(data.length, 1);
    const { tag } = await ok<{ tag: string }>(putPart(started, 1, data));

    // NOTES.md guessed a complete body with uploadId; the document allows only key and tags.
    const extra = await call(
      '/buckets/complete',
      json({ key: started.fileKey, uploadId: started.uploadId, tags: [tag] }),
    );
    expect(extra.status).toBe(422);
    const problem = (await problemOf(extra)) as unknown as { validation: { message: string }[] };
    expect(problem.validation.map((v) => v.message).join('\n')).toMatch(/additional properties; found 'uploadId'/);

    const asObjects = await call('/buckets/complete', json({ key: started.fileKey, tags: [{ partNumber: 1, tag }] }));
    expect(asObjects.status).toBe(422);

    // A part must travel as raw bytes.
    const jsonPart = await call('/buckets', {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        partNumber: '1',
        key: started.fileKey,
        uploadId: started.uploadId,
      },
      body: JSON.stringify({ bytes: 'AAAA' }),
    });
    expect(jsonPart.status).toBe(422);
    const wordyPart = await call('/buckets', {
      method: 'PUT',
      headers: {
        'content-type': 'application/octet-stream',
        partNumber: 'one',
        key: started.fileKey,
        uploadId: started.uploadId,
      },
      body: new Uint8Array(data),
    });
    expect(wordyPart.status).toBe(422);

    // A client that drops the /v1 base path.
    const noBase = await fetch(`${new URL(qs.apiBase).origin}/buckets`, {
      headers: { authorization: `Bearer ${qs.token}` },
    });
    expect(noBase.status).toBe(404);

    expect(qs.server.stats.requests.complete).toBe(0);
    expect(qs.server.stats.requests.part).toBe(1);
    expect(errorsOf()).toHaveLength(5);
    expect(errorsOf()).toEqual(expect.arrayContaining([expect.objectContaining({ side: 'request' })]));
  });

  it('flags a response that breaks the document', async () => {
    await initiate(10, 1);
    qs.server.faults.breakNextResponse('list');
    const res = await call('/buckets');
    expect(res.status).toBe(500);
    const problem = (await problemOf(res)) as unknown as { type: string; validation: { message: string }[] };
    expect(problem.type).toBe('https://stoplight.io/prism/errors#VIOLATIONS');
    expect(problem.validation.map((v) => v.message).join('\n')).toMatch(/additional properties; found 'unexpected'/);
    expect(errorsOf()).toEqual([expect.objectContaining({ side: 'response', method: 'GET', path: '/buckets' })]);
    expect(qs.server.stats.requests.list).toBe(1);

    // The hook is one-shot: the next answer is valid again.
    expect(await ok<unknown[]>(call('/buckets'))).toHaveLength(1);
  });

  it('answers an unknown or expired token with 401 problem details', async () => {
    const unknown = await call('/buckets', {}, 'not-a-session');
    expect(unknown.status).toBe(401);
    expect(await problemOf(unknown)).toEqual({
      type: expect.any(String),
      title: 'Unauthorized',
      status: 401,
      detail: expect.stringMatching(/not recognised/),
    });

    const fileKey = await upload(randomBytes(64), [64]);
    qs.server.expireSession(qs.token);
    const expired = await call('/buckets');
    expect(expired.status).toBe(401);
    expect((await problemOf(expired)).detail).toMatch(/expired/);

    // Pasting a new token of the same owner brings the files back.
    const owner = qs.server.files.get(fileKey)!.creatorId;
    const fresh = qs.server.addSession({ creatorId: owner });
    expect(await ok<{ fileKey: string }[]>(call('/buckets', {}, fresh.token))).toEqual([
      expect.objectContaining({ fileKey }),
    ]);
    // Another owner's session sees nothing of it.
    const stranger = qs.server.addSession();
    expect(await ok(call('/buckets', {}, stranger.token))).toEqual([]);
    expect((await call(`/buckets/file/${fileKey}`, {}, stranger.token)).status).toBe(404);

    // No Authorization at all: the document's security requirement, enforced by the validator.
    const anonymous = await call('/buckets', {}, null);
    expect(anonymous.status).toBe(401);
    expect(errorsOf()).toEqual([expect.objectContaining({ side: 'request', message: 'Invalid security scheme used' })]);
  });

  it('refuses download requests that carry Authorization, and serves the same link without it', async () => {
    const data = randomBytes(4096);
    const fileKey = await upload(data, [4096]);
    const { url } = await ok<{ url: string }>(call(`/buckets/download/${fileKey}`));

    const leaked = await fetch(url, { headers: { authorization: `Bearer ${qs.token}` } });
    expect(leaked.status).toBe(403);
    expect(qs.server.stats.authorizationRefused).toBe(1);

    const clean = await fetch(url);
    expect(sha256(Buffer.from(await clean.arrayBuffer()))).toBe(sha256(data));
  });

  it('checks every tag and the total size at completion', async () => {
    const data = randomBytes(3000);
    const started = await initiate(data.length, 2);
    const first = await ok<{ tag: string }>(putPart(started, 1, data.subarray(0, 1500)));
    const second = await ok<{ tag: string }>(putPart(started, 2, data.subarray(1500)));

    const swapped = await call('/buckets/complete', json({ key: started.fileKey, tags: [second.tag, first.tag] }));
    expect(swapped.status).toBe(400);
    expect((await problemOf(swapped)).detail).toMatch(/tag of part 1/);
    const short = await call('/buckets/complete', json({ key: started.fileKey, tags: [first.tag] }));
    expect((await problemOf(short)).status).toBe(400);

    // A re-sent part replaces the old one: a shorter part 2 no longer adds up.
    const shorter = await ok<{ tag: string }>(putPart(started, 2, data.subarray(1500, 2000)));
    const size = await call('/buckets/complete', json({ key: started.fileKey, tags: [first.tag, shorter.tag] }));
    expect((await problemOf(size)).detail).toMatch(/2000 bytes, not the 3000/);

    await ok(putPart(started, 2, data.subarray(1500)));
    await ok(call('/buckets/complete', json({ key: started.fileKey, tags: [first.tag, second.tag] })));
    expect(qs.server.files.get(started.fileKey)?.completed).toBe(true);
    expect(errorsOf()).toEqual([]);
  });

  it('injects part failures, resets, holds and short downloads through the validator', async () => {
    const data = randomBytes(256 * 1024);
    const started = await initiate(data.length, 1);

    qs.server.faults.failNextParts(1);
    const failed = await putPart(started, 1, data);
    expect(failed.status).toBe(503);
    expect((await problemOf(failed)).title).toBe('Service Unavailable');

    qs.server.faults.resetNextParts(1);
    await expect(putPart(started, 1, data)).rejects.toThrow();
    expect(qs.server.stats.partsReceived.get(started.fileKey)).toBeUndefined();

    const release = qs.server.faults.holdParts();
    const held = putPart(started, 1, data);
    await qs.server.waitFor(() => qs.server.stats.partsHeld === 1, 10_000, 'a held part');
    expect(qs.server.stats.partsReceived.get(started.fileKey)).toBeUndefined();
    release();
    const { tag } = await ok<{ tag: string }>(held);
    expect(qs.server.stats.partsReceived.get(started.fileKey)).toBe(1);
    // Two full bodies and at least half of the reset one were read.
    expect(qs.server.stats.bytesReceived).toBeGreaterThanOrEqual(2.5 * data.length);

    await ok(call('/buckets/complete', json({ key: started.fileKey, tags: [tag] })));
    qs.server.faults.shortenNextDownload(1000);
    const { url } = await ok<{ url: string }>(call(`/buckets/download/${started.fileKey}`));
    expect((await (await fetch(url)).arrayBuffer()).byteLength).toBe(1000);

    qs.server.faults.redirectNext('list');
    const redirected = await call('/buckets', { redirect: 'manual' });
    expect(redirected.status).toBe(307);
    expect(new URL(redirected.headers.get('location')!).origin).toBe(qs.server.downloadOrigin);
    expect(errorsOf()).toEqual([]);
  });
});
