/**
 * How a file is cut into QuickSync parts (spec/NOTES.md): parts of the configured size (1–25 MiB,
 * under the server's request limit), the last one smaller, and `totalParts = max(1, ceil(size /
 * partSize))`, so an empty file is one empty part.
 */
import { QUICKSYNC_MAX_PART_SIZE, QUICKSYNC_MIN_PART_SIZE } from '../../shared/quicksync';
import type { PartPlan } from './part-plan';

export function planQuickSyncParts(size: number, partSize: number): PartPlan {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`invalid file size ${size}`);
  const clamped = Math.min(Math.max(Math.floor(partSize), QUICKSYNC_MIN_PART_SIZE), QUICKSYNC_MAX_PART_SIZE);
  return { partSize: clamped, count: Math.max(1, Math.ceil(size / clamped)) };
}

/** A saved part size this engine would use: anything else (a damaged journal?) cannot be trusted. */
export const isQuickSyncPartSize = (partSize: number): boolean =>
  Number.isSafeInteger(partSize) && partSize >= QUICKSYNC_MIN_PART_SIZE && partSize <= QUICKSYNC_MAX_PART_SIZE;
