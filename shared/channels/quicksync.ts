/** A QuickSync account's session files: one flat list, with the jobs that can resume unfinished uploads. */
import { z } from 'zod';
import type { BatchSummary } from '../models';
import { quickSyncFileKeyProblem, type QuickSyncFile } from '../quicksync';
import { id, list, MAX_QUICKSYNC_DELETE_KEYS, operationId } from '../schemas';
import { channel, returns } from './channel';

/** One path segment of the QuickSync API: refused as InvalidKey (the router reads `params.code`). */
const quickSyncFileKey = z.string().superRefine((k, ctx) => {
  const message = quickSyncFileKeyProblem(k);
  if (message !== null) ctx.addIssue({ code: 'custom', message, params: { code: 'InvalidKey' } });
});

export const quickSyncChannels = {
  /** Incomplete uploads only when asked. */
  'quicksync:list': channel({
    request: z.object({ accountId: id, includeIncomplete: z.boolean().default(false) }),
    response: returns<QuickSyncFile[]>(),
    capability: 'sessionFiles',
    method: 'listSessionFiles',
  }),
  'quicksync:details': channel({
    request: z.object({ accountId: id, fileKey: quickSyncFileKey }),
    response: returns<QuickSyncFile>(),
    capability: 'sessionFiles',
    method: 'sessionFileDetails',
  }),
  /** Deleting an unfinished upload also cancels the job that was uploading it. */
  'quicksync:delete': channel({
    request: z.object({
      accountId: id,
      fileKeys: list(quickSyncFileKey, MAX_QUICKSYNC_DELETE_KEYS),
      operationId,
    }),
    response: returns<BatchSummary>(),
    capability: 'sessionFiles',
    method: 'deleteSessionFiles',
  }),
};
