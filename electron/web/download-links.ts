/**
 * One-time download links for the browser host: the core asks for a link, the page follows
 * it once. The random id is the capability, so links expire quickly and die when used.
 */
import { randomBytes } from 'node:crypto';
import type { ObjectSource } from '../core/host-services';

export const DOWNLOAD_PATH_PREFIX = '/download/';
const DEFAULT_TTL_MS = 2 * 60_000;
/** Bound memory if something asks for links in a loop: the oldest are dropped first. */
const MAX_LINKS = 1000;

export interface DownloadLinks {
  /** A same-origin URL path (`/download/<id>`), valid once, for `ttlMs`. */
  create(source: ObjectSource): string;
  /** The source for an id, removing it; null when unknown, used or expired. */
  take(id: string): ObjectSource | null;
  readonly size: number;
  clear(): void;
}

export interface DownloadLinkOptions {
  ttlMs?: number;
  /** Injected clock so expiry is testable without waiting. */
  now?: () => number;
}

export function createDownloadLinks(options: DownloadLinkOptions = {}): DownloadLinks {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const now = options.now ?? Date.now;
  const links = new Map<string, { source: ObjectSource; expiresAt: number }>();

  const sweep = (): void => {
    const t = now();
    for (const [id, link] of links) if (link.expiresAt <= t) links.delete(id);
  };

  return {
    create(source) {
      sweep();
      while (links.size >= MAX_LINKS) {
        const oldest = links.keys().next();
        if (oldest.done) break;
        links.delete(oldest.value);
      }
      const id = randomBytes(24).toString('base64url');
      links.set(id, { source: { ...source }, expiresAt: now() + ttlMs });
      return DOWNLOAD_PATH_PREFIX + id;
    },
    take(id) {
      const link = links.get(id);
      if (link === undefined) return null;
      links.delete(id);
      return link.expiresAt > now() ? link.source : null;
    },
    get size() {
      return links.size;
    },
    clear() {
      links.clear();
    },
  };
}
