/**
 * The details pane and bucket properties: tags, ACLs, copy-in-place property edits, share
 * links, versions, object lock, default encryption and website hosting.
 */
import { z } from 'zod';
import type { BatchSummary, ObjectDetails } from '../models';
import {
  PERMISSIONS,
  SHARE_MAX_SECONDS,
  SHARE_MIN_SECONDS,
  type Acl,
  type BucketObjectLock,
  type BucketWebsite,
  type Encryption,
  type ObjectLockState,
  type ShareLink,
  type Tag,
  type VersioningStatus,
  type VersionPage,
} from '../properties';
import {
  contentHeadersProblem,
  defaultRetentionProblem,
  downloadNameProblem,
  metadataProblem,
  tagProblem,
  tagSetProblem,
  websiteProblem,
} from '../property-rules';
import { listSizeProblem } from '../request-limits';
import {
  bucket,
  cannedAcl,
  checked,
  encryption,
  id,
  key,
  list,
  MAX_BATCH_ITEMS,
  objectTags,
  operationId,
  prefix,
  storageClass,
  tag,
  token,
  versionId,
} from '../schemas';
import { channel, returns } from './channel';

const bucketTags = z
  .array(tag)
  .max(1000)
  .superRefine(checked((t: { key: string; value: string }[]) => tagSetProblem(t, 'bucket')));
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

const inBucket = { accountId: id, bucket };
const anObject = { accountId: id, bucket, key, versionId: versionId.optional() };

export const propertyChannels = {
  'tags:getObject': channel({
    request: z.object(anObject),
    response: returns<Tag[]>(),
    capability: 'objectTags',
    method: 'getObjectTags',
  }),
  /** An empty list removes the object's tags. */
  'tags:putObject': channel({
    request: z.object({ ...anObject, tags: objectTags }),
    response: returns<null>(),
    capability: 'objectTags',
    method: 'putObjectTags',
  }),
  'tags:getBucket': channel({
    request: z.object(inBucket),
    response: returns<Tag[]>(),
    capability: 'bucketTags',
    method: 'getBucketTags',
  }),
  'tags:putBucket': channel({
    request: z.object({ ...inBucket, tags: bucketTags }),
    response: returns<null>(),
    capability: 'bucketTags',
    method: 'putBucketTags',
  }),
  /** Many objects at once: set (add or replace) these tags and remove those keys; other tags stay. */
  'tags:editMany': channel({
    request: z.object({
      ...inBucket,
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
    response: returns<BatchSummary>(),
    capability: 'objectTags',
    method: 'editTags',
  }),

  /** key null: the bucket's ACL. */
  'acl:get': channel({
    request: z.object({ ...inBucket, key: key.nullable() }),
    response: returns<Acl>(),
    capability: 'objectAcl',
    method: 'getAcl',
  }),
  'acl:put': channel({
    request: z.object({ ...inBucket, key: key.nullable(), change: aclChange }),
    response: returns<Acl>(),
    capability: 'objectAcl',
    method: 'putAcl',
  }),

  /** Copy in place with new content headers, user metadata and storage class; tags and ACL are kept. */
  'objects:updateProperties': channel({
    request: z.object({
      ...inBucket,
      key,
      headers: contentHeaders,
      metadata,
      /** null: keep the current storage class. */
      storageClass: storageClass.nullable(),
    }),
    response: returns<ObjectDetails>(),
    capability: 'metadata',
    method: 'updateProperties',
  }),

  'share:create': channel({
    request: z.object({
      ...anObject,
      expiresInSeconds: z.number().int().min(SHARE_MIN_SECONDS).max(SHARE_MAX_SECONDS),
      downloadName: z.string().max(1024).superRefine(checked(downloadNameProblem)).nullable(),
    }),
    response: returns<ShareLink>(),
    capability: 'share',
    method: 'createShareLink',
  }),

  'versioning:get': channel({
    request: z.object(inBucket),
    response: returns<VersioningStatus>(),
    capability: 'versioning',
    method: 'getVersioning',
  }),
  'versioning:put': channel({
    request: z.object({ ...inBucket, status: z.enum(['Enabled', 'Suspended']) }),
    response: returns<VersioningStatus>(),
    capability: 'versioning',
    method: 'putVersioning',
  }),
  /** Versions and delete markers under a prefix (folders by "/"), or of one key exactly. */
  'versions:list': channel({
    request: z.object({ ...inBucket, prefix, key: key.nullable().default(null), continuationToken: token }),
    response: returns<VersionPage>(),
    capability: 'versioning',
    method: 'listVersions',
  }),
  /** Copies the version over the current object (a new latest version). */
  'versions:restore': channel({
    request: z.object({ ...inBucket, key, versionId }),
    response: returns<null>(),
    capability: 'versioning',
    method: 'restoreVersion',
  }),
  'versions:delete': channel({
    request: z.object({ ...inBucket, key, versionId, bypassGovernance: z.boolean().default(false) }),
    response: returns<null>(),
    capability: 'versioning',
    method: 'deleteVersion',
  }),

  'objectLock:getBucket': channel({
    request: z.object(inBucket),
    response: returns<BucketObjectLock>(),
    capability: 'objectLock',
    method: 'getBucketLock',
  }),
  'objectLock:putBucket': channel({
    request: z.object({ ...inBucket, defaultRetention: defaultRetention.nullable() }),
    response: returns<BucketObjectLock>(),
    capability: 'objectLock',
    method: 'putBucketLock',
  }),
  'objectLock:getObject': channel({
    request: z.object(anObject),
    response: returns<ObjectLockState>(),
    capability: 'retention',
    method: 'getObjectLock',
  }),
  'objectLock:putRetention': channel({
    request: z.object({
      ...anObject,
      retention: objectRetention.nullable(),
      bypassGovernance: z.boolean().default(false),
    }),
    response: returns<ObjectLockState>(),
    capability: 'retention',
    method: 'putRetention',
  }),
  'objectLock:putLegalHold': channel({
    request: z.object({ ...anObject, on: z.boolean() }),
    response: returns<ObjectLockState>(),
    capability: 'legalHold',
    method: 'putLegalHold',
  }),

  'encryption:getBucket': channel({
    request: z.object(inBucket),
    response: returns<Encryption | null>(),
    capability: 'bucketEncryption',
    method: 'getBucketEncryption',
  }),
  /** null removes the bucket's default encryption. */
  'encryption:putBucket': channel({
    request: z.object({ ...inBucket, encryption: encryption.nullable() }),
    response: returns<Encryption | null>(),
    capability: 'bucketEncryption',
    method: 'putBucketEncryption',
  }),

  'website:get': channel({
    request: z.object(inBucket),
    response: returns<BucketWebsite>(),
    capability: 'website',
    method: 'getWebsite',
  }),
  /** null turns website hosting off. */
  'website:put': channel({
    request: z.object({ ...inBucket, config: website.nullable() }),
    response: returns<BucketWebsite>(),
    capability: 'website',
    method: 'putWebsite',
  }),
};
