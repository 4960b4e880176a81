/** MD5 helpers for Content-MD5 and ETag checks (S3 ETags of plain objects and parts are hex MD5s). */
import { createHash } from 'node:crypto';

export const md5Hex = (data: Uint8Array): string => createHash('md5').update(data).digest('hex');

/** Between steps the event loop runs, so other parts' sockets are fed while a big part is hashed. */
const HASH_STEP = 1024 * 1024;

/** MD5 of a (large) buffer in 1 MiB steps that yield to the event loop. */
export async function md5HexYielding(data: Uint8Array): Promise<string> {
  const hash = createHash('md5');
  for (let at = 0; at < data.length; at += HASH_STEP) {
    hash.update(data.subarray(at, at + HASH_STEP));
    if (at + HASH_STEP < data.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return hash.digest('hex');
}

export const hexToBase64 = (hex: string): string => Buffer.from(hex, 'hex').toString('base64');

/** Quotes and case removed, so ETags from different responses compare equal. */
export const normalizeEtag = (etag: string | undefined | null): string =>
  (etag ?? '').replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();

/** A single-PUT or part ETag that is the MD5 of the bytes (not SSE-KMS, not multipart). */
export const isPlainMd5Etag = (etag: string | undefined | null): boolean => /^[0-9a-f]{32}$/.test(normalizeEtag(etag));

/** `md5-N` of a completed multipart upload. */
export const isMultipartEtag = (etag: string | undefined | null): boolean =>
  /^[0-9a-f]{32}-\d+$/.test(normalizeEtag(etag));

/** What S3 computes for a multipart object: MD5 of the parts' binary MD5s, then `-<part count>`. */
export function multipartEtag(partMd5s: readonly string[]): string {
  const hash = createHash('md5');
  for (const hex of partMd5s) hash.update(Buffer.from(hex, 'hex'));
  return `${hash.digest('hex')}-${partMd5s.length}`;
}
