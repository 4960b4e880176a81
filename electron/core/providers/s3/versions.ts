/**
 * A bucket's versioning status, and the actions on one version: restore (copy it over the
 * current object, keeping its metadata, tags and ACL) and delete (for good; governance bypass
 * when asked). Object lock refusals say what holds the version.
 */
import {
  DeleteObjectCommand,
  GetBucketVersioningCommand,
  HeadObjectCommand,
  PutBucketVersioningCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { VersioningStatus } from '../../../../shared/properties';
import { CoreError, toAppError } from '../../errors';
import { copyOver } from './copy-in-place';
import { getObjectLock, lockedDeleteMessage } from './object-lock';
import { orIfAbsent, serviceAnswer } from './service-answers';
import type { MethodsOf } from '../storage-provider';
import type { CopyTuning, S3Account } from './context';

export interface VersionRef {
  bucket: string;
  key: string;
  versionId: string;
}

export async function getVersioning(client: S3Client, bucket: string): Promise<VersioningStatus> {
  const out = await client.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  return out.Status === 'Enabled' || out.Status === 'Suspended' ? out.Status : 'Unversioned';
}

export async function putVersioning(
  client: S3Client,
  bucket: string,
  status: 'Enabled' | 'Suspended',
): Promise<VersioningStatus> {
  await client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: status } }));
  return getVersioning(client, bucket);
}

/** Makes the version the current object again (a new latest version); nothing to do if it already is. */
export async function restoreVersion(client: S3Client, ref: VersionRef, tuning: CopyTuning): Promise<void> {
  // No current object (deleted: a delete marker is latest) answers 404, or 405 on some services.
  const current = await orIfAbsent(
    client.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key })),
    (a) => a.status === 404 || a.status === 405,
    null,
  );
  if (current?.VersionId === ref.versionId) return;
  try {
    await copyOver(client, { bucket: ref.bucket, key: ref.key, sourceVersionId: ref.versionId }, tuning);
  } catch (error) {
    // S3 answers 405 for a delete marker named by its version id (which would read as NotSupported).
    if (serviceAnswer(error)?.status !== 405) throw error;
    throw new CoreError(
      'InvalidRequest',
      'This version is a delete marker: it has no content to restore. Delete the marker to bring back the version before it.',
    );
  }
}

export async function deleteVersion(client: S3Client, ref: VersionRef, bypassGovernance: boolean): Promise<void> {
  try {
    await client.send(
      new DeleteObjectCommand({
        Bucket: ref.bucket,
        Key: ref.key,
        VersionId: ref.versionId,
        ...(bypassGovernance && { BypassGovernanceRetention: true }),
      }),
    );
  } catch (error) {
    const answer = serviceAnswer(error);
    if (answer?.code !== 'AccessDenied' || !/object lock/i.test(answer.message)) throw error;
    const state = await getObjectLock(client, ref).catch(() => null);
    throw new CoreError('AccessDenied', lockedDeleteMessage(state), toAppError(error).detail);
  }
}

export const versionMethods = (
  s3: S3Account,
): MethodsOf<'versioning:get' | 'versioning:put' | 'versions:restore' | 'versions:delete'> => ({
  getVersioning: async ({ bucket }) => getVersioning(await s3.client(bucket), bucket),
  putVersioning: async ({ bucket, status }) => putVersioning(await s3.client(bucket), bucket, status),
  async restoreVersion({ bucket, key, versionId }) {
    await restoreVersion(await s3.client(bucket), { bucket, key, versionId }, s3.copyTuning);
    return null;
  },
  async deleteVersion({ bucket, key, versionId, bypassGovernance }) {
    await deleteVersion(await s3.client(bucket), { bucket, key, versionId }, bypassGovernance);
    return null;
  },
});
