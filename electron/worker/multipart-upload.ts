/**
 * The course of a resumable upload, for S3 and QuickSync alike. A saved checkpoint is trusted only
 * when its plan is one this engine makes and the file is unchanged; a resume asks the server what
 * it still holds; a new upload is checkpointed before any part is sent, then after every part; the
 * file is checked once more before completing. A cancelled upload, or one whose file changed, is
 * removed from the server. The service says how each step is done on the wire.
 */
import type { Checkpoint, SourceFile, TaskResult } from '../../shared/transfer-protocol';
import { sendMissingParts, type PartToSend, type SavedPart } from './part-lanes';
import type { PartPlan } from './part-plan';
import { checkSource, openSource, restartingOnChange, type Source } from './source-file';
import type { EngineContext } from './task-context';
import { SourceChangedError } from './task-errors';

/** Completing may take the service a while without sending anything (many parts to join). */
export const COMPLETE_STALL_FACTOR = 4;

/** What every service's upload checkpoint holds besides its upload's ids. */
export interface SavedUpload<P extends SavedPart> {
  partSize: number;
  source: { size: number; mtimeMs: number };
  parts: P[];
}

/** What a resume finds on the server: the parts to keep, or the upload gone or already complete. */
export type Restored<P> = { parts: P[] } | 'gone' | 'complete';

/** One service's requests, for an upload `U` (its ids) with parts `P` saved in checkpoints `C`. */
export interface UploadService<U, P extends SavedPart, C extends SavedUpload<P>> {
  /** A saved part size this engine would use for a file of this size. */
  fitsPlan(partSize: number, size: number): boolean;
  /** The parts of a file: of the saved size for a resume (it fits), else of the task's preferred size. */
  plan(size: number, saved: number | null): PartPlan;
  /** The upload a checkpoint names. */
  uploadOf(saved: C): U;
  /** The checkpoint for an upload. */
  saved(upload: U, common: SavedUpload<P>): C & Checkpoint;
  /** For a new upload: the whole file in one request where the service prefers that, else null. */
  single?(src: Source): Promise<TaskResult> | null;
  restore(upload: U, saved: C, plan: PartPlan, src: Source): Promise<Restored<P>>;
  /** Starts an upload; runs to its end even if a stop arrives meanwhile (its ids must be saved). */
  start(plan: PartPlan, src: Source): Promise<U>;
  sendPart(upload: U, part: PartToSend): Promise<P>;
  /** Completes and checks the result; the object's ETag where the service has one. */
  complete(upload: U, parts: P[], size: number): Promise<string | null>;
  /** Removes the unfinished upload (already gone counts as done); runs even after a stop. */
  discard(upload: U): Promise<void>;
}

/**
 * Uploads the file `source` names, resuming from `resume` when it can, and again from the start
 * if the file changes (then stat'ed anew: what the task knew of it is stale).
 */
export function runResumableUpload<U, P extends SavedPart, C extends SavedUpload<P>>(
  ctx: EngineContext,
  source: SourceFile,
  resume: C | null,
  service: UploadService<U, P, C>,
): Promise<TaskResult> {
  let known: SourceFile | undefined = source;
  const { path } = source;
  // A restart records the file's new time, where the upload records one at all.
  const recordsMtime = source.mtimeNs !== undefined;
  return restartingOnChange(ctx, resume, async (saved) => {
    const src = await openSource(path, known, recordsMtime);
    known = undefined;
    try {
      return await uploadOnce(ctx, src, saved, service);
    } finally {
      await src.fh.close().catch(() => {});
    }
  });
}

async function uploadOnce<U, P extends SavedPart, C extends SavedUpload<P>>(
  ctx: EngineContext,
  src: Source,
  resume: C | null,
  service: UploadService<U, P, C>,
): Promise<TaskResult> {
  if (resume && !service.fitsPlan(resume.partSize, src.size)) {
    // Not a plan this engine makes (a damaged journal?): nothing in it can be trusted.
    await service.discard(service.uploadOf(resume));
    resume = null;
  }
  if (resume && (resume.source.size !== src.size || resume.source.mtimeMs !== src.mtimeMs)) {
    await service.discard(service.uploadOf(resume));
    ctx.notice('The file changed since the upload started; restarting from the beginning.');
    resume = null;
  }
  ctx.progress.report(0, src.size);
  const single = resume ? null : (service.single?.(src) ?? null);
  if (single) return await single;

  let upload: U | null = null;
  try {
    let plan: PartPlan | null = null;
    let parts: P[] = [];
    if (resume) {
      const resumed = service.plan(src.size, resume.partSize);
      upload = service.uploadOf(resume);
      const restored = await service.restore(upload, resume, resumed, src);
      // Completed before the app could record it (a crash right after completion): nothing to send.
      if (restored === 'complete') return finished(ctx, src.size, null);
      if (restored === 'gone') {
        upload = null;
        ctx.notice('The unfinished upload was no longer on the server; starting again from the beginning.');
      } else {
        plan = resumed;
        parts = restored.parts;
      }
    }
    plan ??= service.plan(src.size, null);
    upload ??= await service.start(plan, src);
    const { partSize } = plan;
    const current = upload;
    const source = { size: src.size, mtimeMs: src.mtimeMs };
    const checkpoint = (): void => ctx.checkpoint(service.saved(current, { partSize, source, parts: parts.slice() }));
    // Persisted before any part is sent, so no crash can leave an upload nobody knows about.
    checkpoint();
    if (ctx.stop.aborted) throw ctx.stop.reason as Error;
    await sendMissingParts(ctx, src, plan, parts, checkpoint, (part) => service.sendPart(current, part));
    if (ctx.stop.aborted) throw ctx.stop.reason as Error;
    await checkSource(src);
    return finished(ctx, src.size, await service.complete(current, parts, src.size));
  } catch (error) {
    if (upload !== null && (error instanceof SourceChangedError || ctx.stopReason() === 'cancel')) {
      await service.discard(upload);
    }
    throw error;
  }
}

function finished(ctx: EngineContext, size: number, etag: string | null): TaskResult {
  ctx.progress.report(size, size);
  return { size, etag };
}
