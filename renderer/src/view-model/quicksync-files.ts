/**
 * The QuickSync files view: one flat list per session, shown by name (natural order) and
 * filtered by name, memoised so the table's selector keeps a stable reference; plus the
 * sentences the view shows about a file.
 */
import type { QuickSyncFile } from '../../../shared/quicksync';
import { i18n } from '../i18n';
import type { KeyedRow } from './rows-view';

/** A file as a row: keyed by its file key (names need not be unique). */
export type QuickSyncRow = QuickSyncFile & KeyedRow;

export type FilesView = (files: readonly QuickSyncFile[], filter: string) => readonly QuickSyncRow[];

let collator: Intl.Collator | null = null;

/** Memoised per (files, filter): the same array until either changes. */
export function createFilesView(): FilesView {
  let last: { files: readonly QuickSyncFile[]; filter: string; rows: readonly QuickSyncRow[] } | null = null;
  return (files, filter) => {
    const query = filter.trim().toLocaleLowerCase();
    if (last !== null && last.files === files && last.filter === query) return last.rows;
    collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    const order = collator;
    const rows = files
      .filter((f) => query === '' || f.name.toLocaleLowerCase().includes(query))
      .map((f) => ({ ...f, key: f.fileKey }))
      .sort((a, b) => order.compare(a.name, b.name) || (a.fileKey < b.fileKey ? -1 : 1));
    last = { files, filter: query, rows };
    return rows;
  };
}

export const fileState = (file: QuickSyncFile): string =>
  i18n.t(file.completed ? 'quicksync:state.complete' : 'quicksync:state.incomplete');

/** Why an incomplete file cannot be resumed here, or null when it can. */
export function resumeProblem(file: QuickSyncFile): string | null {
  if (file.completed) return i18n.t('quicksync:resume.complete');
  return file.resumableJobId === null ? i18n.t('quicksync:resume.elsewhere') : null;
}

export function describeFileDeletion(names: readonly string[]): { title: string; description: string } {
  const only = names.length === 1 ? names[0] : undefined;
  return {
    title:
      only !== undefined
        ? i18n.t('quicksync:delete.titleOne', { name: only })
        : i18n.t('quicksync:delete.titleMany', { count: names.length }),
    description: i18n.t('quicksync:delete.description'),
  };
}

/** "Deleting “a.txt”" or "Deleting 3 files", for the operation's label. */
export function deletionLabel(names: readonly string[]): string {
  const only = names.length === 1 ? names[0] : undefined;
  return only !== undefined
    ? i18n.t('quicksync:delete.runningOne', { name: only })
    : i18n.t('quicksync:delete.runningMany', { count: names.length });
}
