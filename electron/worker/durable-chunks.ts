/**
 * A download's written chunks become durable before they are recorded: a datasync of the temp
 * file, then the chunks join `done` and `onDurable` checkpoints them, so a resume never trusts
 * a chunk that might not be on disk. Datasyncs are batched (every SYNC_BYTES written or SYNC_MS
 * after the first unsynced chunk): one per chunk cost about 8 % of a download's time.
 */
import type { FileHandle } from 'node:fs/promises';

const SYNC_BYTES = 64 * 1024 * 1024;
const SYNC_MS = 1000;

export interface DurableChunks {
  /** Chunk `index` (of `bytes` bytes) is written. */
  add(index: number, bytes: number): void;
  /** Waits for the datasyncs under way (errors are kept for drain/finish); none is left scheduled. */
  settle(): Promise<void>;
  /** Makes everything written durable and recorded (for a stop: the temp file is kept); throws a datasync failure. */
  drain(): Promise<void>;
  /**
   * For a complete download: the chunks still waiting join `done` without a datasync of their
   * own and without a checkpoint (the datasync before the rename covers them).
   */
  finish(): Promise<void>;
}

export function durableChunks(
  fh: FileHandle,
  done: Set<number>,
  onDurable: () => void,
  limits = { bytes: SYNC_BYTES, ms: SYNC_MS },
): DurableChunks {
  let waiting: number[] = [];
  let waitingBytes = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let failure: { error: unknown } | null = null;
  const stopTimer = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const sync = async (): Promise<void> => {
    const batch = waiting;
    waiting = [];
    waitingBytes = 0;
    try {
      await fh.datasync();
    } catch (error) {
      failure = { error };
      return;
    }
    for (const i of batch) done.add(i);
    onDurable();
  };
  const kick = (): void => {
    stopTimer();
    if (running || failure || waiting.length === 0) return;
    running = sync().finally(() => {
      running = null;
      schedule();
    });
  };
  const schedule = (): void => {
    if (waitingBytes >= limits.bytes) kick();
    else if (waiting.length > 0 && !timer && !failure) {
      timer = setTimeout(kick, limits.ms);
      timer.unref();
    }
  };
  const settle = async (): Promise<void> => {
    stopTimer();
    while (running) {
      await running;
      stopTimer();
    }
  };
  return {
    add(index, bytes) {
      waiting.push(index);
      waitingBytes += bytes;
      if (!running) schedule();
    },
    settle,
    async drain() {
      await settle();
      while (waiting.length > 0 && !failure) {
        kick();
        await settle();
      }
      if (failure) throw failure.error;
    },
    async finish() {
      await settle();
      if (failure) throw failure.error;
      for (const i of waiting) done.add(i);
      waiting = [];
    },
  };
}
