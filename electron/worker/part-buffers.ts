/**
 * Part buffers, reused across parts and jobs of this worker: a fresh 8–16 MiB buffer per lane and
 * job costs an mmap and page faults each time, and a finished job's buffers linger until GC while
 * the next job allocates its own (+35–65 MiB measured on a second upload). A buffer is owned by
 * one lane from take to give back, so no two in-flight parts ever share one. The spare ones are
 * capped and dropped once the worker has been idle a while.
 */

/** Spare bytes kept at most: 4 lanes of 16 MiB parts. */
const SPARE_BYTES = 64 * 1024 * 1024;
/** Spares are dropped this long after the last give back. */
const IDLE_MS = 10_000;

const spare: Buffer[] = [];
let idleTimer: ReturnType<typeof setTimeout> | null = null;

const spareBytes = (): number => spare.reduce((sum, b) => sum + b.length, 0);

/** A buffer of at least `size` bytes, for the caller alone until it gives it back. */
export function takePartBuffer(size: number): Buffer {
  let best = -1;
  for (let i = 0; i < spare.length; i++) {
    const length = spare[i]!.length;
    if (length >= size && (best < 0 || length < spare[best]!.length)) best = i;
  }
  if (best >= 0) return spare.splice(best, 1)[0]!;
  return Buffer.allocUnsafeSlow(size);
}

/**
 * Gives buffers back once nothing reads them any more (every request that sent from them has
 * ended). Beyond the cap the largest are kept: they fit any part.
 */
export function givePartBuffers(buffers: readonly Buffer[]): void {
  spare.push(...buffers);
  spare.sort((a, b) => b.length - a.length);
  while (spare.length > 0 && spareBytes() > SPARE_BYTES) spare.pop();
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = spare.length > 0 ? setTimeout(dropSpares, IDLE_MS) : null;
  // A spare buffer must not keep the worker (and the process) alive.
  idleTimer?.unref();
}

/** Spare buffers held now (for tests). */
export const spareBuffers = (): number => spare.length;

function dropSpares(): void {
  idleTimer = null;
  spare.length = 0;
}
