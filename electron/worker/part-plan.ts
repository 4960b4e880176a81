/**
 * How a file is cut into multipart parts: S3 allows at most 10,000 parts of 5 MiB to 5 GiB
 * (the last one may be smaller) and objects of at most 5 TiB, and a single PUT of at most 5 GiB.
 */
import { MiB, S3_MAX_PART_SIZE, S3_MAX_PARTS, S3_MIN_PART_SIZE } from '../../shared/transfers';
import { CoreError } from '../core/errors';

export const S3_MAX_PUT_SIZE = 5 * 1024 * MiB;
export const S3_MAX_OBJECT_SIZE = 5 * 1024 * 1024 * MiB;

export interface PartPlan {
  partSize: number;
  count: number;
}

/**
 * The preferred part size clamped to S3's bounds, grown (in whole MiB) when the file would
 * need more than 10,000 parts. A 0-byte file has no parts (it is always a single PUT).
 */
export function planParts(size: number, preferred: number): PartPlan {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`invalid file size ${size}`);
  if (size > S3_MAX_OBJECT_SIZE) {
    throw new CoreError('NotSupported', 'The file is larger than 5 TiB, the most an S3 object can hold.');
  }
  let partSize = Math.min(Math.max(Math.floor(preferred), S3_MIN_PART_SIZE), S3_MAX_PART_SIZE);
  if (Math.ceil(size / partSize) > S3_MAX_PARTS) partSize = Math.ceil(size / S3_MAX_PARTS / MiB) * MiB;
  return { partSize, count: Math.ceil(size / partSize) };
}

/** Multipart at or above the threshold, and always above the single-PUT limit; never for 0 bytes. */
export function usesMultipart(size: number, threshold: number): boolean {
  return size > 0 && (size >= threshold || size > S3_MAX_PUT_SIZE);
}

/** Byte range of a 1-based part. */
export function partRange(plan: PartPlan, size: number, partNumber: number): { start: number; length: number } {
  const start = (partNumber - 1) * plan.partSize;
  return { start, length: Math.max(0, Math.min(plan.partSize, size - start)) };
}
