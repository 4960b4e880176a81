/**
 * Browser host uploads: after `transfers:upload` returned a stage path per file, the bytes
 * go there by PUT, a few at a time for the whole app (two drops do not double the load).
 * The waiting list holds File handles only, so 100,000 queued files cost little.
 */
import type { AppError, Result } from '../../../shared/errors';

export const PARALLEL_PUTS = 4;

export interface StagedPut {
  stagePath: string;
  file: Blob;
  /** For the error message: the path relative to what was dropped. */
  name: string;
}

export type PutStagedFile = (stagePath: string, file: Blob, signal?: AbortSignal) => Promise<Result<null>>;

export interface StagedPuts {
  add(items: readonly StagedPut[]): void;
  /** PUTs sent or waiting (for tests and a "sending…" hint). */
  pending(): number;
}

export function createStagedPuts(
  put: PutStagedFile,
  onFailure: (item: StagedPut, error: AppError) => void,
  limit = PARALLEL_PUTS,
): StagedPuts {
  let waiting: StagedPut[] = [];
  let head = 0;
  let running = 0;

  function finish(item: StagedPut, result: Result<null>): void {
    running--;
    if (!result.ok) onFailure(item, result.error);
    pump();
  }

  function pump(): void {
    while (running < limit && head < waiting.length) {
      const item = waiting[head++];
      if (item === undefined) continue;
      running++;
      put(item.stagePath, item.file).then(
        (result) => finish(item, result),
        (error: unknown) =>
          finish(item, {
            ok: false,
            error: { code: 'NetworkError', message: error instanceof Error ? error.message : String(error) },
          }),
      );
    }
    // Drop what was sent from the front now and then (shift() per item would be quadratic).
    if (head > 1024 && head * 2 > waiting.length) {
      waiting = waiting.slice(head);
      head = 0;
    }
  }

  return {
    add(items) {
      for (const item of items) waiting.push(item);
      pump();
    },
    pending: () => running + waiting.length - head,
  };
}
