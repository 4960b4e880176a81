/**
 * What a host checks in a request from its page before the router sees it. The router trusts
 * local paths (tests and benchmarks name them); a page must not: a script in it could upload
 * ~/.ssh or download into a folder of its choosing. So the browser host's page names no local
 * file at all (its uploads stream through staging), and the Electron host's page names local
 * paths only by the handles the host minted for what came from a drop or a native dialog.
 * A sync pair's folder is read whole and written into, so the Electron page names none at all:
 * it sends null and the core asks with the native dialog (a download folder's handle was given
 * for writing into, not for reading back out).
 */
import type { AppError } from '../../shared/errors';

/** What a handle was minted for: files to upload (drop, picker) or a download folder (dialog). */
export type HandleUse = 'upload' | 'download';

export type PagePolicy =
  /** The browser host: no upload by path; a typed download or sync folder is allowed (it has no dialog). */
  | { kind: 'browser' }
  /**
   * The Electron host: local paths only as handles, which `resolve` turns back into paths (null:
   * unknown, or minted for the other use, so a dropped folder never becomes a download target).
   */
  | { kind: 'electron'; resolve(handle: string, use: HandleUse): string | null };

export type Screened = { ok: true; request: unknown } | { ok: false; error: AppError };

export const PAGE_PATH_REFUSED: AppError = {
  code: 'AccessDenied',
  message: 'The page cannot name files on this computer: drop them or choose them with Upload files.',
};
export const PAGE_FOLDER_REFUSED: AppError = {
  code: 'AccessDenied',
  message: 'The page cannot name a folder on this computer: choose the download folder in the dialog.',
};
export const PAGE_SYNC_FOLDER_REFUSED: AppError = {
  code: 'AccessDenied',
  message: 'The page cannot name a folder on this computer: choose the folder to sync in the dialog.',
};
export const UNKNOWN_HANDLE: AppError = {
  code: 'AccessDenied',
  message:
    'That file or folder is not one the app was given for this (it may have been chosen in an earlier window): drop or choose it again.',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The request as the router may see it, or the refusal. Shapes it does not recognise pass
 * unchanged: the router's schemas answer malformed requests.
 */
export function screenPageRequest(channel: string, request: unknown, policy: PagePolicy): Screened {
  if (!isRecord(request)) return { ok: true, request };
  if (channel === 'transfers:upload' && Array.isArray(request.sources)) {
    const sources: unknown[] = [];
    for (const source of request.sources) {
      const screened = screenSource(source, policy);
      if (!screened.ok) return screened;
      sources.push(screened.request);
    }
    return { ok: true, request: { ...request, sources } };
  }
  if (channel === 'transfers:download' && policy.kind === 'electron') {
    const dir = request.targetDir;
    if (typeof dir === 'string') return { ok: false, error: PAGE_FOLDER_REFUSED };
    if (isRecord(dir) && typeof dir.handle === 'string') {
      const resolved = policy.resolve(dir.handle, 'download');
      if (resolved === null) return { ok: false, error: UNKNOWN_HANDLE };
      return { ok: true, request: { ...request, targetDir: resolved } };
    }
  }
  // Neither a typed folder nor a handle: null, and the core asks with the native dialog.
  if (channel === 'sync:create' && policy.kind === 'electron' && (request.localFolder ?? null) !== null)
    return { ok: false, error: PAGE_SYNC_FOLDER_REFUSED };
  return { ok: true, request };
}

function screenSource(source: unknown, policy: PagePolicy): Screened {
  if (!isRecord(source)) return { ok: true, request: source };
  if (source.kind === 'path') return { ok: false, error: PAGE_PATH_REFUSED };
  if (source.kind === 'handle' && policy.kind === 'electron' && typeof source.handle === 'string') {
    const resolved = policy.resolve(source.handle, 'upload');
    if (resolved === null) return { ok: false, error: UNKNOWN_HANDLE };
    return { ok: true, request: { kind: 'path', path: resolved } };
  }
  return { ok: true, request: source };
}
