/**
 * Where a downloaded key may be written. Whatever a key says (`..`, absolute paths, drive
 * letters, NUL, names Windows reserves), the result is inside the chosen folder or refused
 * with a reason: the key is the attacker's input, the folder is the person's choice.
 */
import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { utf8Length } from '../../../shared/keys';
import { CoreError } from '../errors';

export type SafePath = { ok: true; path: string } | { ok: false; reason: string };

export interface SafePathOptions {
  /** Which rules and path flavour apply; tests check Windows rules on any machine. */
  platform?: NodeJS.Platform;
}

// Device names Windows opens instead of a file, with or without an extension ("aux.txt").
const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Characters Windows refuses in a file name (the separators are refused everywhere). */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
const DRIVE = /^[a-zA-Z]:/;
/** Most file systems limit one name to 255 bytes. */
const MAX_NAME_BYTES = 255;

/** Why this one path segment cannot be a file or folder name, or null. */
function segmentProblem(segment: string, windows: boolean): string | null {
  if (segment === '') return 'it has an empty path segment ("//" or a leading "/")';
  if (segment === '.' || segment === '..') return `it has a "${segment}" segment`;
  if (CONTROL.test(segment)) return 'it contains a control character or NUL';
  if (segment.includes('\\')) return 'it contains a backslash';
  if (/[. ]$/.test(segment)) return `the name "${segment}" ends with a dot or a space`;
  if (WINDOWS_RESERVED.test(segment.replace(/[. ]+$/, ''))) return `"${segment}" is a name Windows reserves`;
  if (windows && WINDOWS_FORBIDDEN.test(segment)) return `"${segment}" contains a character Windows refuses`;
  if (utf8Length(segment) > MAX_NAME_BYTES) return 'a name in it is longer than 255 bytes';
  return null;
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
 * Creates the folders a target file needs and checks, after following symbolic links, that
 * they are still inside root: a symlinked folder in the download folder must not lead out.
 */
export async function prepareTargetDir(root: string, target: string): Promise<void> {
  await prepareDir(root, path.dirname(target));
}

/** Creates `dir` (inside root) and checks its real path is still inside root's. */
export async function prepareDir(root: string, dir: string): Promise<void> {
  if (!isWithin(root, dir)) throw new CoreError('InvalidKey', 'The target is outside the chosen folder.');
  await mkdir(dir, { recursive: true });
  const [realRoot, realDir] = await Promise.all([realpath(root), realpath(dir)]);
  if (!isWithin(realRoot, realDir)) {
    throw new CoreError(
      'InvalidKey',
      `The folder ${dir} leads outside the chosen folder through a symbolic link: nothing was written.`,
    );
  }
}
