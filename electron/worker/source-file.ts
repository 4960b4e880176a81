/**
 * The local file an upload reads: opened once, read positionally, and re-checked by path (size,
 * mtime, inode) so a change while it uploads is caught, not sent.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { statMtimeMs } from '../../shared/file-times';
import type { SourceFile } from '../../shared/transfer-protocol';
import { CoreError } from '../core/errors';
import { restartingFromScratch } from './restarts';
import type { EngineContext } from './task-context';
import { SourceChangedError } from './task-errors';

/** How often a body being sent re-checks that its file did not change. */
const SOURCE_CHECK_MS = 1000;
const READ_BLOCK = 1024 * 1024;
/** A FIFO swapped in for the file must not block the open (0 where the flag does not exist). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export interface Source {
  path: string;
  fh: FileHandle;
  size: number;
  mtimeMs: number;
  ino: number;
  /** The modification time to record on the object (SourceFile.mtimeNs), null when none is. */
  mtimeNs: bigint | null;
}

/**
 * Opens the file; `known` (a stat by path made just before) saves the fstat: the checks by path
 * compare against it, so a file changed or swapped since is still caught. `recordsMtime`: whether
 * the upload records the file's modification time (taken from `known`, else from the fresh stat).
 */
export async function openSource(path: string, known: SourceFile | undefined, recordsMtime: boolean): Promise<Source> {
  const fh = await open(path, OPEN_FLAGS);
  if (known?.ino !== undefined) {
    const { size, mtimeMs, ino } = known;
    return { path, fh, size, mtimeMs, ino, mtimeNs: known.mtimeNs ?? null };
  }
  try {
    const st = await fh.stat({ bigint: true });
    if (!st.isFile()) throw new CoreError('LocalIOError', `Not a regular file: ${path}`);
    return {
      path,
      fh,
      size: Number(st.size),
      mtimeMs: statMtimeMs(st.mtimeNs),
      ino: Number(st.ino),
      mtimeNs: recordsMtime ? st.mtimeNs : null,
    };
  } catch (error) {
    await fh.close().catch(() => {});
    throw error;
  }
}

/** By path, not handle: an editor that saves by renaming a new file over the old one is a change too. */
export async function checkSource(src: Source): Promise<void> {
  const st = await stat(src.path).catch(() => null);
  if (!st || st.size !== src.size || st.mtimeMs !== src.mtimeMs || st.ino !== src.ino) throw new SourceChangedError();
}

/** A beforeSlice hook: re-checks the source at most once a second while a body is sent. */
export function periodicCheck(src: Source): () => Promise<void> {
  let last = Date.now();
  return async () => {
    if (Date.now() - last < SOURCE_CHECK_MS) return;
    last = Date.now();
    await checkSource(src);
  };
}

export async function readFully(src: Source, into: Buffer, length: number, position: number): Promise<Buffer> {
  for (let done = 0; done < length;) {
    const { bytesRead } = await src.fh.read(into, done, length - done, position + done);
    if (bytesRead === 0) throw new SourceChangedError(); // the file got shorter
    done += bytesRead;
  }
  return into.subarray(0, length);
}

/** Hex MD5 of a range of the file, read in blocks. */
export async function md5OfRange(src: Source, start: number, length: number): Promise<string> {
  const hash = createHash('md5');
  const block = Buffer.allocUnsafeSlow(Math.min(READ_BLOCK, Math.max(1, length)));
  for (let done = 0; done < length;) {
    const n = Math.min(block.length, length - done);
    hash.update(await readFully(src, block, n, start + done));
    done += n;
  }
  return hash.digest('hex');
}

/**
 * Runs an upload attempt, and again from the beginning (no resume) when the file changed while it
 * was sent, with a notice; a file that keeps changing fails the job.
 */
export const restartingOnChange = <T, R>(
  ctx: EngineContext,
  resume: R | null,
  attempt: (resume: R | null) => Promise<T>,
): Promise<T> =>
  restartingFromScratch(ctx, resume, attempt, {
    changed: (error) => error instanceof SourceChangedError,
    notice: 'The file changed while it was uploading; restarting from the beginning.',
    giveUp: (times) =>
      new CoreError(
        'LocalIOError',
        'The file keeps changing while it uploads: try again once nothing is writing to it.',
        `changed ${times} times`,
      ),
  });
