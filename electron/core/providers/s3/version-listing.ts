/**
 * versions:list: one page of ListObjectVersions as ObjectVersion[], versions and delete markers
 * merged (the SDK hands them over as two lists) in S3's order: keys in UTF-8 byte order, each
 * key's newest first. The page token wraps the service's key and version-id markers, which are
 * passed back untouched.
 */
import { ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import { DELIMITER } from '../../../../shared/keys';
import type { ObjectVersion, VersionPage } from '../../../../shared/properties';
import { CoreError } from '../../errors';
import type { MethodsOf } from '../storage-provider';
import type { S3Account } from './context';

const PAGE_SIZE = 1000;

export interface VersionListRequest {
  bucket: string;
  /** The folder shown (subfolders come back as `folders`). */
  prefix: string;
  /** Only this exact key's versions (the prefix is then ignored). */
  key: string | null;
  continuationToken: string | null;
}

export interface VersionMarkers {
  keyMarker: string;
  versionIdMarker: string | null;
}

export function encodeVersionToken(m: VersionMarkers): string {
  return Buffer.from(JSON.stringify([m.keyMarker, m.versionIdMarker]), 'utf8').toString('base64url');
}

export function decodeVersionToken(token: string): VersionMarkers {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [keyMarker, versionIdMarker] = value as unknown[];
      if (typeof keyMarker === 'string' && (typeof versionIdMarker === 'string' || versionIdMarker === null))
        return { keyMarker, versionIdMarker };
    }
  } catch {
    // reported below
  }
  throw new CoreError(
    'InvalidRequest',
    'The versions page token is not valid: list the versions again from the start.',
  );
}

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
const time = (v: ObjectVersion): number => (v.lastModified === null ? 0 : Date.parse(v.lastModified));

/** Keys in byte order; per key the latest first, then newest first (stable for equal times). */
export function sortVersions(entries: readonly ObjectVersion[]): ObjectVersion[] {
  return [...entries].sort(
    (a, b) => byteOrder(a.key, b.key) || Number(b.isLatest) - Number(a.isLatest) || time(b) - time(a),
  );
}

export async function listVersions(client: S3Client, req: VersionListRequest): Promise<VersionPage> {
  const sent = req.continuationToken === null ? null : decodeVersionToken(req.continuationToken);
  const prefix = req.key ?? req.prefix;
  const out = await client.send(
    new ListObjectVersionsCommand({
      Bucket: req.bucket,
      Delimiter: DELIMITER,
      MaxKeys: PAGE_SIZE,
      ...(prefix !== '' && { Prefix: prefix }),
      ...(sent && { KeyMarker: sent.keyMarker }),
      ...(sent?.versionIdMarker != null && { VersionIdMarker: sent.versionIdMarker }),
    }),
  );
  const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);
  const all = sortVersions([
    ...(out.Versions ?? []).flatMap((v): ObjectVersion[] =>
      v.Key === undefined
        ? []
        : [
            {
              key: v.Key,
              versionId: v.VersionId ?? 'null',
              isLatest: v.IsLatest ?? false,
              isDeleteMarker: false,
              size: v.Size ?? null,
              lastModified: iso(v.LastModified),
              etag: v.ETag ?? null,
              storageClass: v.StorageClass ?? null,
            },
          ],
    ),
    ...(out.DeleteMarkers ?? []).flatMap((m): ObjectVersion[] =>
      m.Key === undefined
        ? []
        : [
            {
              key: m.Key,
              versionId: m.VersionId ?? 'null',
              isLatest: m.IsLatest ?? false,
              isDeleteMarker: true,
              size: null,
              lastModified: iso(m.LastModified),
              etag: null,
              storageClass: null,
            },
          ],
    ),
  ]);
  const folders = (out.CommonPrefixes ?? []).flatMap((p) => (p.Prefix ? [p.Prefix] : []));

  let next: VersionMarkers | null =
    out.IsTruncated && out.NextKeyMarker
      ? { keyMarker: out.NextKeyMarker, versionIdMarker: out.NextVersionIdMarker ?? null }
      : null;
  // A marker pair equal to the one just sent would loop forever: treat it as the end.
  if (next && sent && next.keyMarker === sent.keyMarker && next.versionIdMarker === sent.versionIdMarker) next = null;

  if (req.key !== null) {
    // Keys come in order: once another key (or a subfolder) shows, this key's versions are all listed.
    const passed = folders.length > 0 || all.some((v) => v.key !== req.key);
    return {
      folders: [],
      versions: all.filter((v) => v.key === req.key),
      nextToken: next && !passed ? encodeVersionToken(next) : null,
    };
  }
  return {
    folders,
    // The folder's own placeholder ("photos/" in "photos/") is the folder, not an entry in it.
    versions: all.filter((v) => v.key !== req.prefix),
    nextToken: next ? encodeVersionToken(next) : null,
  };
}

export const versionListingMethods = (s3: S3Account): MethodsOf<'versions:list'> => ({
  listVersions: async (req) => listVersions(await s3.client(req.bucket), req),
});
