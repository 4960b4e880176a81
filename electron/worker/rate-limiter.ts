/**
 * A token bucket in a SharedArrayBuffer, one per direction, shared by every worker thread and
 * changed live by the pool. Bodies take tokens in slices; at rate 0 (unlimited) a read of one
 * Int32 is the whole cost. The few fields are guarded by a tiny spin lock: the critical
 * section is a handful of arithmetic operations.
 */
import { sleep } from './retry';

// Int32 view: [lock, rate > 0]; Float64 view from byte 8: [rate, tokens, last refill (ms)].
const LOCK = 0;
const LIMITED = 1;
const RATE = 1;
const TOKENS = 2;
const LAST = 3;
export const RATE_LIMITER_BYTES = 32;

/** How much unused rate may pile up, in seconds of rate. */
const BURST_SECONDS = 0.25;
/** Longest sleep before looking again, so a raised limit is noticed quickly. */
const MAX_WAIT_MS = 100;

/** A clock every thread agrees on (performance.now() alone starts per thread). */
export const sharedClock = (): number => performance.timeOrigin + performance.now();

export function createLimiterBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(RATE_LIMITER_BYTES);
}

interface Views {
  i32: Int32Array;
  f64: Float64Array;
}

const views = (buffer: SharedArrayBuffer): Views => ({
  i32: new Int32Array(buffer, 0, 2),
  f64: new Float64Array(buffer),
});

function locked<T>({ i32 }: Views, fn: () => T): T {
  while (Atomics.compareExchange(i32, LOCK, 0, 1) !== 0) {
    // spin: the holder is a few instructions away from releasing
  }
  try {
    return fn();
  } finally {
    Atomics.store(i32, LOCK, 0);
  }
}

/** Smallest grant worth waking up for: about 1/20 s of rate, between 1 KiB and 64 KiB. */
const minGrant = (rate: number): number => Math.min(64 * 1024, Math.max(1024, Math.floor(rate / 20)));
const burstOf = (rate: number): number => Math.max(minGrant(rate), rate * BURST_SECONDS);

function refill(f64: Float64Array, now: number): void {
  const rate = f64[RATE]!;
  const elapsed = Math.max(0, now - f64[LAST]!);
  f64[TOKENS] = Math.min(burstOf(rate), f64[TOKENS]! + (elapsed * rate) / 1000);
  f64[LAST] = now;
}

/** Sets the rate in bytes per second (0 = unlimited); running bodies follow within ~100 ms. */
export function setRate(buffer: SharedArrayBuffer, bytesPerSecond: number, now: number = sharedClock()): void {
  const v = views(buffer);
  const rate = Number.isFinite(bytesPerSecond) && bytesPerSecond > 0 ? bytesPerSecond : 0;
  locked(v, () => {
    if (v.f64[RATE]! > 0) refill(v.f64, now);
    else v.f64[LAST] = now;
    v.f64[RATE] = rate;
    v.f64[TOKENS] = Math.min(v.f64[TOKENS]!, rate > 0 ? burstOf(rate) : 0);
    Atomics.store(v.i32, LIMITED, rate > 0 ? 1 : 0);
  });
}

export interface Grant {
  /** Bytes that may move now (0: wait `waitMs` and ask again). */
  granted: number;
  waitMs: number;
}

export interface RateLimiter {
  limited(): boolean;
  /** Takes up to `max` tokens at time `now` (what `acquire` does; exposed for tests). */
  take(max: number, now: number): Grant;
  /** Waits until some tokens are free and takes up to `max` of them; `onWait` runs before each wait. */
  acquire(max: number, signal: AbortSignal, onWait?: () => void): Promise<number>;
  /** Takes exactly `bytes` (already received), waiting as long as the rate says. */
  consume(bytes: number, signal: AbortSignal, onWait?: () => void): Promise<void>;
}

export function rateLimiter(buffer: SharedArrayBuffer, clock: () => number = sharedClock): RateLimiter {
  const v = views(buffer);
  const limited = (): boolean => Atomics.load(v.i32, LIMITED) === 1;
  const take = (max: number, now: number): Grant => {
    if (!limited()) return { granted: max, waitMs: 0 };
    return locked(v, () => {
      const rate = v.f64[RATE]!;
      if (rate <= 0) return { granted: max, waitMs: 0 };
      refill(v.f64, now);
      const want = Math.min(max, burstOf(rate));
      const least = Math.min(want, minGrant(rate));
      const tokens = v.f64[TOKENS]!;
      if (tokens >= least) {
        const granted = Math.min(want, Math.floor(tokens));
        v.f64[TOKENS] = tokens - granted;
        return { granted, waitMs: 0 };
      }
      return { granted: 0, waitMs: Math.ceil(((least - tokens) / rate) * 1000) };
    });
  };
  const acquire = async (max: number, signal: AbortSignal, onWait?: () => void): Promise<number> => {
    if (max <= 0) return 0;
    for (;;) {
      const grant = take(max, clock());
      if (grant.granted > 0) return grant.granted;
      onWait?.();
      await sleep(Math.min(Math.max(1, grant.waitMs), MAX_WAIT_MS), signal);
    }
  };
  return {
    limited,
    take,
    acquire,
    async consume(bytes, signal) {
      for (let left = bytes; left > 0 && limited();) left -= await acquire(left, signal);
    },
  };
}
