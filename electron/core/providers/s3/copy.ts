/**
 * Server-side copy and move of objects and folders. Nothing passes through this computer:
 * CopyObject below 5 GiB, UploadPartCopy above (S3's single-copy limit). A move deletes a
 * source only after its copy succeeded. The multipart copy also serves copy-in-place edits.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  UploadPartCopyCommand,
  type CompletedPart,
  type CreateMultipartUploadCommandInput,
  type HeadObjectCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { isFolderKey, rebaseKey } from '../../../../shared/keys';
import type { BatchSummary, ItemFailure } from '../../../../shared/models';
import { CoreError, toAppError } from '../../errors';
import { forEachLimited } from '../../../../shared/concurrency';
import { type Operation } from '../../operations';
import { DELETE_BATCH, KeyDeleter } from './delete';
import { walkKeys } from './objects';
import type { MethodsOf } from '../storage-provider';
import { DEFAULT_COPY_TUNING, type CopyTuning, type S3Account } from './context';

export interface CopyRequest {
  sourceBucket: string;
  targetBucket: string;
  items: { source: string; target: string }[];
  move: boolean;
}

export interface CopyClients {
  /** Addressed for the source bucket: listing, HEAD and (for a move) deleting sources. */
  source: S3Client;
  /** Addressed for the target bucket: the copy requests go there. */
  target: S3Client;
}

interface Pair {
  source: string;
  target: string;
  /** Known from a folder listing; explicit items are looked up with HEAD. */
  size: number | undefined;
}

/** CopySource is "bucket/key" URL-encoded per segment (spaces, unicode, + % # ? included), then "?versionId=". */
export function encodeCopySource(bucket: string, key: string, versionId?: string): string {
  const path = `${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
  return versionId === undefined ? path : `${path}?versionId=${encodeURIComponent(versionId)}`;
}

/** What the new object gets besides its bytes: UploadPartCopy copies the bytes and nothing else. */
export type CopyAttributes = Pick<
  CreateMultipartUploadCommandInput,
  | 'ContentType'
  | 'CacheControl'
  | 'ContentDisposition'
  | 'ContentEncoding'
  | 'ContentLanguage'
  | 'Expires'
  | 'Metadata'
  | 'WebsiteRedirectLocation'
  | 'Tagging'
  | 'ServerSideEncryption'
  | 'SSEKMSKeyId'
  | 'StorageClass'
>;

/** The content headers and user metadata HEAD reported: what CopyObject's COPY directive keeps. */
export function contentAttributes(head: HeadObjectCommandOutput): CopyAttributes {
  return {
    ...(head.ContentType && { ContentType: head.ContentType }),
    ...(head.CacheControl && { CacheControl: head.CacheControl }),
    ...(head.ContentDisposition && { ContentDisposition: head.ContentDisposition }),
    ...(head.ContentEncoding && { ContentEncoding: head.ContentEncoding }),
    ...(head.ContentLanguage && { ContentLanguage: head.ContentLanguage }),
    ...(head.Expires && { Expires: head.Expires }),
    ...(head.Metadata && { Metadata: head.Metadata }),
    ...(head.WebsiteRedirectLocation && { WebsiteRedirectLocation: head.WebsiteRedirectLocation }),
  };
}

/** One object copied in parts: source (optionally one version of it) to target, with the attributes given. */
export interface PartCopy {
  source: { bucket: string; key: string; versionId?: string | undefined };
  target: { bucket: string; key: string };
  size: number;
  attributes: CopyAttributes;
}

/** Refuses requests that make no sense before anything is copied. */
export function checkCopyItems(req: CopyRequest): void {
  const sameBucket = req.sourceBucket === req.targetBucket;
  for (const { source, target } of req.items) {
    if (isFolderKey(source) !== isFolderKey(target)) {
      throw new CoreError(
        'InvalidKey',
        `"${source}" and "${target}" must both be folders (ending in "/") or both be objects.`,
      );
    }
    if (sameBucket && source === target) throw new CoreError('InvalidKey', `"${source}" cannot be copied onto itself.`);
    if (sameBucket && isFolderKey(source) && target.startsWith(source)) {
      throw new CoreError('InvalidKey', `The folder "${source}" cannot be copied into itself.`);
    }
  }
}

export async function copyItems(
  clients: CopyClients,
  req: CopyRequest,
  op: Operation,
  tuning: CopyTuning = DEFAULT_COPY_TUNING,
): Promise<BatchSummary> {
  checkCopyItems(req);
  const failed: ItemFailure[] = [];
  let copied = 0;
  let found = 0;
  let walked = false;
  const deleter = req.move ? new KeyDeleter(clients.source, req.sourceBucket, op.signal) : null;
  let pendingDeletes: string[] = [];
  const flushDeletes = async (): Promise<void> => {
    if (!deleter || pendingDeletes.length === 0) return;
    const keys = pendingDeletes;
    pendingDeletes = [];
    await deleter.deleteBatch(keys);
  };
  const report = (): void =>
    op.progress({ done: copied + failed.length, failed: failed.length, total: walked ? found : null });

  async function* pairs(): AsyncGenerator<Pair> {
    for (const item of req.items) {
      if (!isFolderKey(item.source)) {
        found += 1;
        yield { ...item, size: undefined };
        continue;
      }
      for await (const page of walkKeys(clients.source, req.sourceBucket, item.source, op.signal)) {
        for (const { key, size } of page) {
          found += 1;
          yield { source: key, target: rebaseKey(key, item.source, item.target), size };
        }
      }
    }
    walked = true;
  }

  try {
    await forEachLimited(pairs(), tuning.concurrency, op.signal, async (pair) => {
      try {
        await copyOne(clients, req, pair, tuning, op.signal);
        copied += 1;
        if (deleter) {
          pendingDeletes.push(pair.source);
          if (pendingDeletes.length >= DELETE_BATCH) await flushDeletes();
        }
      } catch (error) {
        if (op.signal.aborted) return;
        const e = toAppError(error);
        failed.push({ key: pair.source, code: e.code, message: e.message });
      }
      report();
    });
    walked = true;
    await flushDeletes();
    op.throwIfCancelled();
  } catch (error) {
    if (op.signal.aborted)
      throw new CoreError(
        'Cancelled',
        `Cancelled: ${copied} object${copied === 1 ? ' was' : 's were'} already copied.`,
      );
    throw error;
  }

  // A moved object whose original could not be deleted now exists twice: that is a failure.
  for (const f of deleter?.failed ?? []) {
    failed.push({ key: f.key, code: f.code, message: `Copied, but the original could not be deleted: ${f.message}` });
  }
  const succeeded = copied - (deleter?.failed.length ?? 0);
  op.progress({ done: succeeded + failed.length, failed: failed.length, total: found });
  return { succeeded, failed };
}

async function copyOne(
  clients: CopyClients,
  req: CopyRequest,
  pair: Pair,
  tuning: CopyTuning,
  signal: AbortSignal,
): Promise<void> {
  let head: HeadObjectCommandOutput | undefined;
  const readHead = async (): Promise<HeadObjectCommandOutput> =>
    (head ??= await clients.source.send(new HeadObjectCommand({ Bucket: req.sourceBucket, Key: pair.source }), {
      abortSignal: signal,
    }));
  const size = pair.size ?? (await readHead()).ContentLength ?? 0;
  if (size >= tuning.multipartThreshold) {
    const copy: PartCopy = {
      source: { bucket: req.sourceBucket, key: pair.source },
      target: { bucket: req.targetBucket, key: pair.target },
      size,
      attributes: contentAttributes(await readHead()),
    };
    await multipartCopy(clients.target, copy, tuning, signal);
    return;
  }
  await clients.target.send(
    new CopyObjectCommand({
      Bucket: req.targetBucket,
      Key: pair.target,
      CopySource: encodeCopySource(req.sourceBucket, pair.source),
    }),
    { abortSignal: signal },
  );
}

/**
 * UploadPartCopy in ranges, the new object created with `copy.attributes` (the parts carry no
 * headers, metadata or tags); aborted on any failure. `client` is addressed for the target bucket.
 */
export async function multipartCopy(
  client: S3Client,
  copy: PartCopy,
  tuning: CopyTuning,
  signal: AbortSignal,
): Promise<void> {
  const opts = { abortSignal: signal };
  const { bucket: Bucket, key: Key } = copy.target;
  const created = await client.send(new CreateMultipartUploadCommand({ Bucket, Key, ...copy.attributes }), opts);
  const uploadId = created.UploadId;
  if (!uploadId) throw new CoreError('ServerError', 'The service did not start the multipart copy (no upload id).');
  const partSize = Math.max(tuning.partSize, Math.ceil(copy.size / 10_000));
  const ranges = Array.from({ length: Math.ceil(copy.size / partSize) }, (_, i) => ({
    partNumber: i + 1,
    range: `bytes=${i * partSize}-${Math.min(copy.size, (i + 1) * partSize) - 1}`,
  }));
  const copySource = encodeCopySource(copy.source.bucket, copy.source.key, copy.source.versionId);
  const parts: CompletedPart[] = [];
  try {
    await forEachLimited(ranges, 4, signal, async ({ partNumber, range }) => {
      const out = await client.send(
        new UploadPartCopyCommand({
          Bucket,
          Key,
          UploadId: uploadId,
          PartNumber: partNumber,
          CopySource: copySource,
          CopySourceRange: range,
        }),
        opts,
      );
      const etag = out.CopyPartResult?.ETag;
      if (!etag) throw new CoreError('ServerError', `The service returned no ETag for part ${partNumber} of the copy.`);
      parts.push({ PartNumber: partNumber, ETag: etag });
    });
    if (signal.aborted) throw new CoreError('Cancelled', 'The operation was cancelled.');
    parts.sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0));
    await client.send(
      new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
      opts,
    );
  } catch (error) {
    // Never leave a half-copied upload behind (it costs storage and, on QStorage, may block the key).
    await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId })).catch(() => {});
    throw error;
  }
}

export const copyMethods = (s3: S3Account): MethodsOf<'objects:copy'> => ({
  async copyObjects({ bucket, items, targetBucket, move }, { operation }) {
    const target = targetBucket ?? bucket;
    const pair = { source: await s3.client(bucket), target: await s3.client(target) };
    return copyItems(pair, { sourceBucket: bucket, targetBucket: target, items, move }, operation, s3.copyTuning);
  },
});
