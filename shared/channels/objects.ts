/** Browsing a bucket: folders, search, details, delete, server-side copy and one-file downloads. */
import { z } from 'zod';
import type {
  BatchSummary,
  DownloadResult,
  ObjectDetails,
  ObjectEntry,
  Page,
  PreviewLink,
  SearchPage,
  SizeSummary,
} from '../models';
import { bucket, id, key, list, MAX_BATCH_ITEMS, operationId, prefix, token, versionId } from '../schemas';
import { channel, returns } from './channel';

export const objectChannels = {
  'objects:list': channel({
    request: z.object({
      accountId: id,
      bucket,
      prefix,
      continuationToken: token,
      pageSize: z.number().int().min(1).max(1000).default(1000),
    }),
    response: returns<Page<ObjectEntry>>(),
    capability: 'buckets',
    method: 'listObjects',
  }),
  'objects:search': channel({
    request: z.object({
      accountId: id,
      bucket,
      prefix,
      query: z.string().min(1).max(1024),
      continuationToken: token,
    }),
    response: returns<SearchPage>(),
    capability: 'search',
    method: 'searchObjects',
  }),
  'objects:head': channel({
    request: z.object({ accountId: id, bucket, key, versionId: versionId.optional() }),
    response: returns<ObjectDetails>(),
    capability: 'buckets',
    method: 'headObject',
  }),
  'objects:createFolder': channel({
    request: z.object({
      accountId: id,
      bucket,
      key: key.refine((k) => k.endsWith('/'), 'folder keys end with /'),
    }),
    response: returns<null>(),
    capability: 'folders',
    method: 'createFolder',
  }),
  /** Keys ending in "/" are folders: everything under them is deleted too. */
  'objects:delete': channel({
    request: z.object({ accountId: id, bucket, keys: list(key, MAX_BATCH_ITEMS), operationId }),
    response: returns<BatchSummary>(),
    capability: 'buckets',
    method: 'deleteObjects',
  }),
  /** Server-side copy (or move) of objects and folders; a source ending in "/" copies the whole folder to the target prefix. */
  'objects:copy': channel({
    request: z.object({
      accountId: id,
      bucket,
      items: list(z.object({ source: key, target: key }), MAX_BATCH_ITEMS),
      targetBucket: bucket.optional(),
      move: z.boolean(),
      operationId,
    }),
    response: returns<BatchSummary>(),
    capability: 'copy',
    method: 'copyObjects',
  }),
  /**
   * "Calculate size": objects and bytes under each item, listed recursively without a delimiter.
   * Items are keys of objects and folder prefixes ending in "/"; "" is the whole bucket. Progress
   * streams as operations:progress (`done` objects, `bytes`); operations:cancel stops the listing.
   */
  'objects:size': channel({
    request: z.object({ accountId: id, bucket, items: list(prefix, MAX_BATCH_ITEMS), operationId }),
    response: returns<SizeSummary>(),
    capability: 'buckets',
    method: 'sizeObjects',
  }),
  /** The "save this file" action: a file the person picks (desktop), or a one-time link (browser). */
  'objects:download': channel({
    request: z.object({ accountId: id, bucket, key, versionId: versionId.optional() }),
    response: returns<DownloadResult>(),
    capability: 'buckets',
    method: 'download',
  }),
  /** Quick Look: a short-lived same-origin link the page reads the object from by range. */
  'objects:preview': channel({
    request: z.object({ accountId: id, bucket, key, versionId: versionId.optional() }),
    response: returns<PreviewLink>(),
    capability: 'buckets',
    method: 'previewObject',
  }),
  /** Drops a preview link when the preview closes (unknown or expired links are ignored). */
  'objects:closePreview': channel({
    request: z.object({ url: z.string().max(256) }),
    response: returns<null>(),
  }),
};
