/**
 * Transfer models that cross the contract: jobs as the renderer sees them, the coalesced
 * progress snapshot, conflicts, and the settings that shape the queue.
 */
import type { AppError } from './errors';

export type TransferDirection = 'upload' | 'download';

/**
 * queued → running → paused | conflict | failed | done | skipped | cancelled.
 * `conflict` waits for the person's answer; `skipped` means deliberately not transferred
 * (conflict answer "skip", or a key that is unsafe as a local file name).
 */
export type TransferState = 'queued' | 'running' | 'paused' | 'conflict' | 'failed' | 'done' | 'skipped' | 'cancelled';

export const ACTIVE_STATES: readonly TransferState[] = ['queued', 'running', 'paused', 'conflict'];
export const FINISHED_STATES: readonly TransferState[] = ['done', 'skipped', 'cancelled'];

/** What to do when the target already exists, remembered for the rest of the batch once answered. */
export type ConflictPolicy = 'ask' | 'overwrite' | 'skip' | 'rename';
export type ConflictChoice = Exclude<ConflictPolicy, 'ask'>;

/** The panel's filters: active (queued, running, paused, conflict), failed, done (done, skipped, cancelled). */
export type TransferFilter = 'all' | 'active' | 'failed' | 'done';

export interface TransferJobView {
  id: string;
  batchId: string;
  direction: TransferDirection;
  /** Display name: the path relative to the dropped folder or chosen prefix. */
  name: string;
  accountId: string;
  bucket: string;
  /** The object key: the target of an upload, the source of a download. */
  key: string;
  /** The local file: the source of an upload, the target of a download; null for browser-staged uploads. */
  localPath: string | null;
  state: TransferState;
  bytesDone: number;
  /** null while unknown (a download whose size is not known yet). */
  bytesTotal: number | null;
  /** Bytes per second, smoothed; 0 unless running. */
  speed: number;
  etaSeconds: number | null;
  /** Set while a retry is pending: why, which attempt, and when. */
  retry: { attempt: number; maxAttempts: number; at: string; reason: string } | null;
  /** Something the person should know that is not a failure (e.g. "the file changed; restarted from the start"). */
  notice: string | null;
  /** Why it failed or was skipped. */
  error: AppError | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface TransferTotals {
  jobs: number;
  byState: Record<TransferState, number>;
  /** Bytes of the jobs still active plus those finished in the current run of work. */
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second over all running jobs. */
  speedUp: number;
  speedDown: number;
}

/** A target that exists already, waiting for the person's answer. */
export interface ConflictQuestion {
  jobId: string;
  batchId: string;
  direction: TransferDirection;
  name: string;
  key: string;
  localPath: string | null;
  existing: { size: number | null; lastModified: string | null };
}

/** Emitted once when every job of a batch has finished (the desktop notification). */
export interface BatchFinished {
  batchId: string;
  label: string;
  direction: TransferDirection;
  done: number;
  failed: number;
  skipped: number;
  cancelled: number;
}

/**
 * The coalesced progress event: at most about ten a second in total, however many jobs run.
 * The renderer keeps only the page it shows; `changed` updates jobs in place, and a new
 * `revision` (jobs added or removed) means "fetch the visible page again".
 */
export interface TransfersSnapshot {
  revision: number;
  totals: TransferTotals;
  /** Jobs whose view changed since the previous snapshot (at most MAX_CHANGED_PER_SNAPSHOT). */
  changed: TransferJobView[];
  /** More jobs changed than `changed` carries: refetch the visible page. */
  changedTruncated: boolean;
  /** Pending conflict questions, oldest first (at most a few). */
  conflicts: ConflictQuestion[];
  finishedBatches: BatchFinished[];
}

export const MAX_CHANGED_PER_SNAPSHOT = 200;

export interface TransferPage {
  revision: number;
  total: number;
  offset: number;
  jobs: TransferJobView[];
  /**
   * The totals as of this listing. Snapshots stop while idle, so a renderer that starts (or
   * reconnects) after the work ended learns the counts and bytes from here.
   */
  totals?: TransferTotals;
}

export interface TransferSettings {
  /** Jobs transferring at the same time. */
  jobsInParallel: number;
  /** Parts (uploads) or ranges (downloads) in flight per job. */
  partsInParallel: number;
  /** Global limits in bytes per second over all jobs; 0 means unlimited. */
  uploadBytesPerSecond: number;
  downloadBytesPerSecond: number;
  /** Files at or above this size upload in parts. */
  multipartThresholdBytes: number;
  /** Preferred part size; grown automatically so no upload needs more than 10,000 parts. */
  partSizeBytes: number;
  /** Attempts per request before the job fails with the real cause. */
  maxAttempts: number;
  /** A request with no bytes moving for this long is aborted and retried. */
  stallTimeoutMs: number;
  /** Resume unfinished transfers when the app starts. */
  resumeOnStart: boolean;
  /** Part size of QuickSync uploads (1–25 MiB). */
  quicksyncPartSizeBytes: number;
}

export const MiB = 1024 * 1024;

export const DEFAULT_TRANSFER_SETTINGS: TransferSettings = {
  jobsInParallel: 4,
  partsInParallel: 4,
  uploadBytesPerSecond: 0,
  downloadBytesPerSecond: 0,
  multipartThresholdBytes: 64 * MiB,
  // 4 lanes × 8 MiB keep a 1 GiB upload under 150 MiB resident (16 MiB: ~175), at ~+3 % time.
  partSizeBytes: 8 * MiB,
  maxAttempts: 6,
  stallTimeoutMs: 30_000,
  resumeOnStart: true,
  quicksyncPartSizeBytes: 5 * MiB,
};

export const S3_MIN_PART_SIZE = 5 * MiB;
export const S3_MAX_PART_SIZE = 5 * 1024 * MiB;
export const S3_MAX_PARTS = 10_000;

/** The result of transfers:upload: the batch, and for browser-held files where to stream each one. */
export interface UploadStarted {
  batchId: string;
  /** For each `browser` source, in order: the one-time path to PUT its bytes to (`/upload/<id>`). */
  stagePaths: string[];
}

export type DownloadStarted =
  | {
      kind: 'started';
      batchId: string;
      targetDir: string;
      /** Electron: the handle its page names this folder by in further calls of the batch. */
      targetDirHandle?: string;
    }
  | { kind: 'cancelled' };

export interface IncompleteUpload {
  key: string;
  uploadId: string;
  initiated: string | null;
  /** Who started it, when the service says (any client's uploads are listed). */
  initiator: string | null;
  storageClass: string | null;
}
