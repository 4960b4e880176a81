/** Writing received bytes into the download's temp file at their position, in pooled batches. */
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { RateLimiter } from './rate-limiter';
import type { Attempt } from './retry';
import { TransientError } from './task-errors';

/**
 * Write size. 1 MiB writes cost 3× the system CPU of 256 KiB ones here (measured, 1 GiB download:
 * sys 2.1 s against 0.7 s), likely as the page cache then allocates 1 MiB folios, slow to come by.
 */
const BATCH_BYTES = 256 * 1024;
/** Free batches kept per worker (several lanes' worth); more would only hold memory. */
const MAX_FREE_BATCHES = 16;
// Reused rather than allocated per flush: each new buffer this large is an mmap (measured: +1.2 s sys per GiB).
const freeBatches: Buffer[] = [];
const takeBatch = (): Buffer => freeBatches.pop() ?? Buffer.allocUnsafeSlow(BATCH_BYTES);
const giveBatch = (batch: Buffer): void => {
  if (freeBatches.length < MAX_FREE_BATCHES) freeBatches.push(batch);
};

/**
 * One range's bytes, copied into a batch that is written positionally once full while the next
 * fills: at most two batches per range. A batch returns to the pool only after its write ended,
 * so no two ranges ever share one.
 */
export class RangeWriter {
  private batch: Buffer | null = null;
  private fill = 0;
  /** File position of the current batch's first byte. */
  private position: number;
  private writing: Promise<void> | null = null;
  private failure: { error: unknown } | null = null;
  private readonly end: number;

  constructor(
    private readonly fh: FileHandle,
    private readonly start: number,
    private readonly length: number,
    private readonly onWritten: (bytes: number) => void,
  ) {
    this.position = start;
    this.end = start + length;
  }

  /** Bytes taken so far (written or batched). */
  get received(): number {
    return this.position + this.fill - this.start;
  }

  /** Takes as much of `bytes` as fits; the rest must wait for ready(). Throws on more bytes than the range holds. */
  push(bytes: Uint8Array): number {
    if (this.failure) throw this.failure.error;
    if (this.received + bytes.length > this.length) {
      throw new TransientError('ServerError', 'The service sent more bytes than the range holds.');
    }
    let taken = 0;
    while (taken < bytes.length) {
      if (this.fill === BATCH_BYTES) {
        if (this.writing) break;
        this.submit();
      }
      this.batch ??= takeBatch();
      const n = Math.min(bytes.length - taken, BATCH_BYTES - this.fill);
      this.batch.set(bytes.subarray(taken, taken + n), this.fill);
      this.fill += n;
      taken += n;
    }
    if (this.fill === BATCH_BYTES && !this.writing) this.submit();
    return taken;
  }

  /** The write in flight has ended (more can be pushed). */
  async ready(): Promise<void> {
    await this.writing;
    if (this.failure) throw this.failure.error;
  }

  /** Writes what is batched; throws when the range is not complete. */
  async finish(): Promise<void> {
    await this.ready();
    if (this.fill > 0) this.submit();
    await this.ready();
    if (this.position !== this.end) {
      throw new TransientError(
        'NetworkError',
        `The download ended early: ${this.position - this.start} of ${this.length} bytes of a range arrived.`,
      );
    }
  }

  /** Waits for the write in flight and returns the batches (always, also after a failure). */
  async close(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.batch) giveBatch(this.batch);
    this.batch = null;
    this.fill = 0;
  }

  private submit(): void {
    const batch = this.batch!;
    const n = this.fill;
    const at = this.position;
    this.batch = null;
    this.fill = 0;
    this.position += n;
    // Callbacks of then/finally run later, so `writing` is set before they clear it.
    this.writing = writeFully(this.fh, batch, n, at)
      .then(
        () => this.onWritten(n),
        (error: unknown) => {
          this.failure ??= { error };
        },
      )
      .finally(() => {
        giveBatch(batch);
        this.writing = null;
      });
  }
}

async function writeFully(fh: FileHandle, batch: Buffer, n: number, at: number): Promise<void> {
  for (let off = 0; off < n;) off += (await fh.write(batch, off, n - off, at + off)).bytesWritten;
}

/** Streams a body (the SDK's or QuickSync's) into the file at `start` through a RangeWriter. */
export async function writeRange(
  body: Readable,
  fh: FileHandle,
  start: number,
  length: number,
  attempt: Attempt,
  limiter: RateLimiter,
  onWritten: (bytes: number) => void,
): Promise<void> {
  const writer = new RangeWriter(fh, start, length, (n) => {
    attempt.touch();
    onWritten(n);
  });
  const onAbort = (): void => {
    body.destroy(attempt.signal.reason as Error);
  };
  attempt.signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      attempt.touch();
      if (limiter.limited()) await limiter.consume(chunk.length, attempt.signal, attempt.touch);
      for (let off = writer.push(chunk); off < chunk.length; off += writer.push(chunk.subarray(off))) {
        await writer.ready();
      }
    }
    await writer.finish();
  } finally {
    attempt.signal.removeEventListener('abort', onAbort);
    body.destroy();
    await writer.close();
  }
}
