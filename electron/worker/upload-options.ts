/**
 * Upload-time fields on the wire: the PutObject / CreateMultipartUpload fields for tags, canned
 * ACL, encryption, storage class and what rclone records of the file (its modification time and
 * MD5), and what to tell the person when the service does not confirm the encryption it was
 * asked for.
 */
import type { PutObjectCommandInput, ServerSideEncryption, StorageClass } from '@aws-sdk/client-s3';
import type { Encryption, Tag, UploadObjectOptions } from '../../shared/properties';
import { timespec } from '../../shared/file-times';
import { hexToBase64 } from './md5';
import type { EngineContext } from './task-context';

export type UploadOptionFields = Pick<
  PutObjectCommandInput,
  'Tagging' | 'ACL' | 'ServerSideEncryption' | 'SSEKMSKeyId' | 'StorageClass'
>;

/** Everything an upload sends with PutObject or CreateMultipartUpload besides the body and its type. */
export type UploadFields = UploadOptionFields & Pick<PutObjectCommandInput, 'Metadata'>;

/**
 * The x-amz-tagging value: URL query form `k=v&k2=v2`, UTF-8 percent-encoded. A space goes as
 * %20, not `+`: radosgw decodes `+` as a literal plus sign (AWS reads %20 as a space too).
 */
export function taggingHeader(tags: readonly Tag[]): string {
  const query = new URLSearchParams(tags.map((t): [string, string] => [t.key, t.value])).toString();
  // URLSearchParams writes a real '+' as %2B, so every '+' left stands for a space.
  return query.replace(/\+/g, '%20');
}

/**
 * A modification time as rclone writes x-amz-meta-mtime: whole seconds since the epoch, a dot,
 * nine digits of nanoseconds ("1733512345.123456789"; before 1970 the seconds are floored, as
 * Go's time.Unix() is).
 */
export function rcloneMtime(mtimeNs: bigint): string {
  const { seconds, nanos } = timespec(mtimeNs);
  return `${seconds}.${String(nanos).padStart(9, '0')}`;
}

/** What an upload records of its file in the object's metadata, as rclone does (null: nothing). */
export interface RecordedFile {
  /** The file's modification time (x-amz-meta-mtime). */
  mtimeNs: bigint | null;
  /** The whole file's MD5, hex (x-amz-meta-md5chksum, in base64): for multipart objects, whose ETag is not it. */
  md5: string | null;
}

/**
 * The fields of an upload: its options, and what it records of the file the way rclone stores
 * it, so rclone sees the file's time rather than the upload's, and a multipart object's MD5,
 * and does not send the file again. Sent once (PUT or CreateMultipartUpload): parts and resumes
 * inherit them.
 */
export function uploadFields(options: UploadObjectOptions, file: RecordedFile): UploadFields {
  const fields: UploadFields = uploadOptionFields(options);
  if (file.mtimeNs === null && file.md5 === null) return fields;
  fields.Metadata = {
    ...(file.mtimeNs !== null && { mtime: rcloneMtime(file.mtimeNs) }),
    ...(file.md5 !== null && { md5chksum: hexToBase64(file.md5) }),
  };
  return fields;
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
