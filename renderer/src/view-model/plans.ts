/**
 * What a rename, copy/move or delete will do, worked out before anything is sent, so the
 * dialog can refuse a bad request with the exact reason.
 */
import { baseName, isFolderKey, parentPrefix, segmentNameProblem } from '../../../shared/keys';
import { plural } from './format';

export interface CopyItem {
  source: string;
  target: string;
}

export type Plan<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Rename keeps the item in its folder; folders keep their trailing slash. */
export function planRename(key: string, newName: string): Plan<CopyItem> {
  const problem = segmentNameProblem(newName);
  if (problem !== null) return { ok: false, problem };
  const target = parentPrefix(key) + newName + (isFolderKey(key) ? '/' : '');
  if (target === key) return { ok: false, problem: 'That is already its name.' };
  return { ok: true, value: { source: key, target } };
}

/** A typed folder path → a prefix: no leading slash, one trailing slash, no empty or dot segments. */
export function normalizeTargetPrefix(input: string): Plan<string> {
  const trimmed = input.trim().replace(/^\/+/, '');
  if (trimmed === '') return { ok: true, value: '' };
  const segments = trimmed.replace(/\/+$/, '').split('/');
  if (segments.some((s) => s === '')) return { ok: false, problem: 'The folder path must not contain "//".' };
  if (segments.some((s) => s === '.' || s === '..'))
    return { ok: false, problem: 'The folder path must not contain "." or ".." segments.' };
  return { ok: true, value: `${segments.join('/')}/` };
}

/** Copy/move the given keys into a folder (as typed by the person). */
export function planTransfer(keys: readonly string[], targetInput: string, move: boolean): Plan<CopyItem[]> {
  const prefix = normalizeTargetPrefix(targetInput);
  if (!prefix.ok) return prefix;
  const items: CopyItem[] = [];
  for (const key of keys) {
    if (isFolderKey(key) && prefix.value.startsWith(key)) {
      return {
        ok: false,
        problem: `The folder "${baseName(key)}" cannot be ${move ? 'moved' : 'copied'} into itself.`,
      };
    }
    const target = prefix.value + baseName(key) + (isFolderKey(key) ? '/' : '');
    if (target !== key) items.push({ source: key, target });
  }
  if (items.length === 0) return { ok: false, problem: 'The selection is already in that folder: choose another one.' };
  return { ok: true, value: items };
}

export interface DeletionSummary {
  title: string;
  description: string;
  folders: number;
  files: number;
}

export function describeDeletion(keys: readonly string[]): DeletionSummary {
  const folders = keys.filter(isFolderKey).length;
  const files = keys.length - folders;
  const only = keys.length === 1 ? keys[0] : undefined;
  const title = only !== undefined ? `Delete “${baseName(only)}”?` : `Delete ${plural(keys.length, 'item')}?`;
  const parts: string[] = [];
  if (files > 0) parts.push(plural(files, 'file'));
  if (folders > 0) parts.push(`${plural(folders, 'folder')} with everything inside ${folders === 1 ? 'it' : 'them'}`);
  return { title, description: `${parts.join(' and ')} will be deleted permanently.`, folders, files };
}
