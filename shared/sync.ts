/**
 * Folder sync: a local folder paired with a bucket folder (or a QuickSync session's file list),
 * compared into a plan the person reviews before anything moves, and run through the transfer
 * queue. These are the models the page sees; the core's sync service (electron/core/sync/) owns
 * the pairs, the plans and each pair's index of what was last in sync.
 */
import type { AppError } from './errors';

/** Which side is the source: upload only, download only, or both ways. */
export const SYNC_DIRECTIONS = ['upload', 'download', 'both'] as const;
export type SyncDirection = (typeof SYNC_DIRECTIONS)[number];

/**
 * How two files are judged the same: `sizeTime` (size, and the local file not newer than the
 * object; the index of the last sync catches changes of the same size) or `content` (MD5 against
 * the ETag, multipart ETags recomputed with the object's part size).
 */
export const SYNC_COMPARES = ['sizeTime', 'content'] as const;
export type SyncCompare = (typeof SYNC_COMPARES)[number];

/** Both ways, when a file changed on both sides: the newer one wins, or the plan asks per file. */
export const SYNC_CONFLICT_MODES = ['newer', 'ask'] as const;
export type SyncConflictMode = (typeof SYNC_CONFLICT_MODES)[number];

/** What the person can answer for a conflict in the plan. */
export const SYNC_RESOLUTIONS = ['upload', 'download', 'skip'] as const;
export type SyncResolution = (typeof SYNC_RESOLUTIONS)[number];

/** The editable settings of a pair. */
export interface SyncPairSettings {
  direction: SyncDirection;
  compare: SyncCompare;
  conflicts: SyncConflictMode;
  /** Delete what is gone from the source side (both ways: what was deleted on one side since the last sync). */
  deleteMissing: boolean;
  /** The person's ignore rules, gitignore syntax, one per line (the OS-junk defaults always apply too). */
  ignore: string;
  /** Upload local changes shortly after they settle (pairs that upload). */
  watch: boolean;
}

/** What a new pair starts with: upload only, judged by size and time, nothing deleted, not watched. */
export const DEFAULT_SYNC_SETTINGS: Readonly<SyncPairSettings> = {
  direction: 'upload',
  compare: 'sizeTime',
  conflicts: 'newer',
  deleteMissing: false,
  ignore: '',
  watch: false,
};

export interface SyncPair extends SyncPairSettings {
  id: string;
  accountId: string;
  /** QuickSync pairs: QUICKSYNC_BUCKET. */
  bucket: string;
  /** "" or a folder prefix ending in "/" (QuickSync: always ""). */
  prefix: string;
  /** The local folder, as the core resolved it (absolute). */
  localFolder: string;
  createdAt: string;
  lastRun: SyncRunSummary | null;
}

/** Files gitignore-matched by these are never synced, whatever the person's rules say. */
export const DEFAULT_SYNC_IGNORES = [
  '.DS_Store',
  '._*',
  '.Spotlight-V100/',
  '.Trashes/',
  '.fseventsd/',
  'Thumbs.db',
  'ehthumbs.db',
  'desktop.ini',
  '$RECYCLE.BIN/',
  '*~',
  '.~lock.*#',
  '~$*',
  '*.swp',
  '*.swo',
  '.#*',
  '*.tmp',
  '*.crdownload',
  '*.part',
  // The transfer queue's own temp files beside a download's target.
  '.*.qsdownload-*',
] as const;

export type SyncAction = 'upload' | 'download' | 'deleteRemote' | 'deleteLocal' | 'conflict';

/** Why an entry is in the plan. */
export type SyncReason =
  /** Only on the side it is copied from. */
  | 'new'
  /** On both sides and different; only the source side changed since the last sync (or no index says). */
  | 'changed'
  /** Gone from the source side (deletions only run when the pair deletes). */
  | 'gone'
  /** Changed on both sides since the last sync. */
  | 'bothChanged'
  /** On both sides and different, with no record of the last sync to say which side changed. */
  | 'differs';

export interface SyncEntry {
  /** Position in the plan: stable while the plan lives, used to run or answer parts of it. */
  index: number;
  /** "/"-separated, relative to the local folder and the remote prefix. */
  path: string;
  action: SyncAction;
  reason: SyncReason;
  local: { size: number; modified: string } | null;
  remote: { size: number; modified: string } | null;
  /**
   * Conflicts only: what running the entry does. `newer` mode fills it in (the newer side
   * wins); `ask` mode starts at `skip` until the person answers.
   */
  resolution: SyncResolution | null;
}

/** Entries are listed in three sections: uploads and downloads, deletions (confirmed apart), conflicts. */
export const SYNC_SECTIONS = ['changes', 'deletions', 'conflicts'] as const;
export type SyncSection = (typeof SYNC_SECTIONS)[number];

export interface SyncCount {
  files: number;
  bytes: number;
}

export interface SyncPlanSummary {
  planId: string;
  pairId: string;
  createdAt: string;
  counts: Record<SyncAction, SyncCount>;
  /** Entries per section (the page's virtual list sizes). */
  sections: Record<SyncSection, number>;
  /** Files on both sides judged the same. */
  unchanged: number;
  /** Local files and objects left out by the ignore rules. */
  ignored: number;
  /** Files that cannot take part (unreadable, a key that cannot be a file name here), with the reason. */
  problems: { path: string; error: AppError }[];
  /** Problems beyond the ones listed. */
  moreProblems: number;
  /** How long the comparison took (ms), and how many comparisons the index answered without I/O. */
  compareMs: number;
  fromIndex: number;
}

export interface SyncPlanPage {
  planId: string;
  section: SyncSection;
  offset: number;
  total: number;
  entries: SyncEntry[];
}

/** A file a run could not move or delete, with the reason (as the service or the system said it). */
export interface SyncFailure {
  path: string;
  message: string;
}

/** The most failures a run's summary names (`failed` counts them all). */
export const MAX_SYNC_FAILURES_NAMED = 20;

/** What a run did, and what the person should know about it (the page words it). */
export interface SyncRunSummary {
  startedAt: string;
  finishedAt: string;
  uploaded: number;
  downloaded: number;
  deletedRemote: number;
  deletedLocal: number;
  failed: number;
  /** Files that changed while the run moved them: not recorded as in sync; the next compare picks them up. */
  changedDuringRun: string[];
  /** Local files not deleted because they changed since the comparison. */
  keptLocal: string[];
  /** The first failures of deletions and replaced files (failed transfers are in Transfers). */
  failures: SyncFailure[];
  /** The person cancelled it before it ended. */
  cancelled: boolean;
  /** True when the watch started it. */
  watch: boolean;
}

/**
 * How far a run is: files finished (its transfers in any final state, and its deletions) of all
 * it moves, and the bytes its transfers moved of all they move.
 */
export interface SyncRunProgress {
  files: number;
  filesTotal: number;
  bytes: number;
  bytesTotal: number;
}

/** A pair's activity, as the page shows it. */
export type SyncActivity =
  | { state: 'idle' }
  | { state: 'comparing'; localFiles: number; remoteObjects: number; hashedBytes: number }
  | {
      state: 'running';
      planId: string;
      uploadBatchId: string | null;
      downloadBatchId: string | null;
      deleting: number;
      progress: SyncRunProgress;
    }
  | { state: 'failed'; error: AppError };

export interface SyncPairStatus {
  pairId: string;
  activity: SyncActivity;
  /** The pair's plan the page may show and run (null when there is none, or it was run). */
  planId: string | null;
  /** Watching the local folder now (the pair watches, and the watcher is up). */
  watching: boolean;
}

/** The payload of the core's 'sync:changed' event: every pair and its status, as they are now. */
export interface SyncState {
  pairs: SyncPair[];
  status: SyncPairStatus[];
  /**
   * What the person should know about the saved pairs, one sentence each; present only when
   * there is something: pairs the saved file held that could not be read (left out, with the
   * reason, and where the file as it was is kept). Said while the app runs; the next start is quiet.
   */
  notices?: string[];
}

/** Which parts of a plan a run includes; deletions only with their own confirmation in the page. */
export interface SyncRunParts {
  uploads: boolean;
  downloads: boolean;
  conflicts: boolean;
  deletions: boolean;
}

/** The directions a kind of account can sync: QuickSync has no modification times or folders. */
export function syncDirectionsFor(canBrowseBuckets: boolean): readonly SyncDirection[] {
  return canBrowseBuckets ? SYNC_DIRECTIONS : ['upload'];
}
