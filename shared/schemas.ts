/**
 * Runtime schemas for every request. The renderer is untrusted input: the router parses each
 * request with these before a handler runs. Request types are inferred from them, so the
 * schema and the type cannot drift apart.
 */
import { z } from 'zod';
import { quickSyncApiBaseProblem } from './account-binding';
import { utf8Length } from './keys';
import { CANNED_ACLS, PERMISSIONS, SHARE_MAX_SECONDS, SHARE_MIN_SECONDS, SSE_ALGORITHMS } from './properties';
import {
  contentHeadersProblem,
  defaultRetentionProblem,
  downloadNameProblem,
  encryptionProblem,
  metadataProblem,
  tagProblem,
  tagSetProblem,
  websiteProblem,
} from './property-rules';
import { QUICKSYNC_MAX_PART_SIZE, QUICKSYNC_MIN_PART_SIZE, quickSyncFileKeyProblem } from './quicksync';
import { listSizeProblem } from './request-limits';
import { MiB, S3_MAX_PART_SIZE, S3_MIN_PART_SIZE } from './transfers';

const id = z.string().min(1).max(200);
const bucket = z.string().min(1).max(255);
/** Half of a UTF-16 pair on its own: no UTF-8 spelling exists, so no service can store it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** S3 keys are at most 1024 bytes of UTF-8 of well-formed Unicode; NUL is never valid. */
const key = z
  .string()
  .min(1)
  .refine((k) => utf8Length(k) <= 1024, 'key longer than 1024 bytes')
  .refine((k) => !k.includes('\0'), 'key contains NUL')
  .refine((k) => !LONE_SURROGATE.test(k), 'key is not valid Unicode (a lone surrogate)');
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

/** What the Electron host mints for a dropped, picked or dialog-chosen local path: 128 random bits. */
export const PATH_HANDLE = /^[0-9a-f]{32}$/;
const pathHandle = z.string().regex(PATH_HANDLE, 'not a path handle');
const localPath = z.string().min(1).max(4096);
/** Where downloads go: a folder's path, or (Electron's page) the handle its host minted for one. */
const downloadFolder = z.union([localPath, z.object({ handle: pathHandle })]);

const uploadSource = z.discriminatedUnion('kind', [
  /** A file or folder on this machine, named by a trusted caller (tests, benchmarks, a host's resolved handle). */
  z.object({ kind: z.literal('path'), path: localPath }),
  /** Electron's page: a dropped or picked file or folder as its host's handle, resolved to a path by the host. */
  z.object({ kind: z.literal('handle'), handle: pathHandle }),
  /** A file the browser holds: its bytes arrive afterwards by PUT to the returned stage path. */
  z.object({
    kind: z.literal('browser'),
    relativePath,
    size: z.number().int().min(0),
    lastModified: z.number().min(0),
  }),
]);

/** Fails with the rule's own sentence, so the UI and the router explain a problem alike. */
const checked =
  <T>(problem: (value: T) => string | null) =>
  (value: T, ctx: z.RefinementCtx): void => {
    const message = problem(value);
    if (message !== null) ctx.addIssue({ code: 'custom', message });
  };

/** Per-call counts the renderer keeps to (it splits longer lists into several calls). */
export const MAX_UPLOAD_SOURCES = 1000;
export const MAX_DOWNLOAD_KEYS = 10_000;
export const MAX_CONTROL_JOB_IDS = 10_000;
/** Keys (or copy items) of one delete, copy, move or tag edit. */
export const MAX_BATCH_ITEMS = 100_000;
export const MAX_QUICKSYNC_DELETE_KEYS = 10_000;

/** A list bounded by count and by its JSON size, so the largest legal request is known. */
const list = <T extends z.ZodType>(item: T, maxCount: number) =>
  z
    .array(item)
    .min(1)
    .max(maxCount)
    .superRefine(checked((items: unknown[]) => listSizeProblem(items)));

const versionId = z.string().min(1).max(1024);
/** One path segment of the QuickSync API: refused as InvalidKey (the router reads `params.code`). */
const quickSyncFileKey = z.string().superRefine((k, ctx) => {
  const message = quickSyncFileKeyProblem(k);
  if (message !== null) ctx.addIssue({ code: 'custom', message, params: { code: 'InvalidKey' } });
});
const tag = z.object({ key: z.string().max(512), value: z.string().max(1024) });
const objectTags = z
  .array(tag)
  .max(1000)
  .superRefine(checked((t: { key: string; value: string }[]) => tagSetProblem(t, 'object')));
const bucketTags = z
  .array(tag)
  .max(1000)
  .superRefine(checked((t: { key: string; value: string }[]) => tagSetProblem(t, 'bucket')));
const cannedAcl = z.enum(CANNED_ACLS);
const grantee = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('CanonicalUser'),
    id: z.string().min(1).max(256),
    displayName: z.string().max(256).nullable(),
  }),
  z.object({ type: z.literal('AmazonCustomerByEmail'), email: z.string().email().max(256) }),
  z.object({ type: z.literal('Group'), uri: z.string().url().max(256) }),
]);
const aclChange = z.union([
  z.object({ canned: cannedAcl }),
  z.object({
    grants: z
      .array(z.object({ grantee, permission: z.enum(PERMISSIONS) }))
      .max(100)
      .superRefine(checked((grants: unknown[]) => listSizeProblem(grants))),
  }),
]);
const storageClass = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'A storage class is a name such as STANDARD.');
const encryption = z
  .object({
    algorithm: z.enum([...SSE_ALGORITHMS, 'aws:kms', 'aws:kms:dsse']),
    kmsKeyId: z.string().max(2048).nullable(),
  })
  .superRefine(checked(encryptionProblem));
const headerValue = z.string().max(2048).nullable();
const contentHeaders = z
  .object({
    contentType: headerValue,
    cacheControl: headerValue,
    contentDisposition: headerValue,
    contentEncoding: headerValue,
    contentLanguage: headerValue,
    expires: headerValue,
  })
  .superRefine(checked(contentHeadersProblem));
const metadata = z.record(z.string().max(2048), z.string().max(2048)).superRefine(checked(metadataProblem));
const retentionMode = z.enum(['GOVERNANCE', 'COMPLIANCE']);
const defaultRetention = z
  .object({
    mode: retentionMode,
    days: z.number().int().nullable(),
    years: z.number().int().nullable(),
  })
  .superRefine(checked(defaultRetentionProblem));
const objectRetention = z.object({
  mode: retentionMode,
  retainUntil: z
    .string()
    .max(64)
    .refine((d) => !Number.isNaN(Date.parse(d)), 'The retain-until date is not a date.'),
});
const website = z
  .object({ indexDocument: z.string().max(2048), errorDocument: z.string().max(2048).nullable() })
  .superRefine(checked(websiteProblem));

/** Chosen at upload time: tags (x-amz-tagging), canned ACL, encryption, storage class. */
const uploadOptions = z.object({
  tags: objectTags,
  acl: cannedAcl.nullable(),
  encryption: encryption.nullable(),
  storageClass: storageClass.nullable(),
});

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
    quicksyncPartSizeBytes: z.number().int().min(QUICKSYNC_MIN_PART_SIZE).max(QUICKSYNC_MAX_PART_SIZE),
  })
  .partial();

/**
 * One form for every kind of account. A QuickSync account uses `endpoint` for its API base,
 * `accessKeyId` for its session id and the secret for its session token (shared/quicksync.ts);
 * region, addressing style and checksums do not apply to it.
 */
const accountFields = {
  kind: z.enum(['qstorage', 's3', 'quicksync']),
  name: z.string().trim().min(1, 'Give the account a name.').max(100),
  endpoint: z
    .string()
    .trim()
    .max(2048)
    .url('The endpoint must be a URL such as https://qstorage.quilibrium.com.')
    .refine((u) => /^https?:\/\//i.test(u), 'The endpoint must start with http:// or https://.'),
  region: z.string().trim().max(64),
  accessKeyId: z.string().trim().min(1, 'Enter the access key ID.').max(256),
  addressingStyle: z.enum(['virtual', 'path']),
  checksumMode: z.enum(['when_required', 'when_supported']),
  /** QuickSync only: upload names encrypted with the session id, for QS Share. */
  encryptNames: z.boolean().default(false),
};

/** QuickSync sends its session token on every call: over plain http:// only to this machine. */
const apiBaseIsSafe = (account: { kind: string; endpoint: string }, ctx: z.RefinementCtx): void => {
  const problem = account.kind === 'quicksync' ? quickSyncApiBaseProblem(account.endpoint) : null;
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, path: ['endpoint'] });
};

export const accountInputSchema = z
  .object({
    ...accountFields,
    secretAccessKey: z.string().min(1, 'Enter the secret key.').max(1024),
  })
  .superRefine(apiBaseIsSafe);

/**
 * Changes to a saved account; an absent field keeps what is stored. The kind never changes (a
 * secret is bound to it). The core checks a QuickSync API base here against the stored kind,
 * and asks for the secret again when the endpoint, addressing style or key id changes.
 */
export const accountPatchSchema = z.object({
  kind: z.never({ error: 'The kind of an account cannot change: remove the account and add it again.' }).optional(),
  name: accountFields.name.optional(),
  endpoint: accountFields.endpoint.optional(),
  region: accountFields.region.optional(),
  accessKeyId: accountFields.accessKeyId.optional(),
  addressingStyle: accountFields.addressingStyle.optional(),
  checksumMode: accountFields.checksumMode.optional(),
  /** Absent: keep the stored setting (the form's default must not reset it on a rename). */
  encryptNames: z.boolean().optional(),
  /** Absent: keep the stored secret. */
  secretAccessKey: z.string().min(1, 'Enter the secret key.').max(1024).optional(),
});

type AccountTest =
  | { id: string; patch?: AccountPatch; account?: undefined }
  | { account: z.output<typeof accountInputSchema>; id?: undefined; patch?: undefined };
type AccountTestInput =
  | { id: string; patch?: AccountPatch; account?: undefined }
  | { account: AccountInput; id?: undefined; patch?: undefined };

/**
 * One object rather than a union of the two shapes, so a bad patch or draft is refused with its
 * own sentence and path (a union only says "Invalid input").
 */
const accountTestSchema = z
  .object({ id: id.optional(), patch: accountPatchSchema.optional(), account: accountInputSchema.optional() })
  .refine(
    (r) => (r.account === undefined ? r.id !== undefined : r.id === undefined && r.patch === undefined),
    'Test either a saved account (id, with an optional patch) or a new one (account), not both.',
  ) as unknown as z.ZodType<AccountTest, AccountTestInput>;

export const requestSchemas = {
  'app:info': z.object({}),

  'accounts:list': z.object({}),
  'accounts:create': z.object({ account: accountInputSchema }),
  'accounts:update': z.object({ id, patch: accountPatchSchema }),
  'accounts:remove': z.object({ id }),
  /** Test a saved account (id), a draft (account), or a saved account with edits (id + patch). */
  'accounts:test': accountTestSchema,
  'sandbox:open': z.object({}),

  'buckets:list': z.object({ accountId: id, continuationToken: token }),
  'buckets:create': z.object({ accountId: id, name: z.string().max(255), objectLock: z.boolean().default(false) }),
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
  'objects:head': z.object({ accountId: id, bucket, key, versionId: versionId.optional() }),
  'objects:createFolder': z.object({
    accountId: id,
    bucket,
    key: key.refine((k) => k.endsWith('/'), 'folder keys end with /'),
  }),
  /** Keys ending in "/" are folders: everything under them is deleted too. */
  'objects:delete': z.object({ accountId: id, bucket, keys: list(key, MAX_BATCH_ITEMS), operationId }),
  /** Server-side copy (or move) of objects and folders; a source ending in "/" copies the whole folder to the target prefix. */
  'objects:copy': z.object({
    accountId: id,
    bucket,
    items: list(z.object({ source: key, target: key }), MAX_BATCH_ITEMS),
    targetBucket: bucket.optional(),
    move: z.boolean(),
    operationId,
  }),
  'objects:download': z.object({ accountId: id, bucket, key, versionId: versionId.optional() }),
  'operations:cancel': z.object({ operationId }),

  /** Queue uploads into bucket/prefix; a batch may be extended by further calls with its id. */
  'transfers:upload': z.object({
    accountId: id,
    bucket,
    prefix,
    batchId,
    conflict: conflict.default('ask'),
    sources: list(uploadSource, MAX_UPLOAD_SOURCES),
    options: uploadOptions.default({ tags: [], acl: null, encryption: null, storageClass: null }),
  }),
  /** Queue downloads of objects and folders (keys ending in "/"); local paths are relative to basePrefix. */
  'transfers:download': z.object({
    accountId: id,
    bucket,
    basePrefix: prefix,
    keys: list(key, MAX_DOWNLOAD_KEYS),
    /** null: the host asks for a folder (native dialog); Electron's page names one only by its handle. */
    targetDir: downloadFolder.nullable(),
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
      z.object({ jobIds: list(z.string().min(1).max(100), MAX_CONTROL_JOB_IDS) }),
    ]),
  }),
  'transfers:resolveConflict': z.object({
    jobId: z.string().min(1).max(100),
    choice: z.enum(['overwrite', 'skip', 'rename']),
    applyToBatch: z.boolean(),
  }),
  /** Forget finished jobs (done, skipped, cancelled, and failed when asked). */
  'transfers:clear': z.object({ includeFailed: z.boolean().default(false) }),

  'tags:getObject': z.object({ accountId: id, bucket, key, versionId: versionId.optional() }),
  /** An empty list removes the object's tags. */
  'tags:putObject': z.object({ accountId: id, bucket, key, versionId: versionId.optional(), tags: objectTags }),
  'tags:getBucket': z.object({ accountId: id, bucket }),
  'tags:putBucket': z.object({ accountId: id, bucket, tags: bucketTags }),
  /** Many objects at once: set (add or replace) these tags and remove those keys; other tags stay. */
  'tags:editMany': z.object({
    accountId: id,
    bucket,
    keys: list(key, MAX_BATCH_ITEMS),
    set: z
      .array(tag)
      .max(10)
      .superRefine(checked((t: { key: string; value: string }[]) => tagSetProblem(t, 'object'))),
    remove: z
      .array(z.string().max(512))
      .max(50)
      .superRefine(checked((keys: string[]) => keys.map((k) => tagProblem(k, '')).find((p) => p !== null) ?? null)),
    operationId,
  }),

  /** key null: the bucket's ACL. */
  'acl:get': z.object({ accountId: id, bucket, key: key.nullable() }),
  'acl:put': z.object({ accountId: id, bucket, key: key.nullable(), change: aclChange }),

  /** Copy in place with new content headers, user metadata and storage class; tags and ACL are kept. */
  'objects:updateProperties': z.object({
    accountId: id,
    bucket,
    key,
    headers: contentHeaders,
    metadata,
    /** null: keep the current storage class. */
    storageClass: storageClass.nullable(),
  }),

  'share:create': z.object({
    accountId: id,
    bucket,
    key,
    versionId: versionId.optional(),
    expiresInSeconds: z.number().int().min(SHARE_MIN_SECONDS).max(SHARE_MAX_SECONDS),
    downloadName: z.string().max(1024).superRefine(checked(downloadNameProblem)).nullable(),
  }),

  'versioning:get': z.object({ accountId: id, bucket }),
  'versioning:put': z.object({ accountId: id, bucket, status: z.enum(['Enabled', 'Suspended']) }),
  /** Versions and delete markers under a prefix (folders by "/"), or of one key exactly. */
  'versions:list': z.object({
    accountId: id,
    bucket,
    prefix,
    key: key.nullable().default(null),
    continuationToken: token,
  }),
  /** Copies the version over the current object (a new latest version). */
  'versions:restore': z.object({ accountId: id, bucket, key, versionId }),
  'versions:delete': z.object({ accountId: id, bucket, key, versionId, bypassGovernance: z.boolean().default(false) }),

  'objectLock:getBucket': z.object({ accountId: id, bucket }),
  'objectLock:putBucket': z.object({ accountId: id, bucket, defaultRetention: defaultRetention.nullable() }),
  'objectLock:getObject': z.object({ accountId: id, bucket, key, versionId: versionId.optional() }),
  'objectLock:putRetention': z.object({
    accountId: id,
    bucket,
    key,
    versionId: versionId.optional(),
    retention: objectRetention.nullable(),
    bypassGovernance: z.boolean().default(false),
  }),
  'objectLock:putLegalHold': z.object({ accountId: id, bucket, key, versionId: versionId.optional(), on: z.boolean() }),

  'encryption:getBucket': z.object({ accountId: id, bucket }),
  /** null removes the bucket's default encryption. */
  'encryption:putBucket': z.object({ accountId: id, bucket, encryption: encryption.nullable() }),

  'website:get': z.object({ accountId: id, bucket }),
  /** null turns website hosting off. */
  'website:put': z.object({ accountId: id, bucket, config: website.nullable() }),

  /** A QuickSync account's files; incomplete uploads only when asked. */
  'quicksync:list': z.object({ accountId: id, includeIncomplete: z.boolean().default(false) }),
  'quicksync:details': z.object({ accountId: id, fileKey: quickSyncFileKey }),
  'quicksync:delete': z.object({
    accountId: id,
    fileKeys: list(quickSyncFileKey, MAX_QUICKSYNC_DELETE_KEYS),
    operationId,
  }),

  'settings:get': z.object({}),
  'settings:update': z.object({ transfers: transferSettingsPatch }),

  /** Incomplete multipart uploads in a bucket, from any client. */
  'multipart:list': z.object({ accountId: id, bucket, prefix, continuationToken: token }),
  'multipart:abort': z.object({
    accountId: id,
    bucket,
    uploads: list(z.object({ key, uploadId: z.string().min(1).max(1024) }), 1000),
  }),
} as const;

export type Channel = keyof typeof requestSchemas;
export type RequestOf<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof requestSchemas)[C]>;
/** What a caller gives (defaulted fields such as encryptNames may be left out). */
export type AccountInput = z.input<typeof accountInputSchema>;
/** `kind` is in the schema only to be refused with its own message. */
export type AccountPatch = Omit<z.output<typeof accountPatchSchema>, 'kind'>;
export type UploadSource = z.infer<typeof uploadSource>;
export type DownloadFolder = z.infer<typeof downloadFolder>;
export type TransferSettingsPatch = z.infer<typeof transferSettingsPatch>;
