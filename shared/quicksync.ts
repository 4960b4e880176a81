/**
 * QuickSync's Upload API (spec/quicksync-upload-api.md, quicksync-openapi.json): one flat list
 * of files per session, uploaded in parts. A QuickSync account stores its API base as
 * `endpoint`, its session id as `accessKeyId` and its session token as the secret.
 */
import { MiB } from './transfers';

export const QUICKSYNC_DEFAULT_API = 'https://api.quicksync.me/v1';

/** The one "bucket" a QuickSync account shows and the transfer queue addresses. */
export const QUICKSYNC_BUCKET = 'files';

/** Part sizes (spec/NOTES.md): 5 MiB by default; at most ~25 MiB under the server's request limit. */
export const QUICKSYNC_MIN_PART_SIZE = 1 * MiB;
export const QUICKSYNC_MAX_PART_SIZE = 25 * MiB;
export const QUICKSYNC_DEFAULT_PART_SIZE = 5 * MiB;

export interface QuickSyncFile {
  fileKey: string;
  /** What to show: the decrypted name when `fileName` was encrypted with this session id, else as stored. */
  name: string;
  /** True when `name` was decrypted from a QS Share encrypted name. */
  nameWasEncrypted: boolean;
  size: number;
  totalParts: number;
  completed: boolean;
  /** A journaled upload of this app that can resume it (incomplete files only), else null. */
  resumableJobId: string | null;
}
