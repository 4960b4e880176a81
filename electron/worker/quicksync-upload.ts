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
} from '../core/providers/quicksync/api';
import { encryptName } from '../core/providers/quicksync/name-crypto';
import { bufferBody } from './body-slices';
import { COMPLETE_STALL_FACTOR, runResumableUpload } from './multipart-upload';
import type { PartToSend } from './part-lanes';
import { partRange, type PartPlan } from './part-plan';
import { isQuickSyncPartSize, planQuickSyncParts } from './quicksync-part-plan';
import { NEVER_STOPS, type EngineContext } from './task-context';

/** A QuickSync upload is known by its file's key and the upload's id. */
interface Upload {
  session: QuickSyncSession;
  fileKey: string;
  uploadId: string;
}

export function runQuickSyncUpload(task: QuickSyncUploadTask, ctx: EngineContext): Promise<TaskResult> {
  const session = sessionOf(task.credentials);
  return runResumableUpload<Upload, QuickSyncPart, QuickSyncUploadCheckpoint>(ctx, task.source, task.resume, {
    fitsPlan: (partSize) => isQuickSyncPartSize(partSize),
    plan: (size, saved) => planQuickSyncParts(size, saved ?? task.partSize),
    uploadOf: ({ fileKey, uploadId }) => ({ session, fileKey, uploadId }),
    saved: ({ fileKey, uploadId }, common) => ({ kind: 'quicksync-upload', fileKey, uploadId, ...common }),
    async restore(upload, saved, plan, src) {
      const found = await serverState(upload, ctx);
      if (found?.completed && found.originalSizeInBytes === src.size) return 'complete';
      if (found === null || found.completed) return 'gone';
      return { parts: keptParts(saved.parts, plan, src.size) };
    },
    start: (plan, src) => initiate(task, ctx, session, src.size, plan),
    sendPart: (upload, part) => sendPart(ctx, upload, part),
    async complete(upload, parts, size) {
      await complete(ctx, upload, parts, size);
      return null;
    },
    discard: (upload) => discard(upload, ctx),
  });
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
