/**
 * A run of (part of) a plan: uploads and downloads as one queue batch each, the confirmed
 * deletions, then what makes the next comparison cheap and honest — downloaded files get the
 * object's time, every file that is now the same on both sides gets an index entry, and a file
 * that changed while it was uploaded is not recorded (the summary names it).
 */
import { randomUUID } from 'node:crypto';
import { stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import {
  MAX_SYNC_FAILURES_NAMED,
  type SyncPair,
  type SyncRunProgress,
  type SyncRunSummary,
} from '../../../shared/sync';
import type { TransferState } from '../../../shared/transfers';
import { isWithin, safeLocalPath } from '../transfers/local-paths';
import type { NewJob } from '../transfers/queue';
import type { ProviderTransfers } from '../transfers/provider-transfers';
import { runBatch, type BatchDeps, type JobEnd } from '../transfers/run-batch';
import { deleteLocal, deleteRemote, type DeletionOutcome, type Trash } from './deletions';
import { ignoreMatcher } from './ignore-rules';
import { createRunProgress } from './run-progress';
import { listRemote } from './remote-tree';
import { indexFile, loadIndex, saveIndex } from './sync-index';
import type { IndexEntry, LocalFile, PlannedEntry, RemoteObject } from './types';

export interface RunnerDeps extends BatchDeps {
  dataDir: string;
  transfersFor(accountId: string): Promise<ProviderTransfers>;
  now(): number;
  /** The host's trash for local deletions, asked at each run (null: files are unlinked). */
  trash(): Trash | null;
}

export interface RunHooks {
  /** The person cancelled: the run's jobs are cancelled, deletions stop between chunks. */
  cancel: AbortSignal;
  /** The app quits: stop waiting (the queue resumes the jobs on the next start); the run rejects. */
  quit: AbortSignal;
  started(batches: { uploadBatchId: string | null; downloadBatchId: string | null }): void;
  deleting(left: number): void;
  /** How far the run is (as often as snapshots come; the status coalesces them). */
  progress(progress: SyncRunProgress): void;
}

type Upload = { entry: PlannedEntry; local: LocalFile; key: string };
type Download = { entry: PlannedEntry; remote: RemoteObject; target: string | null; problem: string | null };

const label = (pair: SyncPair): { folder: string; place: string } => ({
  folder: path.basename(pair.localFolder) || pair.localFolder,
  place: `${pair.bucket}/${pair.prefix}`.replace(/\/+$/, ''),
});

/** What the entries move, by direction (a conflict joins the side its answer chose). */
function split(pair: SyncPair, entries: PlannedEntry[], dataDir: string) {
  const uploads: Upload[] = [];
  const downloads: Download[] = [];
  const remoteGone: RemoteObject[] = [];
  const localGone: LocalFile[] = [];
  for (const entry of entries) {
    const way = entry.action === 'conflict' ? entry.resolution : entry.action;
    const { local, remote } = entry;
    if (way === 'upload' && local) uploads.push({ entry, local, key: pair.prefix + entry.path });
    else if (way === 'download' && remote) {
      const safe = safeLocalPath(pair.localFolder, entry.path);
      const problem = !safe.ok
        ? `the key cannot be a file name here (${safe.reason})`
        : isWithin(dataDir, safe.path)
          ? "it would write into the app's own data folder"
          : null;
      downloads.push({ entry, remote, target: safe.ok ? safe.path : null, problem });
    } else if (entry.action === 'deleteRemote' && remote) remoteGone.push(remote);
    else if (entry.action === 'deleteLocal' && local) localGone.push(local);
  }
  return { uploads, downloads, remoteGone, localGone };
}

export async function runPlan(
  deps: RunnerDeps,
  pair: SyncPair,
  entries: PlannedEntry[],
  watch: boolean,
  hooks: RunHooks,
): Promise<SyncRunSummary> {
  const startedAt = new Date(deps.now()).toISOString();
  const transfers = await deps.transfersFor(pair.accountId);
  const { uploads, downloads, remoteGone, localGone } = split(pair, entries, deps.dataDir);
  const { accountId, bucket } = pair;
  const { folder, place } = label(pair);

  const uploadJobs: Omit<NewJob, 'batchId'>[] = uploads.map(({ entry, local, key }) => ({
    direction: 'upload',
    name: entry.path,
    accountId,
    bucket,
    key,
    localPath: local.absolute,
    bytesTotal: local.size,
    // rclone (and a content compare here, on services that ignore HEAD's partNumber) can check a
    // multipart object by this MD5 only.
    wholeFileMd5: true,
  }));
  const downloadJobs: Omit<NewJob, 'batchId'>[] = downloads.map(({ entry, remote, target, problem }) => ({
    direction: 'download',
    name: entry.path,
    accountId,
    bucket,
    key: remote.key,
    localPath: target,
    bytesTotal: remote.size,
    expected: { size: remote.size, etag: remote.etag },
    ...(problem !== null && {
      state: 'skipped' as const,
      error: { code: 'InvalidKey' as const, message: `Not downloaded: ${problem}.` },
    }),
  }));
  const deletions = remoteGone.length + localGone.length;
  const progress = createRunProgress(
    {
      files: uploadJobs.length + downloadJobs.length + deletions,
      bytes: [...uploadJobs, ...downloadJobs].reduce((sum, job) => sum + (job.bytesTotal ?? 0), 0),
    },
    hooks.progress,
  );
  hooks.progress(progress.now());
  const uploadBatchId = uploads.length > 0 ? randomUUID() : null;
  const downloadBatchId = downloads.length > 0 ? randomUUID() : null;
  // The batches' labels ("photos → bucket/prefix") hold names only: the page words the rest.
  const batchOf = (
    id: string | null,
    direction: 'upload' | 'download',
    jobs: Omit<NewJob, 'batchId'>[],
  ): Promise<(JobEnd | null)[]> =>
    id === null
      ? Promise.resolve([])
      : runBatch(
          deps,
          {
            id,
            accountId,
            bucket,
            conflict: 'overwrite',
            direction,
            place: direction === 'upload' ? `${folder} → ${place}` : `${place} → ${folder}`,
            targetDir: direction === 'upload' ? null : pair.localFolder,
          },
          jobs,
          { quit: hooks.quit, onJob: (view) => progress.job(view) },
        );
  const batches = [batchOf(uploadBatchId, 'upload', uploadJobs), batchOf(downloadBatchId, 'download', downloadJobs)];
  // Settled either way below; a quit rejects both, and the first rejection is the run's.
  for (const batch of batches) batch.catch(() => {});
  hooks.started({ uploadBatchId, downloadBatchId });
  const cancelBatches = (): void => {
    for (const batchId of [uploadBatchId, downloadBatchId])
      if (batchId !== null) deps.queue.control('cancel', { batchId });
  };
  hooks.cancel.addEventListener('abort', cancelBatches, { once: true });
  if (hooks.cancel.aborted) cancelBatches();

  try {
    let left = deletions;
    const deletingLeft = (count: number): void => {
      hooks.deleting(count);
      progress.deletions(deletions - count);
    };
    deletingLeft(left);
    const deleted = (before: number) => (count: number) => deletingLeft(before - count);
    const removedRemote = await deleteRemote(transfers, bucket, remoteGone, hooks.cancel, deleted(left));
    left -= removedRemote.deleted.length + removedRemote.failed.length;
    const removedLocal = await deleteLocal(pair.localFolder, localGone, hooks.cancel, deleted(left), deps.trash());
    deletingLeft(0);
    const [upStates, downStates] = (await Promise.all(batches)).map((ends) => ends.map((end) => end?.state ?? null));

    const index = new Map<string, IndexEntry>(await loadIndex(indexFile(deps.dataDir, pair.id)));
    for (const p of [...removedRemote.deleted, ...removedLocal.deleted]) index.delete(p);
    const downloaded = await settleDownloads(downloads, downStates ?? [], index);
    const uploaded = await settleUploads(transfers, pair, uploads, upStates ?? [], index, hooks.quit);
    await saveIndex(indexFile(deps.dataDir, pair.id), index);

    const failures: DeletionOutcome['failed'] = [...removedRemote.failed, ...removedLocal.failed, ...uploaded.failed];
    const failedJobs = [...(upStates ?? []), ...(downStates ?? [])].filter((s) => s === 'failed').length;
    const failed = failedJobs + failures.length;
    return {
      startedAt,
      finishedAt: new Date(deps.now()).toISOString(),
      uploaded: uploaded.done,
      downloaded,
      deletedRemote: removedRemote.deleted.length,
      deletedLocal: removedLocal.deleted.length,
      failed,
      changedDuringRun: uploaded.changed,
      keptLocal: removedLocal.changed,
      failures: failures.slice(0, MAX_SYNC_FAILURES_NAMED),
      cancelled: hooks.cancel.aborted,
      watch,
    };
  } finally {
    hooks.cancel.removeEventListener('abort', cancelBatches);
  }
}

/** Downloaded files take the object's time (so size+time compares see them in sync) and join the index. */
async function settleDownloads(
  downloads: Download[],
  states: (TransferState | null)[],
  index: Map<string, IndexEntry>,
): Promise<number> {
  let done = 0;
  for (const [i, { entry, remote, target }] of downloads.entries()) {
    if (states[i] !== 'done' || target === null) continue;
    done++;
    // utimes truncates seconds to whole microseconds: half a microsecond more keeps a float just
    // below the millisecond from landing a microsecond early, so the file's mtimeMs is exact.
    const time = remote.lastModifiedMs / 1000 + 5e-7;
    const now = await utimes(target, time, time)
      .then(() => stat(target))
      .catch(() => null);
    // The queue verified the bytes (every part's MD5, the size, the ETag).
    if (now?.size === remote.size)
      index.set(entry.path, { size: now.size, mtimeMs: now.mtimeMs, etag: remote.etag, byContent: true });
  }
  return done;
}

/**
 * Uploaded files whose source is still what the plan saw join the index with the ETag one
 * listing at the end reports; the others changed during the run. An upload that replaced a
 * file under another key (QuickSync makes a new file) removes the one it replaced.
 */
async function settleUploads(
  transfers: ProviderTransfers,
  pair: SyncPair,
  uploads: Upload[],
  states: (TransferState | null)[],
  index: Map<string, IndexEntry>,
  signal: AbortSignal,
): Promise<{ done: number; changed: string[]; failed: DeletionOutcome['failed'] }> {
  const changed: string[] = [];
  const unchanged: Upload[] = [];
  const replaced: RemoteObject[] = [];
  let done = 0;
  for (const [i, upload] of uploads.entries()) {
    if (states[i] !== 'done') continue;
    done++;
    const { local, entry, key } = upload;
    if (entry.remote && entry.remote.key !== key) replaced.push(entry.remote);
    const now = await stat(local.absolute).catch(() => null);
    if (now?.size === local.size && now.mtimeMs === local.mtimeMs) unchanged.push(upload);
    else changed.push(entry.path);
  }
  const failed = (await deleteRemote(transfers, pair.bucket, replaced, signal, () => {})).failed;
  if (unchanged.length > 0) {
    const listed = await listRemote(transfers, pair.bucket, pair.prefix, {
      ignored: ignoreMatcher(pair.ignore),
      signal,
    });
    for (const { local, entry } of unchanged) {
      const object = listed.files.get(entry.path);
      if (object?.size === local.size)
        index.set(entry.path, { size: local.size, mtimeMs: local.mtimeMs, etag: object.etag, byContent: true });
    }
  }
  return { done, changed, failed };
}
