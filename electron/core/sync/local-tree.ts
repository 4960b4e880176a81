/**
 * The local side of a sync: every regular file under the pair's folder with its size and
 * modification time. Directories are read with their entry types (no stat for a folder), and
 * files are stat'ed many at a time, so 100,000 files take seconds, not minutes. Ignored folders
 * are not entered; symbolic links are not followed; what cannot be read is a problem with its
 * reason, and the walk goes on.
 */
import { lstat, readdir, type Dirent } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { AppError } from '../../../shared/errors';
import { CoreError, toAppError } from '../errors';
import type { IgnoreMatcher } from './ignore-rules';
import type { LocalFile, Tree } from './types';

export interface WalkLocalOptions {
  ignored: IgnoreMatcher;
  /** Absolute paths never to walk (the app's data folder); reported as a problem. */
  exclude?: (absolutePath: string) => boolean;
  signal: AbortSignal;
  /** Files found so far, now and then. */
  onProgress?: (files: number) => void;
}

/** File system calls in flight at once: enough to keep libuv's threads busy, few enough for any disk. */
const FS_CONCURRENCY = 32;
const PROGRESS_EVERY = 1000;

const SYMLINK: AppError = { code: 'NotSupported', message: 'symbolic link: not synced' };
const NOT_REGULAR: AppError = {
  code: 'NotSupported',
  message: 'not a regular file (a device, socket or pipe): not synced',
};
const APP_DATA: AppError = { code: 'AccessDenied', message: "the app's own data folder: never synced" };

/**
 * Walks `root` (resolved to its real path first, so every `absolute` is real). Rejects when the
 * folder itself cannot be read: an empty tree would read as "everything was deleted". Ignored
 * files and folders count one each (an ignored folder is not entered to count its files).
 */
export async function walkLocal(root: string, options: WalkLocalOptions): Promise<Tree<LocalFile>> {
  const { ignored, exclude, signal, onProgress } = options;
  let base: string;
  try {
    base = await realpath(root);
  } catch (error) {
    throw folderUnreadable(root, error);
  }
  if (exclude?.(base)) throw new CoreError('AccessDenied', `The folder ${root} is the app's own data folder.`);
  const tree: Tree<LocalFile> = { files: new Map(), ignored: 0, problems: [] };
  await new Promise<void>((resolve, reject) => {
    // Callbacks, not promises: a third of the cost per call, which is most of a walk's time.
    const pending: (() => void)[] = [];
    let active = 0;
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      reject(signal.aborted ? new CoreError('Cancelled', 'The comparison was cancelled.') : error);
    };
    const pump = (): void => {
      if (settled) return;
      if (signal.aborted) return fail(signal.reason);
      while (active < FS_CONCURRENCY && pending.length > 0) {
        active += 1;
        pending.pop()!();
      }
      if (active === 0 && pending.length === 0) {
        settled = true;
        resolve();
      }
    };
    /** Ends one call: its own failure (a bug, never an I/O error) fails the walk. */
    const done = (work: () => void): void => {
      active -= 1;
      try {
        work();
      } catch (error) {
        fail(error);
      }
      pump();
    };
    const problem = (relative: string, error: AppError): void => {
      tree.problems.push({ path: relative, error });
    };

    const statFile = (absolute: string, relative: string): void =>
      lstat(absolute, (error, info) =>
        done(() => {
          if (error) problem(relative, unreadable(error));
          else if (info.isFile()) {
            tree.files.set(relative, { path: relative, absolute, size: info.size, mtimeMs: info.mtimeMs });
            if (tree.files.size % PROGRESS_EVERY === 0) onProgress?.(tree.files.size);
          }
          // Replaced since the directory was read: say what it is now.
          else problem(relative, info.isSymbolicLink() ? SYMLINK : NOT_REGULAR);
        }),
      );

    const readDir = (absolute: string, relative: string): void =>
      readdir(absolute, { withFileTypes: true }, (error, entries) =>
        done(() => {
          if (error) {
            if (relative === '') throw folderUnreadable(root, error);
            return problem(relative, unreadable(error));
          }
          for (const entry of entries) visit(entry, absolute, relative);
        }),
      );

    const visit = (entry: Dirent, parent: string, parentRelative: string): void => {
      const absolute = path.join(parent, entry.name);
      const relative = parentRelative === '' ? entry.name : `${parentRelative}/${entry.name}`;
      const isDirectory = entry.isDirectory();
      if (ignored(relative, isDirectory)) tree.ignored += 1;
      else if (exclude?.(absolute)) problem(relative, APP_DATA);
      else if (entry.isSymbolicLink()) problem(relative, SYMLINK);
      else if (isDirectory) pending.push(() => readDir(absolute, relative));
      else if (entry.isFile()) pending.push(() => statFile(absolute, relative));
      else problem(relative, NOT_REGULAR);
    };

    pending.push(() => readDir(base, ''));
    pump();
  });
  onProgress?.(tree.files.size);
  return tree;
}

/** A Node error as the person reads it: the reason, without the path (the problem names it). */
function unreadable(error: unknown): AppError {
  const e = toAppError(error);
  const message = e.code === 'LocalIOError' ? e.message.replace(/ \([^()]*\)$/, '') : e.message;
  return e.detail === undefined ? { code: e.code, message } : { code: e.code, message, detail: e.detail };
}

function folderUnreadable(root: string, error: unknown): CoreError {
  const e = unreadable(error);
  return new CoreError('LocalIOError', `The folder ${root} cannot be read: ${e.message}`, e.detail);
}
