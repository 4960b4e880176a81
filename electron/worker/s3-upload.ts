/**
 * Uploads one file to S3: a single PUT below the threshold, else a multipart upload
 * (s3-multipart.ts, run by multipart-upload.ts) that never sends a finished part again. Every
 * body carries Content-MD5; ETags are compared with what was sent. PUTs go the lean way
 * (wire/put-object.ts) unless the account or the answer needs the SDK.
 */
import type { Readable } from 'node:stream';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { TaskResult, UploadTask } from '../../shared/transfer-protocol';
import { SLICE_BYTES, sliceBody } from './body-slices';
import { hexToBase64, isPlainMd5Etag, md5Hex, normalizeEtag } from './md5';
import { runResumableUpload } from './multipart-upload';
import { usesMultipart } from './part-plan';
import { headObject, s3Multipart } from './s3-multipart';
import { checkSource, md5OfRange, periodicCheck, readFully, type Source } from './source-file';
import type { TaskContext } from './task-context';
import { TransientError } from './task-errors';
import { noteEncryption, uploadFields } from './upload-options';
import { leanPut, uploadHeaders, withBody } from './wire/put-object';

export function runUpload(task: UploadTask, ctx: TaskContext): Promise<TaskResult> {
  return runResumableUpload(ctx, task.source, task.resume, {
    ...s3Multipart(task, ctx),
    single: (src) => (usesMultipart(src.size, task.multipartThreshold) ? null : putSingle(task, ctx, src)),
  });
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
  // A single part's ETag is the file's MD5 already.
  const fields = uploadFields(task.options, { mtimeNs: src.mtimeNs, md5: null });
  // The SDK types an untyped body as application/octet-stream; the lean PUT says the same.
  const contentType = task.contentType ?? 'application/octet-stream';
  const wire = {
    bucket: task.bucket,
    key: task.key,
    headers: { 'content-md5': hexToBase64(md5), 'content-type': contentType, ...uploadHeaders(fields) },
  };
  const answer = await ctx.retry(async (attempt) => {
    // A body of one slice with no rate limit goes as a plain buffer: the HTTP layer writes it
    // with the headers in one go, without a stream per request (small files are CPU-bound).
    const direct = whole !== null && whole.length <= SLICE_BYTES && !ctx.limiters.up.limited();
    if (direct) attempt.touch();
    const makeBody = (): Buffer | Readable => {
      if (src.size === 0 || direct) return whole ?? Buffer.alloc(0);
      let sent = 0;
      return sliceBody(src.size, read, {
        limiter: ctx.limiters.up,
        attempt,
        beforeSlice: check,
        onBytes: (n) => ctx.progress.report((sent += n), src.size),
      });
    };
    const out =
      (await withBody(makeBody, (body) => leanPut(task.credentials, wire, body, src.size, attempt))) ??
      (await withBody(makeBody, async (body) => {
        const sdk = await ctx.client.send(
          new PutObjectCommand({
            Bucket: task.bucket,
            Key: task.key,
            Body: body,
            ContentLength: src.size,
            ContentMD5: hexToBase64(md5),
            ContentType: contentType,
            ...fields,
          }),
          { abortSignal: attempt.signal },
        );
        return { etag: sdk.ETag, sse: sdk.ServerSideEncryption };
      }));
    if (isPlainMd5Etag(out.etag) && normalizeEtag(out.etag) !== md5) {
      throw new TransientError('ServerError', 'The service stored different bytes than were sent (ETag mismatch).');
    }
    if (direct) ctx.progress.report(src.size, src.size);
    return { etag: out.etag ?? null, sse: out.sse };
  });
  // The object is there; if the file changed meanwhile it may hold a mix: send it again.
  await checkSource(src);
  // An answer without the encryption header is not the last word: HEAD may still report it.
  let sse: string | undefined = answer.sse;
  if (!sse && task.options.encryption !== null) sse = await headEncryption(task, ctx);
  noteEncryption(ctx, task.options.encryption, sse);
  ctx.progress.report(src.size, src.size);
  return { size: src.size, etag: answer.etag };
}

/** The object's encryption as HEAD reports it; undefined when HEAD fails (the upload itself stands). */
async function headEncryption(task: UploadTask, ctx: TaskContext): Promise<string | undefined> {
  try {
    return (await headObject(task, ctx)).ServerSideEncryption;
  } catch {
    return undefined;
  }
}
