/**
 * The handlers of the details pane and bucket properties channels: tags, ACLs, copy-in-place
 * property edits, share links, versions, object lock, default encryption and website hosting.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Feature } from '../../../shared/properties';
import type { AccountStore } from '../account-store';
import { requireFeatures } from '../capabilities';
import { runOperation, type OperationRegistry } from '../operations';
import type { Handlers } from '../router';
import type { CopyTuning } from '../s3-copy';
import { headObject } from '../s3-objects';
import { getAcl, putAcl } from './acl';
import { copyOver } from './copy-in-place';
import { getBucketEncryption, putBucketEncryption } from './encryption';
import { getBucketLock, getObjectLock, putBucketLock, putLegalHold, putRetention } from './object-lock';
import { createShareLink } from './share';
import { editTags } from './tag-edits';
import { getBucketTags, getObjectTags, putBucketTags, putObjectTags } from './tags';
import { listVersions } from './version-listing';
import { deleteVersion, getVersioning, putVersioning, restoreVersion } from './versions';
import { getWebsite, publicUrl, putWebsite } from './website';

export type PropertyChannel =
  | 'tags:getObject'
  | 'tags:putObject'
  | 'tags:getBucket'
  | 'tags:putBucket'
  | 'tags:editMany'
  | 'acl:get'
  | 'acl:put'
  | 'objects:updateProperties'
  | 'share:create'
  | 'versioning:get'
  | 'versioning:put'
  | 'versions:list'
  | 'versions:restore'
  | 'versions:delete'
  | 'objectLock:getBucket'
  | 'objectLock:putBucket'
  | 'objectLock:getObject'
  | 'objectLock:putRetention'
  | 'objectLock:putLegalHold'
  | 'encryption:getBucket'
  | 'encryption:putBucket'
  | 'website:get'
  | 'website:put';

export interface PropertyDeps {
  accounts: Pick<AccountStore, 'get'>;
  /** The cached client for an account, addressed for the bucket. */
  clientFor: (accountId: string, bucket: string) => Promise<S3Client>;
  operations: OperationRegistry;
  /** Where copy-in-place switches to a multipart copy (tests lower it). */
  copyTuning: CopyTuning;
}

/** The feature each channel belongs to, for accounts that are known to lack it. */
const FEATURE_OF: Record<PropertyChannel, Feature> = {
  'tags:getObject': 'objectTags',
  'tags:putObject': 'objectTags',
  'tags:editMany': 'objectTags',
  'tags:getBucket': 'bucketTags',
  'tags:putBucket': 'bucketTags',
  'acl:get': 'objectAcl',
  'acl:put': 'objectAcl',
  'objects:updateProperties': 'metadata',
  'share:create': 'share',
  'versioning:get': 'versioning',
  'versioning:put': 'versioning',
  'versions:list': 'versioning',
  'versions:restore': 'versioning',
  'versions:delete': 'versioning',
  'objectLock:getBucket': 'objectLock',
  'objectLock:putBucket': 'objectLock',
  'objectLock:getObject': 'retention',
  'objectLock:putRetention': 'retention',
  'objectLock:putLegalHold': 'legalHold',
  'encryption:getBucket': 'bucketEncryption',
  'encryption:putBucket': 'bucketEncryption',
  'website:get': 'website',
  'website:put': 'website',
};

export function createPropertyHandlers(deps: PropertyDeps): Pick<Handlers, PropertyChannel> {
  const handlers = propertyHandlers(deps);
  const guarded = Object.entries(handlers).map(([channel, handler]) => [
    channel,
    async (req: { accountId: string }) => {
      await requireFeatures(deps.accounts, req.accountId, [FEATURE_OF[channel as PropertyChannel]]);
      return (handler as (r: typeof req) => Promise<unknown>)(req);
    },
  ]);
  return Object.fromEntries(guarded) as unknown as Pick<Handlers, PropertyChannel>;
}

function propertyHandlers({
  accounts,
  clientFor,
  operations,
  copyTuning,
}: PropertyDeps): Pick<Handlers, PropertyChannel> {
  return {
    'tags:getObject': async ({ accountId, bucket, key, versionId }) =>
      getObjectTags(await clientFor(accountId, bucket), { bucket, key, versionId }),
    'tags:putObject': async ({ accountId, bucket, key, versionId, tags }) => {
      await putObjectTags(await clientFor(accountId, bucket), { bucket, key, versionId }, tags);
      return null;
    },
    'tags:getBucket': async ({ accountId, bucket }) => getBucketTags(await clientFor(accountId, bucket), bucket),
    'tags:putBucket': async ({ accountId, bucket, tags }) => {
      await putBucketTags(await clientFor(accountId, bucket), bucket, tags);
      return null;
    },
    'tags:editMany': ({ accountId, bucket, keys, set, remove, operationId }) =>
      runOperation(operations, operationId, async (op) =>
        editTags(await clientFor(accountId, bucket), { bucket, keys, set, remove }, op),
      ),

    'acl:get': async ({ accountId, bucket, key }) => getAcl(await clientFor(accountId, bucket), { bucket, key }),
    'acl:put': async ({ accountId, bucket, key, change }) =>
      putAcl(await clientFor(accountId, bucket), { bucket, key }, change),

    'objects:updateProperties': async ({ accountId, bucket, key, headers, metadata, storageClass }) => {
      const client = await clientFor(accountId, bucket);
      await copyOver(client, { bucket, key, change: { headers, metadata, storageClass } }, copyTuning);
      return headObject(client, bucket, key);
    },

    'share:create': async ({ accountId, bucket, ...req }) =>
      createShareLink(await clientFor(accountId, bucket), { bucket, ...req }),

    'versioning:get': async ({ accountId, bucket }) => getVersioning(await clientFor(accountId, bucket), bucket),
    'versioning:put': async ({ accountId, bucket, status }) =>
      putVersioning(await clientFor(accountId, bucket), bucket, status),
    'versions:list': async ({ accountId, bucket, ...req }) =>
      listVersions(await clientFor(accountId, bucket), { bucket, ...req }),
    'versions:restore': async ({ accountId, bucket, key, versionId }) => {
      await restoreVersion(await clientFor(accountId, bucket), { bucket, key, versionId }, copyTuning);
      return null;
    },
    'versions:delete': async ({ accountId, bucket, key, versionId, bypassGovernance }) => {
      await deleteVersion(await clientFor(accountId, bucket), { bucket, key, versionId }, bypassGovernance);
      return null;
    },

    'objectLock:getBucket': async ({ accountId, bucket }) => getBucketLock(await clientFor(accountId, bucket), bucket),
    'objectLock:putBucket': async ({ accountId, bucket, defaultRetention }) =>
      putBucketLock(await clientFor(accountId, bucket), bucket, defaultRetention),
    'objectLock:getObject': async ({ accountId, bucket, key, versionId }) =>
      getObjectLock(await clientFor(accountId, bucket), { bucket, key, versionId }),
    'objectLock:putRetention': async ({ accountId, bucket, key, versionId, retention, bypassGovernance }) =>
      putRetention(await clientFor(accountId, bucket), { bucket, key, versionId }, retention, bypassGovernance),
    'objectLock:putLegalHold': async ({ accountId, bucket, key, versionId, on }) =>
      putLegalHold(await clientFor(accountId, bucket), { bucket, key, versionId }, on),

    'encryption:getBucket': async ({ accountId, bucket }) =>
      getBucketEncryption(await clientFor(accountId, bucket), bucket),
    'encryption:putBucket': async ({ accountId, bucket, encryption }) =>
      putBucketEncryption(await clientFor(accountId, bucket), bucket, encryption),

    'website:get': async ({ accountId, bucket }) => ({
      config: await getWebsite(await clientFor(accountId, bucket), bucket),
      publicUrl: publicUrl(await accounts.get(accountId), bucket),
    }),
    'website:put': async ({ accountId, bucket, config }) => ({
      config: await putWebsite(await clientFor(accountId, bucket), bucket, config),
      publicUrl: publicUrl(await accounts.get(accountId), bucket),
    }),
  };
}
