/**
 * Where a downloaded key may be written. Whatever a key says (`..`, absolute paths, drive
 * letters, NUL, names Windows reserves), the result is inside the chosen folder or refused
 * with a reason: the key is the attacker's input, the folder is the person's choice.
 */
import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { localNameProblem } from '../../../shared/local-names';
import { CoreError } from '../errors';

export type SafePath = { ok: true; path: string } | { ok: false; reason: string };

export interface SafePathOptions {
  /** Which rules and path flavour apply; tests check Windows rules on any machine. */
  platform?: NodeJS.Platform;
}

const DRIVE = /^[a-zA-Z]:/;

/** Why this one path segment cannot be a file or folder name, or null. */
function segmentProblem(segment: string, windows: boolean): string | null {
  if (segment === '') return 'it has an empty path segment ("//" or a leading "/")';
  return localNameProblem(segment, windows);
}

/**
 * The local path for `relativeKey` ("/"-separated, relative to the download's base prefix)
 * inside `root`, or why there is none. A trailing "/" (a folder marker) is allowed.
 */
export function safeLocalPath(root: string, relativeKey: string, options: SafePathOptions = {}): SafePath {
  const windows = (options.platform ?? process.platform) === 'win32';
  const p = windows ? path.win32 : path.posix;
  const relative = relativeKey.endsWith('/') ? relativeKey.slice(0, -1) : relativeKey;
  if (relative === '') return { ok: false, reason: 'it names the folder itself' };
  if (relative.startsWith('/')) return { ok: false, reason: 'it is an absolute path' };
  if (DRIVE.test(relative)) return { ok: false, reason: 'it starts with a drive letter' };
  const segments = relative.split('/');
  for (const segment of segments) {
    const problem = segmentProblem(segment, windows);
    if (problem !== null) return { ok: false, reason: problem };
  }
  const base = p.resolve(root);
  const resolved = p.resolve(base, ...segments);
  if (!isInside(p, base, resolved)) return { ok: false, reason: 'it leads outside the chosen folder' };
  return { ok: true, path: resolved };
}

/** True when `candidate` is strictly below `root` (both absolute, same path flavour). */
function isInside(p: typeof path.posix, root: string, candidate: string): boolean {
  const rel = p.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !p.isAbsolute(rel);
}

/** True when `candidate` is `root` or below it, on this machine. */
export function isWithin(root: string, candidate: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(candidate));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The real path `target` has or would have once created: the real path of its nearest
 * existing ancestor with the missing rest appended, so a symbolic link on the way counts
 * before anything is made.
 */
export async function realPathToBe(target: string): Promise<string> {
  const missing: string[] = [];
  let current = path.resolve(target);
  for (;;) {
    try {
      return path.join(await realpath(current), ...missing.reverse());
    } catch (error) {
      const parent = path.dirname(current);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) throw error;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

/**
 * Refuses (AccessDenied) a folder or file chosen by the person that is, or would be once
 * created, inside the app's data folder, as given or after following symbolic links.
 * Call it before creating anything.
 */
export async function refuseInsideDataDir(dataDir: string, target: string, what: string): Promise<void> {
  const [realData, realTarget] = await Promise.all([realpath(dataDir), realPathToBe(target)]);
  if (isWithin(dataDir, target) || isWithin(realData, realTarget)) {
    throw new CoreError(
      'AccessDenied',
      `The ${what} ${target} is inside the app's own data folder, which the app never writes your files to: choose another.`,
    );
  }
}

/** Directories remembered as prepared: a few batches' worth of folders. */
const PREPARED_DIRS = 256;

/**
 * Creates the folders a target file needs and checks, after following symbolic links, that
 * they are still inside root: a symlinked folder in the download folder must not lead out.
 * Once per folder of a batch, not per file (a mkdir and two realpath walks each): the batch's
 * later files there reuse the first one's check. A failed check is forgotten: a retry checks again.
 */
export function createTargetDirPreparer(): (batchId: string, root: string, target: string) => Promise<void> {
  const prepared = new Map<string, Promise<void>>();
  return (batchId, root, target) => {
    const dir = path.dirname(target);
    const id = `${batchId}\n${root}\n${dir}`;
    let done = prepared.get(id);
    if (!done) {
      done = prepareDir(root, dir);
      prepared.set(id, done);
      done.catch(() => prepared.delete(id));
      // Oldest first (insertion order).
      if (prepared.size > PREPARED_DIRS) prepared.delete(prepared.keys().next().value!);
    }
    return done;
  };
}

/**
 * Creates `dir` (inside root) once its real path, as it would be, is inside root's; checks
 * again after creating it (a link may have been swapped in meanwhile).
 */
export async function prepareDir(root: string, dir: string): Promise<void> {
  if (!isWithin(root, dir)) throw new CoreError('InvalidKey', 'The target is outside the chosen folder.');
  // The root itself may not exist yet either (the first file of a download makes it).
  const realRoot = await realPathToBe(root);
  const refusal = new CoreError(
    'InvalidKey',
    `The folder ${dir} leads outside the chosen folder through a symbolic link: nothing was written.`,
  );
  if (!isWithin(realRoot, await realPathToBe(dir))) throw refusal;
  await mkdir(dir, { recursive: true });
  if (!isWithin(realRoot, await realpath(dir))) throw refusal;
}
