/**
 * Object lock: the bucket's default retention, and each object's retention and legal hold.
 * "Not configured" answers (a bucket without object lock, an object without retention or hold)
 * read as none. Object lock itself is switched on only when a bucket is created.
 */
import {
  GetObjectLegalHoldCommand,
  GetObjectLockConfigurationCommand,
  GetObjectRetentionCommand,
  PutObjectLegalHoldCommand,
  PutObjectLockConfigurationCommand,
  PutObjectRetentionCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type {
  BucketObjectLock,
  DefaultRetention,
  ObjectLockState,
  ObjectRetention,
} from '../../../../shared/properties';
import { CoreError, toAppError } from '../../errors';
import { orIfAbsent, serviceAnswer, withCode, type ServiceAnswer } from './service-answers';
import type { ObjectRef } from './tags';
import type { MethodsOf } from '../storage-provider';
import type { S3Account } from './context';

const NO_LOCK_CONFIGURATION = withCode('ObjectLockConfigurationNotFoundError', 'NoSuchObjectLockConfiguration');
/** No retention or hold on the object; a bucket without object lock says so as InvalidRequest. */
const NOTHING_ON_OBJECT = (a: ServiceAnswer): boolean =>
  NO_LOCK_CONFIGURATION(a) || (a.code === 'InvalidRequest' && /object lock/i.test(a.message));

export async function getBucketLock(client: S3Client, bucket: string): Promise<BucketObjectLock> {
  const out = await orIfAbsent(
    client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket })),
    NO_LOCK_CONFIGURATION,
    null,
  );
  const config = out?.ObjectLockConfiguration;
  const rule = config?.Rule?.DefaultRetention;
  return {
    enabled: config?.ObjectLockEnabled === 'Enabled',
    defaultRetention: rule?.Mode ? { mode: rule.Mode, days: rule.Days ?? null, years: rule.Years ?? null } : null,
  };
}

/** Sets (or, with null, removes) the default retention; object lock stays enabled either way. */
export async function putBucketLock(
  client: S3Client,
  bucket: string,
  defaultRetention: DefaultRetention | null,
): Promise<BucketObjectLock> {
  // On AWS this call would switch object lock on for good; here it only edits what is already on.
  if (!(await getBucketLock(client, bucket)).enabled)
    throw new CoreError(
      'InvalidRequest',
      'Object lock is not enabled on this bucket: it can be turned on only when a bucket is created.',
    );
  const r = defaultRetention;
  await client.send(
    new PutObjectLockConfigurationCommand({
      Bucket: bucket,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        ...(r && {
          Rule: {
            DefaultRetention: {
              Mode: r.mode,
              ...(r.days !== null && { Days: r.days }),
              ...(r.years !== null && { Years: r.years }),
            },
          },
        }),
      },
    }),
  );
  return getBucketLock(client, bucket);
}

export async function getObjectLock(client: S3Client, ref: ObjectRef): Promise<ObjectLockState> {
  const target = { Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId };
  const [retention, hold] = await Promise.all([
    orIfAbsent(client.send(new GetObjectRetentionCommand(target)), NOTHING_ON_OBJECT, null),
    orIfAbsent(client.send(new GetObjectLegalHoldCommand(target)), NOTHING_ON_OBJECT, null),
  ]);
  const r = retention?.Retention;
  return {
    retention: r?.Mode && r.RetainUntilDate ? { mode: r.Mode, retainUntil: r.RetainUntilDate.toISOString() } : null,
    legalHold: hold?.LegalHold?.Status === 'ON',
  };
}

/**
 * Sets the object's retention, or removes it (null). Shortening or removing a GOVERNANCE
 * retention needs governance bypass; a COMPLIANCE retention can only be extended.
 */
export async function putRetention(
  client: S3Client,
  ref: ObjectRef,
  retention: ObjectRetention | null,
  bypassGovernance: boolean,
): Promise<ObjectLockState> {
  const target = { Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId };
  if (retention === null) {
    const current = (await getObjectLock(client, ref)).retention;
    if (current === null) return getObjectLock(client, ref);
    if (current.mode === 'COMPLIANCE')
      throw new CoreError(
        'AccessDenied',
        `A COMPLIANCE retention cannot be removed: the object stays locked until ${current.retainUntil}.`,
      );
    if (!bypassGovernance)
      throw new CoreError(
        'AccessDenied',
        'Removing a GOVERNANCE retention needs governance bypass: confirm the bypass.',
      );
    try {
      await client.send(new PutObjectRetentionCommand({ ...target, Retention: {}, BypassGovernanceRetention: true }));
    } catch (error) {
      // radosgw 16 requires a mode and a date in every retention: it cannot remove one.
      if (serviceAnswer(error)?.code !== 'MalformedXML') throw error;
      throw new CoreError(
        'InvalidRequest',
        `This service cannot remove a retention: the object stays locked until ${current.retainUntil} (governance bypass can shorten it).`,
        toAppError(error).detail,
      );
    }
    return getObjectLock(client, ref);
  }
  try {
    await client.send(
      new PutObjectRetentionCommand({
        ...target,
        Retention: { Mode: retention.mode, RetainUntilDate: new Date(retention.retainUntil) },
        ...(bypassGovernance && { BypassGovernanceRetention: true }),
      }),
    );
  } catch (error) {
    const answer = serviceAnswer(error);
    if (answer?.code !== 'AccessDenied' || !/object lock|retention|retain|bypass/i.test(answer.message)) throw error;
    throw new CoreError(
      'AccessDenied',
      'The retention can only be extended: shortening a GOVERNANCE retention (or changing its mode) needs governance bypass, and a COMPLIANCE retention cannot be shortened.',
      toAppError(error).detail,
    );
  }
  return getObjectLock(client, ref);
}

export async function putLegalHold(client: S3Client, ref: ObjectRef, on: boolean): Promise<ObjectLockState> {
  await client.send(
    new PutObjectLegalHoldCommand({
      Bucket: ref.bucket,
      Key: ref.key,
      VersionId: ref.versionId,
      LegalHold: { Status: on ? 'ON' : 'OFF' },
    }),
  );
  return getObjectLock(client, ref);
}

/** Why object lock keeps a version from being deleted, and what would allow it. */
export function lockedDeleteMessage(state: ObjectLockState | null, now: number = Date.now()): string {
  const reasons: string[] = [];
  if (state?.legalHold) reasons.push('it is under a legal hold (turn the hold off first)');
  const r = state?.retention;
  if (r && Date.parse(r.retainUntil) > now) {
    reasons.push(
      r.mode === 'COMPLIANCE'
        ? `it is retained in COMPLIANCE mode until ${r.retainUntil} (nobody can delete it before then)`
        : `it is retained in GOVERNANCE mode until ${r.retainUntil} (delete it with governance bypass, or wait)`,
    );
  }
  return reasons.length === 0
    ? 'This version is protected by object lock and cannot be deleted now.'
    : `This version cannot be deleted: ${reasons.join('; and ')}.`;
}

export const objectLockMethods = (
  s3: S3Account,
): MethodsOf<
  | 'objectLock:getBucket'
  | 'objectLock:putBucket'
  | 'objectLock:getObject'
  | 'objectLock:putRetention'
  | 'objectLock:putLegalHold'
> => ({
  getBucketLock: async ({ bucket }) => getBucketLock(await s3.client(bucket), bucket),
  putBucketLock: async ({ bucket, defaultRetention }) =>
    putBucketLock(await s3.client(bucket), bucket, defaultRetention),
  getObjectLock: async ({ bucket, key, versionId }) =>
    getObjectLock(await s3.client(bucket), { bucket, key, versionId }),
  putRetention: async ({ bucket, key, versionId, retention, bypassGovernance }) =>
    putRetention(await s3.client(bucket), { bucket, key, versionId }, retention, bypassGovernance),
  putLegalHold: async ({ bucket, key, versionId, on }) =>
    putLegalHold(await s3.client(bucket), { bucket, key, versionId }, on),
});
