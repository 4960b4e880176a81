/**
 * The QuickSync files view: one flat list per session, shown by name (natural order) and
 * filtered by name, memoised so the table's selector keeps a stable reference; plus the
 * sentences the view shows about a file.
 */
import type { QuickSyncFile } from '../../../shared/quicksync';
import { plural } from './format';
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

export const fileState = (file: QuickSyncFile): string => (file.completed ? 'Complete' : 'Incomplete');

/** Why an incomplete file cannot be resumed here, or null when it can. */
export function resumeProblem(file: QuickSyncFile): string | null {
  if (file.completed) return 'This upload is complete.';
  return file.resumableJobId === null ? 'Started elsewhere: it can only be deleted.' : null;
}

export function describeFileDeletion(names: readonly string[]): { title: string; description: string } {
  const only = names.length === 1 ? names[0] : undefined;
  return {
    title: only !== undefined ? `Delete “${only}”?` : `Delete ${plural(names.length, 'file')}?`,
    description:
      'The files are removed from the QuickSync storage for good; an incomplete upload is abandoned. This cannot be undone.',
  };
}

/** "Deleting “a.txt”" or "Deleting 3 files", for the operation's label. */
export function deletionLabel(names: readonly string[]): string {
  const only = names.length === 1 ? names[0] : undefined;
  return only !== undefined ? `Deleting “${only}”` : `Deleting ${plural(names.length, 'file')}`;
}
