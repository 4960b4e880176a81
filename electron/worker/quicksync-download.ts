/**
 * Downloads one QuickSync file: its details give the size (`originalSizeInBytes`), then each
 * attempt asks for a fresh link right before using it and streams the body, fetched without any
 * credential, into a temp file beside the target; the byte count must match before the rename.
 * A stopped download starts again from the beginning: links are one-time and short-lived, so
 * only the temp file is recorded (and removed on a restart).
 */
import { rm } from 'node:fs/promises';
import type { QuickSyncDownloadTask, TaskResult } from '../../shared/transfer-protocol';
import { CoreError } from '../core/errors';
import { fileDetails, openDownload, sessionOf } from '../core/providers/quicksync/api';
import type { EngineContext } from './task-context';
import { TransientError } from './task-errors';
import { isOurTemp, tempPathFor, writeThenRename } from './temp-file';
import { writeRange } from './write-range';

export async function runQuickSyncDownload(task: QuickSyncDownloadTask, ctx: EngineContext): Promise<TaskResult> {
  const session = sessionOf(task.credentials);
  if (task.resume) {
    if (isOurTemp(task.resume.tempPath, task.target)) await rm(task.resume.tempPath, { force: true });
    ctx.notice('QuickSync downloads cannot continue where they stopped: this one started again from the beginning.');
  }
  const info = await ctx.retry((attempt) => fileDetails(session, task.key, attempt.signal));
  if (!info.completed) {
    throw new CoreError('InvalidRequest', 'This upload is not finished, so there is nothing to download yet.');
  }
  const size = info.originalSizeInBytes;
  const temp = tempPathFor(task.target);
  // Recorded before any byte arrives, so the temp file is never unknown to the queue.
  ctx.checkpoint({ kind: 'download', tempPath: temp, etag: '', size, chunkSize: size, doneChunks: [] });
  ctx.progress.report(0, size);
  await writeThenRename(temp, task.target, 'wx+', (fh) =>
    ctx.retry(async (attempt) => {
      const body = await openDownload(session, task.key, attempt.signal);
      attempt.touch();
      if (body.length !== null && body.length !== size) {
        body.stream.destroy();
        throw new TransientError('ServerError', `The download link served ${body.length} bytes; the file has ${size}.`);
      }
      let written = 0;
      // Every attempt writes the whole file again from its start.
      await writeRange(body.stream, fh, 0, size, attempt, ctx.limiters.down, (n) =>
        ctx.progress.report((written += n), size),
      );
    }),
  );
  ctx.progress.report(size, size);
  return { size, etag: null };
}
