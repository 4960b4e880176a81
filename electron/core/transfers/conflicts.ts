/**
 * Targets that exist already: finding them (HEAD for uploads, stat for downloads) and "keep
 * both" names: "report.pdf" → "report (1).pdf", "report (2).pdf"…, the first one free.
 */
import { stat } from 'node:fs/promises';
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ConflictQuestion } from '../../../shared/transfers';
import { CoreError, toAppError } from '../errors';

export type Existing = ConflictQuestion['existing'];

/** How the queue asks whether a target exists (tests give it a fake). */
export interface TargetProbe {
  object(accountId: string, bucket: string, key: string): Promise<Existing | null>;
  file(path: string): Promise<Existing | null>;
}

/** The n-th "keep both" variant of a file name (the extension stays last; dot files keep their name). */
export function numberedName(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return `${name} (${n})`;
  return `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
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

export async function headExisting(client: S3Client, bucket: string, key: string): Promise<Existing | null> {
  try {
    const h = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: h.ContentLength ?? null, lastModified: h.LastModified?.toISOString() ?? null };
  } catch (error) {
    if (toAppError(error).code === 'NoSuchKey') return null;
    throw error;
  }
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
