import { describe, expect, it } from 'vitest';
import { QUICKSYNC_DEFAULT_PART_SIZE, QUICKSYNC_MAX_PART_SIZE, QUICKSYNC_MIN_PART_SIZE } from '../../shared/quicksync';
import { MiB } from '../../shared/transfers';
import { partRange } from '../../electron/worker/part-plan';
import { isQuickSyncPartSize, planQuickSyncParts } from '../../electron/worker/quicksync-part-plan';

const PART = QUICKSYNC_DEFAULT_PART_SIZE;

describe('planQuickSyncParts', () => {
  it('makes an empty file one empty part (totalParts is at least 1)', () => {
    const plan = planQuickSyncParts(0, PART);
    expect(plan).toEqual({ partSize: PART, count: 1 });
    expect(partRange(plan, 0, 1)).toEqual({ start: 0, length: 0 });
  });

  it('counts max(1, ceil(size / partSize)) parts', () => {
    expect(planQuickSyncParts(1, PART).count).toBe(1);
    expect(planQuickSyncParts(PART, PART).count).toBe(1);
    expect(planQuickSyncParts(PART + 1, PART).count).toBe(2);
    expect(planQuickSyncParts(3 * PART + 12_345, PART).count).toBe(4);
  });

  it('cuts parts of the part size with a smaller last one', () => {
    const size = 3 * PART + 12_345;
    const plan = planQuickSyncParts(size, PART);
    const ranges = [1, 2, 3, 4].map((n) => partRange(plan, size, n));
    expect(ranges).toEqual([
      { start: 0, length: PART },
      { start: PART, length: PART },
      { start: 2 * PART, length: PART },
      { start: 3 * PART, length: 12_345 },
    ]);
    expect(ranges.reduce((n, r) => n + r.length, 0)).toBe(size);
  });

  it('keeps the part size within 1–25 MiB', () => {
    expect(planQuickSyncParts(100 * MiB, 1024).partSize).toBe(QUICKSYNC_MIN_PART_SIZE);
    expect(planQuickSyncParts(100 * MiB, 64 * MiB).partSize).toBe(QUICKSYNC_MAX_PART_SIZE);
    expect(planQuickSyncParts(100 * MiB, 25 * MiB).count).toBe(4);
  });

  it('refuses sizes that are not whole byte counts', () => {
    expect(() => planQuickSyncParts(-1, PART)).toThrow(RangeError);
    expect(() => planQuickSyncParts(1.5, PART)).toThrow(RangeError);
  });

  it('trusts only saved part sizes it could have chosen', () => {
    expect(isQuickSyncPartSize(PART)).toBe(true);
    expect(isQuickSyncPartSize(QUICKSYNC_MIN_PART_SIZE - 1)).toBe(false);
    expect(isQuickSyncPartSize(QUICKSYNC_MAX_PART_SIZE + 1)).toBe(false);
    expect(isQuickSyncPartSize(PART + 0.5)).toBe(false);
  });
});
