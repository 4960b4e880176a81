/**
 * Uploads one file: a single PUT below the threshold, else a multipart upload that checkpoints
 * after CreateMultipartUpload and after every part, resumes through ListParts, and never sends a
 * finished part again. Every body carries Content-MD5; ETags are compared with what was sent.
 */
import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { CompletedPart, TaskResult, UploadCheckpoint, UploadTask } from '../../shared/transfer-protocol';
import { S3_MAX_PART_SIZE, S3_MAX_PARTS, S3_MIN_PART_SIZE } from '../../shared/transfers';
import { CoreError, toAppError } from '../core/errors';
import { bufferBody, SLICE_BYTES, sliceBody } from './body-slices';
import {
  hexToBase64,
  isMultipartEtag,
  isPlainMd5Etag,
  md5Hex,
  md5HexYielding,
  multipartEtag,
  normalizeEtag,
} from './md5';
import { sendMissingParts, type PartToSend } from './part-lanes';
import { partRange, planParts, usesMultipart } from './part-plan';
import { reconcileParts, type ServerPart } from './reconcile-parts';
import { checkSource, openSource, periodicCheck, readFully, restartingOnChange, type Source } from './source-file';
import { NEVER_STOPS, type TaskContext } from './task-context';
import { SourceChangedError, TransientError } from './task-errors';
import { encryptionNotice, uploadOptionFields } from './upload-options';

/** Completing many parts may take the service a while without sending anything. */
const COMPLETE_STALL_FACTOR = 4;
/** Uploads created by a retried CreateMultipartUpload whose answer was lost are looked for this far back. */
const LOST_CREATE_WINDOW_MS = 10 * 60_000;
const READ_BLOCK = 1024 * 1024;

export function runUpload(task: UploadTask, ctx: TaskContext): Promise<TaskResult> {
  return restartingOnChange(ctx, task.resume, (resume) => uploadOnce(task, ctx, resume));
}

async function uploadOnce(task: UploadTask, ctx: TaskContext, resume: UploadCheckpoint | null): Promise<TaskResult> {
  const src = await openSource(task.source.path);
  try {
    if (resume && !fitsPlan(resume, src.size)) {
      // Not a plan this engine makes (a damaged journal?): nothing in it can be trusted.
      await abortUpload(task, ctx, resume.uploadId);
      resume = null;
    }
    if (resume && (resume.source.size !== src.size || resume.source.mtimeMs !== src.mtimeMs)) {
      await abortUpload(task, ctx, resume.uploadId);
      ctx.notice('The file changed since the upload started; restarting from the beginning.');
      resume = null;
    }
    ctx.progress.report(0, src.size);
    if (!resume && !usesMultipart(src.size, task.multipartThreshold)) return await putSingle(task, ctx, src);
    return await putMultipart(task, ctx, src, resume);
  } finally {
    await src.fh.close().catch(() => {});
  }
}

const fitsPlan = (resume: UploadCheckpoint, size: number): boolean =>
  Number.isSafeInteger(resume.partSize) &&
  resume.partSize >= S3_MIN_PART_SIZE &&
  resume.partSize <= S3_MAX_PART_SIZE &&
  Math.ceil(size / resume.partSize) <= S3_MAX_PARTS;

async function md5OfRange(src: Source, start: number, length: number): Promise<string> {
  const hash = createHash('md5');
  const block = Buffer.allocUnsafeSlow(Math.min(READ_BLOCK, Math.max(1, length)));
  for (let done = 0; done < length;) {
    const n = Math.min(block.length, length - done);
    hash.update(await readFully(src, block, n, start + done));
    done += n;
  }
  return hash.digest('hex');
}

/** Single PUT: from memory when it fits the job's buffer budget, else streamed after an MD5 pass. */
async function putSingle(task: UploadTask, ctx: TaskContext, src: Source): Promise<TaskResult> {
  // No path check before: openSource stat'd the file a moment ago, and the check after the PUT
  // catches any change (by path, inode included) made since then.
  const budget = task.partSize * Math.max(1, task.tuning.partsInParallel);
  let md5: string;
  let read: (offset: number, length: number) => Buffer | Promise<Buffer>;
  let whole: Buffer | null = null;
  if (src.size <= budget) {
    const data = await readFully(src, Buffer.allocUnsafeSlow(src.size), src.size, 0);
    md5 = md5Hex(data);
    read = (offset, length) => data.subarray(offset, offset + length);
    whole = data;
  } else {
    md5 = await md5OfRange(src, 0, src.size);
    read = (offset, length) => readFully(src, Buffer.allocUnsafe(length), length, offset);
  }
  const check = periodicCheck(src);
  const fields = uploadOptionFields(task.options);
  const answer = await ctx.retry(async (attempt) => {
    let sent = 0;
    // A body of one slice with no rate limit goes as a plain buffer: the HTTP layer writes it
    // with the headers in one go, without a stream per request (small files are CPU-bound).
    const direct = whole !== null && whole.length <= SLICE_BYTES && !ctx.limiters.up.limited();
    if (direct) attempt.touch();
    const body =
      src.size === 0 || direct
        ? (whole ?? Buffer.alloc(0))
        : sliceBody(src.size, read, {
            limiter: ctx.limiters.up,
            attempt,
            beforeSlice: check,
            onBytes: (n) => ctx.progress.report((sent += n), src.size),
          });
    try {
      const out = await ctx.client.send(
        new PutObjectCommand({
          Bucket: task.bucket,
          Key: task.key,
          Body: body,
          ContentLength: src.size,
          ContentMD5: hexToBase64(md5),
          ...(task.contentType !== null && { ContentType: task.contentType }),
          ...fields,
        }),
        { abortSignal: attempt.signal },
      );
      if (isPlainMd5Etag(out.ETag) && normalizeEtag(out.ETag) !== md5) {
        throw new TransientError('ServerError', 'The service stored different bytes than were sent (ETag mismatch).');
      }
      if (direct) ctx.progress.report(src.size, src.size);
      return { etag: out.ETag ?? null, sse: out.ServerSideEncryption };
    } finally {
      if (!Buffer.isBuffer(body)) body.destroy();
    }
  });
  // The object is there; if the file changed meanwhile it may hold a mix: send it again.
  await checkSource(src);
  // An answer without the encryption header is not the last word: HEAD may still report it.
  let sse: string | undefined = answer.sse;
  if (!sse && task.options.encryption !== null) sse = await headEncryption(task, ctx);
  noteEncryption(task, ctx, sse);
  ctx.progress.report(src.size, src.size);
  return { size: src.size, etag: answer.etag };
}

async function putMultipart(
  task: UploadTask,
  ctx: TaskContext,
  src: Source,
  resume: UploadCheckpoint | null,
): Promise<TaskResult> {
  let uploadId: string | null = null;
  try {
    let plan = planParts(src.size, task.partSize);
    let parts: CompletedPart[] = [];
    if (resume) {
      uploadId = resume.uploadId;
      const restored = await restoreParts(task, ctx, src, resume);
      if (restored) {
        plan = { partSize: resume.partSize, count: Math.ceil(src.size / resume.partSize) };
        parts = restored;
      } else {
        uploadId = null;
        ctx.notice('The unfinished upload was no longer on the server; starting again from the beginning.');
      }
    }
    uploadId ??= await createUpload(task, ctx);
    const id = uploadId;
    const checkpoint = (): void =>
      ctx.checkpoint({
        kind: 'upload',
        uploadId: id,
        partSize: plan.partSize,
        source: { size: src.size, mtimeMs: src.mtimeMs },
        parts: parts.slice(),
      });
    // Persisted before any part is sent, so no crash can leave an upload nobody knows about.
    checkpoint();
    if (ctx.stop.aborted) throw ctx.stop.reason as Error;
    await sendMissingParts(ctx, src, plan, parts, checkpoint, (part) => sendPart(task, ctx, id, part));
    if (ctx.stop.aborted) throw ctx.stop.reason as Error;
    await checkSource(src);
    const done = await completeUpload(task, ctx, id, parts, src.size);
    noteEncryption(task, ctx, done.sse);
    await ensureTags(task, ctx, done);
    ctx.progress.report(src.size, src.size);
    return { size: src.size, etag: done.etag };
  } catch (error) {
    if (uploadId !== null && (error instanceof SourceChangedError || ctx.stopReason() === 'cancel')) {
      await abortUpload(task, ctx, uploadId);
    }
    throw error;
  }
}

/** The parts a resumed upload keeps, or null when the upload is gone from the server. */
async function restoreParts(
  task: UploadTask,
  ctx: TaskContext,
  src: Source,
  resume: UploadCheckpoint,
): Promise<CompletedPart[] | null> {
  const server = await listParts(task, ctx, resume.uploadId);
  if (server === null) return null;
  const plan = { partSize: resume.partSize, count: Math.ceil(src.size / resume.partSize) };
  const { kept, verify } = reconcileParts(resume.parts, server, plan, src.size);
  for (const part of verify) {
    const { start, length } = partRange(plan, src.size, part.partNumber);
    const md5 = await md5OfRange(src, start, length);
    if (md5 === normalizeEtag(part.etag))
      kept.push({ partNumber: part.partNumber, etag: part.etag, size: length, md5 });
  }
  return kept.sort((a, b) => a.partNumber - b.partNumber);
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
async function createUpload(task: UploadTask, ctx: TaskContext): Promise<string> {
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
          ...uploadOptionFields(task.options),
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

/** One part to S3, with its Content-MD5, checked against the ETag when that is a plain md5. */
async function sendPart(
  task: UploadTask,
  ctx: TaskContext,
  uploadId: string,
  { partNumber, data, length, signal, bodyHooks }: PartToSend,
): Promise<CompletedPart> {
  const md5 = await md5HexYielding(data);
  const etag = await ctx.retry(
    async (attempt) => {
      const body = bufferBody(data, bodyHooks(attempt));
      try {
        const out = await ctx.client.send(
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
        if (!out.ETag) throw new TransientError('ServerError', 'The service returned no ETag for a part.');
        if (isPlainMd5Etag(out.ETag) && normalizeEtag(out.ETag) !== md5) {
          throw new TransientError('ServerError', 'The service stored different bytes for a part than were sent.');
        }
        return out.ETag;
      } finally {
        body.destroy();
      }
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
  const head = await ctx.retry(
    (attempt) =>
      ctx.client.send(new HeadObjectCommand({ Bucket: task.bucket, Key: task.key }), { abortSignal: attempt.signal }),
    { stop: NEVER_STOPS },
  );
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

/** The object's encryption as HEAD reports it; undefined when HEAD fails (the upload itself stands). */
async function headEncryption(task: UploadTask, ctx: TaskContext): Promise<string | undefined> {
  try {
    const head = await ctx.retry(
      (attempt) =>
        ctx.client.send(new HeadObjectCommand({ Bucket: task.bucket, Key: task.key }), {
          abortSignal: attempt.signal,
        }),
      { stop: NEVER_STOPS },
    );
    return head.ServerSideEncryption;
  } catch {
    return undefined;
  }
}

/** Says so on the job when the service did not confirm the encryption that was asked for. */
function noteEncryption(task: UploadTask, ctx: TaskContext, reported: string | undefined): void {
  const notice = encryptionNotice(task.options.encryption, reported);
  if (notice !== null) ctx.notice(notice);
}

/** Aborts the multipart upload (retried; already gone counts as done). Runs even after a stop. */
export async function abortUpload(task: UploadTask, ctx: TaskContext, uploadId: string): Promise<void> {
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
