/**
 * What the transfer service asks of an account's provider: everything that differs between
 * services (S3, QuickSync) when transfer jobs are made, checked, run and cleaned up. The queue
 * and the service never ask which kind an account is, and never reach a provider's internals:
 * they ask this (providers/s3/transfers.ts, providers/quicksync/transfers.ts implement it).
 */
import type { AppError } from '../../../shared/errors';
import type { UploadObjectOptions } from '../../../shared/properties';
import type {
  Checkpoint,
  DownloadCheckpoint,
  EngineTuning,
  SourceFile,
  TransferTask,
} from '../../../shared/transfer-protocol';
import type { ConflictPolicy, ConflictQuestion, TransferSettings } from '../../../shared/transfers';

/** What is known about a target that exists already (shown in the conflict question). */
export type Existing = ConflictQuestion['existing'];

/** Where an upload batch goes, as asked and as the service can take it. */
export interface UploadPlace {
  bucket: string;
  /** Prepended to every relative path to make the key ("" for none). */
  prefix: string;
  conflict: ConflictPolicy;
}

/** One thing a download request becomes, with its local path inside the chosen folder. */
export type DownloadItem =
  | { kind: 'file'; key: string; relative: string; path: string; size: number | null; etag: string | null }
  | { kind: 'folder'; key: string; relative: string; path: string }
  | { kind: 'unsafe'; key: string; relative: string; reason: string }
  | { kind: 'error'; key: string; relative: string; error: AppError };

export interface DownloadSelection {
  bucket: string;
  /** The folder the selection was made in: keys are named relative to it. */
  basePrefix: string;
  keys: readonly string[];
}

/** A job ready to run, as the queue hands it over (its source file read, its target made). */
export type TaskRequest = {
  jobId: string;
  bucket: string;
  key: string;
  /** What the last run left (parts sent, ranges written); the provider takes the kind it resumes. */
  checkpoint: Checkpoint | null;
  settings: TransferSettings;
  tuning: EngineTuning;
} & (
  | { direction: 'upload'; source: SourceFile; options: UploadObjectOptions | null }
  | { direction: 'download'; target: string; expected: { size: number | null; etag: string | null } | null }
);

/** An upload's checkpoint: what remains on the server when it stops unfinished. */
export type UploadLeftover = Exclude<Checkpoint, DownloadCheckpoint>;

export interface ProviderTransfers {
  /**
   * Where an upload batch really goes: S3 keeps the bucket, prefix and policy asked for;
   * QuickSync has one flat list where every upload is a new file (no prefix, nothing to ask).
   */
  uploadPlace(requested: UploadPlace): UploadPlace;
  /**
   * The files and folders a download selection becomes, in order and streaming. Rejects when
   * the service cannot be reached at all (no secret): every selected item then fails with it.
   */
  downloadItems(selection: DownloadSelection, root: string, signal: AbortSignal): Promise<AsyncIterable<DownloadItem>>;
  /** The object an upload would replace, or null when there is none. */
  existing(bucket: string, key: string): Promise<Existing | null>;
  /** The worker task for a job, with the account's credentials resolved now (never stored). */
  buildTask(request: TaskRequest): Promise<TransferTask>;
  /** Removes an unfinished upload from the server (one already gone is fine). */
  discardUpload(bucket: string, key: string, leftover: UploadLeftover): Promise<void>;
  /** Where the person removes an unfinished upload that could not be removed for them. */
  readonly leftoverHint: string;
  /**
   * A downloader for drag-out (objects to plain files), resolved before anything is written;
   * NotSupported where the service's files cannot be dragged out.
   */
  dragOutDownloader(bucket: string): Promise<(key: string, target: string) => Promise<void>>;
}
