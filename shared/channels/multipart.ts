/** Incomplete multipart uploads in a bucket, from any client: listed and aborted. */
import { z } from 'zod';
import type { BatchSummary, Page } from '../models';
import { bucket, id, key, list, prefix, token } from '../schemas';
import type { IncompleteUpload } from '../transfers';
import { channel, returns } from './channel';

export const multipartChannels = {
  'multipart:list': channel({
    request: z.object({ accountId: id, bucket, prefix, continuationToken: token }),
    response: returns<Page<IncompleteUpload>>(),
    capability: 'multipartUploads',
    method: 'listIncompleteUploads',
  }),
  'multipart:abort': channel({
    request: z.object({
      accountId: id,
      bucket,
      uploads: list(z.object({ key, uploadId: z.string().min(1).max(1024) }), 1000),
    }),
    response: returns<BatchSummary>(),
    capability: 'multipartUploads',
    method: 'abortIncompleteUploads',
  }),
};
