/**
 * The grid's thumbnails on disk: one small WebP file per object version in the data folder's
 * thumbnails/ directory, named by a SHA-256 of account id, bucket, key and ETag (so names say
 * nothing of the keys, and a changed object misses). The total is kept under a size cap by
 * dropping the least recently used files; "used" is the file's mtime, touched on every hit,
 * so the order survives restarts.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { MAX_THUMBNAIL_BYTES } from '../../../shared/channels/thumbnails';
import { PRIVATE_DIR_MODE, writeFileAtomic } from '../atomic-file';
import { CoreError } from '../errors';

export const DEFAULT_THUMBNAIL_CACHE_BYTES = 100 * 1024 * 1024;

export interface ThumbnailId {
  accountId: string;
  bucket: string;
  key: string;
  etag: string;
}

export interface ThumbnailCache {
  /** The thumbnail's WebP bytes, or null when it is not cached. */
  get(id: ThumbnailId): Promise<Buffer | null>;
  /** Stores the WebP bytes (InvalidRequest when they are not a WebP or too large), then trims the cache. */
  put(id: ThumbnailId, webp: Uint8Array): Promise<void>;
}

const SUFFIX = '.webp';

/** The entry's file name: a hash of its NUL-separated parts (no part may contain NUL). */
export function thumbnailFileName(id: ThumbnailId): string {
  const hash = createHash('sha256');
  hash.update([id.accountId, id.bucket, id.key, id.etag].join('\0'));
  return `${hash.digest('hex')}${SUFFIX}`;
}

/** A RIFF container of type WEBP: all the check the bytes need (the page only shows them as an image). */
function isWebp(bytes: Uint8Array): boolean {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  return bytes.length >= 16 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP';
}

export function createThumbnailCache({
  dir,
  maxBytes = DEFAULT_THUMBNAIL_CACHE_BYTES,
}: {
  dir: string;
  maxBytes?: number;
}): ThumbnailCache {
  /** File name → size, oldest use first (a Map keeps insertion order); read from disk once. */
  let index: Promise<Map<string, number>> | null = null;
  let total = 0;
  /** Changes to the index and the files run one at a time. */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };

  async function load(): Promise<Map<string, number>> {
    await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const found: { name: string; size: number; used: number }[] = [];
    for (const name of await readdir(dir)) {
      if (!name.endsWith(SUFFIX)) continue; // temp files of an interrupted write stay out
      const info = await stat(path.join(dir, name)).catch(() => null);
      if (info?.isFile()) found.push({ name, size: info.size, used: info.mtimeMs });
    }
    found.sort((a, b) => a.used - b.used);
    total = found.reduce((sum, f) => sum + f.size, 0);
    return new Map(found.map((f) => [f.name, f.size]));
  }
  const entries = (): Promise<Map<string, number>> => (index ??= load());

  /** Marks the entry as just used: last in the order, and on disk its mtime. */
  async function touch(files: Map<string, number>, name: string, size: number): Promise<void> {
    files.delete(name);
    files.set(name, size);
    const now = new Date();
    await utimes(path.join(dir, name), now, now).catch(() => {});
  }

  async function trim(files: Map<string, number>): Promise<void> {
    for (const [name, size] of files) {
      if (total <= maxBytes) return;
      files.delete(name);
      total -= size;
      await rm(path.join(dir, name), { force: true });
    }
  }

  return {
    get: (id) =>
      serial(async () => {
        const files = await entries();
        const name = thumbnailFileName(id);
        const size = files.get(name);
        if (size === undefined) return null;
        const bytes = await readFile(path.join(dir, name)).catch(() => null);
        if (bytes === null) {
          files.delete(name); // removed behind our back
          total -= size;
          return null;
        }
        await touch(files, name, size);
        return bytes;
      }),

    put: (id, webp) => {
      if (webp.length > MAX_THUMBNAIL_BYTES || !isWebp(webp)) {
        return Promise.reject(
          new CoreError(
            'InvalidRequest',
            `A thumbnail must be a WebP image of at most ${MAX_THUMBNAIL_BYTES / 1024} KiB.`,
          ),
        );
      }
      return serial(async () => {
        const files = await entries();
        const name = thumbnailFileName(id);
        await writeFileAtomic(path.join(dir, name), webp);
        total += webp.length - (files.get(name) ?? 0);
        await touch(files, name, webp.length);
        await trim(files);
      });
    },
  };
}
