import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperationProgress } from '../../shared/models';
import { forEachLimited } from '../../shared/concurrency';
import { createOperationRegistry } from '../../electron/core/operations';

describe('operation progress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('coalesces progress to at most one snapshot per 100 ms, then emits the final one', () => {
    const emitted: OperationProgress[] = [];
    const registry = createOperationRegistry(
      (p) => emitted.push(p),
      () => Date.now(),
    );
    const op = registry.start('op-1');
    for (let i = 1; i <= 1000; i++) op.progress({ done: i, total: null });
    expect(emitted).toEqual([{ operationId: 'op-1', done: 1, total: null, failed: 0 }]);
    vi.advanceTimersByTime(100);
    expect(emitted).toHaveLength(2);
    expect(emitted[1]).toEqual({ operationId: 'op-1', done: 1000, total: null, failed: 0 });
    // 1 s of steady updates: about ten snapshots, never more.
    for (let t = 0; t < 1000; t += 5) {
      op.progress({ done: 1000 + t });
      vi.advanceTimersByTime(5);
    }
    expect(emitted.length - 2).toBeLessThanOrEqual(10);
    op.progress({ done: 5000, total: 5000, failed: 2 });
    op.finish();
    expect(emitted.at(-1)).toEqual({ operationId: 'op-1', done: 5000, total: 5000, failed: 2 });
    const count = emitted.length;
    vi.advanceTimersByTime(1000);
    op.progress({ done: 1 });
    expect(emitted).toHaveLength(count); // nothing after finish
  });

  it('cancels through the registry and refuses a duplicate id', () => {
    const registry = createOperationRegistry(() => {});
    const op = registry.start('op-2');
    expect(() => registry.start('op-2')).toThrow(/already running/);
    expect(op.signal.aborted).toBe(false);
    registry.cancel('op-2');
    expect(op.signal.aborted).toBe(true);
    expect(() => op.throwIfCancelled()).toThrow(expect.objectContaining({ code: 'Cancelled' }));
    op.finish();
    registry.cancel('unknown'); // no-op
    expect(registry.start('op-2').signal.aborted).toBe(false);
  });
});

describe('forEachLimited', () => {
  it('never runs more than the limit at once and covers every item', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    const gates: (() => void)[] = [];
    const run = forEachLimited(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      new AbortController().signal,
      async (i) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise<void>((resolve) => gates.push(resolve));
        seen.push(i);
        inFlight -= 1;
      },
    );
    // Release the items one by one, as the workers reach their gates.
    while (seen.length < 20) {
      await vi.waitFor(() => expect(gates.length).toBeGreaterThan(0));
      gates.shift()?.();
      await Promise.resolve();
    }
    await run;
    expect(peak).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('takes items from an async generator and stops on cancel', async () => {
    const controller = new AbortController();
    const done: number[] = [];
    async function* items(): AsyncGenerator<number> {
      for (let i = 0; i < 100; i++) yield i;
    }
    await forEachLimited(items(), 2, controller.signal, async (i) => {
      done.push(i);
      if (i === 9) controller.abort();
    });
    expect(done.length).toBeGreaterThanOrEqual(10);
    expect(done.length).toBeLessThan(13);
  });

  it('stops taking items after a failure and rethrows it once the others finished', async () => {
    const started: number[] = [];
    await expect(
      forEachLimited([1, 2, 3, 4, 5, 6], 2, new AbortController().signal, async (i) => {
        started.push(i);
        if (i === 2) throw new Error('part 2 failed');
      }),
    ).rejects.toThrow('part 2 failed');
    expect(started.length).toBeLessThan(6);
  });
});
