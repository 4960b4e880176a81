/**
 * Request bodies fed in slices of at most 256 KiB: each slice takes rate-limit tokens and
 * tells the attempt that bytes are moving (stall watchdog, progress). Slices are views of the
 * part's buffer: nothing is copied.
 */
import { Readable } from 'node:stream';
import type { Attempt } from './retry';
import type { RateLimiter } from './rate-limiter';

export const SLICE_BYTES = 256 * 1024;

export interface SliceHooks {
  limiter: RateLimiter;
  attempt: Attempt;
  /** Bytes handed to the connection (called after they were taken from the bucket). */
  onBytes(bytes: number): void;
  /** Runs before each slice (e.g. a periodic check that the source file did not change). */
  beforeSlice?(): Promise<void>;
}

/** `read(offset, length)` returns the bytes at offset (length at most SLICE_BYTES). */
export type SliceSource = (offset: number, length: number) => Buffer | Promise<Buffer>;

/**
 * A Readable of `size` bytes for the SDK. Any failure while producing a slice aborts the
 * attempt with that error (a piped source's error would otherwise leave the request hanging).
 */
export function sliceBody(size: number, read: SliceSource, hooks: SliceHooks): Readable {
  const { attempt, limiter } = hooks;
  async function* slices(): AsyncGenerator<Buffer> {
    try {
      for (let offset = 0; offset < size;) {
        await hooks.beforeSlice?.();
        const want = Math.min(SLICE_BYTES, size - offset);
        // Waiting for tokens is our choice, not a stall.
        const length = limiter.limited() ? await limiter.acquire(want, attempt.signal, attempt.touch) : want;
        const slice = await read(offset, length);
        if (slice.length !== length) throw new Error(`short read at ${offset}`);
        offset += length;
        attempt.touch();
        hooks.onBytes(length);
        yield slice;
      }
    } catch (error) {
      if (!attempt.signal.aborted) attempt.abort(error instanceof Error ? error : new Error(String(error)));
    }
  }
  // A small high-water mark keeps "pulled by the connection" close to "sent".
  return Readable.from(slices(), { objectMode: false, highWaterMark: 64 * 1024 });
}

/** A body over a buffer in memory. */
export const bufferBody = (buffer: Buffer, hooks: SliceHooks): Readable =>
  sliceBody(buffer.length, (offset, length) => buffer.subarray(offset, offset + length), hooks);
