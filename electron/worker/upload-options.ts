/**
 * Upload-time options on the wire: the PutObject / CreateMultipartUpload fields for tags,
 * canned ACL, encryption and storage class, and what to tell the person when the service does
 * not confirm the encryption it was asked for.
 */
import type { PutObjectCommandInput, ServerSideEncryption, StorageClass } from '@aws-sdk/client-s3';
import type { Encryption, Tag, UploadObjectOptions } from '../../shared/properties';
import type { EngineContext } from './task-context';

export type UploadOptionFields = Pick<
  PutObjectCommandInput,
  'Tagging' | 'ACL' | 'ServerSideEncryption' | 'SSEKMSKeyId' | 'StorageClass'
>;

/**
 * The x-amz-tagging value: URL query form `k=v&k2=v2`, UTF-8 percent-encoded. A space goes as
 * %20, not `+`: radosgw decodes `+` as a literal plus sign (AWS reads %20 as a space too).
 */
export function taggingHeader(tags: readonly Tag[]): string {
  const query = new URLSearchParams(tags.map((t): [string, string] => [t.key, t.value])).toString();
  // URLSearchParams writes a real '+' as %2B, so every '+' left stands for a space.
  return query.replace(/\+/g, '%20');
}

/** The request fields for the options; nothing empty is sent. */
export function uploadOptionFields(options: UploadObjectOptions): UploadOptionFields {
  const { tags, acl, encryption, storageClass } = options;
  return {
    ...(tags.length > 0 && { Tagging: taggingHeader(tags) }),
    ...(acl !== null && { ACL: acl }),
    // QStorage's verenc values are not in the SDK's union; the SDK sends the string as it is.
    ...(encryption !== null && { ServerSideEncryption: encryption.algorithm as ServerSideEncryption }),
    ...(encryption !== null && encryption.kmsKeyId !== null && { SSEKMSKeyId: encryption.kmsKeyId }),
    ...(storageClass !== null && { StorageClass: storageClass as StorageClass }),
  };
}

/**
 * What the person should know when the service's answer does not confirm the requested
 * encryption (x-amz-server-side-encryption absent or different); null when it does or none
 * was requested.
 */
export function encryptionNotice(requested: Encryption | null, reported: string | undefined): string | null {
  if (requested === null || reported === requested.algorithm) return null;
  if (reported === undefined || reported === '') {
    return `Encryption ${requested.algorithm} was requested, but the service did not confirm it: this service may not support it.`;
  }
  return `Encryption ${requested.algorithm} was requested, but the service reports ${reported}.`;
}

/** Says so on the job when the service did not confirm the encryption that was asked for. */
export function noteEncryption(ctx: EngineContext, requested: Encryption | null, reported: string | undefined): void {
  const notice = encryptionNotice(requested, reported);
  if (notice !== null) ctx.notice(notice);
}
