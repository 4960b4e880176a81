/**
 * The incomplete-uploads tool's logic: page through a bucket's unfinished multipart uploads
 * (from any client) and abort a set of them in calls the schema allows, adding up one summary.
 */
import { ok, type Result } from '../../../shared/errors';
import type { BatchSummary } from '../../../shared/models';
import type { IncompleteUpload } from '../../../shared/transfers';
import type { InvokeOf } from '../api/host-api';

/** The two channels this tool uses. */
export interface MultipartApi {
  invoke: InvokeOf<'multipart:list' | 'multipart:abort'>;
}

/** multipart:abort takes at most this many uploads per call. */
export const ABORT_PER_CALL = 1000;

/** One upload, as the list and the selection know it (a key can have several uploads). */
export const uploadRef = (u: Pick<IncompleteUpload, 'key' | 'uploadId'>): string => `${u.uploadId}\u0000${u.key}`;

/** Every remaining page after `token`, appended to `loaded`; stops at the first error. */
export async function listRest(
  api: MultipartApi,
  where: { accountId: string; bucket: string },
  loaded: readonly IncompleteUpload[],
  token: string | null,
): Promise<Result<IncompleteUpload[]>> {
  const all = [...loaded];
  let next = token;
  const seen = new Set<string>();
  while (next !== null) {
    // A service that repeats a token would loop forever: stop there.
    if (seen.has(next)) break;
    seen.add(next);
    const page = await api.invoke('multipart:list', { ...where, prefix: '', continuationToken: next });
    if (!page.ok) return page;
    all.push(...page.value.items);
    next = page.value.nextToken;
  }
  return ok(all);
}

/** Aborts in calls of ABORT_PER_CALL; a failed call counts its uploads as failed with its error. */
export async function abortAll(
  api: MultipartApi,
  where: { accountId: string; bucket: string },
  uploads: readonly Pick<IncompleteUpload, 'key' | 'uploadId'>[],
  onProgress?: (done: number) => void,
): Promise<BatchSummary> {
  const summary: BatchSummary = { succeeded: 0, failed: [] };
  for (let from = 0; from < uploads.length; from += ABORT_PER_CALL) {
    const chunk = uploads.slice(from, from + ABORT_PER_CALL).map(({ key, uploadId }) => ({ key, uploadId }));
    const result = await api.invoke('multipart:abort', { ...where, uploads: chunk });
    if (result.ok) {
      summary.succeeded += result.value.succeeded;
      summary.failed.push(...result.value.failed);
    } else {
      for (const u of chunk)
        summary.failed.push({ key: u.key, code: result.error.code, message: result.error.message });
    }
    onProgress?.(Math.min(uploads.length, from + chunk.length));
  }
  return summary;
}
