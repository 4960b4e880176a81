/**
 * The bucket tool for incomplete multipart uploads, from any client: list them (paged) and abort
 * a selection. ListMultipartUploads pages by two markers (key and upload id); they travel to the
 * renderer packed into one opaque token and come back untouched. Nothing else of the service's
 * answer is interpreted as a position.
 */
import { AbortMultipartUploadCommand, ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { BatchSummary, ItemFailure, Page } from '../../../../shared/models';
import type { IncompleteUpload } from '../../../../shared/transfers';
import { CoreError, toAppError } from '../../errors';
import { forEachLimited } from '../../../../shared/concurrency';
import type { MethodsOf } from '../storage-provider';
import type { S3Account } from './context';

/** Uploads per page when the caller does not say (the service's own maximum). */
export const MULTIPART_PAGE_SIZE = 1000;
/** Aborts in flight at once: enough to clear hundreds quickly without hammering the service. */
export const ABORT_CONCURRENCY = 8;

export interface UploadMarkers {
  keyMarker: string;
  /** Empty when the service gave only a key marker. */
  uploadIdMarker: string;
}

const TOKEN_VERSION = 'mu1';
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Packs both markers into one token (base64url keeps any key byte safe and the token compact). */
export function packUploadToken(markers: UploadMarkers): string {
  return `${TOKEN_VERSION}.${b64(markers.keyMarker)}.${b64(markers.uploadIdMarker)}`;
}

/** Reads a token made by packUploadToken; anything else is an InvalidRequest, never a guess. */
export function unpackUploadToken(token: string): UploadMarkers {
  const parts = token.split('.');
  const [version, key, uploadId] = parts;
  if (
    parts.length !== 3 ||
    version !== TOKEN_VERSION ||
    key === undefined ||
    uploadId === undefined ||
    key === '' ||
    !BASE64URL.test(key) ||
    !BASE64URL.test(uploadId)
  ) {
    throw new CoreError('InvalidRequest', 'The continuation token of the incomplete uploads list is not valid.');
  }
  const keyMarker = Buffer.from(key, 'base64url').toString('utf8');
  const uploadIdMarker = Buffer.from(uploadId, 'base64url').toString('utf8');
  // Round-trip check: rejects padding tricks and bytes that are not UTF-8.
  if (b64(keyMarker) !== key || b64(uploadIdMarker) !== uploadId) {
    throw new CoreError('InvalidRequest', 'The continuation token of the incomplete uploads list is not valid.');
  }
  return { keyMarker, uploadIdMarker };
}

export interface ListUploadsRequest {
  bucket: string;
  /** Only uploads whose key starts with it ('' for the whole bucket; no delimiter: every depth). */
  prefix: string;
  continuationToken: string | null;
  /** MaxUploads per page (1..1000); tests use small pages to exercise paging. */
  pageSize?: number;
}

const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);

/** One page of the bucket's incomplete multipart uploads, oldest key first as the service orders them. */
export async function listIncompleteUploads(
  client: S3Client,
  req: ListUploadsRequest,
  signal?: AbortSignal,
): Promise<Page<IncompleteUpload>> {
  const sent = req.continuationToken === null ? null : unpackUploadToken(req.continuationToken);
  const out = await client.send(
    new ListMultipartUploadsCommand({
      Bucket: req.bucket,
      MaxUploads: Math.min(Math.max(1, Math.floor(req.pageSize ?? MULTIPART_PAGE_SIZE)), MULTIPART_PAGE_SIZE),
      ...(req.prefix !== '' && { Prefix: req.prefix }),
      ...(sent !== null && { KeyMarker: sent.keyMarker }),
      ...(sent !== null && sent.uploadIdMarker !== '' && { UploadIdMarker: sent.uploadIdMarker }),
    }),
    signal ? { abortSignal: signal } : {},
  );
  const items: IncompleteUpload[] = [];
  for (const u of out.Uploads ?? []) {
    if (!u.Key || !u.UploadId) continue; // nothing the person could abort
    items.push({
      key: u.Key,
      uploadId: u.UploadId,
      initiated: iso(u.Initiated),
      initiator: u.Initiator?.DisplayName || u.Initiator?.ID || null,
      storageClass: u.StorageClass ?? null,
    });
  }
  return { items, nextToken: nextToken(out.IsTruncated, out.NextKeyMarker, out.NextUploadIdMarker, items, sent) };
}

/**
 * The next page's token, or null at the end. A truncated answer without markers falls back to
 * the last upload listed (what the markers mean); markers equal to the ones just sent would
 * return the same page forever, so they end the listing.
 */
function nextToken(
  truncated: boolean | undefined,
  nextKey: string | undefined,
  nextUploadId: string | undefined,
  items: IncompleteUpload[],
  sent: UploadMarkers | null,
): string | null {
  if (truncated !== true) return null;
  const last = items.at(-1);
  const markers: UploadMarkers | null = nextKey
    ? { keyMarker: nextKey, uploadIdMarker: nextUploadId ?? '' }
    : last
      ? { keyMarker: last.key, uploadIdMarker: last.uploadId }
      : null;
  if (markers === null) return null;
  if (sent !== null && markers.keyMarker === sent.keyMarker && markers.uploadIdMarker === sent.uploadIdMarker) {
    return null;
  }
  return packUploadToken(markers);
}

/** The service says the upload does not exist: for an abort, that is the wanted outcome. */
const isNoSuchUpload = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; Code?: unknown };
  return e.name === 'NoSuchUpload' || e.Code === 'NoSuchUpload';
};

/**
 * Aborts each upload, a few at a time. An upload that is already gone counts as aborted; any
 * other failure is reported for that upload, and the rest still go ahead.
 */
export async function abortUploads(
  client: S3Client,
  bucket: string,
  uploads: { key: string; uploadId: string }[],
  signal: AbortSignal = new AbortController().signal,
): Promise<BatchSummary> {
  // The same upload listed twice is aborted (and counted) once.
  const unique = new Map(uploads.map((u) => [`${u.uploadId}\0${u.key}`, u]));
  const failed: ItemFailure[] = [];
  let succeeded = 0;
  await forEachLimited(unique.values(), ABORT_CONCURRENCY, signal, async ({ key, uploadId }) => {
    try {
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), {
        abortSignal: signal,
      });
      succeeded += 1;
    } catch (error) {
      if (isNoSuchUpload(error)) {
        succeeded += 1;
        return;
      }
      const e = toAppError(error);
      failed.push({ key, code: e.code, message: e.message });
    }
  });
  return { succeeded, failed };
}

export const multipartMethods = (s3: S3Account): MethodsOf<'multipart:list' | 'multipart:abort'> => ({
  listIncompleteUploads: async (req) => listIncompleteUploads(await s3.client(req.bucket), req),
  abortIncompleteUploads: async ({ bucket, uploads }) => abortUploads(await s3.client(bucket), bucket, uploads),
});
