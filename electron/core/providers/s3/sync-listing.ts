/**
 * What folder sync asks of an S3 account: the objects under a prefix with their ETag and time
 * (ListObjectsV2 without a delimiter, 1,000 a page, streamed), how a multipart object was cut
 * (HEAD with partNumber=1, and rclone's whole-file MD5 in the metadata), and deletions in
 * DeleteObjects batches.
 */
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ERROR_CODES, type AppError, type ErrorCode } from '../../../../shared/errors';
import type { ItemFailure } from '../../../../shared/models';
import type { ProviderTransfers, SyncListingItem } from '../../transfers/provider-transfers';
import { DELETE_BATCH, KeyDeleter } from './delete';
import { walkKeys } from './objects';

type SyncMethods = Pick<ProviderTransfers, 'syncListing' | 'partLayout' | 'syncDelete'>;

/** The sync methods of an S3 account, on its cached client for the bucket. */
export function s3SyncMethods(client: (bucket: string) => Promise<S3Client>): SyncMethods {
  return {
    syncListing: async (bucket, prefix, signal) => listForSync(await client(bucket), bucket, prefix, signal),
    partLayout: async (bucket, key, signal) => partLayoutOf(await client(bucket), bucket, key, signal),
    syncDelete: async (bucket, keys, signal) => deleteForSync(await client(bucket), bucket, keys, signal),
  };
}

const unquoted = (etag: string | null): string | null => (etag ? etag.replace(/^"|"$/g, '') : null);

async function* listForSync(
  client: S3Client,
  bucket: string,
  prefix: string,
  signal: AbortSignal,
): AsyncGenerator<SyncListingItem> {
  for await (const page of walkKeys(client, bucket, prefix, signal)) {
    for (const o of page) yield { ...o, etag: unquoted(o.etag) };
  }
}

/**
 * HEAD with partNumber=1: on services that know it, part 1's length and the parts count. A
 * service that ignores the parameter (radosgw 16 does) answers for the whole object without a
 * parts count, so the length is taken as the part size only beside a count.
 */
async function partLayoutOf(
  client: S3Client,
  bucket: string,
  key: string,
  signal: AbortSignal,
): Promise<{ partSize: number | null; partsCount: number | null; md5: string | null }> {
  const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, PartNumber: 1 }), {
    abortSignal: signal,
  });
  const partsCount = head.PartsCount ?? null;
  return {
    partsCount,
    partSize: partsCount !== null ? (head.ContentLength ?? null) : null,
    md5: md5FromMetadata(head.Metadata?.md5chksum),
  };
}

/** rclone's X-Amz-Meta-Md5chksum: the whole file's MD5, base64; hex when it is one. */
function md5FromMetadata(value: string | undefined): string | null {
  if (value === undefined) return null;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === 16 ? bytes.toString('hex') : null;
}

async function deleteForSync(
  client: S3Client,
  bucket: string,
  keys: readonly string[],
  signal: AbortSignal,
): Promise<{ deleted: string[]; failed: { key: string; error: AppError }[] }> {
  const deleter = new KeyDeleter(client, bucket, signal);
  const deleted: string[] = [];
  for (let i = 0; i < keys.length && !signal.aborted; i += DELETE_BATCH) {
    const chunk = keys.slice(i, i + DELETE_BATCH);
    const failedBefore = deleter.failed.length;
    try {
      await deleter.deleteBatch(chunk);
    } catch (error) {
      if (!signal.aborted) throw error;
    }
    // Cancelled inside the chunk: which of its keys went is not known, so none is said to have.
    if (signal.aborted) break;
    const failedNow = new Set(deleter.failed.slice(failedBefore).map((f) => f.key));
    for (const key of chunk) if (!failedNow.has(key)) deleted.push(key);
  }
  return { deleted, failed: deleter.failed.map((f) => ({ key: f.key, error: appErrorOf(f) })) };
}

const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/** A DeleteObjects error entry carries the service's own code; the app's codes it shares pass through. */
function appErrorOf(failure: ItemFailure): AppError {
  const code = isErrorCode(failure.code) ? failure.code : 'Unknown';
  return code === failure.code
    ? { code, message: failure.message }
    : { code, message: failure.message, detail: `service code ${failure.code}` };
}
