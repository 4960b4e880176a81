/**
 * What may be a file or folder name on the computer: the one rule behind downloads, save-as
 * names, dragged-out files and the names download links suggest, so a key or a link name that
 * one of them refuses cannot slip through another.
 */
import { utf8Length } from './keys';

/** Most file systems limit one name to 255 bytes. */
export const MAX_NAME_BYTES = 255;

/** Devices Windows opens instead of a file (COM¹ to COM³ and LPT¹ to LPT³ too). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u001f\u007f]/g;
/** Characters Windows refuses in a name (the separators are refused everywhere). */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
const UNSAFE_ANYWHERE = /[<>:"/\\|?*]/g;

/**
 * True for a name Windows takes as a device, however it is spelled: what stands before the
 * first dot, trailing spaces removed, compared without case ("con .txt", "NUL  .log", "lpt²",
 * "aux.tar.gz"). "console.txt", "com10" and "nul-file" are ordinary names.
 */
export function windowsReservedName(name: string): boolean {
  const dot = name.indexOf('.');
  const stem = (dot < 0 ? name : name.slice(0, dot)).replace(/[ .]+$/, '');
  return WINDOWS_DEVICE.test(stem);
}

/**
 * Why `name` cannot be one file or folder name, or null. Reserved device names and trailing
 * dots or spaces are refused on every system (the folder may be copied to Windows later);
 * the characters only Windows refuses, only when `windows`.
 */
export function localNameProblem(name: string, windows: boolean): string | null {
  if (name === '') return 'it has an empty name';
  if (name === '.' || name === '..') return `it has a "${name}" segment`;
  if (CONTROL.test(name)) return 'it contains a control character or NUL';
  if (name.includes('/')) return 'it contains a slash';
  if (name.includes('\\')) return 'it contains a backslash';
  if (/[. ]$/.test(name)) return `the name "${name}" ends with a dot or a space`;
  if (windowsReservedName(name)) return `"${name}" is a name Windows reserves for a device`;
  if (windows && WINDOWS_FORBIDDEN.test(name)) return `"${name}" contains a character Windows refuses`;
  if (utf8Length(name) > MAX_NAME_BYTES) return 'a name in it is longer than 255 bytes';
  return null;
}

/**
 * `name` made into a file name every system accepts: control characters and what Windows,
 * macOS or Linux refuse become "_", trailing dots and spaces go, a device name gets a "_"
 * in front, and nothing left becomes "download".
 */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(CONTROL_ALL, '_')
    .replace(UNSAFE_ANYWHERE, '_')
    .replace(/[. ]+$/, '');
  if (cleaned === '') return 'download';
  return windowsReservedName(cleaned) ? `_${cleaned}` : cleaned;
}
