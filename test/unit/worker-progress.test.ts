import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgressReporter } from '../../electron/worker/progress';
import { bufferBody } from '../../electron/worker/body-slices';
import { createLimiterBuffer, rateLimiter } from '../../electron/worker/rate-limiter';
import type { Attempt } from '../../electron/worker/retry';

describe('createProgressReporter', () => {
  afterEach(() => void vi.useRealTimers());

  it('sends the first value at once, then at most one per interval, then the final one on flush', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const reporter = createProgressReporter((done) => sent.push(done), 200);
    for (let i = 1; i <= 100; i++) {
      reporter.report(i, 100);
      vi.advanceTimersByTime(10); // 100 reports over one second
    }
    expect(sent[0]).toBe(1);
    expect(sent.length).toBeLessThanOrEqual(6);
    reporter.flush();
    expect(sent.at(-1)).toBe(100);
    const count = sent.length;
    reporter.flush();
    expect(sent.length).toBe(count);
  });

  it('sends nothing after stop', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const reporter = createProgressReporter((done) => sent.push(done), 200);
    reporter.report(1, 10);
    reporter.report(2, 10);
    reporter.stop();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([1]);
  });
});

function attempt(): Attempt & { aborted: Error[] } {
  const controller = new AbortController();
  const aborted: Error[] = [];
  return {
    signal: controller.signal,
    touch: () => {},
    abort: (reason) => {
      aborted.push(reason);
      controller.abort(reason);
    },
    number: 1,
    aborted,
  };
}

describe('bufferBody', () => {
  it('streams the buffer as views in slices of at most 256 KiB, counting every byte', async () => {
    const data = Buffer.alloc(1024 * 1024 + 7, 0xab);
    let counted = 0;
    const sizes: number[] = [];
    const body = bufferBody(data, {
      limiter: rateLimiter(createLimiterBuffer()),
      attempt: attempt(),
      onBytes: (n) => (counted += n),
    });
    const chunks: Buffer[] = [];
    for await (const chunk of body) {
      chunks.push(chunk as Buffer);
      sizes.push((chunk as Buffer).length);
    }
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    expect(counted).toBe(data.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(256 * 1024);
  });

  it('aborts the attempt with the error when a slice cannot be produced', async () => {
    const a = attempt();
    const changed = new Error('source changed');
    const body = bufferBody(Buffer.alloc(1024 * 1024), {
      limiter: rateLimiter(createLimiterBuffer()),
      attempt: a,
      onBytes: () => {},
      beforeSlice: async () => {
        throw changed;
      },
    });
    for await (const _ of body) {
      // nothing arrives
    }
    expect(a.aborted).toEqual([changed]);
  });
});
