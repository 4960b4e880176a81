/**
 * A download is written to a temp file beside its target and renamed onto it only once complete
 * and durable, so the target never holds a partial file.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const TEMP_MARK = '.qsdownload-';

/** `.<name>.qsdownload-<random>` beside the target (the name shortened so the whole stays short). */
export function tempPathFor(target: string): string {
  let name = path.basename(target);
  while (Buffer.byteLength(name) > 180) name = name.slice(0, -1);
  return path.join(path.dirname(target), `.${name}${TEMP_MARK}${randomBytes(6).toString('hex')}`);
}

/** Only a temp file of ours beside this target is ever reused or removed. */
export const isOurTemp = (temp: string, target: string): boolean =>
  path.dirname(temp) === path.dirname(target) &&
  path.basename(temp).startsWith('.') &&
  path.basename(temp).includes(TEMP_MARK);

/**
 * Opens `temp` (`wx+` new, `r+` to resume), lets `write` fill it, then datasyncs, closes and
 * renames it onto `target`. On failure it is closed and removed, unless `keep(error)` says its
 * bytes serve a later resume.
 */
export async function writeThenRename(
  temp: string,
  target: string,
  flags: 'wx+' | 'r+',
  write: (fh: FileHandle) => Promise<void>,
  keep: (error: unknown) => boolean = () => false,
): Promise<void> {
  const fh = await open(temp, flags);
  let closed = false;
  try {
    await write(fh);
    await fh.datasync();
    await fh.close();
    closed = true;
    await rename(temp, target);
  } catch (error) {
    if (!closed) await fh.close().catch(() => {});
    if (!keep(error)) await rm(temp, { force: true });
    throw error;
  }
}
