/**
 * Runtime schemas for every request. The renderer is untrusted input: the router parses each
 * request with these before a handler runs. Request types are inferred from them, so the
 * schema and the type cannot drift apart.
 */
import { z } from 'zod';
import { utf8Length } from './keys';
import { MiB, S3_MAX_PART_SIZE, S3_MIN_PART_SIZE } from './transfers';

const id = z.string().min(1).max(200);
const bucket = z.string().min(1).max(255);
/** S3 keys are at most 1024 bytes of UTF-8; NUL is never valid. */
const key = z
  .string()
  .min(1)
  .refine((k) => utf8Length(k) <= 1024, 'key longer than 1024 bytes')
  .refine((k) => !k.includes('\0'), 'key contains NUL');
const prefix = z.union([z.literal(''), key]);
const token = z.string().min(1).max(4096).nullable().default(null);
const operationId = z.string().min(1).max(100);
const batchId = z.string().min(1).max(100);
const conflict = z.enum(['ask', 'overwrite', 'skip', 'rename']);
/** A path relative to a dropped folder, "/"-separated: no empty, "." or ".." segments. */
const relativePath = z
  .string()
  .min(1)
  .max(4096)
  .refine(
    (p) => p.split('/').every((s) => s !== '' && s !== '.' && s !== '..') && !p.includes('\0'),
    'relative path with an empty, "." or ".." segment',
  );

const uploadSource = z.discriminatedUnion('kind', [
  /** A file or folder on this machine (Electron drops and pickers; tests and benchmarks). */
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  /** A file the browser holds: its bytes arrive afterwards by PUT to the returned stage path. */
  z.object({
    kind: z.literal('browser'),
    relativePath,
    size: z.number().int().min(0),
    lastModified: z.number().min(0),
  }),
]);

const transferSettingsPatch = z
  .object({
    jobsInParallel: z.number().int().min(1).max(16),
    partsInParallel: z.number().int().min(1).max(32),
    uploadBytesPerSecond: z
      .number()
      .int()
      .min(0)
      .max(10 * 1024 * MiB),
    downloadBytesPerSecond: z
      .number()
      .int()
      .min(0)
      .max(10 * 1024 * MiB),
    multipartThresholdBytes: z.number().int().min(S3_MIN_PART_SIZE).max(S3_MAX_PART_SIZE),
    partSizeBytes: z.number().int().min(S3_MIN_PART_SIZE).max(S3_MAX_PART_SIZE),
    maxAttempts: z.number().int().min(1).max(20),
    stallTimeoutMs: z.number().int().min(1000).max(600_000),
    resumeOnStart: z.boolean(),
  })
  .partial();

const accountFields = {
  kind: z.enum(['qstorage', 's3']),
  name: z.string().trim().min(1, 'Give the account a name.').max(100),
  endpoint: z
    .string()
    .trim()
    .url('The endpoint must be a URL such as https://qstorage.quilibrium.com.')
    .refine((u) => /^https?:\/\//i.test(u), 'The endpoint must start with http:// or https://.'),
  region: z.string().trim().max(64),
  accessKeyId: z.string().trim().min(1, 'Enter the access key ID.').max(256),
  addressingStyle: z.enum(['virtual', 'path']),
  checksumMode: z.enum(['when_required', 'when_supported']),
};

export const accountInputSchema = z.object({
  ...accountFields,
  secretAccessKey: z.string().min(1, 'Enter the secret key.').max(1024),
});

export const accountPatchSchema = z.object({
  ...Object.fromEntries(Object.entries(accountFields).map(([k, s]) => [k, s.optional()])),
  /** Absent: keep the stored secret. */
  secretAccessKey: z.string().min(1).max(1024).optional(),
}) as z.ZodType<Partial<z.infer<typeof accountInputSchema>>>;

export const requestSchemas = {
  'app:info': z.object({}),

  'accounts:list': z.object({}),
  'accounts:create': z.object({ account: accountInputSchema }),
  'accounts:update': z.object({ id, patch: accountPatchSchema }),
  'accounts:remove': z.object({ id }),
  /** Test a saved account (id), a draft (account), or a saved account with edits (id + patch). */
  'accounts:test': z.union([
    z.object({ id, patch: accountPatchSchema.optional() }),
    z.object({ account: accountInputSchema }),
  ]),
  'sandbox:open': z.object({}),

  'buckets:list': z.object({ accountId: id, continuationToken: token }),
  'buckets:create': z.object({ accountId: id, name: z.string(), objectLock: z.boolean().default(false) }),
  'buckets:delete': z.object({ accountId: id, bucket }),

  'objects:list': z.object({
    accountId: id,
    bucket,
    prefix,
    continuationToken: token,
    pageSize: z.number().int().min(1).max(1000).default(1000),
  }),
  'objects:search': z.object({
    accountId: id,
    bucket,
    prefix,
    query: z.string().min(1).max(1024),
    continuationToken: token,
  }),
  'objects:head': z.object({ accountId: id, bucket, key }),
  'objects:createFolder': z.object({
    accountId: id,
    bucket,
    key: key.refine((k) => k.endsWith('/'), 'folder keys end with /'),
  }),
  /** Keys ending in "/" are folders: everything under them is deleted too. */
  'objects:delete': z.object({ accountId: id, bucket, keys: z.array(key).min(1).max(100_000), operationId }),
  /** Server-side copy (or move) of objects and folders; a source ending in "/" copies the whole folder to the target prefix. */
  'objects:copy': z.object({
    accountId: id,
    bucket,
    items: z
      .array(z.object({ source: key, target: key }))
      .min(1)
      .max(100_000),
    targetBucket: bucket.optional(),
    move: z.boolean(),
    operationId,
  }),
  'objects:download': z.object({ accountId: id, bucket, key }),
  'operations:cancel': z.object({ operationId }),

  /** Queue uploads into bucket/prefix; a batch may be extended by further calls with its id. */
  'transfers:upload': z.object({
    accountId: id,
    bucket,
    prefix,
    batchId,
    conflict: conflict.default('ask'),
    sources: z.array(uploadSource).min(1).max(100_000),
  }),
  /** Queue downloads of objects and folders (keys ending in "/"); local paths are relative to basePrefix. */
  'transfers:download': z.object({
    accountId: id,
    bucket,
    basePrefix: prefix,
    keys: z.array(key).min(1).max(100_000),
    /** null: the host asks for a folder (native dialog). */
    targetDir: z.string().min(1).max(4096).nullable(),
    batchId,
    conflict: conflict.default('ask'),
  }),
  'transfers:list': z.object({
    filter: z.enum(['all', 'active', 'failed', 'done']).default('all'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  }),
  'transfers:control': z.object({
    action: z.enum(['pause', 'resume', 'cancel', 'retry']),
    target: z.union([
      z.object({ all: z.literal(true) }),
      z.object({ batchId }),
      z.object({ jobIds: z.array(z.string().min(1).max(100)).min(1).max(100_000) }),
    ]),
  }),
  'transfers:resolveConflict': z.object({
    jobId: z.string().min(1).max(100),
    choice: z.enum(['overwrite', 'skip', 'rename']),
    applyToBatch: z.boolean(),
  }),
  /** Forget finished jobs (done, skipped, cancelled, and failed when asked). */
  'transfers:clear': z.object({ includeFailed: z.boolean().default(false) }),

  'settings:get': z.object({}),
  'settings:update': z.object({ transfers: transferSettingsPatch }),

  /** Incomplete multipart uploads in a bucket, from any client. */
  'multipart:list': z.object({ accountId: id, bucket, prefix, continuationToken: token }),
  'multipart:abort': z.object({
    accountId: id,
    bucket,
    uploads: z
      .array(z.object({ key, uploadId: z.string().min(1).max(1024) }))
      .min(1)
      .max(1000),
  }),
} as const;

export type Channel = keyof typeof requestSchemas;
export type RequestOf<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof requestSchemas)[C]>;
export type AccountInput = z.infer<typeof accountInputSchema>;
export type AccountPatch = Partial<AccountInput>;
export type UploadSource = z.infer<typeof uploadSource>;
export type TransferSettingsPatch = z.infer<typeof transferSettingsPatch>;
