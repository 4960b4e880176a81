/** The worker's spare part buffers: reused, never handed out twice, capped, dropped when idle. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { givePartBuffers, spareBuffers, takePartBuffer } from '../../electron/worker/part-buffers';

const MiB = 1024 * 1024;
// Identity as a boolean: a failing toBe on two 8 MiB buffers would print and diff them byte by byte.
const same = (a: Buffer, b: Buffer): boolean => a === b;

describe('part buffers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.advanceTimersByTime(60_000); // no spares left for the next test
    vi.useRealTimers();
  });

  it('hands a held buffer to no one else, and reuses it once given back', () => {
    const a = takePartBuffer(8 * MiB);
    const b = takePartBuffer(8 * MiB);
    expect(same(a, b)).toBe(false);
    givePartBuffers([a, b]);
    const again = [takePartBuffer(8 * MiB), takePartBuffer(8 * MiB)];
    expect(again.filter((x) => same(x, a) || same(x, b))).toHaveLength(2);
    const third = takePartBuffer(8 * MiB); // both are held again: a new one
    expect(same(third, a) || same(third, b)).toBe(false);
    givePartBuffers(again);
  });

  it('takes the smallest spare that fits, and allocates when none does', () => {
    const small = takePartBuffer(5 * MiB);
    const large = takePartBuffer(16 * MiB);
    givePartBuffers([large, small]);
    expect(same(takePartBuffer(4 * MiB), small)).toBe(true);
    expect(same(takePartBuffer(6 * MiB), large)).toBe(true);
    const fresh = takePartBuffer(32 * MiB);
    expect(fresh.length).toBe(32 * MiB);
    givePartBuffers([small, large, fresh]);
  });

  it('keeps at most 64 MiB of spares, the largest, and drops them after 10 s idle', () => {
    expect(spareBuffers()).toBe(0);
    const held = Array.from({ length: 6 }, (_, i) => takePartBuffer((i < 3 ? 16 : 8) * MiB));
    givePartBuffers(held);
    expect(spareBuffers()).toBe(5); // 3 × 16 + 3 × 8 is 72 MiB: one 8 MiB buffer goes
    expect(same(takePartBuffer(16 * MiB), held[0]!)).toBe(true);
    vi.advanceTimersByTime(9_999);
    expect(spareBuffers()).toBe(4);
    vi.advanceTimersByTime(1);
    expect(spareBuffers()).toBe(0);
  });
});
