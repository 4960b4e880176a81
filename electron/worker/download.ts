/**
 * Downloads one object: ranged GETs in parallel (If-Match the ETag seen by HEAD) written
 * positionally into a temp file beside the target, a checkpoint once a chunk is on disk (datasync), MD5 of the
 * contiguous finished prefix (read back, so a resumed download is verified too), then datasync
 * and rename onto the target.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { DownloadCheckpoint, DownloadTask, TaskResult } from '../../shared/transfer-protocol';
import { CoreError } from '../core/errors';
import { runLanes } from './lanes';
import { isPlainMd5Etag, normalizeEtag } from './md5';
import type { RateLimiter } from './rate-limiter';
import type { Attempt } from './retry';
import type { TaskContext } from './task-context';
import { GaveUpError, ObjectChangedError, TransientError } from './task-errors';

/** Restarts after the object changed mid-download before the job fails. */
const MAX_OBJECT_RESTARTS = 2;
const MIN_CHUNK = 1024 * 1024;
/** Received bytes are gathered into writes of about this size (one write in flight per range). */
const WRITE_BATCH_BYTES = 1024 * 1024;
const WRITE_BATCH_BUFFERS = 256;
const HASH_BLOCK = 1024 * 1024;
const TEMP_MARK = '.qsdownload-';

export async function runDownload(task: DownloadTask, ctx: TaskContext): Promise<TaskResult> {
  let resume = task.resume;
  for (let restarts = 0; ; restarts++) {
    try {
      return await downloadOnce(task, ctx, resume);
    } catch (error) {
      if (!(error instanceof ObjectChangedError) || ctx.stop.aborted) throw error;
      if (restarts >= MAX_OBJECT_RESTARTS) {
        throw new CoreError(
          'ServerError',
          'The object keeps changing on the server while it downloads: try again later.',
        );
      }
      ctx.notice('The object changed on the server while it was downloading; starting again from the beginning.');
      resume = null;
    }
  }
}

/** `.<name>.qsdownload-<random>` beside the target (the name shortened so the whole stays short). */
export function tempPathFor(target: string): string {
  let name = path.basename(target);
  while (Buffer.byteLength(name) > 180) name = name.slice(0, -1);
  return path.join(path.dirname(target), `.${name}${TEMP_MARK}${randomBytes(6).toString('hex')}`);
}

/** Only a temp file of ours beside this target is ever reused or removed. */
export const isOurTemp = (temp: string, target: string): boolean =>
  path.dirname(temp) === path.dirname(target) &&
  path.basename(temp).startsWith('.') &&
  path.basename(temp).includes(TEMP_MARK);

async function downloadOnce(
  task: DownloadTask,
  ctx: TaskContext,
  resume: DownloadCheckpoint | null,
): Promise<TaskResult> {
  const head = await ctx.retry((attempt) =>
    ctx.client.send(new HeadObjectCommand({ Bucket: task.bucket, Key: task.key }), { abortSignal: attempt.signal }),
  );
  const size = head.ContentLength;
  if (size === undefined) throw new CoreError('ServerError', 'The service did not say how large the object is.');
  const etag = head.ETag ?? '';

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
  const count = Math.ceil(size / chunkSize);
  const done = new Set((resume?.doneChunks ?? []).filter((i) => Number.isInteger(i) && i >= 0 && i < count));
  const fh = await open(temp, resume ? 'r+' : 'wx+');
  let closed = false;
  try {
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
    const durable = durableChunks(fh, done, () => {
      checkpoint();
      hasher?.advance(done);
    });
    try {
      await fetchChunks(task, ctx, fh, { size, etag, chunkSize, count, done: new Set(done) }, durable.add);
    } finally {
      // Never leaves a datasync running on a handle that is about to close.
      await durable.settle();
    }
    await durable.drain();
    if (ctx.stop.aborted) throw ctx.stop.reason as Error;
    if (hasher && (await hasher.finish(done)) !== normalizeEtag(etag)) {
      throw new CoreError('ServerError', 'The downloaded bytes do not match the object (MD5 differs from the ETag).');
    }
    const written = (await fh.stat()).size;
    if (written !== size) {
      throw new CoreError('ServerError', `The download has ${written} bytes instead of ${size}.`);
    }
    await fh.datasync();
    await fh.close();
    closed = true;
    await rename(temp, task.target);
    ctx.progress.report(size, size);
    return { size, etag: etag || null };
  } catch (error) {
    if (!closed) await fh.close().catch(() => {});
    // Kept for a later resume after a pause, or when the network gave up (the bytes so far are good).
    const keep = ctx.stopReason() === 'pause' || (ctx.stopReason() === null && error instanceof GaveUpError);
    if (!keep) await rm(temp, { force: true });
    throw error;
  }
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
  for (const i of done) doneBytes += Math.min(chunkSize, size - i * chunkSize);
  const lanes = Math.max(1, Math.min(task.tuning.partsInParallel, todo.length));
  const inFlight = new Array<number>(lanes).fill(0);
  const report = (): void => ctx.progress.report(doneBytes + inFlight.reduce((a, b) => a + b, 0), size);
  report();
  if (todo.length === 0) return;
  await runLanes(todo, lanes, ctx.stop, async (index, lane, signal) => {
    const start = index * chunkSize;
    const length = Math.min(chunkSize, size - start);
    await ctx.retry(
      async (attempt) => {
        inFlight[lane] = 0;
        const out = await ctx.client
          .send(
            new GetObjectCommand({
              Bucket: task.bucket,
              Key: task.key,
              Range: `bytes=${start}-${start + length - 1}`,
              ...(etag !== '' && { IfMatch: etag }),
            }),
            { abortSignal: attempt.signal },
          )
          .catch((error: unknown) => {
            throw isPreconditionFailed(error) ? new ObjectChangedError() : error;
          });
        attempt.touch();
        const body = out.Body as Readable | undefined;
        if (!body) throw new TransientError('ServerError', 'The service returned no bytes for a range.');
        if (out.ContentLength !== length) {
          body.destroy();
          throw new CoreError('NotSupported', 'The service did not return the requested byte range.');
        }
        await writeRange(body, fh, start, length, attempt, ctx.limiters.down, (n) => {
          inFlight[lane]! += n;
          report();
        });
      },
      { stop: signal },
    );
    inFlight[lane] = 0;
    doneBytes += length;
    done.add(index);
    onChunk(index);
    report();
  });
}

/**
 * Makes written chunks durable before they are recorded: a datasync of the temp file, then the
 * chunks join `done` and `onDurable` checkpoints them. One datasync covers every chunk written
 * before it, and runs while the next ranges arrive (the final one before rename has little left).
 */
function durableChunks(fh: FileHandle, done: Set<number>, onDurable: () => void) {
  let waiting: number[] = [];
  let running: Promise<void> | null = null;
  let failure: { error: unknown } | null = null;
  const run = async (): Promise<void> => {
    while (waiting.length > 0 && !failure) {
      const batch = waiting;
      waiting = [];
      try {
        await fh.datasync();
      } catch (error) {
        failure = { error };
        return;
      }
      for (const i of batch) done.add(i);
      onDurable();
    }
  };
  const kick = (): void => {
    running ??= run().finally(() => {
      running = null;
      if (waiting.length > 0 && !failure) kick();
    });
  };
  return {
    add: (index: number): void => {
      waiting.push(index);
      kick();
    },
    /** Waits for the datasync in progress (errors are kept for drain). */
    settle: async (): Promise<void> => {
      while (running) await running;
    },
    /** Everything written is durable and recorded; throws a datasync failure. */
    drain: async (): Promise<void> => {
      while (running || (waiting.length > 0 && !failure)) {
        kick();
        await running;
      }
      if (failure) throw failure.error;
    },
  };
}

function isPreconditionFailed(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return e.name === 'PreconditionFailed' || e.$metadata?.httpStatusCode === 412;
}

/**
 * Streams a range body to the file at its position: received buffers are gathered and written
 * with one positional writev while the next batch arrives, so at most ~2 batches are held.
 */
export async function writeRange(
  body: Readable,
  fh: FileHandle,
  start: number,
  length: number,
  attempt: Attempt,
  limiter: RateLimiter,
  onWritten: (bytes: number) => void,
): Promise<void> {
  const end = start + length;
  let position = start;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    await writing;
    if (batchBytes === 0) return;
    const buffers = batch;
    const at = position;
    const n = batchBytes;
    batch = [];
    batchBytes = 0;
    position += n;
    writing = writeAll(fh, buffers, at, n).then(() => {
      attempt.touch();
      onWritten(n);
    });
    writing.catch(() => {}); // awaited by the next flush; never unhandled meanwhile
  };
  const onAbort = (): void => {
    body.destroy(attempt.signal.reason as Error);
  };
  attempt.signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      attempt.touch();
      if (position + batchBytes + chunk.length > end) {
        throw new TransientError('ServerError', 'The service sent more bytes than the range holds.');
      }
      if (limiter.limited()) await limiter.consume(chunk.length, attempt.signal, attempt.touch);
      batch.push(chunk);
      batchBytes += chunk.length;
      if (batchBytes >= WRITE_BATCH_BYTES || batch.length >= WRITE_BATCH_BUFFERS) await flush();
    }
    await flush();
    await writing;
  } finally {
    attempt.signal.removeEventListener('abort', onAbort);
    body.destroy();
  }
  if (position !== end) {
    throw new TransientError(
      'NetworkError',
      `The download ended early: ${position - start} of ${length} bytes of a range arrived.`,
    );
  }
}

async function writeAll(fh: FileHandle, buffers: Buffer[], position: number, total: number): Promise<void> {
  const { bytesWritten } = await fh.writev(buffers, position);
  if (bytesWritten === total) return;
  // Rare short write: finish the rest one call at a time.
  const rest = Buffer.concat(buffers).subarray(bytesWritten);
  for (let off = 0; off < rest.length;) {
    const r = await fh.write(rest, off, rest.length - off, position + bytesWritten + off);
    off += r.bytesWritten;
  }
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
