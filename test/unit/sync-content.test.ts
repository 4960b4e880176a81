/**
 * Compare by content on real files: a single-part ETag against the file's MD5; a multipart
 * ETag recomputed with the part size the service tells, checked against a whole-file MD5 in
 * the metadata, or guessed from the usual part sizes; one part whatever its size; the file read
 * once whatever is tried, the layout asked once and only for multipart ETags; what cannot be
 * read or is gone is different, a cancel rejects.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreError } from '../../electron/core/errors';
import { contentComparer } from '../../electron/core/sync/content-compare';
import type { LocalFile, RemoteObject } from '../../electron/core/sync/types';
import type { PartLayout, ProviderTransfers } from '../../electron/core/transfers/provider-transfers';

const MiB = 1024 * 1024;
let dir: string;
let body: Buffer;
let file: LocalFile;

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
/** The ETag S3 gives an object uploaded in parts of `partSize` (computed independently of the code under test). */
function multipartEtag(b: Buffer, partSize: number): string {
  const digests: Buffer[] = [];
  for (let i = 0; i < b.length || digests.length === 0; i += partSize) {
    digests.push(
      createHash('md5')
        .update(b.subarray(i, i + partSize))
        .digest(),
    );
  }
  return `${md5(Buffer.concat(digests))}-${digests.length}`;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'qs-sync-content-'));
  body = randomBytes(12 * MiB + 123);
  const absolute = path.join(dir, 'data.bin');
  await writeFile(absolute, body);
  file = { path: 'data.bin', absolute, size: body.length, mtimeMs: 0 };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const object = (etag: string | null, size = body.length): RemoteObject => ({
  path: 'data.bin',
  key: 'prefix/data.bin',
  size,
  etag,
  lastModifiedMs: 0,
});

const NOTHING: PartLayout = { partSize: null, partsCount: null, md5: null };

function setup(layout: PartLayout | (() => Promise<PartLayout>), signal = new AbortController().signal) {
  const asked: string[] = [];
  let hashed = 0;
  const transfers = {
    partLayout: async (_bucket: string, key: string) => {
      asked.push(key);
      return typeof layout === 'function' ? layout() : layout;
    },
  } as Partial<ProviderTransfers> as ProviderTransfers;
  const same = contentComparer(transfers, 'bucket', { signal, onHashed: (n) => (hashed += n) });
  return { same, asked, hashed: () => hashed };
}

describe('content compare', () => {
  it('single-part ETag: the MD5 of the bytes, without asking the layout', async () => {
    const { same, asked, hashed } = setup(NOTHING);
    expect(await same(file, object(md5(body)))).toBe(true);
    expect(await same(file, object(md5(body).toUpperCase()))).toBe(true);
    const other = Buffer.from(body);
    other[5 * MiB] = other[5 * MiB]! ^ 1;
    expect(await same(file, object(md5(other)))).toBe(false);
    expect(asked).toEqual([]);
    expect(hashed()).toBe(2 * body.length + body.length);
  });

  it('multipart ETag: recomputed with the part size the service tells, the layout asked once', async () => {
    const etag = multipartEtag(body, 7 * MiB);
    const { same, asked, hashed } = setup({ partSize: 7 * MiB, partsCount: 2, md5: null });
    expect(await same(file, object(etag))).toBe(true);
    expect(asked).toEqual(['prefix/data.bin']);
    expect(hashed()).toBe(body.length);
  });

  it('multipart ETag: a whole-file MD5 in the metadata (rclone) answers when the part size is not told', async () => {
    const etag = multipartEtag(body, 7 * MiB);
    expect(await setup({ partSize: null, partsCount: null, md5: md5(body) }).same(file, object(etag))).toBe(true);
    expect(await setup({ partSize: null, partsCount: null, md5: md5(randomBytes(4)) }).same(file, object(etag))).toBe(
      false,
    );
  });

  it('multipart ETag: when nothing tells, the usual part sizes whose count fits are tried in one read', async () => {
    // 12 MiB in 5 MiB parts is 3 parts: only 5 MiB fits among 8, 5 and 16 MiB.
    const fives = setup(NOTHING);
    expect(await fives.same(file, object(multipartEtag(body, 5 * MiB)))).toBe(true);
    expect(fives.hashed()).toBe(body.length);
    // 2 parts fit 8 MiB, which recomputes to another ETag than 7 MiB parts made: different.
    const sevens = setup(NOTHING);
    expect(await sevens.same(file, object(multipartEtag(body, 7 * MiB)))).toBe(false);
    expect(sevens.hashed()).toBe(body.length);
    // 4 parts: none of the usual sizes fits, so nothing is read.
    const fours = setup(NOTHING);
    expect(await fours.same(file, object(multipartEtag(body, 4 * MiB)))).toBe(false);
    expect(fours.hashed()).toBe(0);
    // A part size the service tells that does not fit the count is not used.
    const wrong = setup({ partSize: 3 * MiB, partsCount: 3, md5: null });
    expect(await wrong.same(file, object(multipartEtag(body, 5 * MiB)))).toBe(true);
  });

  it('multipart ETag of one part: the part is the whole file, whatever size the uploader chose (nothing asked)', async () => {
    const one = setup(NOTHING);
    expect(await one.same(file, object(multipartEtag(body, 64 * MiB)))).toBe(true);
    expect(one.asked).toEqual([]);
    const other = Buffer.from(body);
    other[0] = other[0]! ^ 1;
    expect(await setup(NOTHING).same(file, object(multipartEtag(other, 64 * MiB)))).toBe(false);
  });

  it('a changed byte in the middle of a part makes a multipart ETag different', async () => {
    const other = Buffer.from(body);
    other[6 * MiB + 17] = other[6 * MiB + 17]! ^ 0x80;
    const { same } = setup({ partSize: 5 * MiB, partsCount: 3, md5: null });
    expect(await same(file, object(multipartEtag(other, 5 * MiB)))).toBe(false);
  });

  it('no ETag: the sizes say it; other sizes or an ETag that is no MD5 are different without reading', async () => {
    const { same, hashed, asked } = setup(NOTHING);
    expect(await same(file, object(null))).toBe(true);
    expect(await same(file, object(null, body.length + 1))).toBe(false);
    expect(await same(file, object(md5(body), body.length - 1))).toBe(false);
    expect(await same(file, object('not-an-md5'))).toBe(false);
    expect(hashed()).toBe(0);
    expect(asked).toEqual([]);
  });

  it('a file that cannot be read, or an object gone since the listing, is different; a HEAD refused tells nothing', async () => {
    const missing = { ...file, absolute: path.join(dir, 'gone.bin') };
    expect(await setup(NOTHING).same(missing, object(md5(body)))).toBe(false);
    const gone = setup(async () => Promise.reject(new CoreError('NoSuchKey', 'gone')));
    expect(await gone.same(file, object(multipartEtag(body, 5 * MiB)))).toBe(false);
    const refused = setup(async () => Promise.reject(new CoreError('AccessDenied', 'no HEAD for you')));
    expect(await refused.same(file, object(multipartEtag(body, 5 * MiB)))).toBe(true);
    const down = setup(async () => Promise.reject(new CoreError('NetworkError', 'unreachable')));
    await expect(down.same(file, object(multipartEtag(body, 5 * MiB)))).rejects.toThrow('unreachable');
  });

  it('rejects once cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const { same } = setup(NOTHING, controller.signal);
    await expect(same(file, object(md5(body)))).rejects.toMatchObject({ name: 'AbortError' });
  });
});
