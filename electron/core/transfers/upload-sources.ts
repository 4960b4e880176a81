/**
 * Local files and folders to upload, walked as a stream: depth first with fs.opendir, one open
 * directory per level, so a folder of 100,000 files neither blocks the core nor sits in memory.
 * What cannot be read is reported as an entry and the walk goes on.
 */
import { opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AppError } from '../../../shared/errors';
import { toAppError } from '../errors';

export type WalkEntry =
  /** First: what the dropped item is (for the batch label). */
  | { kind: 'root'; name: string; folder: boolean }
  /** relative: "/"-separated, starting with the dropped item's own name. */
  | { kind: 'file'; path: string; relative: string; size: number; mtimeMs: number }
  | { kind: 'error'; path: string; relative: string; error: AppError };

export interface WalkOptions {
  signal?: AbortSignal;
  /** Real paths never to upload (the app's own data folder: its secrets must not leave). */
  exclude?: (realPath: string) => boolean;
}

const failure = (file: string, relative: string, error: unknown): WalkEntry => ({
  kind: 'error',
  path: file,
  relative,
  error: describe(error, file),
});

function describe(error: unknown, file: string): AppError {
  if (typeof error === 'string') return { code: 'LocalIOError', message: error };
  const e = toAppError(error);
  const message = e.code === 'LocalIOError' ? `${file} cannot be read: ${e.message}` : e.message;
  return e.detail === undefined
    ? { code: 'LocalIOError', message }
    : { code: 'LocalIOError', message, detail: e.detail };
}

const notRegular = (file: string): string =>
  `${file} is not a regular file (a device, socket or pipe) and was left out.`;
const excluded = (file: string): string => `${file} is the app's own data and was left out.`;

interface Place {
  /** As the person sees it (and as it is read). */
  path: string;
  /** With symbolic links resolved (for the exclusion check). */
  real: string;
  relative: string;
}

/** Walks one dropped file or folder. Symbolic links are followed; a link back up the tree is reported, not looped. */
export async function* walkSource(source: string, options: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const name = path.basename(source);
  let info;
  let real;
  try {
    info = await stat(source);
    real = await realpath(source);
  } catch (error) {
    yield { kind: 'root', name, folder: false };
    yield failure(source, name, error);
    return;
  }
  yield { kind: 'root', name, folder: info.isDirectory() };
  const root: Place = { path: source, real, relative: name };
  if (options.exclude?.(real)) yield failure(source, name, excluded(source));
  else if (info.isDirectory()) yield* walkDir(root, new Set([`${info.dev}:${info.ino}`]), options);
  else if (info.isFile()) yield { kind: 'file', path: source, relative: name, size: info.size, mtimeMs: info.mtimeMs };
  else yield failure(source, name, notRegular(source));
}

async function* walkDir(dir: Place, ancestors: Set<string>, options: WalkOptions): AsyncGenerator<WalkEntry> {
  let handle;
  try {
    handle = await opendir(dir.path, { bufferSize: 128 });
  } catch (error) {
    yield failure(dir.path, dir.relative, error);
    return;
  }
  try {
    for await (const entry of handle) {
      if (options.signal?.aborted) return;
      const child: Place = {
        path: path.join(dir.path, entry.name),
        real: path.join(dir.real, entry.name),
        relative: `${dir.relative}/${entry.name}`,
      };
      let info;
      try {
        if (entry.isSymbolicLink()) child.real = await realpath(child.path);
        info = entry.isFile() || entry.isDirectory() || entry.isSymbolicLink() ? await stat(child.path) : null;
      } catch (error) {
        yield failure(child.path, child.relative, error);
        continue;
      }
      if (options.exclude?.(child.real)) {
        yield failure(child.path, child.relative, excluded(child.path));
      } else if (info?.isDirectory()) {
        const id = `${info.dev}:${info.ino}`;
        if (ancestors.has(id)) {
          yield failure(child.path, child.relative, `${child.path} links back to a folder above it and was left out.`);
          continue;
        }
        ancestors.add(id);
        yield* walkDir(child, ancestors, options);
        ancestors.delete(id);
      } else if (info?.isFile()) {
        yield { kind: 'file', path: child.path, relative: child.relative, size: info.size, mtimeMs: info.mtimeMs };
      } else {
        yield failure(child.path, child.relative, notRegular(child.path));
      }
    }
  } catch (error) {
    // The directory became unreadable while it was being listed: report it, keep what was found.
    yield failure(dir.path, dir.relative, error);
  }
}
