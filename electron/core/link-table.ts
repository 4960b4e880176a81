/**
 * Random-id links to something the core serves (a download, a preview): the unguessable id is
 * the capability. Links expire, the least recently used go first past a bound (the map's order
 * is use order), and an id is never guessable from another.
 */
import { randomBytes } from 'node:crypto';

export interface LinkTable<T> {
  /** A same-origin URL path (`<prefix><id>`) for a copy of `value` (plain data). */
  create(value: T): string;
  /** The value for an id, removing it (one-time links); null when unknown or expired. */
  take(id: string): T | null;
  /** The value for an id, renewing its lifetime (links used many times); null when unknown or expired. */
  use(id: string): T | null;
  /** Forgets a link by its URL path or id; unknown ones are ignored. */
  drop(pathOrId: string): void;
  readonly size: number;
  clear(): void;
}

export interface LinkTableOptions {
  /** The URL path before the id, e.g. `/download/`. */
  prefix: string;
  /** How long a link lives after it is created or last used. */
  lifetimeMs: number;
  /** Bounds memory if something asks for links in a loop. */
  max: number;
  /** Injected clock so expiry is testable without waiting. */
  now?: () => number;
}

export function createLinkTable<T>({ prefix, lifetimeMs, max, now = Date.now }: LinkTableOptions): LinkTable<T> {
  const links = new Map<string, { value: T; expiresAt: number }>();

  const sweep = (): void => {
    const t = now();
    for (const [id, link] of links) if (link.expiresAt <= t) links.delete(id);
  };
  const take = (id: string): T | null => {
    const link = links.get(id);
    if (link === undefined) return null;
    links.delete(id);
    return link.expiresAt > now() ? link.value : null;
  };

  return {
    create(value) {
      sweep();
      while (links.size >= max) {
        const oldest = links.keys().next();
        if (oldest.done) break;
        links.delete(oldest.value);
      }
      const id = randomBytes(24).toString('base64url');
      links.set(id, { value: structuredClone(value), expiresAt: now() + lifetimeMs });
      return prefix + id;
    },
    take,
    use(id) {
      const value = take(id);
      if (value !== null) links.set(id, { value, expiresAt: now() + lifetimeMs });
      return value;
    },
    drop(pathOrId) {
      links.delete(pathOrId.startsWith(prefix) ? pathOrId.slice(prefix.length) : pathOrId);
    },
    get size() {
      return links.size;
    },
    clear() {
      links.clear();
    },
  };
}
