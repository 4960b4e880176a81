/**
 * What the sync service's parts hand each other: the two trees as listed, the index of the
 * last sync, and the plan the comparison makes. Plain data; no credential ever.
 */
import type { AppError } from '../../../shared/errors';
import type { SyncAction, SyncPair, SyncReason, SyncResolution } from '../../../shared/sync';

/** A local file, by its "/"-separated path relative to the pair's folder. */
export interface LocalFile {
  path: string;
  /** Absolute path on disk. */
  absolute: string;
  size: number;
  mtimeMs: number;
}

/** An object under the pair's prefix, by its path relative to the prefix. */
export interface RemoteObject {
  path: string;
  key: string;
  size: number;
  /** Quotes removed; null when the service gave none (QuickSync). */
  etag: string | null;
  lastModifiedMs: number;
}

/** What both sides were when they were last known to be the same (one per path). */
export interface IndexEntry {
  size: number;
  mtimeMs: number;
  etag: string | null;
  /**
   * The bytes were shown to match (a content compare, or a verified transfer), not only the size
   * and time: a pair switched to content compare trusts only such entries.
   */
  byContent: boolean;
}

export interface Problem {
  path: string;
  error: AppError;
}

/** One side, listed: its files by path, and what was left out. */
export interface Tree<T> {
  files: Map<string, T>;
  ignored: number;
  problems: Problem[];
}

/** An entry of the plan as the core keeps it (the page sees SyncEntry). */
export interface PlannedEntry {
  path: string;
  action: SyncAction;
  reason: SyncReason;
  local: LocalFile | null;
  remote: RemoteObject | null;
  /** Conflicts: what running it does (the newer side, or `skip` until answered). */
  resolution: SyncResolution | null;
}

export interface PlanInput {
  pair: Pick<SyncPair, 'direction' | 'compare' | 'conflicts' | 'deleteMissing'>;
  local: Tree<LocalFile>;
  remote: Tree<RemoteObject>;
  index: ReadonlyMap<string, IndexEntry>;
  /** Content mode: whether the local file's bytes are the object's (MD5 / multipart ETag). */
  sameContent(local: LocalFile, remote: RemoteObject): Promise<boolean>;
}

export interface PlanResult {
  entries: PlannedEntry[];
  unchanged: number;
  /** Paths the index answered without comparing anything else. */
  fromIndex: number;
  /**
   * The index after this comparison: every path found the same, with both sides as they are now;
   * the old entry of a path still on some side but not the same (it tells the next comparison which
   * side changed, and that a one-sided path was synced); paths gone from both sides dropped.
   */
  index: Map<string, IndexEntry>;
}
