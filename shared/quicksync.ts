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

/** Longest file key the app sends (the API's keys are short ids). */
export const QUICKSYNC_MAX_KEY_LENGTH = 1024;

/**
 * Why a QuickSync file key cannot be sent, or null. A key is one URL path segment
 * (`/buckets/{fileKey}`): ".", ".." or a separator would make the URL name another resource
 * (`DELETE /buckets/..` is `DELETE /`), and control characters have no place in one.
 */
export function quickSyncFileKeyProblem(fileKey: string): string | null {
  const shown = JSON.stringify(fileKey.length > 60 ? `${fileKey.slice(0, 60)}…` : fileKey);
  if (fileKey === '') return 'A QuickSync file key must not be empty.';
  if (fileKey.length > QUICKSYNC_MAX_KEY_LENGTH)
    return `A QuickSync file key is at most ${QUICKSYNC_MAX_KEY_LENGTH} characters; this one is ${fileKey.length}.`;
  if (fileKey === '.' || fileKey === '..')
    return `${shown} is not a QuickSync file key: "." and ".." would address something other than a file.`;
  if (/[/\\]/.test(fileKey))
    return `The QuickSync file key ${shown} contains "/" or "\\", which QuickSync keys never do: it was not sent.`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f-\u009f]/.test(fileKey))
    return `The QuickSync file key ${shown} contains a control character, which QuickSync keys never do: it was not sent.`;
  return null;
}
