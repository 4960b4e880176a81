/** An account's buckets. */
import { z } from 'zod';
import type { Bucket, Page } from '../models';
import { bucket, id, token } from '../schemas';
import { channel, returns } from './channel';

export const bucketChannels = {
  'buckets:list': channel({
    request: z.object({ accountId: id, continuationToken: token }),
    response: returns<Page<Bucket>>(),
    capability: 'buckets',
    method: 'listBuckets',
  }),
  'buckets:create': channel({
    request: z.object({ accountId: id, name: z.string().max(255), objectLock: z.boolean().default(false) }),
    response: returns<Bucket>(),
    capability: 'buckets',
    method: 'createBucket',
  }),
  'buckets:delete': channel({
    request: z.object({ accountId: id, bucket }),
    response: returns<null>(),
    capability: 'buckets',
    method: 'deleteBucket',
  }),
};
