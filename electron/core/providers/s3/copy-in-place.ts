/**
 * What S3 cannot change in place (content headers, user metadata, storage class), and the
 * restore of an old version: both copy an object over its own key, CopyObject below the
 * multipart threshold and UploadPartCopy above it. A copy resets the ACL to private and, on
 * some services (radosgw 16), drops the tags whatever TaggingDirective says: both are read first
 * and put back after, so neither is lost silently. Encryption and its KMS key come from HEAD.
 */
import { CopyObjectCommand, HeadObjectCommand, type S3Client, type StorageClass } from '@aws-sdk/client-s3';
import type { ContentHeaders, Tag } from '../../../../shared/properties';
import { CoreError, toAppError } from '../../errors';
import { contentAttributes, encodeCopySource, multipartCopy, type CopyAttributes, type PartCopy } from './copy';
import { getAcl, isOwnerOnly, putAclPolicy } from './acl';
import { serviceAnswer } from './service-answers';
import { getObjectTags, putObjectTags, taggingHeader } from './tags';
import type { MethodsOf } from '../storage-provider';
import type { CopyTuning, S3Account } from './context';
import { headObject } from './objects';

/** New content headers, user metadata and storage class (null: keep the current one). */
export interface PropertyChange {
  headers: ContentHeaders;
  metadata: Record<string, string>;
  storageClass: string | null;
}

export interface CopyOver {
  bucket: string;
  key: string;
  /** Copy this version over the current object (a restore); absent: the current object itself. */
  sourceVersionId?: string | undefined;
  /** What to change; absent: everything stays as the source has it. */
  change?: PropertyChange;
}

/** The headers a change sets; a null header is left out, which removes it. */
export function changedHeaders(h: ContentHeaders): CopyAttributes {
  return {
    ...(h.contentType !== null && { ContentType: h.contentType }),
    ...(h.cacheControl !== null && { CacheControl: h.cacheControl }),
    ...(h.contentDisposition !== null && { ContentDisposition: h.contentDisposition }),
    ...(h.contentEncoding !== null && { ContentEncoding: h.contentEncoding }),
    ...(h.contentLanguage !== null && { ContentLanguage: h.contentLanguage }),
    ...(h.expires !== null && { Expires: new Date(Date.parse(h.expires)) }),
  };
}

export async function copyOver(client: S3Client, req: CopyOver, tuning: CopyTuning): Promise<void> {
  const source = { bucket: req.bucket, key: req.key, versionId: req.sourceVersionId };
  const head = await client.send(
    new HeadObjectCommand({ Bucket: source.bucket, Key: source.key, VersionId: source.versionId }),
  );
  // A service without tags or ACLs has none to lose; any other failure stops before the copy.
  const [tags, acl] = await Promise.all([
    unlessNotSupported(getObjectTags(client, source), [] as Tag[]),
    unlessNotSupported(getAcl(client, source), null),
  ]);

  const storageClass = req.change?.storageClass ?? head.StorageClass;
  const attributes: CopyAttributes = {
    ...(req.change
      ? {
          ...changedHeaders(req.change.headers),
          Metadata: req.change.metadata,
          ...(head.WebsiteRedirectLocation && { WebsiteRedirectLocation: head.WebsiteRedirectLocation }),
        }
      : contentAttributes(head)),
    ...(head.ServerSideEncryption && { ServerSideEncryption: head.ServerSideEncryption }),
    ...(head.SSEKMSKeyId && { SSEKMSKeyId: head.SSEKMSKeyId }),
    ...(storageClass && { StorageClass: storageClass as StorageClass }),
  };
  const target = { bucket: req.bucket, key: req.key };
  try {
    await copyBytes(client, { source, target, size: head.ContentLength ?? 0, attributes }, tags, tuning);
  } catch (error) {
    throw storageClassRefused(error, req.change?.storageClass ?? null, head.StorageClass ?? 'STANDARD') ?? error;
  }

  if (tags.length > 0) await putBack('tags', putObjectTags(client, target, tags));
  if (acl !== null && !isOwnerOnly(acl)) await putBack('permissions (ACL)', putAclPolicy(client, target, acl));
}

/** CopyObject, or UploadPartCopy from the threshold on (its parts carry no tags: they go as Tagging). */
async function copyBytes(client: S3Client, copy: PartCopy, tags: readonly Tag[], tuning: CopyTuning): Promise<void> {
  if (copy.size >= tuning.multipartThreshold) {
    const attributes = { ...copy.attributes, ...(tags.length > 0 && { Tagging: taggingHeader(tags) }) };
    await multipartCopy(client, { ...copy, attributes }, tuning, new AbortController().signal);
    return;
  }
  // REPLACE with the attributes spelled out: the same for both paths, and never "a copy onto itself without changes".
  await client.send(
    new CopyObjectCommand({
      Bucket: copy.target.bucket,
      Key: copy.target.key,
      CopySource: encodeCopySource(copy.source.bucket, copy.source.key, copy.source.versionId),
      MetadataDirective: 'REPLACE',
      TaggingDirective: 'COPY',
      ...copy.attributes,
    }),
  );
}

/** A storage class the service does not offer: AWS says InvalidStorageClass, radosgw a bare InvalidArgument. */
function storageClassRefused(error: unknown, requested: string | null, current: string): CoreError | null {
  const code = serviceAnswer(error)?.code;
  if (requested === null || requested === current || (code !== 'InvalidStorageClass' && code !== 'InvalidArgument'))
    return null;
  return new CoreError(
    'InvalidRequest',
    `The service refused the storage class "${requested}": it may not offer it. Nothing was changed.`,
    toAppError(error).detail,
  );
}

async function unlessNotSupported<T>(work: Promise<T>, fallback: T): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (toAppError(error).code === 'NotSupported') return fallback;
    throw error;
  }
}

async function putBack(what: string, work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (error) {
    const e = toAppError(error);
    throw new CoreError(e.code, `The object was copied, but its ${what} could not be put back: ${e.message}`, e.detail);
  }
}

export const propertyEditMethods = (s3: S3Account): MethodsOf<'objects:updateProperties'> => ({
  async updateProperties({ bucket, key, headers, metadata, storageClass }) {
    const client = await s3.client(bucket);
    await copyOver(client, { bucket, key, change: { headers, metadata, storageClass } }, s3.copyTuning);
    return headObject(client, bucket, key);
  },
});
