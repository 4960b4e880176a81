/**
 * Targets that exist already: finding local ones (the provider finds objects) and "keep both"
 * names: "report.pdf" → "report (1).pdf", "report (2).pdf"…, the first one free.
 */
import { stat } from 'node:fs/promises';
import { CoreError } from '../errors';
import type { Existing } from './provider-transfers';

/** The n-th "keep both" variant of a file name (the extension stays last; dot files keep their name). */
export function numberedName(name: string, n: number): string {
  return markedName(name, `(${n})`);
}

/** "report.pdf" with a mark: "report (edited).pdf" (the extension stays last; dot files keep their name). */
export function markedName(name: string, mark: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return `${name} ${mark}`;
  return `${name.slice(0, dot)} ${mark}${name.slice(dot)}`;
}

/** Replaces the last segment of a "/"-separated path (a key or a display name). */
export function withLastSegment(p: string, rename: (name: string) => string): string {
  const cut = p.lastIndexOf('/');
  return p.slice(0, cut + 1) + rename(p.slice(cut + 1));
}

const MAX_RENAME_TRIES = 1000;

/** The first n ≥ 1 whose numbered name is free. */
export async function firstFreeNumber(taken: (n: number) => Promise<boolean>): Promise<number> {
  for (let n = 1; n <= MAX_RENAME_TRIES; n++) if (!(await taken(n))) return n;
  throw new CoreError('AlreadyExists', `Found no free name after ${MAX_RENAME_TRIES} tries.`);
}

export async function statExisting(path: string): Promise<Existing | null> {
  try {
    const s = await stat(path);
    return { size: s.isFile() ? s.size : null, lastModified: s.mtime.toISOString() };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
