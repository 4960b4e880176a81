/** Pure helpers for S3 keys and folder prefixes. The delimiter is always "/". */
import { ruleBook, type RuleProblem } from './rule-problem';

export const DELIMITER = '/';

/** UTF-8 byte length without TextEncoder (shared/ has neither DOM nor Node types). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export const isFolderKey = (key: string): boolean => key.endsWith(DELIMITER);

/** Last path segment, without a trailing slash for folders. */
export function baseName(key: string): string {
  const trimmed = isFolderKey(key) ? key.slice(0, -1) : key;
  return trimmed.slice(trimmed.lastIndexOf(DELIMITER) + 1);
}

/** The prefix that contains the key: "a/b/c.txt" → "a/b/", "a/b/" → "a/", "x" → "". */
export function parentPrefix(key: string): string {
  const trimmed = isFolderKey(key) ? key.slice(0, -1) : key;
  const cut = trimmed.lastIndexOf(DELIMITER);
  return cut < 0 ? '' : trimmed.slice(0, cut + 1);
}

/** Breadcrumb trail for a prefix: "a/b/" → [{name:"a",prefix:"a/"},{name:"b",prefix:"a/b/"}]. */
export function breadcrumbs(prefix: string): { name: string; prefix: string }[] {
  const parts = prefix.split(DELIMITER).filter((p) => p !== '');
  return parts.map((name, i) => ({ name, prefix: parts.slice(0, i + 1).join(DELIMITER) + DELIMITER }));
}

const segmentRules = ruleBook({
  'segmentName.empty': () => 'The name must not be empty.',
  'segmentName.slash': () => 'The name must not contain "/".',
  'segmentName.dots': () => 'The name must not be "." or "..".',
  'segmentName.tooLong': () => 'The name is longer than 1024 bytes.',
});
export const SEGMENT_NAME_RULE_IDS = segmentRules.ids;

/**
 * Problem with a name typed for a new object or folder (one segment), or null.
 * Slashes would silently create nested folders, so they are refused here.
 */
export function segmentNameRule(name: string): RuleProblem | null {
  const { broken } = segmentRules;
  if (name.trim() === '') return broken('segmentName.empty');
  if (name.includes(DELIMITER)) return broken('segmentName.slash');
  if (name === '.' || name === '..') return broken('segmentName.dots');
  if (utf8Length(name) > 1024) return broken('segmentName.tooLong');
  return null;
}

export const segmentNameProblem = (name: string): string | null => segmentRules.sentence(segmentNameRule(name));

/** Rewrites a key under a moved prefix: rebase("a/b/c", "a/", "x/") → "x/b/c". */
export function rebaseKey(key: string, fromPrefix: string, toPrefix: string): string {
  if (!key.startsWith(fromPrefix)) throw new Error(`"${key}" is not under "${fromPrefix}"`);
  return toPrefix + key.slice(fromPrefix.length);
}

/** Case-insensitive name match used by search and the loaded-rows filter. */
export function nameMatches(key: string, query: string): boolean {
  return baseName(key).toLocaleLowerCase().includes(query.toLocaleLowerCase());
}
