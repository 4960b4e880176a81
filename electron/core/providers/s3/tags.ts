/**
 * Tags of one object (or one version of it) and of a bucket. An empty list removes them all.
 * "No tag set" answers read as no tags.
 */
import {
  DeleteBucketTaggingCommand,
  DeleteObjectTaggingCommand,
  GetBucketTaggingCommand,
  GetObjectTaggingCommand,
  PutBucketTaggingCommand,
  PutObjectTaggingCommand,
  type S3Client,
  type Tag as SdkTag,
} from '@aws-sdk/client-s3';
import type { Tag } from '../../../../shared/properties';
import { ignoredSubresource, orIfAbsent, withCode } from './service-answers';
import type { MethodsOf } from '../storage-provider';
import type { S3Account } from './context';

export interface ObjectRef {
  bucket: string;
  key: string;
  /** One version of the object; absent: the current one. */
  versionId?: string | undefined;
}

const NO_TAG_SET = withCode('NoSuchTagSet', 'NoSuchTagSetError');

export const fromSdkTags = (set: readonly SdkTag[] | undefined): Tag[] =>
  (set ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));

export const toSdkTags = (tags: readonly Tag[]): SdkTag[] => tags.map((t) => ({ Key: t.key, Value: t.value }));

/** The x-amz-tagging header form (URL query encoding), for writes that take tags as a header. */
export const taggingHeader = (tags: readonly Tag[]): string =>
  tags.map((t) => `${encodeURIComponent(t.key)}=${encodeURIComponent(t.value)}`).join('&');

export async function getObjectTags(client: S3Client, ref: ObjectRef): Promise<Tag[]> {
  const out = await orIfAbsent(
    client.send(new GetObjectTaggingCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId })),
    NO_TAG_SET,
    null,
  );
  return fromSdkTags(out?.TagSet);
}

export async function putObjectTags(client: S3Client, ref: ObjectRef, tags: readonly Tag[]): Promise<void> {
  const target = { Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId };
  if (tags.length === 0) await client.send(new DeleteObjectTaggingCommand(target));
  else await client.send(new PutObjectTaggingCommand({ ...target, Tagging: { TagSet: toSdkTags(tags) } }));
}

export async function getBucketTags(client: S3Client, bucket: string): Promise<Tag[]> {
  const out = await orIfAbsent(client.send(new GetBucketTaggingCommand({ Bucket: bucket })), NO_TAG_SET, null);
  if (out === null) return [];
  // Every real answer holds a TagSet element; a listing parsed as tags does not.
  if (out.TagSet === undefined) throw ignoredSubresource('bucket tags');
  return fromSdkTags(out.TagSet);
}

/**
 * Replaces the bucket's tags. Removing them all reads first and deletes only tags that exist:
 * a service that ignores ?tagging would take the DELETE for DeleteBucket.
 */
export async function putBucketTags(client: S3Client, bucket: string, tags: readonly Tag[]): Promise<void> {
  if (tags.length > 0) {
    await client.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: toSdkTags(tags) } }));
    return;
  }
  if ((await getBucketTags(client, bucket)).length === 0) return;
  await client.send(new DeleteBucketTaggingCommand({ Bucket: bucket }));
}

export const tagMethods = (
  s3: S3Account,
): MethodsOf<'tags:getObject' | 'tags:putObject' | 'tags:getBucket' | 'tags:putBucket'> => ({
  getObjectTags: async ({ bucket, key, versionId }) =>
    getObjectTags(await s3.client(bucket), { bucket, key, versionId }),
  async putObjectTags({ bucket, key, versionId, tags }) {
    await putObjectTags(await s3.client(bucket), { bucket, key, versionId }, tags);
    return null;
  },
  getBucketTags: async ({ bucket }) => getBucketTags(await s3.client(bucket), bucket),
  async putBucketTags({ bucket, tags }) {
    await putBucketTags(await s3.client(bucket), bucket, tags);
    return null;
  },
});
