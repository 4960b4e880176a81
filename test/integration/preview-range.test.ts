/**
 * Quick Look's preview links against the S3 server, through the core and the browser host:
 * range reads return exactly those bytes with 206 headers, 416 past the end, HEAD, unknown,
 * closed and expired links 404, a changed object is refused (412), and every answer is typed
 * from the allow-list (HTML and scripts as text/plain), nosniff, sandboxed and never cached.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewLink } from '../../shared/models';
import { createPreviewLinks } from '../../electron/core/previews/preview-links';
import { appResponse } from '../../electron/main/app-protocol';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { startHarness, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';

const s3 = s3OrSkip();

/** Key → [body, the type the link must serve it as]. */
const TYPED: Record<string, [string, string]> = {
  'types/photo.png': ['png bytes', 'image/png'],
  'types/photo.JPG': ['jpeg bytes', 'image/jpeg'],
  'types/drawing.svg': ['<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml'],
  'types/clip.webm': ['webm bytes', 'video/webm'],
  'types/song.mp3': ['mp3 bytes', 'audio/mpeg'],
  'types/page.html': ['<script>alert(1)</script>', 'text/plain; charset=utf-8'],
  'types/app.js': ['alert(1)', 'text/plain; charset=utf-8'],
  'types/data.json': ['{"a":1}', 'text/plain; charset=utf-8'],
  'types/readme.md': ['# Hi', 'text/plain; charset=utf-8'],
  'types/paper.pdf': ['%PDF-1.4', 'application/octet-stream'],
  'types/archive.zip': ['PK', 'application/octet-stream'],
  'types/no-extension': ['?', 'application/octet-stream'],
};

describe.skipIf(!s3)(s3Title('preview links: range reads through the core and the browser host'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let web: WebHost;
  let staticDir: string;
  let bucket: string;
  const body = randomBytes(100_000);

  const preview = (key: string): Promise<PreviewLink> =>
    h.call('objects:preview', { accountId: h.accountId, bucket, key });
  const get = (url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> =>
    fetch(new URL(url, web.url), { method, headers });

  beforeAll(async () => {
    h = await startHarness(info);
    staticDir = await mkdtemp(path.join(os.tmpdir(), 'qs-preview-static-'));
    web = await startWebHost({ core: h.core, staticDir });
    bucket = await h.newBucket('preview');
    await h.put(bucket, 'big.bin', body);
    for (const [key, [text]] of Object.entries(TYPED)) await h.put(bucket, key, text);
  });
  afterAll(async () => {
    await web?.close();
    await h?.dispose();
    if (staticDir) await rm(staticDir, { recursive: true, force: true });
  });

  it('describes the object and hands out a same-origin link', async () => {
    const link = await preview('big.bin');
    expect(link.url).toMatch(/^\/preview\/[\w-]{32}$/);
    expect(link.size).toBe(body.length);
    expect(link.etag).toMatch(/^".+"$/);
    const missing = await h.fail('objects:preview', { accountId: h.accountId, bucket, key: 'nope' });
    expect(missing.code).toBe('NoSuchKey');
  });

  it('answers a range with exactly those bytes and 206 headers, as many times as asked', async () => {
    const { url } = await preview('big.bin');
    for (const [start, end] of [
      [0, 0],
      [1000, 65_535],
      [99_990, 99_999],
    ] as const) {
      const res = await get(url, { Range: `bytes=${start}-${end}` });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${body.length}`);
      expect(res.headers.get('content-length')).toBe(String(end - start + 1));
      expect(res.headers.get('accept-ranges')).toBe('bytes');
      expect(Buffer.from(await res.arrayBuffer()).equals(body.subarray(start, end + 1))).toBe(true);
    }
    const suffix = await get(url, { Range: 'bytes=-10' });
    expect(suffix.status).toBe(206);
    expect(Buffer.from(await suffix.arrayBuffer()).equals(body.subarray(-10))).toBe(true);
    const open = await get(url, { Range: 'bytes=99000-' });
    expect(open.headers.get('content-range')).toBe(`bytes 99000-99999/${body.length}`);
    expect(Buffer.from(await open.arrayBuffer()).equals(body.subarray(99_000))).toBe(true);

    const whole = await get(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(body.length));
    expect(Buffer.from(await whole.arrayBuffer()).equals(body)).toBe(true);
  });

  it('answers 416 past the end, and HEAD without a body', async () => {
    const { url } = await preview('big.bin');
    const past = await get(url, { Range: `bytes=${body.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${body.length}`);

    const head = await get(url, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(body.length));
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const headRange = await get(url, { Range: 'bytes=10-19' }, 'HEAD');
    expect(headRange.status).toBe(206);
    expect(headRange.headers.get('content-range')).toBe(`bytes 10-19/${body.length}`);

    expect((await get(url, {}, 'POST')).status).toBe(405);
  });

  it('refuses unknown and closed links with 404, and a request another site starts', async () => {
    expect((await get('/preview/not-a-link')).status).toBe(404);
    const { url } = await preview('big.bin');
    expect((await get(url, { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    expect((await get(url, { 'Sec-Fetch-Site': 'same-origin', Range: 'bytes=0-1' })).status).toBe(206);
    await h.call('objects:closePreview', { url });
    expect((await get(url)).status).toBe(404);
    expect((await get(url, {}, 'HEAD')).status).toBe(404);
  });

  it('refuses a changed object instead of mixing its bytes (412)', async () => {
    await h.put(bucket, 'changing.txt', 'first version');
    const { url } = await preview('changing.txt');
    expect(await (await get(url)).text()).toBe('first version');
    await h.put(bucket, 'changing.txt', 'second version, other bytes');
    const res = await get(url, { Range: 'bytes=0-4' });
    expect(res.status).toBe(412);
    expect(await res.text()).not.toContain('second');
  });

  it('serves each type from the allow-list, never the stored one, nosniff, sandboxed, not cached', async () => {
    // A stored type that would run in the page must not decide anything.
    await h.sdk.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'types/evil.txt',
        Body: '<script>alert(1)</script>',
        ContentType: 'text/html',
      }),
    );
    const expected: Record<string, [string, string]> = {
      ...TYPED,
      'types/evil.txt': ['<script>alert(1)</script>', 'text/plain; charset=utf-8'],
    };
    for (const [key, [text, type]] of Object.entries(expected)) {
      const link = await preview(key);
      const res = await get(link.url);
      expect(res.status, key).toBe(200);
      expect(res.headers.get('content-type'), key).toBe(type);
      expect(res.headers.get('x-content-type-options'), key).toBe('nosniff');
      expect(res.headers.get('content-security-policy'), key).toBe("sandbox; default-src 'none'");
      expect(res.headers.get('cache-control'), key).toBe('no-store');
      expect(await res.text(), key).toBe(text);
    }
    expect((await preview('types/evil.txt')).contentType).toBe('text/html');
  });

  it("Electron's app:// serves the same links with the same range answers", async () => {
    const { url } = await preview('big.bin');
    const request = (range?: string) => ({
      url: `app://qstorage${url}`,
      method: 'GET',
      headers: new Headers(range === undefined ? {} : { Range: range }),
    });
    const answer = (range?: string) => appResponse(staticDir, request(range), 'csp', h.core.answerPreview);
    const part = await answer('bytes=500-1499');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 500-1499/${body.length}`);
    expect(part.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(Buffer.from(await part.arrayBuffer()).equals(body.subarray(500, 1500))).toBe(true);
    expect((await answer(`bytes=${body.length}-`)).status).toBe(416);
    await h.call('objects:closePreview', { url });
    expect((await answer()).status).toBe(404);
  });

  it('links expire when idle, renew on use, and are bounded', () => {
    let now = 0;
    const links = createPreviewLinks({ idleMs: 1000, now: () => now });
    const target = {
      source: { accountId: 'a', bucket: 'b', key: 'k' },
      size: 1,
      etag: '"e"',
      servedType: 'text/plain; charset=utf-8',
    };
    const url = links.create(target);
    const id = url.slice('/preview/'.length);
    now = 900;
    expect(links.use(id)).toEqual(target);
    now = 1800;
    expect(links.use(id)).toEqual(target);
    now = 2900;
    expect(links.use(id)).toBeNull();
    for (let i = 0; i < 300; i++) links.create(target);
    expect(links.size).toBe(256);
  });
});
