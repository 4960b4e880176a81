import { describe, expect, it } from 'vitest';
import type { CompletedPart } from '../../shared/transfer-protocol';
import { MiB } from '../../shared/transfers';
import { planParts } from '../../electron/worker/part-plan';
import { reconcileParts, type ServerPart } from '../../electron/worker/reconcile-parts';

const size = 3 * 5 * MiB + 100;
const plan = planParts(size, 5 * MiB); // 4 parts, the last 100 bytes
const md5 = (n: number): string => n.toString(16).padStart(32, '0');
const recorded = (n: number, length = 5 * MiB): CompletedPart => ({
  partNumber: n,
  etag: `"${md5(n)}"`,
  size: length,
  md5: md5(n),
});
const server = (n: number, length = 5 * MiB, etag = `"${md5(n)}"`): ServerPart => ({
  partNumber: n,
  etag,
  size: length,
});

describe('reconcileParts', () => {
  it('keeps recorded parts the server holds with the same ETag (quotes and case aside)', () => {
    const result = reconcileParts(
      [recorded(2), recorded(1)],
      [server(1, 5 * MiB, md5(1).toUpperCase()), server(2)],
      plan,
      size,
    );
    expect(result.kept.map((p) => p.partNumber)).toEqual([1, 2]);
    expect(result.verify).toEqual([]);
  });

  it('sends again recorded parts the server does not have', () => {
    const result = reconcileParts([recorded(1), recorded(2)], [server(1)], plan, size);
    expect(result.kept.map((p) => p.partNumber)).toEqual([1]);
    expect(result.verify).toEqual([]);
  });

  it('asks to verify server parts the checkpoint does not vouch for (crash before the checkpoint)', () => {
    const result = reconcileParts([recorded(1)], [server(1), server(3), server(4, 100)], plan, size);
    expect(result.kept.map((p) => p.partNumber)).toEqual([1]);
    expect(result.verify.map((p) => p.partNumber)).toEqual([3, 4]);
  });

  it('verifies a recorded part whose server ETag differs instead of trusting either', () => {
    const result = reconcileParts([recorded(2)], [server(2, 5 * MiB, `"${md5(99)}"`)], plan, size);
    expect(result.kept).toEqual([]);
    expect(result.verify).toEqual([server(2, 5 * MiB, `"${md5(99)}"`)]);
  });

  it('ignores server parts of the wrong size, out of range, or listed twice', () => {
    const result = reconcileParts(
      [recorded(1), recorded(4, 100)],
      [server(1, 5 * MiB - 1), server(4, 5 * MiB), server(5), server(0), server(2), server(2)],
      plan,
      size,
    );
    expect(result.kept).toEqual([]);
    expect(result.verify.map((p) => p.partNumber)).toEqual([2]);
  });

  it('keeps nothing when the server has nothing', () => {
    expect(reconcileParts([recorded(1), recorded(2)], [], plan, size)).toEqual({ kept: [], verify: [] });
  });
});
