/**
 * How big one request may be. Every long list in a request (keys, items, sources, job ids…)
 * is bounded by count and by its size as JSON, so the largest legal request has a known size
 * and the browser host's WebSocket refuses anything bigger before parsing it.
 */
import { utf8Length } from './keys';
import { MiB } from './transfers';

/** The most one list may weigh as JSON: 100,000 keys of 40 bytes, or fewer longer ones. */
export const MAX_LIST_JSON_BYTES = 4 * MiB;
/** Everything else a request holds (ids, a prefix, content headers, tags…), envelope included. */
export const MAX_REQUEST_REST_BYTES = 256 * 1024;
/** The largest legal request, as a WebSocket message (unit-tested channel by channel). */
export const MAX_REQUEST_JSON_BYTES = MAX_LIST_JSON_BYTES + MAX_REQUEST_REST_BYTES;

/** UTF-8 size of a value as JSON, i.e. on the wire. */
export const jsonBytes = (value: unknown): number => utf8Length(JSON.stringify(value));

/** The person-readable refusal for a list over MAX_LIST_JSON_BYTES, or null. */
export function listSizeProblem(list: readonly unknown[]): string | null {
  const bytes = jsonBytes(list);
  if (bytes <= MAX_LIST_JSON_BYTES) return null;
  return (
    `The list is ${(bytes / MiB).toFixed(1)} MiB; one request holds at most ${MAX_LIST_JSON_BYTES / MiB} MiB ` +
    'of names. Select fewer items and repeat for the rest.'
  );
}

/**
 * Splits a list into requests of at most `maxCount` items and MAX_LIST_JSON_BYTES of JSON,
 * keeping the order (one item never exceeds the limit: its schema bounds it far below).
 */
export function chunkList<T>(items: readonly T[], maxCount: number): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let bytes = 2; // "[]"
  for (const item of items) {
    const size = jsonBytes(item) + 1; // and its comma
    if (chunk.length > 0 && (chunk.length >= maxCount || bytes + size > MAX_LIST_JSON_BYTES)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 2;
    }
    chunk.push(item);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
