/** The transfer queue: uploads and downloads as jobs, their list, control and conflicts. */
import { z } from 'zod';
import {
  batchId,
  bucket,
  conflict,
  downloadFolder,
  id,
  key,
  list,
  MAX_CONTROL_JOB_IDS,
  MAX_DOWNLOAD_KEYS,
  MAX_UPLOAD_SOURCES,
  prefix,
  uploadOptions,
  uploadSource,
} from '../schemas';
import type { DownloadStarted, TransferPage, UploadStarted } from '../transfers';
import { channel, returns } from './channel';

export const transferChannels = {
  /** Queue uploads into bucket/prefix; a batch may be extended by further calls with its id. */
  'transfers:upload': channel({
    request: z.object({
      accountId: id,
      bucket,
      prefix,
      batchId,
      conflict: conflict.default('ask'),
      sources: list(uploadSource, MAX_UPLOAD_SOURCES),
      options: uploadOptions.default({ tags: [], acl: null, encryption: null, storageClass: null }),
    }),
    response: returns<UploadStarted>(),
  }),
  /** Queue downloads of objects and folders (keys ending in "/"); local paths are relative to basePrefix. */
  'transfers:download': channel({
    request: z.object({
      accountId: id,
      bucket,
      basePrefix: prefix,
      keys: list(key, MAX_DOWNLOAD_KEYS),
      /** null: the host asks for a folder (native dialog); Electron's page names one only by its handle. */
      targetDir: downloadFolder.nullable(),
      batchId,
      conflict: conflict.default('ask'),
    }),
    response: returns<DownloadStarted>(),
  }),
  'transfers:list': channel({
    request: z.object({
      filter: z.enum(['all', 'active', 'failed', 'done']).default('all'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    response: returns<TransferPage>(),
  }),
  'transfers:control': channel({
    request: z.object({
      action: z.enum(['pause', 'resume', 'cancel', 'retry']),
      target: z.union([
        z.object({ all: z.literal(true) }),
        z.object({ batchId }),
        z.object({ jobIds: list(z.string().min(1).max(100), MAX_CONTROL_JOB_IDS) }),
      ]),
    }),
    response: returns<{ affected: number }>(),
  }),
  'transfers:resolveConflict': channel({
    request: z.object({
      jobId: z.string().min(1).max(100),
      choice: z.enum(['overwrite', 'skip', 'rename']),
      applyToBatch: z.boolean(),
    }),
    response: returns<null>(),
  }),
  /** Forget finished jobs (done, skipped, cancelled, and failed when asked). */
  'transfers:clear': channel({
    request: z.object({ includeFailed: z.boolean().default(false) }),
    response: returns<{ removed: number }>(),
  }),
};
