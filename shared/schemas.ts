/**
 * The field schemas requests are made of (keys, buckets, upload sources, accounts …), shared
 * by the channel tables in channels/*.ts. The renderer is untrusted input: the router parses
 * each request with its channel's schema before anything runs; request types are inferred
 * from the schemas, so the schema and the type cannot drift apart.
 */
import { z } from 'zod';
import { quickSyncApiBaseProblem } from './account-binding';
import { utf8Length } from './keys';
import { CANNED_ACLS, SSE_ALGORITHMS } from './properties';
import { encryptionProblem, tagSetProblem } from './property-rules';
import { QUICKSYNC_MAX_PART_SIZE, QUICKSYNC_MIN_PART_SIZE } from './quicksync';
import { listSizeProblem } from './request-limits';
import { MiB, S3_MAX_PART_SIZE, S3_MIN_PART_SIZE } from './transfers';

export const id = z.string().min(1).max(200);
export const bucket = z.string().min(1).max(255);
/** Half of a UTF-16 pair on its own: no UTF-8 spelling exists, so no service can store it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** S3 keys are at most 1024 bytes of UTF-8 of well-formed Unicode; NUL is never valid. */
export const key = z
  .string()
  .min(1)
  .refine((k) => utf8Length(k) <= 1024, 'key longer than 1024 bytes')
  .refine((k) => !k.includes('\0'), 'key contains NUL')
  .refine((k) => !LONE_SURROGATE.test(k), 'key is not valid Unicode (a lone surrogate)');
export const prefix = z.union([z.literal(''), key]);
export const token = z.string().min(1).max(4096).nullable().default(null);
export const operationId = z.string().min(1).max(100);
export const batchId = z.string().min(1).max(100);
export const conflict = z.enum(['ask', 'overwrite', 'skip', 'rename']);
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
export const downloadFolder = z.union([localPath, z.object({ handle: pathHandle })]);

export const uploadSource = z.discriminatedUnion('kind', [
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
export const checked =
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
export const list = <T extends z.ZodType>(item: T, maxCount: number) =>
  z
    .array(item)
    .min(1)
    .max(maxCount)
    .superRefine(checked((items: unknown[]) => listSizeProblem(items)));

export const versionId = z.string().min(1).max(1024);
export const tag = z.object({ key: z.string().max(512), value: z.string().max(1024) });
export const objectTags = z
  .array(tag)
  .max(1000)
  .superRefine(checked((t: { key: string; value: string }[]) => tagSetProblem(t, 'object')));
export const cannedAcl = z.enum(CANNED_ACLS);
export const storageClass = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'A storage class is a name such as STANDARD.');
export const encryption = z
  .object({
    algorithm: z.enum([...SSE_ALGORITHMS, 'aws:kms', 'aws:kms:dsse']),
    kmsKeyId: z.string().max(2048).nullable(),
  })
  .superRefine(checked(encryptionProblem));
/** Chosen at upload time: tags (x-amz-tagging), canned ACL, encryption, storage class. */
export const uploadOptions = z.object({
  tags: objectTags,
  acl: cannedAcl.nullable(),
  encryption: encryption.nullable(),
  storageClass: storageClass.nullable(),
});

export const transferSettingsPatch = z
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

/** What a caller gives (defaulted fields such as encryptNames may be left out). */
export type AccountInput = z.input<typeof accountInputSchema>;
/** `kind` is in the schema only to be refused with its own message. */
export type AccountPatch = Omit<z.output<typeof accountPatchSchema>, 'kind'>;
export type UploadSource = z.infer<typeof uploadSource>;
export type DownloadFolder = z.infer<typeof downloadFolder>;
export type TransferSettingsPatch = z.infer<typeof transferSettingsPatch>;
