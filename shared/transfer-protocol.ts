/**
 * The typed message protocol between the core's transfer queue and its worker threads.
 * Credentials travel only inside `start-*` messages over the MessagePort: never in argv or env.
 */
import type { AppError } from './errors';
import type { AccountKind, AddressingStyle, ChecksumMode } from './models';
import type { UploadObjectOptions } from './properties';

/** An S3 account's credentials (every kind but QuickSync). */
export interface WorkerCredentials {
  kind: Exclude<AccountKind, 'quicksync'>;
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  addressingStyle: AddressingStyle;
  checksumMode: ChecksumMode;
  /** Resolved for the bucket (dotted names force path style). */
  pathStyle: boolean;
}

/**
 * A QuickSync account's access, named as the account stores it: `endpoint` is the API base (the
 * only origin the token is ever sent to), `accessKeyId` the session id, `secretAccessKey` the
 * session token.
 */
export interface QuickSyncCredentials {
  kind: 'quicksync';
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Upload names encrypted with the session id (QS Share). */
  encryptNames: boolean;
}

/** Per-job behaviour the queue decides from the settings. */
export interface EngineTuning {
  partsInParallel: number;
  maxAttempts: number;
  stallTimeoutMs: number;
  /** First backoff delay; doubles per attempt with full jitter, capped at maxBackoffMs. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export interface SourceFile {
  path: string;
  size: number;
  mtimeMs: number;
  /**
   * Set when the file was stat'ed just before the task started: the worker then takes size, mtime
   * and inode from here rather than stat'ing the file again (its checks by path still catch a change).
   */
  ino?: number;
  /**
   * The file's modification time in nanoseconds, recorded on the object as rclone records it
   * (x-amz-meta-mtime). Absent for a browser upload's staging file, whose time means nothing.
   */
  mtimeNs?: bigint;
}

export interface CompletedPart {
  partNumber: number;
  /** As the service returned it, quotes included. */
  etag: string;
  size: number;
  /** Hex MD5 of the part's bytes (what Content-MD5 carried), for the multipart ETag check. */
  md5: string;
}

/** Persisted after every completed part: enough to resume without sending a finished part again. */
export interface UploadCheckpoint {
  kind: 'upload';
  uploadId: string;
  partSize: number;
  source: { size: number; mtimeMs: number };
  parts: CompletedPart[];
}

/** Persisted after every completed range: resume only while the object's ETag still matches. */
export interface DownloadCheckpoint {
  kind: 'download';
  tempPath: string;
  etag: string;
  size: number;
  chunkSize: number;
  /** Indexes of chunks fully written to tempPath. */
  doneChunks: number[];
}

/** A QuickSync part as the service acknowledged it. */
export interface QuickSyncPart {
  partNumber: number;
  tag: string;
  size: number;
}

/**
 * Persisted after the upload is initiated and after every part. QuickSync cannot list an
 * upload's parts, so these saved tags are all a resume knows: a part in here is never sent again.
 */
export interface QuickSyncUploadCheckpoint {
  kind: 'quicksync-upload';
  fileKey: string;
  uploadId: string;
  partSize: number;
  source: { size: number; mtimeMs: number };
  parts: QuickSyncPart[];
}

export type Checkpoint = UploadCheckpoint | DownloadCheckpoint | QuickSyncUploadCheckpoint;

export interface UploadTask {
  kind: 'upload';
  jobId: string;
  credentials: WorkerCredentials;
  tuning: EngineTuning;
  bucket: string;
  key: string;
  source: SourceFile;
  /** Single PUT below this size, multipart at or above. */
  multipartThreshold: number;
  /** Preferred part size; the engine grows it to stay within 10,000 parts. */
  partSize: number;
  contentType: string | null;
  /** Tags, canned ACL, encryption and storage class: sent with PutObject / CreateMultipartUpload. */
  options: UploadObjectOptions;
  /**
   * A new multipart upload records the whole file's MD5 as rclone does (x-amz-meta-md5chksum),
   * so rclone and a content compare can check the object: one more read of the file first.
   */
  wholeFileMd5: boolean;
  resume: UploadCheckpoint | null;
}

export interface DownloadTask {
  kind: 'download';
  jobId: string;
  credentials: WorkerCredentials;
  tuning: EngineTuning;
  bucket: string;
  key: string;
  /** The final file; the engine writes to a temp file beside it and renames when verified. */
  target: string;
  /** What the listing or HEAD said; the engine re-checks with HEAD and sends If-Match. */
  expected: { size: number | null; etag: string | null };
  chunkSize: number;
  resume: DownloadCheckpoint | null;
}

export interface QuickSyncUploadTask {
  kind: 'quicksync-upload';
  jobId: string;
  credentials: QuickSyncCredentials;
  tuning: EngineTuning;
  /** The file's name on the service (the job's key): its path relative to the dropped folder. */
  key: string;
  source: SourceFile;
  partSize: number;
  resume: QuickSyncUploadCheckpoint | null;
}

/**
 * A QuickSync download starts again from the beginning after a stop: its checkpoint records only
 * the temp file (no chunks), so a crash never leaves that file behind.
 */
export interface QuickSyncDownloadTask {
  kind: 'quicksync-download';
  jobId: string;
  credentials: QuickSyncCredentials;
  tuning: EngineTuning;
  /** The fileKey. */
  key: string;
  target: string;
  resume: DownloadCheckpoint | null;
}

export type TransferTask = UploadTask | DownloadTask | QuickSyncUploadTask | QuickSyncDownloadTask;

export interface TaskResult {
  size: number;
  etag: string | null;
}

/** core → worker */
export type ToWorker =
  | {
      type: 'init';
      /** Shared token buckets (see electron/worker/rate-limiter.ts): one for uploads, one for downloads. */
      limiters: { up: SharedArrayBuffer; down: SharedArrayBuffer };
    }
  | { type: 'start'; task: TransferTask }
  /** pause: stop, keep the multipart upload and temp file for later; cancel: abort the upload, remove the temp file. */
  | { type: 'stop'; jobId: string; reason: 'pause' | 'cancel' };

/** worker → core */
export type FromWorker =
  | { type: 'progress'; jobId: string; bytesDone: number; bytesTotal: number }
  | { type: 'checkpoint'; jobId: string; checkpoint: Checkpoint }
  | { type: 'retrying'; jobId: string; attempt: number; maxAttempts: number; delayMs: number; reason: AppError }
  | { type: 'notice'; jobId: string; message: string }
  | { type: 'done'; jobId: string; result: TaskResult }
  | { type: 'failed'; jobId: string; error: AppError }
  /** After a stop: paused (state kept) or cancelled (multipart aborted, temp removed). */
  | { type: 'stopped'; jobId: string; reason: 'pause' | 'cancel' };
