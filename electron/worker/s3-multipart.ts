/**
 * S3's side of a resumable upload (multipart-upload.ts runs the course): CreateMultipartUpload,
 * parts with Content-MD5 checked against their ETags, a resume through ListParts that keeps only
 * parts proven to hold the right bytes, Complete checked with HEAD, and Abort.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectTaggingCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { CompletedPart, UploadCheckpoint, UploadTask } from '../../shared/transfer-protocol';
import { S3_MAX_PART_SIZE, S3_MAX_PARTS, S3_MIN_PART_SIZE } from '../../shared/transfers';
import { CoreError, toAppError } from '../core/errors';
import { bufferBody } from './body-slices';
import { hexToBase64, isMultipartEtag, isPlainMd5Etag, md5HexYielding, multipartEtag, normalizeEtag } from './md5';
import { COMPLETE_STALL_FACTOR, type UploadService } from './multipart-upload';
import type { PartToSend } from './part-lanes';
import { partRange, planParts } from './part-plan';
import { reconcileParts, type ServerPart } from './reconcile-parts';
import { md5OfRange } from './source-file';
import { NEVER_STOPS, type TaskContext } from './task-context';
import { TransientError } from './task-errors';
import { noteEncryption, type RecordedFile, uploadFields } from './upload-options';
import { leanPut, withBody } from './wire/put-object';

/** Uploads created by a retried CreateMultipartUpload whose answer was lost are looked for this far back. */
const LOST_CREATE_WINDOW_MS = 10 * 60_000;

/** An S3 multipart upload is known by its UploadId. */
export function s3Multipart(
  task: UploadTask,
  ctx: TaskContext,
): UploadService<string, CompletedPart, UploadCheckpoint> {
  return {
    fitsPlan: (partSize, size) =>
      Number.isSafeInteger(partSize) &&
      partSize >= S3_MIN_PART_SIZE &&
      partSize <= S3_MAX_PART_SIZE &&
      Math.ceil(size / partSize) <= S3_MAX_PARTS,
    plan: (size, saved) => planParts(size, saved ?? task.partSize),
    uploadOf: (saved) => saved.uploadId,
    saved: (uploadId, common) => ({ kind: 'upload', uploadId, ...common }),
    async restore(uploadId, saved, plan, src) {
      const server = await listParts(task, ctx, uploadId);
      if (server === null) return 'gone';
      const { kept, verify } = reconcileParts(saved.parts, server, plan, src.size);
      for (const part of verify) {
        const { start, length } = partRange(plan, src.size, part.partNumber);
        const md5 = await md5OfRange(src, start, length);
        if (md5 === normalizeEtag(part.etag))
          kept.push({ partNumber: part.partNumber, etag: part.etag, size: length, md5 });
      }
      return { parts: kept.sort((a, b) => a.partNumber - b.partNumber) };
    },
    async start(_plan, src) {
      // Only for a new upload (a resume keeps what its upload recorded), before it exists: a
      // stop meanwhile leaves nothing on the server. A change after the read fails the check
      // before Complete, and the restart reads the file again.
      const md5 = task.wholeFileMd5 ? await md5OfRange(src, 0, src.size) : null;
      if (ctx.stop.aborted) throw ctx.stop.reason as Error;
      return createUpload(task, ctx, { mtimeNs: src.mtimeNs, md5 });
    },
    sendPart: (uploadId, part) => sendPart(task, ctx, uploadId, part),
    async complete(uploadId, parts, size) {
      const done = await completeUpload(task, ctx, uploadId, parts, size);
      noteEncryption(ctx, task.options.encryption, done.sse);
      await ensureTags(task, ctx, done);
      return done.etag;
    },
    discard: (uploadId) => abortUpload(task, ctx, uploadId),
  };
}

async function listParts(task: UploadTask, ctx: TaskContext, uploadId: string): Promise<ServerPart[] | null> {
  const parts: ServerPart[] = [];
  let marker: string | undefined;
  try {
    do {
      const out = await ctx.retry((attempt) =>
        ctx.client.send(
          new ListPartsCommand({ Bucket: task.bucket, Key: task.key, UploadId: uploadId, PartNumberMarker: marker }),
          { abortSignal: attempt.signal },
        ),
      );
      for (const p of out.Parts ?? []) {
        if (p.PartNumber !== undefined && p.ETag !== undefined && p.Size !== undefined) {
          parts.push({ partNumber: p.PartNumber, etag: p.ETag, size: p.Size });
        }
      }
      const next = out.NextPartNumberMarker;
      marker = out.IsTruncated && next !== undefined && next !== marker ? String(next) : undefined;
    } while (marker !== undefined);
  } catch (error) {
    if (isNoSuchUpload(error)) return null;
    throw error;
  }
  return parts;
}

/** Runs to its end even if a stop arrives meanwhile: otherwise the upload id could be lost. */
async function createUpload(task: UploadTask, ctx: TaskContext, file: RecordedFile): Promise<string> {
  const startedAt = Date.now();
  let attempts = 0;
  const out = await ctx.retry(
    (attempt) => {
      attempts = attempt.number;
      return ctx.client.send(
        new CreateMultipartUploadCommand({
          Bucket: task.bucket,
          Key: task.key,
          ...(task.contentType !== null && { ContentType: task.contentType }),
          // Set here once: parts and a resume through ListParts inherit them.
          ...uploadFields(task.options, file),
        }),
        { abortSignal: attempt.signal },
      );
    },
    { stop: NEVER_STOPS },
  );
  if (!out.UploadId) throw new CoreError('ServerError', 'The service did not start the multipart upload.');
  if (attempts > 1) await abortLostCreates(task, ctx, out.UploadId, startedAt);
  return out.UploadId;
}

/**
 * A retried CreateMultipartUpload may have worked the first time with its answer lost: abort
 * uploads of the same key started since, so nothing is left behind. Best effort.
 */
async function abortLostCreates(task: UploadTask, ctx: TaskContext, keep: string, since: number): Promise<void> {
  try {
    const out = await ctx.retry(
      (attempt) =>
        ctx.client.send(new ListMultipartUploadsCommand({ Bucket: task.bucket, Prefix: task.key }), {
          abortSignal: attempt.signal,
        }),
      { stop: NEVER_STOPS },
    );
    for (const u of out.Uploads ?? []) {
      const initiated = u.Initiated?.getTime() ?? 0;
      if (u.Key === task.key && u.UploadId && u.UploadId !== keep && initiated >= since - LOST_CREATE_WINDOW_MS) {
        await abortUpload(task, ctx, u.UploadId);
      }
    }
  } catch {
    // Leaving a stray upload is better than failing an upload that works.
  }
}

/** One part to S3 (lean PUT, else the SDK), with its Content-MD5, checked against a plain-md5 ETag. */
async function sendPart(
  task: UploadTask,
  ctx: TaskContext,
  uploadId: string,
  { partNumber, data, length, signal, bodyHooks }: PartToSend,
): Promise<CompletedPart> {
  const md5 = await md5HexYielding(data);
  const wire = {
    bucket: task.bucket,
    key: task.key,
    query: { partNumber: String(partNumber), uploadId },
    headers: { 'content-md5': hexToBase64(md5), 'content-type': 'application/octet-stream' },
  };
  const etag = await ctx.retry(
    async (attempt) => {
      const makeBody = () => bufferBody(data, bodyHooks(attempt));
      const out =
        (await withBody(makeBody, (body) => leanPut(task.credentials, wire, body, length, attempt))) ??
        (await withBody(makeBody, async (body) => {
          const sdk = await ctx.client.send(
            new UploadPartCommand({
              Bucket: task.bucket,
              Key: task.key,
              UploadId: uploadId,
              PartNumber: partNumber,
              Body: body,
              ContentLength: length,
              ContentMD5: hexToBase64(md5),
            }),
            { abortSignal: attempt.signal },
          );
          return { etag: sdk.ETag };
        }));
      if (!out.etag) throw new TransientError('ServerError', 'The service returned no ETag for a part.');
      if (isPlainMd5Etag(out.etag) && normalizeEtag(out.etag) !== md5) {
        throw new TransientError('ServerError', 'The service stored different bytes for a part than were sent.');
      }
      return out.etag;
    },
    { stop: signal },
  );
  return { partNumber, etag, size: length, md5 };
}

/** The finished object as Complete and the HEAD after it describe it. */
interface CompletedObject {
  etag: string | null;
  /** x-amz-server-side-encryption from Complete, else from HEAD. */
  sse: string | undefined;
  /** x-amz-tagging-count from HEAD, when the service sends it. */
  tagCount: number | undefined;
  versionId: string | undefined;
}

/** Completes, then checks with HEAD (radosgw's Complete answers an empty ETag): size and md5-of-md5s. */
async function completeUpload(
  task: UploadTask,
  ctx: TaskContext,
  uploadId: string,
  parts: CompletedPart[],
  size: number,
): Promise<CompletedObject> {
  let attempts = 0;
  let answered: string | undefined;
  try {
    const out = await ctx.retry(
      (attempt) => {
        attempts = attempt.number;
        return ctx.client.send(
          new CompleteMultipartUploadCommand({
            Bucket: task.bucket,
            Key: task.key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
          }),
          { abortSignal: attempt.signal },
        );
      },
      { stop: NEVER_STOPS, stallMs: ctx.tuning.stallTimeoutMs * COMPLETE_STALL_FACTOR },
    );
    answered = out.ServerSideEncryption;
  } catch (error) {
    // A retry after a Complete whose answer was lost finds the upload gone: HEAD tells.
    if (!(attempts > 1 && isNoSuchUpload(error))) throw error;
  }
  const head = await headObject(task, ctx);
  if (head.ContentLength !== size) {
    throw new CoreError(
      'ServerError',
      `The uploaded object has ${head.ContentLength ?? 'an unknown number of'} bytes instead of ${size}.`,
    );
  }
  if (isMultipartEtag(head.ETag) && normalizeEtag(head.ETag) !== multipartEtag(parts.map((p) => p.md5))) {
    throw new CoreError('ServerError', 'The uploaded object does not match the parts that were sent (ETag mismatch).');
  }
  return {
    etag: head.ETag ?? null,
    sse: answered || head.ServerSideEncryption,
    tagCount: head.TagCount,
    versionId: head.VersionId,
  };
}

/** HEAD of the uploaded object; runs even after a stop (the upload is done by then). */
export function headObject(task: UploadTask, ctx: TaskContext): Promise<HeadObjectCommandOutput> {
  return ctx.retry(
    (attempt) =>
      ctx.client.send(new HeadObjectCommand({ Bucket: task.bucket, Key: task.key }), { abortSignal: attempt.signal }),
    { stop: NEVER_STOPS },
  );
}

/**
 * Some services (radosgw 16) drop x-amz-tagging on CreateMultipartUpload: when HEAD does not
 * count the tags that were asked for, they are set on the finished object. Failing that, the
 * upload still stands and the job says so.
 */
async function ensureTags(task: UploadTask, ctx: TaskContext, object: CompletedObject): Promise<void> {
  const { tags } = task.options;
  if (tags.length === 0 || object.tagCount === tags.length) return;
  try {
    await ctx.retry(
      (attempt) =>
        ctx.client.send(
          new PutObjectTaggingCommand({
            Bucket: task.bucket,
            Key: task.key,
            ...(object.versionId !== undefined && { VersionId: object.versionId }),
            Tagging: { TagSet: tags.map((t) => ({ Key: t.key, Value: t.value })) },
          }),
          { abortSignal: attempt.signal },
        ),
      { stop: NEVER_STOPS },
    );
  } catch (error) {
    ctx.notice(`The file was uploaded, but its tags could not be set: ${toAppError(error).message}`);
  }
}

/** Aborts the multipart upload (retried; already gone counts as done). Runs even after a stop. */
async function abortUpload(task: UploadTask, ctx: TaskContext, uploadId: string): Promise<void> {
  try {
    await ctx.retry(
      (attempt) =>
        ctx.client.send(new AbortMultipartUploadCommand({ Bucket: task.bucket, Key: task.key, UploadId: uploadId }), {
          abortSignal: attempt.signal,
        }),
      { stop: NEVER_STOPS },
    );
  } catch (error) {
    if (isNoSuchUpload(error)) return;
    const cause = toAppError(error);
    throw new CoreError(
      cause.code,
      `The unfinished upload could not be removed from the server: ${cause.message} Remove it with the incomplete-uploads tool.`,
      cause.detail,
    );
  }
}

function isNoSuchUpload(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; Code?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return e.name === 'NoSuchUpload' || e.Code === 'NoSuchUpload' || e.$metadata?.httpStatusCode === 404;
}
