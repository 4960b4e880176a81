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
  | { direction: 'upload'; source: SourceFile; options: UploadObjectOptions | null; wholeFileMd5: boolean }
  | { direction: 'download'; target: string; expected: { size: number | null; etag: string | null } | null }
);

/** An upload's checkpoint: what remains on the server when it stops unfinished. */
export type UploadLeftover = Exclude<Checkpoint, DownloadCheckpoint>;

/** A file of a sync listing (folder markers included: the sync leaves them out). */
export interface SyncListingItem {
  key: string;
  /** The path the file syncs as, when it is not the key minus the prefix (QuickSync: its display name). */
  name?: string;
  size: number;
  /** Quotes removed; null when the service has none (QuickSync). */
  etag: string | null;
  /** 0 when the service keeps no time (QuickSync). */
  lastModifiedMs: number;
}

/** How a multipart object was cut, as far as the service tells (null: it does not say). */
export interface PartLayout {
  /** Part 1's length: the size every part but the last has. */
  partSize: number | null;
  partsCount: number | null;
  /** MD5 of the whole file (hex), when the uploader stored it in the metadata (rclone). */
  md5: string | null;
}

export interface SyncDeleteResult {
  deleted: string[];
  failed: { key: string; error: AppError }[];
}

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
  /**
   * Folder sync: every finished file under the prefix, streamed page by page (S3: listed without
   * a delimiter; QuickSync: its one list, named by display name). Rejects when the service cannot
   * be reached at all; a page that fails ends the iteration with its error.
   */
  syncListing(bucket: string, prefix: string, signal: AbortSignal): Promise<AsyncIterable<SyncListingItem>>;
  /** Folder sync, content compare: how a multipart object was cut (all null where nothing says). */
  partLayout(bucket: string, key: string, signal: AbortSignal): Promise<PartLayout>;
  /**
   * Folder sync: deletes files by key, many per request where the service can. One already gone
   * counts as deleted. Once cancelled it stops: a key in neither list may or may not be gone.
   */
  syncDelete(bucket: string, keys: readonly string[], signal: AbortSignal): Promise<SyncDeleteResult>;
}
