/**
 * The quicksync:* channels: a QuickSync account's files (incomplete uploads only when asked,
 * each with the job that can resume it), one file's details, and deleting files. Deleting an
 * unfinished upload also cancels the job that was uploading it.
 */
import type { Handlers } from '../router';
import { runOperation, type OperationRegistry } from '../operations';
import { fileDetails, listFiles, type QuickSyncSession } from './api';
import { byName, deleteFiles, toQuickSyncFile } from './files';

export type QuickSyncChannel = 'quicksync:list' | 'quicksync:details' | 'quicksync:delete';

export interface QuickSyncDeps {
  /** The account's session; NotSupported for an account of another kind. */
  session(accountId: string): Promise<QuickSyncSession>;
  /** Job id by fileKey, for the account's unfinished uploads that a job can resume. */
  resumable(accountId: string): Map<string, string>;
  cancelJobs(jobIds: string[]): void;
  operations: OperationRegistry;
}

export function createQuickSyncHandlers(deps: QuickSyncDeps): Pick<Handlers, QuickSyncChannel> {
  return {
    'quicksync:list': async ({ accountId, includeIncomplete }) => {
      const session = await deps.session(accountId);
      const files = await listFiles(session);
      const jobs = deps.resumable(accountId);
      return files
        .filter((f) => includeIncomplete || f.completed)
        .map((f) => toQuickSyncFile(f, session.sessionId, jobs.get(f.fileKey) ?? null))
        .sort(byName);
    },
    'quicksync:details': async ({ accountId, fileKey }) => {
      const session = await deps.session(accountId);
      const info = await fileDetails(session, fileKey);
      return toQuickSyncFile(info, session.sessionId, deps.resumable(accountId).get(info.fileKey) ?? null);
    },
    // The operation is registered before any await, so a cancel sent right after is not lost.
    'quicksync:delete': ({ accountId, fileKeys, operationId }) =>
      runOperation(deps.operations, operationId, async (op) => {
        const session = await deps.session(accountId);
        const jobs = deps.resumable(accountId);
        const uploading = fileKeys.flatMap((k) => jobs.get(k) ?? []);
        // Stopped first, so no part is sent to a file that is going away.
        if (uploading.length > 0) deps.cancelJobs(uploading);
        return deleteFiles(session, fileKeys, op);
      }),
  };
}
