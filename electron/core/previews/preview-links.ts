/**
 * Quick Look's links: `/preview/<id>`, one per opened preview, bound to one object and its ETag.
 * Unlike a download link it serves many Range requests (a video seeks), so it lives while in
 * use: each request renews it (`use`), an idle one expires, closing the preview drops it, and
 * the least recently used go first past a bound. The random id is the capability.
 */
import type { PreviewTarget } from '../host-services';
import { createLinkTable, type LinkTable } from '../link-table';

export const PREVIEW_PATH_PREFIX = '/preview/';
const DEFAULT_IDLE_MS = 5 * 60_000;
/** Enough for a preview plus a grid's visible thumbnails; the least recently used go first. */
const MAX_LINKS = 256;

export type PreviewLinks = Pick<LinkTable<PreviewTarget>, 'create' | 'use' | 'drop' | 'size' | 'clear'>;

export interface PreviewLinkOptions {
  idleMs?: number;
  /** Injected clock so expiry is testable without waiting. */
  now?: () => number;
}

export function createPreviewLinks(options: PreviewLinkOptions = {}): PreviewLinks {
  return createLinkTable<PreviewTarget>({
    prefix: PREVIEW_PATH_PREFIX,
    lifetimeMs: options.idleMs ?? DEFAULT_IDLE_MS,
    max: MAX_LINKS,
    ...(options.now !== undefined && { now: options.now }),
  });
}
