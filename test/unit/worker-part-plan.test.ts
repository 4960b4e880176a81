import { describe, expect, it } from 'vitest';
import { MiB, S3_MAX_PART_SIZE, S3_MAX_PARTS, S3_MIN_PART_SIZE } from '../../shared/transfers';
import {
  partRange,
  planParts,
  S3_MAX_OBJECT_SIZE,
  S3_MAX_PUT_SIZE,
  usesMultipart,
} from '../../electron/worker/part-plan';

const GiB = 1024 * MiB;

describe('planParts', () => {
  it('has no parts for 0 bytes and one part for 1 byte', () => {
    expect(planParts(0, 16 * MiB)).toEqual({ partSize: 16 * MiB, count: 0 });
    expect(planParts(1, 16 * MiB)).toEqual({ partSize: 16 * MiB, count: 1 });
  });

  it('counts parts at the part-size edges', () => {
    expect(planParts(16 * MiB, 16 * MiB).count).toBe(1);
    expect(planParts(16 * MiB + 1, 16 * MiB).count).toBe(2);
    expect(planParts(3 * 16 * MiB - 1, 16 * MiB).count).toBe(3);
  });

  it('never goes below 5 MiB parts', () => {
    expect(planParts(100 * MiB, 1024).partSize).toBe(S3_MIN_PART_SIZE);
    expect(planParts(100 * MiB, 0).partSize).toBe(S3_MIN_PART_SIZE);
  });

  it('caps the preferred size at 5 GiB', () => {
    expect(planParts(20 * GiB, 6 * GiB)).toEqual({ partSize: S3_MAX_PART_SIZE, count: 4 });
  });

  it('keeps exactly 10,000 parts at the limit and grows in whole MiB beyond it', () => {
    expect(planParts(S3_MAX_PARTS * 16 * MiB, 16 * MiB)).toEqual({ partSize: 16 * MiB, count: S3_MAX_PARTS });
    const grown = planParts(S3_MAX_PARTS * 16 * MiB + 1, 16 * MiB);
    expect(grown.partSize).toBe(17 * MiB);
    expect(grown.partSize % MiB).toBe(0);
    expect(grown.count).toBeLessThanOrEqual(S3_MAX_PARTS);
  });

  it('plans a 5 TiB object within 10,000 parts of at most 5 GiB', () => {
    const plan = planParts(S3_MAX_OBJECT_SIZE, 16 * MiB);
    expect(plan.count).toBeLessThanOrEqual(S3_MAX_PARTS);
    expect(plan.partSize).toBeLessThanOrEqual(S3_MAX_PART_SIZE);
    expect(plan.partSize * plan.count).toBeGreaterThanOrEqual(S3_MAX_OBJECT_SIZE);
  });

  it('refuses objects S3 cannot hold and nonsense sizes', () => {
    expect(() => planParts(S3_MAX_OBJECT_SIZE + 1, 16 * MiB)).toThrow(/5 TiB/);
    expect(() => planParts(-1, 16 * MiB)).toThrow(RangeError);
    expect(() => planParts(1.5, 16 * MiB)).toThrow(RangeError);
  });
});

describe('usesMultipart', () => {
  it('is multipart at and above the threshold, single PUT below', () => {
    expect(usesMultipart(64 * MiB - 1, 64 * MiB)).toBe(false);
    expect(usesMultipart(64 * MiB, 64 * MiB)).toBe(true);
    expect(usesMultipart(64 * MiB + 1, 64 * MiB)).toBe(true);
  });

  it('never multipart for 0 bytes, always above the single-PUT limit', () => {
    expect(usesMultipart(0, 0)).toBe(false);
    expect(usesMultipart(S3_MAX_PUT_SIZE, Number.MAX_SAFE_INTEGER)).toBe(false);
    expect(usesMultipart(S3_MAX_PUT_SIZE + 1, Number.MAX_SAFE_INTEGER)).toBe(true);
  });
});

describe('partRange', () => {
  it('gives each part its bytes and the last one the remainder', () => {
    const size = 3 * 5 * MiB + 12345;
    const plan = planParts(size, 5 * MiB);
    expect(plan.count).toBe(4);
    expect(partRange(plan, size, 1)).toEqual({ start: 0, length: 5 * MiB });
    expect(partRange(plan, size, 3)).toEqual({ start: 10 * MiB, length: 5 * MiB });
    expect(partRange(plan, size, 4)).toEqual({ start: 15 * MiB, length: 12345 });
    let total = 0;
    for (let n = 1; n <= plan.count; n++) total += partRange(plan, size, n).length;
    expect(total).toBe(size);
  });
});
