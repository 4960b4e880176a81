/** Bucket operations: list (paged where the service pages), create (name checked first), delete. */
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  ListBucketsCommand,
  type BucketLocationConstraint,
  type CreateBucketCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { bucketNameProblem } from '../../../../shared/bucket-name';
import type { Bucket, Page } from '../../../../shared/models';
import type { AccountRecord } from '../../account-store';
import { CoreError } from '../../errors';
import type { MethodsOf } from '../storage-provider';
import type { S3Account } from './context';

const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);

/**
 * One page of buckets. Services that ignore max-buckets (radosgw 16) answer everything with no
 * token. `seen` holds the tokens of the current walk: a repeated token ends it instead of looping.
 */
export async function listBuckets(
  client: S3Client,
  continuationToken: string | null,
  seen: Set<string>,
): Promise<Page<Bucket>> {
  if (continuationToken === null) seen.clear();
  else seen.add(continuationToken);
  const out = await client.send(
    new ListBucketsCommand({
      MaxBuckets: 1000,
      ...(continuationToken !== null && { ContinuationToken: continuationToken }),
    }),
  );
  const next = out.ContinuationToken;
  return {
    items: (out.Buckets ?? []).flatMap((b) => (b.Name ? [{ name: b.Name, createdAt: iso(b.CreationDate) }] : [])),
    nextToken: next && !seen.has(next) ? next : null,
  };
}

/**
 * Creates a bucket after checking the name against QStorage's rules (no request for a bad name).
 * LocationConstraint goes only to generic S3 services outside us-east-1: QStorage has one region
 * and radosgw refuses any constraint other than its zonegroup's name, so none is sent there.
 */
export async function createBucket(
  client: S3Client,
  account: Pick<AccountRecord, 'kind' | 'region'>,
  name: string,
  objectLock: boolean,
): Promise<Bucket> {
  const problem = bucketNameProblem(name);
  if (problem !== null) throw new CoreError('InvalidBucketName', problem);
  const region = account.region.trim();
  const input: CreateBucketCommandInput = { Bucket: name };
  if (account.kind === 's3' && region !== '' && region !== 'us-east-1')
    input.CreateBucketConfiguration = { LocationConstraint: region as BucketLocationConstraint };
  if (objectLock) input.ObjectLockEnabledForBucket = true;
  await client.send(new CreateBucketCommand(input));
  return { name, createdAt: new Date().toISOString() };
}

/** Deletes an empty bucket; a non-empty one fails with BucketNotEmpty (mapped in errors.ts). */
export async function deleteBucket(client: S3Client, bucket: string): Promise<void> {
  await client.send(new DeleteBucketCommand({ Bucket: bucket }));
}

export const bucketMethods = (s3: S3Account): MethodsOf<'buckets:list' | 'buckets:create' | 'buckets:delete'> => ({
  listBuckets: async ({ continuationToken }) => listBuckets(await s3.client(), continuationToken, s3.bucketTokens),
  createBucket: async ({ name, objectLock }) => createBucket(await s3.client(name), s3.account, name, objectLock),
  async deleteBucket({ bucket }) {
    await deleteBucket(await s3.client(bucket), bucket);
    return null;
  },
});
