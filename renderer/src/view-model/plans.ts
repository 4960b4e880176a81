/**
 * What a rename, copy/move or delete will do, worked out before anything is sent, so the
 * dialog can refuse a bad request with the exact reason.
 */
import { baseName, isFolderKey, parentPrefix, segmentNameRule } from '../../../shared/keys';
import { i18n } from '../i18n';
import { ruleText } from '../i18n/rules';

export interface CopyItem {
  source: string;
  target: string;
}

export type Plan<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Rename keeps the item in its folder; folders keep their trailing slash. */
export function planRename(key: string, newName: string): Plan<CopyItem> {
  const problem = ruleText(segmentNameRule(newName));
  if (problem !== null) return { ok: false, problem };
  const target = parentPrefix(key) + newName + (isFolderKey(key) ? '/' : '');
  if (target === key) return { ok: false, problem: i18n.t('browser:plan.sameName') };
  return { ok: true, value: { source: key, target } };
}

/** A typed folder path → a prefix: no leading slash, one trailing slash, no empty or dot segments. */
export function normalizeTargetPrefix(input: string): Plan<string> {
  const trimmed = input.trim().replace(/^\/+/, '');
  if (trimmed === '') return { ok: true, value: '' };
  const segments = trimmed.replace(/\/+$/, '').split('/');
  if (segments.some((s) => s === '')) return { ok: false, problem: i18n.t('browser:plan.doubleSlash') };
  if (segments.some((s) => s === '.' || s === '..')) return { ok: false, problem: i18n.t('browser:plan.dotSegments') };
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
        problem: i18n.t(move ? 'browser:plan.moveIntoItself' : 'browser:plan.copyIntoItself', { name: baseName(key) }),
      };
    }
    const target = prefix.value + baseName(key) + (isFolderKey(key) ? '/' : '');
    if (target !== key) items.push({ source: key, target });
  }
  if (items.length === 0) return { ok: false, problem: i18n.t('browser:plan.alreadyThere') };
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
  const title =
    only !== undefined
      ? i18n.t('browser:delete.titleOne', { name: baseName(only) })
      : i18n.t('browser:delete.titleMany', { count: keys.length });
  const filesText = i18n.t('common:count.file', { count: files });
  const foldersText = i18n.t('browser:delete.folders', { count: folders });
  const description =
    folders === 0
      ? i18n.t('browser:delete.permanently', { what: filesText, count: files })
      : files === 0
        ? i18n.t('browser:delete.permanently', { what: foldersText, count: folders })
        : i18n.t('browser:delete.permanentlyBoth', { files: filesText, folders: foldersText });
  return { title, description, folders, files };
}
