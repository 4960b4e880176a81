/**
 * One-time download links for the browser host: the core asks for a link, the page follows
 * it once. The random id is the capability, so links expire quickly and die when used.
 */
import { createLinkTable, type LinkTable } from '../core/link-table';
import type { ObjectSource } from '../core/host-services';

export const DOWNLOAD_PATH_PREFIX = '/download/';
const DEFAULT_TTL_MS = 2 * 60_000;
/** Bound memory if something asks for links in a loop: the oldest are dropped first. */
const MAX_LINKS = 1000;

/** `create` gives a same-origin URL path (`/download/<id>`), valid once; `take` removes it. */
export type DownloadLinks = Pick<LinkTable<ObjectSource>, 'create' | 'take' | 'size' | 'clear'>;

export interface DownloadLinkOptions {
  ttlMs?: number;
  /** Injected clock so expiry is testable without waiting. */
  now?: () => number;
}

export function createDownloadLinks(options: DownloadLinkOptions = {}): DownloadLinks {
  return createLinkTable<ObjectSource>({
    prefix: DOWNLOAD_PATH_PREFIX,
    lifetimeMs: options.ttlMs ?? DEFAULT_TTL_MS,
    max: MAX_LINKS,
    ...(options.now !== undefined && { now: options.now }),
  });
}
