// The grid's thumbnail cache on disk (real files in a temp folder): entries named by a hash of
// account, bucket, key and ETag, the size cap kept by dropping the least recently used, the
// use order surviving a restart, and anything but a small WebP refused. Also through the core's
// thumbnails:* channels.
import { mkdtemp, readdir, rm, stat, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_THUMBNAIL_BYTES } from '../../shared/channels/thumbnails';
import { thumbnailHandlers } from '../../electron/core/handlers/thumbnails';
import {
  createThumbnailCache,
  thumbnailFileName,
  type ThumbnailId,
} from '../../electron/core/thumbnails/thumbnail-cache';

/** A WebP-shaped file of `size` bytes whose content says which one it is. */
function webp(size: number, fill: number): Buffer {
  const bytes = Buffer.alloc(size, fill);
  bytes.write('RIFF', 0, 'latin1');
  bytes.writeUInt32LE(size - 8, 4);
  bytes.write('WEBP', 8, 'latin1');
  return bytes;
}

const id = (key: string, etag = '"e1"'): ThumbnailId => ({ accountId: 'acct-1', bucket: 'photos', key, etag });

describe('thumbnail cache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-thumbs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const files = async (): Promise<string[]> => (await readdir(dir)).sort();
  const total = async (): Promise<number> => {
    let sum = 0;
    for (const name of await readdir(dir)) sum += (await stat(path.join(dir, name))).size;
    return sum;
  };

  it('stores and returns the bytes under a hashed name that differs by every part and the ETag', async () => {
    const cache = createThumbnailCache({ dir });
    const bytes = webp(1000, 7);
    await cache.put(id('a.png'), bytes);
    expect(await cache.get(id('a.png'))).toEqual(bytes);
    expect(await files()).toEqual([thumbnailFileName(id('a.png'))]);
    expect((await files())[0]).toMatch(/^[0-9a-f]{64}\.webp$/);
    expect(await cache.get(id('a.png', '"e2"'))).toBeNull(); // the object changed
    expect(await cache.get({ ...id('a.png'), bucket: 'other' })).toBeNull();
    expect(await cache.get({ ...id('a.png'), accountId: 'acct-2' })).toBeNull();
    const names = new Set(
      [id('a'), id('a', 'x'), { ...id('a'), bucket: 'b' }, { ...id('a'), accountId: 'c' }].map(thumbnailFileName),
    );
    expect(names.size).toBe(4);
  });

  it('keeps the total under the cap by dropping the least recently used files', async () => {
    const cache = createThumbnailCache({ dir, maxBytes: 10_000 });
    for (const key of ['1', '2', '3', '4']) await cache.put(id(key), webp(3000, Number(key)));
    // Four of 3000 bytes exceed 10,000: the oldest (1) went.
    expect(await cache.get(id('1'))).toBeNull();
    expect(await files()).toHaveLength(3);
    expect(await total()).toBe(9000);
    await cache.get(id('2')); // 2 is now the most recent: 3 is the oldest
    await cache.put(id('5'), webp(3000, 5));
    expect(await cache.get(id('3'))).toBeNull();
    expect(await cache.get(id('2'))).toEqual(webp(3000, 2));
    expect(await cache.get(id('4'))).toEqual(webp(3000, 4));
    expect(await cache.get(id('5'))).toEqual(webp(3000, 5));
    expect(await total()).toBeLessThanOrEqual(10_000);
    // Replacing an entry counts its new size only once.
    await cache.put(id('5'), webp(1000, 9));
    expect(await total()).toBe(7000);
    expect(await files()).toHaveLength(3);
  });

  it('takes the use order from the files after a restart', async () => {
    const first = createThumbnailCache({ dir, maxBytes: 10_000 });
    for (const key of ['a', 'b', 'c']) await first.put(id(key), webp(3000, 1));
    // As if "a" was used last and "b" long ago.
    const at = (seconds: number) => new Date(Date.now() - seconds * 1000);
    await utimes(path.join(dir, thumbnailFileName(id('a'))), at(1), at(1));
    await utimes(path.join(dir, thumbnailFileName(id('b'))), at(300), at(300));
    await utimes(path.join(dir, thumbnailFileName(id('c'))), at(100), at(100));
    const second = createThumbnailCache({ dir, maxBytes: 10_000 });
    await second.put(id('d'), webp(3000, 2));
    expect(await files()).not.toContain(thumbnailFileName(id('b')));
    expect(await second.get(id('a'))).not.toBeNull();
    expect(await second.get(id('c'))).not.toBeNull();
  });

  it('refuses what is not a small WebP', async () => {
    const cache = createThumbnailCache({ dir });
    await expect(cache.put(id('x'), Buffer.from('<svg onload="alert(1)"/>'))).rejects.toMatchObject({
      code: 'InvalidRequest',
    });
    await expect(cache.put(id('x'), webp(MAX_THUMBNAIL_BYTES + 1, 1))).rejects.toMatchObject({
      code: 'InvalidRequest',
    });
    expect(await files()).toEqual([]);
  });

  it('answers thumbnails:get with data: URLs of the cached ones only', async () => {
    const handlers = thumbnailHandlers(createThumbnailCache({ dir }));
    const bytes = webp(500, 3);
    await handlers['thumbnails:put']({ ...id('p.jpg'), webp: bytes.toString('base64') });
    const found = await handlers['thumbnails:get']({
      accountId: 'acct-1',
      bucket: 'photos',
      items: [
        { key: 'p.jpg', etag: '"e1"' },
        { key: 'q.jpg', etag: '"e1"' },
      ],
    });
    expect(found).toEqual([{ key: 'p.jpg', etag: '"e1"', url: `data:image/webp;base64,${bytes.toString('base64')}` }]);
  });
});
