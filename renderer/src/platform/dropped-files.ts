/**
 * What was dropped: handles for local paths when the host has them (Electron: the core walks
 * folders itself; the page never sees or names a path), otherwise the browser's File objects with their paths relative to the drop,
 * found by walking dropped folders through the File and Directory Entries API.
 *
 * A DataTransfer dies when its event handler returns, so `captureDrop` must run inside the
 * drop handler; `readDrop` does the slow part afterwards. Folders are read in the batches
 * readEntries hands out (about 100 at a time, each in its own task), so a folder of 100,000
 * files keeps the page responsive, and an unreadable entry is reported, not fatal.
 */
import { i18n } from '../i18n';

export interface DroppedFile {
  file: File;
  /** "/"-separated, relative to the drop: "photo.jpg", "holiday/day 1/photo.jpg". */
  relativePath: string;
}

export interface UnreadableEntry {
  /** Relative to the drop; folders end with "/". */
  path: string;
  reason: string;
}

export type DropContent =
  | { kind: 'handles'; handles: string[]; unreadable: UnreadableEntry[] }
  | { kind: 'files'; files: DroppedFile[]; unreadable: UnreadableEntry[] };

/** The parts of FileSystemEntry we use (structural, so tests can hand in fakes). */
export interface EntryLike {
  readonly name: string;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
}
export interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, failure?: (error: unknown) => void): void;
}
export interface DirectoryEntryLike extends EntryLike {
  createReader(): { readEntries(success: (entries: EntryLike[]) => void, failure?: (error: unknown) => void): void };
}

/** The host's handle for a dropped or picked File's local path (Electron), or null when it has none. */
export type HandleOf = (file: File) => Promise<string | null>;

/** What `captureDrop` keeps: only things that outlive the event (Files, entries). */
export type CapturedDrop =
  { kind: 'local'; files: File[]; handleOf: HandleOf } | { kind: 'entries'; roots: (EntryLike | File)[] };

/** The parts of DataTransfer we read. */
export interface DataTransferLike {
  readonly files: ArrayLike<File>;
  readonly items?: ArrayLike<{ kind: string; getAsFile(): File | null; webkitGetAsEntry?(): unknown }>;
}

/** The longest relative path the core accepts (transfers:upload's schema). */
export const MAX_RELATIVE_PATH = 4096;
/** FileEntry.file() calls in flight at once. */
const FILE_LOOKUPS_IN_FLIGHT = 32;
/** How often a long walk reports progress, in files found. */
const PROGRESS_EVERY = 250;

/** True for a drag that carries files (not text or links, and not rows dragged inside the page). */
export function carriesFiles(types: readonly string[] | DOMStringList): boolean {
  return Array.from(types as ArrayLike<string>).includes('Files');
}

/** The host names local files (Electron): files without a path (virtual files another app drags) cannot be uploaded. */
export async function handlesOf(
  files: readonly File[],
  handleOf: HandleOf,
): Promise<DropContent & { kind: 'handles' }> {
  const handles: string[] = [];
  const unreadable: UnreadableEntry[] = [];
  const found = await Promise.all(files.map((file) => handleOf(file)));
  files.forEach((file, i) => {
    const handle = found[i] ?? null;
    if (handle !== null) handles.push(handle);
    else unreadable.push({ path: file.name, reason: i18n.t('transfers:unreadable.notLocal') });
  });
  return { kind: 'handles', handles, unreadable };
}

/**
 * Synchronous: call inside the drop handler. With `handleOf` (Electron) the dropped files and
 * folders are kept to be named by handle and the core walks the folders; otherwise the
 * entries are kept for `readDrop`.
 */
export function captureDrop(data: DataTransferLike, handleOf: HandleOf | null): CapturedDrop {
  const files = Array.from(data.files);
  if (handleOf !== null) return { kind: 'local', files, handleOf };
  const roots: (EntryLike | File)[] = [];
  const items = data.items === undefined ? [] : Array.from(data.items);
  for (const item of items) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.() as EntryLike | null | undefined;
    if (entry !== null && entry !== undefined) {
      roots.push(entry);
      continue;
    }
    const file = item.getAsFile();
    if (file !== null) roots.push(file);
  }
  // No items (older engines, synthetic events): the plain file list, without folders.
  if (items.length === 0) roots.push(...files);
  return { kind: 'entries', roots };
}

export interface ReadOptions {
  /** Called now and then with the number of files found so far. */
  onProgress?: (found: number) => void;
  signal?: AbortSignal;
}

/** Walks the captured folders (depth first) and resolves every file entry to its File. */
export async function readDrop(captured: CapturedDrop, options: ReadOptions = {}): Promise<DropContent> {
  if (captured.kind === 'local') return handlesOf(captured.files, captured.handleOf);
  const files: DroppedFile[] = [];
  const unreadable: UnreadableEntry[] = [];
  const lookups = new Set<Promise<void>>();
  let lastReported = 0;

  const found = (file: File, relativePath: string): void => {
    if (relativePath.length > MAX_RELATIVE_PATH) {
      unreadable.push({ path: relativePath, reason: i18n.t('transfers:unreadable.pathTooLong') });
      return;
    }
    files.push({ file, relativePath });
    if (files.length - lastReported >= PROGRESS_EVERY) {
      lastReported = files.length;
      options.onProgress?.(files.length);
    }
  };

  async function lookUp(entry: FileEntryLike, relativePath: string): Promise<void> {
    while (lookups.size >= FILE_LOOKUPS_IN_FLIGHT) await Promise.race(lookups);
    const lookup = fileOf(entry).then(
      (file) => found(file, relativePath),
      (error: unknown) => void unreadable.push({ path: relativePath, reason: reasonOf(error) }),
    );
    lookups.add(lookup);
    void lookup.finally(() => lookups.delete(lookup));
  }

  // An explicit stack, not recursion: deep trees cannot overflow it.
  const stack: { entry: EntryLike | File; parent: string }[] = captured.roots
    .map((entry) => ({ entry, parent: '' }))
    .reverse();
  while (stack.length > 0) {
    if (options.signal?.aborted) throw abortError();
    const { entry, parent } = stack.pop() as { entry: EntryLike | File; parent: string };
    const relativePath = parent === '' ? entry.name : `${parent}/${entry.name}`;
    if (isFile(entry)) {
      found(entry, relativePath);
    } else if (entry.isFile) {
      await lookUp(entry as FileEntryLike, relativePath);
    } else if (entry.isDirectory) {
      try {
        const children = await readAll(entry as DirectoryEntryLike);
        for (let i = children.length - 1; i >= 0; i--) {
          const child = children[i];
          if (child !== undefined) stack.push({ entry: child, parent: relativePath });
        }
      } catch (error) {
        unreadable.push({ path: `${relativePath}/`, reason: reasonOf(error) });
      }
    }
  }
  await Promise.all(lookups);
  if (files.length !== lastReported) options.onProgress?.(files.length);
  // Lookups finish in any order: sort by path, so the jobs appear in a stable, readable order.
  files.sort((a, b) => byPath(a.relativePath, b.relativePath));
  unreadable.sort((a, b) => byPath(a.path, b.path));
  return { kind: 'files', files, unreadable };
}

/** Every entry of a directory: readEntries returns a batch at a time until an empty one. */
async function readAll(directory: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = directory.createReader();
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function fileOf(entry: FileEntryLike): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

function isFile(entry: EntryLike | File): entry is File {
  return typeof File !== 'undefined' && entry instanceof File;
}

function reasonOf(error: unknown): string {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (name === 'NotFoundError') return i18n.t('transfers:unreadable.gone');
  if (name === 'NotReadableError' || name === 'SecurityError') return i18n.t('transfers:unreadable.permission');
  if (name === 'EncodingError') return i18n.t('transfers:unreadable.encoding');
  return error instanceof Error && error.message !== '' ? error.message : i18n.t('transfers:unreadable.other');
}

function abortError(): Error {
  const error = new Error(i18n.t('transfers:unreadable.stopped'));
  error.name = 'AbortError';
  return error;
}
