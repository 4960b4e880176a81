/**
 * The part loop of a multipart upload, for S3 and QuickSync alike: the parts not yet saved go out
 * on parallel lanes, each read into its lane's buffer, with progress over saved and in-flight
 * bytes. The service only says how one part is sent and what is saved for it; each saved part is
 * kept in part order and followed by a checkpoint.
 */
import type { SliceHooks } from './body-slices';
import { runLanes } from './lanes';
import { givePartBuffers, takePartBuffer } from './part-buffers';
import { partRange, type PartPlan } from './part-plan';
import type { Attempt } from './retry';
import { checkSource, periodicCheck, readFully, type Source } from './source-file';
import type { EngineContext } from './task-context';

/** What a checkpoint keeps of a part the server has. */
export interface SavedPart {
  partNumber: number;
  size: number;
}

/** One part for the service to send. */
export interface PartToSend {
  partNumber: number;
  /** The part's bytes, a view of the lane's buffer: valid until the send resolves. */
  data: Buffer;
  length: number;
  /** Aborted by a stop or by another lane's failure. */
  signal: AbortSignal;
  /**
   * The hooks for an attempt's body: paced by the upload limit, re-checking the source, and
   * counting progress from zero again (a retried part is sent again from its start).
   */
  bodyHooks(attempt: Attempt): SliceHooks;
}

/** Sends every part of `plan` missing from `parts` and adds it there; `send` makes one part's request(s). */
export async function sendMissingParts<P extends SavedPart>(
  ctx: EngineContext,
  src: Source,
  plan: PartPlan,
  parts: P[],
  checkpoint: () => void,
  send: (part: PartToSend) => Promise<P>,
): Promise<void> {
  const done = new Set(parts.map((p) => p.partNumber));
  const todo: number[] = [];
  for (let n = 1; n <= plan.count; n++) if (!done.has(n)) todo.push(n);
  let doneBytes = parts.reduce((sum, p) => sum + p.size, 0);
  const lanes = Math.max(1, Math.min(ctx.tuning.partsInParallel, todo.length));
  const inFlight = new Array<number>(lanes).fill(0);
  const buffers: Buffer[] = [];
  const report = (): void => ctx.progress.report(doneBytes + inFlight.reduce((a, b) => a + b, 0), src.size);
  report();
  await runLanes(todo, lanes, ctx.stop, async (partNumber, lane, signal) => {
    // One buffer per lane: memory is partsInParallel × partSize, whatever the file size.
    const buffer = (buffers[lane] ??= takePartBuffer(plan.partSize));
    const { start, length } = partRange(plan, src.size, partNumber);
    await checkSource(src);
    const data = await readFully(src, buffer, length, start);
    // Made at the first attempt, so a service's own work before it (S3's md5) does not count.
    let check: (() => Promise<void>) | null = null;
    const bodyHooks = (attempt: Attempt): SliceHooks => {
      inFlight[lane] = 0;
      check ??= periodicCheck(src);
      return {
        limiter: ctx.limiters.up,
        attempt,
        beforeSlice: check,
        onBytes: (n) => {
          inFlight[lane]! += n;
          report();
        },
      };
    };
    const part = await send({ partNumber, data, length, signal, bodyHooks });
    inFlight[lane] = 0;
    doneBytes += length;
    insertPart(parts, part);
    checkpoint();
    report();
  });
  // Only now: every lane's requests have ended. After a failure an aborted request might still
  // hold a view of its buffer, so those are left to the GC rather than handed to another part.
  givePartBuffers(buffers);
}

function insertPart<P extends SavedPart>(parts: P[], part: P): void {
  let i = parts.length;
  while (i > 0 && parts[i - 1]!.partNumber > part.partNumber) i--;
  parts.splice(i, 0, part);
}
