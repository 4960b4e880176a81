/**
 * The grid view's thumbnails, cached on disk by the core: the renderer makes each one (a small
 * WebP from the image's bytes) and stores it here, so a second visit fetches no image bytes.
 * An entry is named by account, bucket, key and ETag: a changed object gets a new thumbnail.
 */
import { z } from 'zod';
import { bucket, id, key, list } from '../schemas';
import { channel, returns } from './channel';

/** The largest thumbnail the cache takes (a 256 px WebP is a few kilobytes). */
export const MAX_THUMBNAIL_BYTES = 128 * 1024;
/** How many thumbnails one `thumbnails:get` asks for (a screenful of tiles, and then some). */
export const MAX_THUMBNAILS_PER_GET = 200;

const etag = z.string().min(1).max(1024);
/** Base64 (standard alphabet, padded) of at most MAX_THUMBNAIL_BYTES bytes. */
const base64Webp = z
  .string()
  .min(4)
  .max(Math.ceil(MAX_THUMBNAIL_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64');

export interface CachedThumbnail {
  key: string;
  etag: string;
  /** A data: URL of the WebP (the page's img-src allows data:). */
  url: string;
}

export const thumbnailChannels = {
  /** The cached thumbnails among these objects (the others are left out of the answer). */
  'thumbnails:get': channel({
    request: z.object({
      accountId: id,
      bucket,
      items: list(z.object({ key, etag }), MAX_THUMBNAILS_PER_GET),
    }),
    response: returns<CachedThumbnail[]>(),
  }),
  /** Stores a thumbnail (WebP bytes, base64) for this version of the object. */
  'thumbnails:put': channel({
    request: z.object({ accountId: id, bucket, key, etag, webp: base64Webp }),
    response: returns<null>(),
  }),
};
