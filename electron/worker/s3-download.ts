/**
 * Downloads one S3 object: ranged GETs in parallel (If-Match the ETag seen by HEAD) written
 * positionally into a temp file beside the target, a checkpoint once a chunk is on disk
 * (datasync), MD5 of the contiguous finished prefix (read back, so a resumed download is verified
 * too), then datasync and rename onto the target.
 */
import { createHash } from 'node:crypto';
import { type FileHandle, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { DownloadCheckpoint, DownloadTask, TaskResult } from '../../shared/transfer-protocol';
import { CoreError } from '../core/errors';
import { runLanes } from './lanes';
import { isPlainMd5Etag, normalizeEtag } from './md5';
import { restartingFromScratch } from './restarts';
import type { TaskContext } from './task-context';
import { GaveUpError, ObjectChangedError, TransientError } from './task-errors';
import { isOurTemp, tempPathFor, writeThenRename } from './temp-file';
import { writeRange } from './write-range';

const MIN_CHUNK = 1024 * 1024;
const HASH_BLOCK = 1024 * 1024;

export const runDownload = (task: DownloadTask, ctx: TaskContext): Promise<TaskResult> =>
  restartingFromScratch(ctx, task.resume, (resume) => downloadOnce(task, ctx, resume), {
    changed: (error) => error instanceof ObjectChangedError,
    notice: 'The object changed on the server while it was downloading; starting again from the beginning.',
    giveUp: () =>
      new CoreError('ServerError', 'The object keeps changing on the server while it downloads: try again later.'),
  });

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
    },
    keep,
  );
  ctx.progress.report(size, size);
  return { size, etag: etag || null };
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
