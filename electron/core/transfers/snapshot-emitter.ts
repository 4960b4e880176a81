/**
 * Coalesces everything that happens in the queue into 'transfers:progress' snapshots: at most
 * one per interval (100 ms: ten a second) however many jobs report, none while nothing changes.
 * Building one costs what changed (at most MAX_CHANGED_PER_SNAPSHOT views), never all jobs. A
 * finished batch goes out at once (a person, or a timed benchmark, waits for it), not on the timer.
 */
import {
  MAX_CHANGED_PER_SNAPSHOT,
  type BatchFinished,
  type ConflictQuestion,
  type TransferJobView,
  type TransferTotals,
  type TransfersSnapshot,
} from '../../../shared/transfers';

export interface SnapshotSource {
  revision(): number;
  totals(): TransferTotals;
  /** The view of a job, or null when it is gone. */
  view(id: string): TransferJobView | null;
  /** The oldest pending questions (a few). */
  conflicts(): ConflictQuestion[];
}

export interface SnapshotEmitter {
  /** A job's view changed. */
  changed(id: string): void;
  /** Something else changed (totals, revision, conflicts). */
  touched(): void;
  batchFinished(batch: BatchFinished): void;
  dispose(): void;
}

export function createSnapshotEmitter(
  source: SnapshotSource,
  emit: (snapshot: TransfersSnapshot) => void,
  options: { intervalMs?: number; now?: () => number } = {},
): SnapshotEmitter {
  const interval = options.intervalMs ?? 100;
  const now = options.now ?? Date.now;
  // Insertion-ordered; stops growing past the limit (the renderer then refetches its page).
  let dirty = new Set<string>();
  let truncated = false;
  let finished: BatchFinished[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastEmit = -Infinity;
  let disposed = false;
  let flushQueued = false;

  const schedule = (): void => {
    if (timer || disposed) return;
    timer = setTimeout(flush, Math.max(0, lastEmit + interval - now()));
  };

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    lastEmit = now();
    const changed: TransferJobView[] = [];
    for (const id of dirty) {
      if (changed.length >= MAX_CHANGED_PER_SNAPSHOT) break;
      const view = source.view(id);
      if (view) changed.push(view);
    }
    const snapshot: TransfersSnapshot = {
      revision: source.revision(),
      totals: source.totals(),
      changed,
      changedTruncated: truncated,
      conflicts: source.conflicts(),
      finishedBatches: finished,
    };
    dirty = new Set();
    truncated = false;
    finished = [];
    emit(snapshot);
  }

  return {
    changed(id) {
      if (!truncated) {
        dirty.add(id);
        if (dirty.size > MAX_CHANGED_PER_SNAPSHOT) truncated = true;
      }
      schedule();
    },
    touched: schedule,
    batchFinished(batch) {
      finished.push(batch);
      if (flushQueued || disposed) return;
      flushQueued = true;
      // After the transition that finished the batch has run to its end, so its views are final.
      queueMicrotask(() => {
        flushQueued = false;
        if (!disposed) flush();
      });
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
