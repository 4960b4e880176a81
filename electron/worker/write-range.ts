/** Writing a received body into the download's temp file at its position. */
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { RateLimiter } from './rate-limiter';
import type { Attempt } from './retry';
import { TransientError } from './task-errors';

/** Received bytes are gathered into writes of about this size (one write in flight per range). */
const WRITE_BATCH_BYTES = 1024 * 1024;
const WRITE_BATCH_BUFFERS = 256;

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
