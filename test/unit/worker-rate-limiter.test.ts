import { describe, expect, it } from 'vitest';
import { createLimiterBuffer, rateLimiter, setRate } from '../../electron/worker/rate-limiter';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Asks for `ask` bytes every `stepMs` of fake time and sums what was granted. */
function drain(
  take: (max: number, now: number) => { granted: number },
  fromMs: number,
  toMs: number,
  stepMs = 5,
  ask = 256 * KiB,
): number {
  let total = 0;
  for (let t = fromMs; t <= toMs; t += stepMs) total += take(ask, t).granted;
  return total;
}

describe('rate limiter', () => {
  it('grants everything at once while unlimited', () => {
    const limiter = rateLimiter(createLimiterBuffer(), () => 0);
    expect(limiter.limited()).toBe(false);
    expect(limiter.take(256 * KiB, 0)).toEqual({ granted: 256 * KiB, waitMs: 0 });
  });

  it('says how long to wait when empty', () => {
    const buffer = createLimiterBuffer();
    setRate(buffer, 1 * MiB, 0);
    const limiter = rateLimiter(buffer);
    expect(limiter.limited()).toBe(true);
    const grant = limiter.take(256 * KiB, 0);
    expect(grant.granted).toBe(0);
    // The smallest grant is ~1/20 s of rate: about 50 ms at 1 MiB/s.
    expect(grant.waitMs).toBeGreaterThan(40);
    expect(grant.waitMs).toBeLessThanOrEqual(50);
    expect(limiter.take(256 * KiB, 50).granted).toBeGreaterThan(0);
  });

  it('hands out the rate over time, plus at most one burst', () => {
    const buffer = createLimiterBuffer();
    setRate(buffer, 2 * MiB, 0);
    const limiter = rateLimiter(buffer);
    const total = drain(limiter.take, 0, 10_000);
    expect(total).toBeGreaterThanOrEqual(20 * MiB - 64 * KiB);
    expect(total).toBeLessThanOrEqual(20 * MiB + 0.25 * 2 * MiB);
  });

  it('does not bank idle time beyond a quarter second of rate', () => {
    const buffer = createLimiterBuffer();
    setRate(buffer, 4 * MiB, 0);
    const limiter = rateLimiter(buffer);
    expect(limiter.take(100 * MiB, 60_000).granted).toBe(1 * MiB);
  });

  it('is one bucket for every thread that maps the buffer', () => {
    const buffer = createLimiterBuffer();
    setRate(buffer, 1 * MiB, 0);
    const a = rateLimiter(buffer);
    const b = rateLimiter(buffer);
    let total = 0;
    for (let t = 0; t <= 4000; t += 5) total += a.take(128 * KiB, t).granted + b.take(128 * KiB, t).granted;
    expect(total).toBeGreaterThanOrEqual(4 * MiB - 64 * KiB);
    expect(total).toBeLessThanOrEqual(4 * MiB + 256 * KiB);
  });

  it('follows a rate changed live, including back to unlimited', () => {
    const buffer = createLimiterBuffer();
    setRate(buffer, 1 * MiB, 0);
    const limiter = rateLimiter(buffer);
    const slow = drain(limiter.take, 0, 1000);
    setRate(buffer, 8 * MiB, 1000);
    const fast = drain(limiter.take, 1005, 2000);
    expect(fast).toBeGreaterThan(6 * slow);
    setRate(buffer, 0, 2000);
    expect(limiter.take(5 * MiB, 2000)).toEqual({ granted: 5 * MiB, waitMs: 0 });
  });

  it('acquire waits for tokens in real time and stops on abort', async () => {
    const buffer = createLimiterBuffer();
    setRate(buffer, 64 * MiB);
    const limiter = rateLimiter(buffer);
    const controller = new AbortController();
    let got = 0;
    while (got < 8 * MiB) got += await limiter.acquire(MiB, controller.signal);
    expect(got).toBeGreaterThanOrEqual(8 * MiB);
    setRate(buffer, 1);
    limiter.take(MiB, performance.timeOrigin + performance.now()); // what was left over
    const waiting = limiter.acquire(MiB, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
