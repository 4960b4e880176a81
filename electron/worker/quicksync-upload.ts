/**
 * Uploads one file to QuickSync: initiate (totalParts, originalSizeInBytes and the name, encrypted
 * with the session id when the account asks for QS Share names), the parts as raw bodies on
 * parallel lanes, then complete with the part tags in order and check the result. The API cannot
 * list an upload's parts, so the saved tags are the truth: a checkpoint follows the initiate and
 * every part, and a resumed upload never sends a part it has a tag for. A cancelled upload, or one
 * whose file changed, is deleted on the server (QuickSync has no abort).
 */
import type {
  QuickSyncPart,
  QuickSyncUploadCheckpoint,
  QuickSyncUploadTask,
  TaskResult,
} from '../../shared/transfer-protocol';
import { CoreError, toAppError } from '../core/errors';
import {
  completeUpload,
  deleteFile,
  fileDetails,
  initiateUpload,
  sessionOf,
  uploadPart,
  type QuickSyncSession,
  type UploadInfo,
} from '../core/quicksync/api';
import { encryptName } from '../core/quicksync/name-crypto';
import { bufferBody } from './body-slices';
import { sendMissingParts, type PartToSend } from './part-lanes';
import { partRange, type PartPlan } from './part-plan';
import { isQuickSyncPartSize, planQuickSyncParts } from './quicksync-part-plan';
import { checkSource, openSource, restartingOnChange } from './source-file';
import { NEVER_STOPS, type EngineContext } from './task-context';
import { SourceChangedError } from './task-errors';

/** Completing may take the service a while without sending anything. */
const COMPLETE_STALL_FACTOR = 4;

interface Upload {
  session: QuickSyncSession;
  fileKey: string;
  uploadId: string;
}

const uploadOf = (session: QuickSyncSession, cp: QuickSyncUploadCheckpoint): Upload => ({
  session,
  fileKey: cp.fileKey,
  uploadId: cp.uploadId,
});

export function runQuickSyncUpload(task: QuickSyncUploadTask, ctx: EngineContext): Promise<TaskResult> {
  const session = sessionOf(task.credentials);
  return restartingOnChange(ctx, task.resume, (resume) => uploadOnce(task, ctx, session, resume));
}

async function uploadOnce(
  task: QuickSyncUploadTask,
  ctx: EngineContext,
  session: QuickSyncSession,
  resume: QuickSyncUploadCheckpoint | null,
): Promise<TaskResult> {
  const src = await openSource(task.source.path);
  let upload: Upload | null = null;
  try {
    if (resume && !isQuickSyncPartSize(resume.partSize)) {
      // Not a plan this engine makes (a damaged journal?): nothing in it can be trusted.
      await discard(uploadOf(session, resume), ctx);
      resume = null;
    }
    if (resume && (resume.source.size !== src.size || resume.source.mtimeMs !== src.mtimeMs)) {
      await discard(uploadOf(session, resume), ctx);
      ctx.notice('The file changed since the upload started; restarting from the beginning.');
      resume = null;
    }
    ctx.progress.report(0, src.size);
    if (resume) {
      const found = await serverState(uploadOf(session, resume), ctx);
      // Completed before the app could record it (a crash right after completion): nothing to send.
      if (found?.completed && found.originalSizeInBytes === src.size) return finished(ctx, src.size);
      if (found === null || found.completed) {
        ctx.notice('The unfinished upload was no longer on the server; starting again from the beginning.');
        resume = null;
      }
    }
    const plan = resume
      ? { partSize: resume.partSize, count: Math.max(1, Math.ceil(src.size / resume.partSize)) }
      : planQuickSyncParts(src.size, task.partSize);
    const parts = resume ? keptParts(resume.parts, plan, src.size) : [];
    upload = resume ? uploadOf(session, resume) : await initiate(task, ctx, session, src.size, plan);
    const current = upload;
    const checkpoint = (): void =>
      ctx.checkpoint({
        kind: 'quicksync-upload',
        fileKey: current.fileKey,
        uploadId: current.uploadId,
        partSize: plan.partSize,
        source: { size: src.size, mtimeMs: src.mtimeMs },
        parts: parts.slice(),
      });
    // Persisted before any part is sent, so no crash can leave a file nobody knows about.
    checkpoint();
    if (ctx.stop.aborted) throw ctx.stop.reason as Error;
    await sendMissingParts(ctx, src, plan, parts, checkpoint, (part) => sendPart(ctx, current, part));
    if (ctx.stop.aborted) throw ctx.stop.reason as Error;
    await checkSource(src);
    await complete(ctx, current, parts, src.size);
    return finished(ctx, src.size);
  } catch (error) {
    if (upload !== null && (error instanceof SourceChangedError || ctx.stopReason() === 'cancel')) {
      await discard(upload, ctx);
    }
    throw error;
  } finally {
    await src.fh.close().catch(() => {});
  }
}

function finished(ctx: EngineContext, size: number): TaskResult {
  ctx.progress.report(size, size);
  return { size, etag: null };
}

/** The saved parts that still fit the plan (right number and size); any other is sent again. */
function keptParts(saved: readonly QuickSyncPart[], plan: PartPlan, size: number): QuickSyncPart[] {
  return saved
    .filter((p) => Number.isInteger(p.partNumber) && p.partNumber >= 1 && p.partNumber <= plan.count)
    .filter((p) => p.tag !== '' && p.size === partRange(plan, size, p.partNumber).length)
    .sort((a, b) => a.partNumber - b.partNumber);
}

/** The file as the server has it now, or null when it is gone. */
async function serverState(upload: Upload, ctx: EngineContext): Promise<UploadInfo | null> {
  try {
    return await ctx.retry((attempt) => fileDetails(upload.session, upload.fileKey, attempt.signal));
  } catch (error) {
    if (toAppError(error).code === 'NoSuchKey') return null;
    throw error;
  }
}

/** Runs to its end even if a stop arrives meanwhile: otherwise the fileKey could be lost. */
async function initiate(
  task: QuickSyncUploadTask,
  ctx: EngineContext,
  session: QuickSyncSession,
  size: number,
  plan: PartPlan,
): Promise<Upload> {
  const name = task.credentials.encryptNames ? encryptName(task.key, session.sessionId) : task.key;
  const created = await ctx.retry(
    (attempt) =>
      initiateUpload(
        session,
        { totalParts: plan.count, originalSizeInBytes: size, encryptedName: name },
        attempt.signal,
      ),
    { stop: NEVER_STOPS },
  );
  return { session, ...created };
}

/** One part to QuickSync as a raw body; the tag it answers is what the checkpoint keeps. */
async function sendPart(
  ctx: EngineContext,
  upload: Upload,
  { partNumber, data, length, signal, bodyHooks }: PartToSend,
): Promise<QuickSyncPart> {
  const tag = await ctx.retry(
    async (attempt) => {
      // An empty part (an empty file) goes as an empty buffer: there is nothing to pace.
      const body = length === 0 ? data : bufferBody(data, bodyHooks(attempt));
      try {
        const { session, fileKey, uploadId } = upload;
        return await uploadPart(session, { fileKey, uploadId, partNumber, body, length }, attempt.signal);
      } finally {
        if (!Buffer.isBuffer(body)) body.destroy();
      }
    },
    { stop: signal },
  );
  return { partNumber, tag, size: length };
}

/**
 * Completes with the tags in part order, then checks with the file's details: completed, with
 * the size that was sent. A retry after a completion whose answer was lost is refused by the
 * service (already completed): the details tell whether it worked.
 */
async function complete(ctx: EngineContext, upload: Upload, parts: QuickSyncPart[], size: number): Promise<void> {
  let refusal: unknown = null;
  let attempts = 0;
  try {
    await ctx.retry(
      (attempt) => {
        attempts = attempt.number;
        const tags = parts.map((p) => p.tag);
        return completeUpload(upload.session, { fileKey: upload.fileKey, tags }, attempt.signal);
      },
      { stop: NEVER_STOPS, stallMs: ctx.tuning.stallTimeoutMs * COMPLETE_STALL_FACTOR },
    );
  } catch (error) {
    if (attempts <= 1) throw error;
    refusal = error;
  }
  const info = await ctx.retry((attempt) => fileDetails(upload.session, upload.fileKey, attempt.signal), {
    stop: NEVER_STOPS,
  });
  if (!info.completed) {
    if (refusal !== null) throw refusal;
    throw new CoreError('ServerError', 'The service accepted the completion but the file is not complete.');
  }
  if (info.originalSizeInBytes !== size) {
    throw new CoreError('ServerError', `The uploaded file has ${info.originalSizeInBytes} bytes instead of ${size}.`);
  }
}

/** Deletes the unfinished file (retried; already gone counts as done). Runs even after a stop. */
async function discard(upload: Upload, ctx: EngineContext): Promise<void> {
  try {
    await ctx.retry((attempt) => deleteFile(upload.session, upload.fileKey, attempt.signal), { stop: NEVER_STOPS });
  } catch (error) {
    const cause = toAppError(error);
    if (cause.code === 'NoSuchKey') return;
    throw new CoreError(
      cause.code,
      `The unfinished upload could not be removed from the server: ${cause.message} Delete it from the incomplete uploads list.`,
      cause.detail,
    );
  }
}
