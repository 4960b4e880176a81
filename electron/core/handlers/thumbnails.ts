/** The thumbnails:* channels: the grid's thumbnail cache on disk. */
import type { CachedThumbnail } from '../../../shared/channels/thumbnails';
import type { Handlers } from '../router';
import type { ThumbnailCache } from '../thumbnails/thumbnail-cache';

export function thumbnailHandlers(cache: ThumbnailCache): Pick<Handlers, 'thumbnails:get' | 'thumbnails:put'> {
  return {
    'thumbnails:get': async ({ accountId, bucket, items }) => {
      const found: CachedThumbnail[] = [];
      for (const { key, etag } of items) {
        const bytes = await cache.get({ accountId, bucket, key, etag });
        if (bytes !== null) found.push({ key, etag, url: `data:image/webp;base64,${bytes.toString('base64')}` });
      }
      return found;
    },
    'thumbnails:put': async ({ webp, ...id }) => {
      await cache.put(id, Buffer.from(webp, 'base64'));
      return null;
    },
  };
}
