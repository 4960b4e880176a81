/**
 * Downloads one S3 object: GETs in parallel (If-Match the ETag from the listing or a HEAD) over
 * the lean wire path, or the SDK where that cannot serve, written positionally into a temp file
 * beside the target; chunks are checkpointed once durable (batched datasyncs), the contiguous
 * finished prefix is hashed (MD5, read back, so a resumed download is verified too), then
 * datasync and rename onto the target.
 */
import { createHash } from 'node:crypto';
import { type FileHandle, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { DownloadCheckpoint, DownloadTask, TaskResult } from '../../shared/transfer-protocol';
import { CoreError } from '../core/errors';
import { durableChunks } from './durable-chunks';
import { runLanes } from './lanes';
import { isPlainMd5Etag, normalizeEtag } from './md5';
import { restartingFromScratch } from './restarts';
import type { Attempt } from './retry';
import type { TaskContext } from './task-context';
import { GaveUpError, ObjectChangedError, TransientError } from './task-errors';
import { isOurTemp, tempPathFor, writeThenRename } from './temp-file';
import { SdkNeededError, wireGet } from './wire/range-get';
import { leaveToSdk, signRequest } from './wire/signed-request';
import { writeRange } from './write-range';

const MIN_CHUNK = 1024 * 1024;
const HASH_BLOCK = 1024 * 1024;

interface ObjectInfo {
  size: number;
  etag: string;
}

export function runDownload(task: DownloadTask, ctx: TaskContext): Promise<TaskResult> {
  // The listing's size and ETag spare a HEAD, but only once: a restart (the object changed) asks again.
  let listed: ObjectInfo | null =
    task.expected.size !== null && task.expected.etag ? { size: task.expected.size, etag: task.expected.etag } : null;
  const attempt = (resume: DownloadCheckpoint | null): Promise<TaskResult> => {
    const known = resume ? null : listed;
    listed = null;
    return downloadOnce(task, ctx, resume, known);
  };
  return restartingFromScratch(ctx, task.resume, attempt, {
    changed: (error) => error instanceof ObjectChangedError,
    notice: 'The object changed on the server while it was downloading; starting again from the beginning.',
    giveUp: () =>
      new CoreError('ServerError', 'The object keeps changing on the server while it downloads: try again later.'),
  });
}

async function downloadOnce(
  task: DownloadTask,
  ctx: TaskContext,
  resume: DownloadCheckpoint | null,
  known: ObjectInfo | null,
): Promise<TaskResult> {
  const { size, etag } = known ?? (await headObject(task, ctx));

  if (resume && !(isOurTemp(resume.tempPath, task.target) && resume.chunkSize > 0)) resume = null;
  if (resume && (resume.etag !== etag || resume.size !== size)) {
    await rm(resume.tempPath, { force: true });
    ctx.notice('The object changed since the download started; starting again from the beginning.');
    resume = null;
  }
  if (resume && !(await holdsDoneChunks(resume))) {
    await rm(resume.tempPath, { force: true });
    ctx.notice('The partly downloaded file was gone or incomplete; starting again from the beginning.');
    resume = null;
  }

  const temp = resume?.tempPath ?? tempPathFor(task.target);
  const chunkSize = resume?.chunkSize ?? Math.max(MIN_CHUNK, Math.floor(task.chunkSize));
  // An empty object is still one (plain) GET: it proves the object is there and unchanged.
  const count = Math.max(1, Math.ceil(size / chunkSize));
  const done = new Set((resume?.doneChunks ?? []).filter((i) => Number.isInteger(i) && i >= 0 && i < count));
  // Kept after a pause for a later resume, or when the network gave up (the bytes so far are good).
  const keep = (error: unknown): boolean =>
    ctx.stopReason() === 'pause' || (ctx.stopReason() === null && error instanceof GaveUpError);
  await writeThenRename(
    temp,
    task.target,
    resume ? 'r+' : 'wx+',
    async (fh) => {
      const checkpoint = (): void =>
        ctx.checkpoint({
          kind: 'download',
          tempPath: temp,
          etag,
          size,
          chunkSize,
          doneChunks: [...done].sort((a, b) => a - b),
        });
      // Recorded before any byte arrives, so the temp file is never unknown to the queue.
      checkpoint();
      const hasher = isPlainMd5Etag(etag) ? prefixHasher(fh, chunkSize, size) : null;
      hasher?.advance(done);
      const durable = durableChunks(fh, done, checkpoint);
      // `layout.done` also holds chunks written but not yet durable: hashing needs only the bytes.
      const layout = { size, etag, chunkSize, count, done: new Set(done) };
      try {
        await fetchChunks(task, ctx, fh, layout, (index) => {
          durable.add(index, chunkLength(layout, index));
          hasher?.advance(layout.done);
        });
      } catch (error) {
        // What is kept for a resume is recorded as far as it is on disk; otherwise no datasync is left running.
        if (keep(error)) await durable.drain().catch(() => {});
        else await durable.settle();
        throw error;
      }
      await durable.finish();
      if (ctx.stop.aborted) throw ctx.stop.reason as Error;
      if (hasher && (await hasher.finish(done)) !== normalizeEtag(etag)) {
        throw new CoreError('ServerError', 'The downloaded bytes do not match the object (MD5 differs from the ETag).');
      }
      const written = (await fh.stat()).size;
      if (written !== size) {
        throw new CoreError('ServerError', `The download has ${written} bytes instead of ${size}.`);
      }
    },
    keep,
  );
  ctx.progress.report(size, size);
  return { size, etag: etag || null };
}

async function headObject(task: DownloadTask, ctx: TaskContext): Promise<ObjectInfo> {
  const head = await ctx.retry((attempt) =>
    ctx.client.send(new HeadObjectCommand({ Bucket: task.bucket, Key: task.key }), { abortSignal: attempt.signal }),
  );
  if (head.ContentLength === undefined) {
    throw new CoreError('ServerError', 'The service did not say how large the object is.');
  }
  return { size: head.ContentLength, etag: head.ETag ?? '' };
}

/** The temp file still exists and reaches at least the end of the last finished chunk. */
async function holdsDoneChunks(resume: DownloadCheckpoint): Promise<boolean> {
  const st = await stat(resume.tempPath).catch(() => null);
  if (!st?.isFile()) return false;
  const last = Math.max(-1, ...resume.doneChunks);
  return st.size >= Math.min(resume.size, (last + 1) * resume.chunkSize);
}

interface Layout {
  size: number;
  etag: string;
  chunkSize: number;
  count: number;
  done: Set<number>;
}

async function fetchChunks(
  task: DownloadTask,
  ctx: TaskContext,
  fh: FileHandle,
  layout: Layout,
  onChunk: (index: number) => void,
): Promise<void> {
  const { size, etag, chunkSize, count, done } = layout;
  const todo: number[] = [];
  for (let i = 0; i < count; i++) if (!done.has(i)) todo.push(i);
  let doneBytes = 0;
  for (const i of done) doneBytes += chunkLength(layout, i);
  const lanes = Math.max(1, Math.min(task.tuning.partsInParallel, todo.length));
  const inFlight = new Array<number>(lanes).fill(0);
  const report = (): void => ctx.progress.report(doneBytes + inFlight.reduce((a, b) => a + b, 0), size);
  report();
  if (todo.length === 0) return;
  await runLanes(todo, lanes, ctx.stop, async (index, lane, signal) => {
    const part = { start: index * chunkSize, length: chunkLength(layout, index), ranged: count > 1, etag };
    await ctx.retry(
      (attempt) => {
        inFlight[lane] = 0;
        return getPart(task, ctx, fh, part, attempt, (n) => {
          inFlight[lane]! += n;
          report();
        });
      },
      { stop: signal },
    );
    inFlight[lane] = 0;
    doneBytes += part.length;
    done.add(index);
    onChunk(index);
    report();
  });
}

const chunkLength = ({ size, chunkSize }: Layout, index: number): number =>
  Math.min(chunkSize, size - index * chunkSize);

interface Part {
  start: number;
  length: number;
  /** With a Range header; a single-chunk object is one plain GET (an empty one cannot be ranged). */
  ranged: boolean;
  etag: string;
}

/** One GET into the file: the wire path when the request can be signed for it, else (or on a redirect) the SDK. */
async function getPart(
  task: DownloadTask,
  ctx: TaskContext,
  fh: FileHandle,
  part: Part,
  attempt: Attempt,
  onWritten: (bytes: number) => void,
): Promise<void> {
  const range = part.ranged ? `bytes=${part.start}-${part.start + part.length - 1}` : undefined;
  const signed = await signRequest(task.credentials, {
    method: 'GET',
    bucket: task.bucket,
    key: task.key,
    headers: { ...(range !== undefined && { range }), ...(part.etag !== '' && { 'if-match': part.etag }) },
  });
  if (signed) {
    try {
      return await wireGet({ signed, fh, ...part, attempt, limiter: ctx.limiters.down, onWritten });
    } catch (error) {
      if (!(error instanceof SdkNeededError)) throw error;
      // A redirect (a bucket in another region): the SDK follows it, for this bucket's later requests too.
      leaveToSdk(task.credentials, task.bucket);
    }
  }
  const out = await ctx.client
    .send(
      new GetObjectCommand({
        Bucket: task.bucket,
        Key: task.key,
        Range: range,
        ...(part.etag !== '' && { IfMatch: part.etag }),
      }),
      { abortSignal: attempt.signal },
    )
    .catch((error: unknown) => {
      throw isPreconditionFailed(error) ? new ObjectChangedError() : error;
    });
  attempt.touch();
  const body = out.Body as Readable | undefined;
  if (!body) throw new TransientError('ServerError', 'The service returned no bytes for a range.');
  if (out.ContentLength !== part.length) {
    body.destroy();
    throw new CoreError('NotSupported', 'The service did not return the requested byte range.');
  }
  await writeRange(body, fh, part.start, part.length, attempt, ctx.limiters.down, onWritten);
}

function isPreconditionFailed(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return e.name === 'PreconditionFailed' || e.$metadata?.httpStatusCode === 412;
}

/**
 * MD5 over the file's contiguous finished prefix: each time the next chunk in order is done,
 * it is read back and hashed (from the page cache). Serialised on one promise chain.
 */
function prefixHasher(fh: FileHandle, chunkSize: number, size: number) {
  const hash = createHash('md5');
  const block = Buffer.allocUnsafeSlow(Math.min(HASH_BLOCK, Math.max(1, size)));
  let next = 0;
  let chain: Promise<void> = Promise.resolve();
  const hashChunk = async (index: number): Promise<void> => {
    const start = index * chunkSize;
    const end = Math.min(size, start + chunkSize);
    for (let at = start; at < end;) {
      const { bytesRead } = await fh.read(block, 0, Math.min(block.length, end - at), at);
      if (bytesRead === 0) throw new CoreError('LocalIOError', 'The partly downloaded file got shorter.');
      hash.update(block.subarray(0, bytesRead));
      at += bytesRead;
    }
  };
  const advance = (done: ReadonlySet<number>): void => {
    chain = chain.then(async () => {
      while (done.has(next)) await hashChunk(next++);
    });
    chain.catch(() => {}); // surfaced by finish()
  };
  return {
    advance,
    async finish(done: ReadonlySet<number>): Promise<string> {
      advance(done);
      await chain;
      return hash.digest('hex');
    },
  };
}
