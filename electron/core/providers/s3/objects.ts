/**
 * Browsing one bucket: a folder view (prefix + "/" delimiter), recursive search by name,
 * object details, new folders, and a full walk of the keys under a prefix (for batches).
 * Continuation tokens are passed back untouched: radosgw's are plain keys, AWS's are opaque.
 */
import {
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type _Object,
  type S3Client,
} from '@aws-sdk/client-s3';
import { baseName, DELIMITER, nameMatches } from '../../../../shared/keys';
import type { ObjectDetails, ObjectEntry, Page, SearchPage } from '../../../../shared/models';
import { CoreError } from '../../errors';
import type { MethodsOf } from '../storage-provider';
import type { S3Account } from './context';

const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);
/** A token equal to the one just sent would loop forever: treat it as the end. */
const nextToken = (truncated: boolean | undefined, next: string | undefined, sent: string | null): string | null =>
  truncated !== false && next && next !== sent ? next : null;

export function folderEntry(key: string): ObjectEntry {
  return { kind: 'folder', key, name: baseName(key), size: null, lastModified: null, etag: null, storageClass: null };
}

export function objectEntry(o: _Object & { Key: string }): ObjectEntry {
  return {
    kind: 'object',
    key: o.Key,
    name: baseName(o.Key),
    size: o.Size ?? null,
    lastModified: iso(o.LastModified),
    etag: o.ETag ?? null,
    storageClass: o.StorageClass ?? null,
  };
}

const hasKey = (o: _Object): o is _Object & { Key: string } => typeof o.Key === 'string';

export interface ListRequest {
  bucket: string;
  prefix: string;
  continuationToken: string | null;
  pageSize: number;
}

/** One page of a folder: its subfolders (CommonPrefixes) first, then its objects. */
export async function listObjects(
  client: S3Client,
  req: ListRequest,
  signal?: AbortSignal,
): Promise<Page<ObjectEntry>> {
  const out = await client.send(
    new ListObjectsV2Command({
      Bucket: req.bucket,
      Delimiter: DELIMITER,
      MaxKeys: req.pageSize,
      ...(req.prefix !== '' && { Prefix: req.prefix }),
      ...(req.continuationToken !== null && { ContinuationToken: req.continuationToken }),
    }),
    signal ? { abortSignal: signal } : {},
  );
  const folders = (out.CommonPrefixes ?? []).flatMap((p) => (p.Prefix ? [folderEntry(p.Prefix)] : []));
  // The folder's own placeholder object ("photos/" inside "photos/") is not a child of it.
  const objects = (out.Contents ?? [])
    .filter(hasKey)
    .filter((o) => o.Key !== req.prefix)
    .map(objectEntry);
  return {
    items: [...folders, ...objects],
    nextToken: nextToken(out.IsTruncated, out.NextContinuationToken, req.continuationToken),
  };
}

export interface SearchRequest {
  bucket: string;
  prefix: string;
  query: string;
  continuationToken: string | null;
}

const SEARCH_PAGE = 1000;

/**
 * One page of a recursive search by name under the prefix. Every key of the page is examined
 * (`scanned`); objects whose name matches are returned, and so is every folder on the way to
 * a key whose own name matches (once per page).
 */
export async function searchObjects(client: S3Client, req: SearchRequest): Promise<SearchPage> {
  const out = await client.send(
    new ListObjectsV2Command({
      Bucket: req.bucket,
      MaxKeys: SEARCH_PAGE,
      ...(req.prefix !== '' && { Prefix: req.prefix }),
      ...(req.continuationToken !== null && { ContinuationToken: req.continuationToken }),
    }),
  );
  const contents = (out.Contents ?? []).filter(hasKey);
  const items: ObjectEntry[] = [];
  const folders = new Set<string>();
  const addFolder = (folder: string): void => {
    if (folders.has(folder) || !nameMatches(folder, req.query)) return;
    folders.add(folder);
    items.push(folderEntry(folder));
  };
  for (const o of contents) {
    const parts = o.Key.slice(req.prefix.length).split(DELIMITER);
    // Folders between the prefix and the key ("a/report-2024/" for "a/report-2024/x.txt").
    let folder = req.prefix;
    for (const part of parts.slice(0, -1)) {
      folder += part + DELIMITER;
      addFolder(folder);
    }
    if (o.Key.endsWith(DELIMITER) || o.Key === req.prefix) continue; // placeholders were handled as folders
    if (nameMatches(o.Key, req.query)) items.push(objectEntry(o));
  }
  return {
    items,
    scanned: contents.length,
    nextToken: nextToken(out.IsTruncated, out.NextContinuationToken, req.continuationToken),
  };
}

export interface KeyInfo {
  key: string;
  size: number;
  /** As the service sends it (quoted). */
  etag: string | null;
  lastModifiedMs: number;
}

/** Every key under the prefix (the placeholder included), a listing page at a time. */
export async function* walkKeys(
  client: S3Client,
  bucket: string,
  prefix: string,
  signal: AbortSignal,
): AsyncGenerator<KeyInfo[]> {
  let token: string | null = null;
  do {
    const out = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        MaxKeys: 1000,
        ...(prefix !== '' && { Prefix: prefix }),
        ...(token !== null && { ContinuationToken: token }),
      }),
      { abortSignal: signal },
    );
    yield (out.Contents ?? []).filter(hasKey).map((o) => ({
      key: o.Key,
      size: o.Size ?? 0,
      etag: o.ETag ?? null,
      lastModifiedMs: o.LastModified?.getTime() ?? 0,
    }));
    token = nextToken(out.IsTruncated, out.NextContinuationToken, token);
  } while (token !== null);
}

/** Full details of one object, or of one version of it (HEAD). */
export async function headObject(
  client: S3Client,
  bucket: string,
  key: string,
  versionId?: string,
): Promise<ObjectDetails> {
  const h = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
  return {
    key,
    size: h.ContentLength ?? 0,
    contentType: h.ContentType ?? null,
    etag: h.ETag ?? null,
    lastModified: iso(h.LastModified),
    storageClass: h.StorageClass ?? null,
    serverSideEncryption: h.ServerSideEncryption ?? null,
    kmsKeyId: h.SSEKMSKeyId ?? null,
    versionId: h.VersionId ?? null,
    cacheControl: h.CacheControl ?? null,
    contentDisposition: h.ContentDisposition ?? null,
    contentEncoding: h.ContentEncoding ?? null,
    contentLanguage: h.ContentLanguage ?? null,
    expires: h.ExpiresString ?? iso(h.Expires),
    metadata: { ...(h.Metadata ?? {}) },
  };
}

/**
 * Creates the zero-byte "folder/" placeholder. A folder exists as soon as any key starts with
 * it (with or without a placeholder), so that is what is checked first.
 */
export async function createFolder(client: S3Client, bucket: string, key: string): Promise<void> {
  const existing = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key, MaxKeys: 1 }));
  if ((existing.Contents ?? []).length > 0 || (existing.KeyCount ?? 0) > 0) {
    throw new CoreError('AlreadyExists', `A folder named "${baseName(key)}" already exists here.`);
  }
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: new Uint8Array(0), ContentLength: 0 }));
}

export const objectMethods = (
  s3: S3Account,
): MethodsOf<'objects:list' | 'objects:search' | 'objects:head' | 'objects:createFolder'> => ({
  listObjects: async (req) => listObjects(await s3.client(req.bucket), req),
  searchObjects: async (req) => searchObjects(await s3.client(req.bucket), req),
  headObject: async ({ bucket, key, versionId }) => headObject(await s3.client(bucket), bucket, key, versionId),
  async createFolder({ bucket, key }) {
    await createFolder(await s3.client(bucket), bucket, key);
    return null;
  },
});
