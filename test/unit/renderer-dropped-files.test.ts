// Dropped files: Electron's path handles, and the browser's entry walk (batched readEntries, unreadable entries).
import { describe, expect, it } from 'vitest';
import {
  MAX_RELATIVE_PATH,
  captureDrop,
  carriesFiles,
  readDrop,
  type DataTransferLike,
  type DirectoryEntryLike,
  type EntryLike,
  type FileEntryLike,
} from '../../renderer/src/platform/dropped-files';

/** A fake file entry: resolves to a File of `size` bytes, or fails with `error`. */
function fileEntry(name: string, size = 1, error?: string): FileEntryLike {
  return {
    name,
    isFile: true,
    isDirectory: false,
    file(success, failure) {
      // Answer in a later task, like the browser does.
      setTimeout(() => {
        if (error !== undefined) failure?.(Object.assign(new Error(error), { name: error }));
        else success(new File([new Uint8Array(size)], name));
      }, 0);
    },
  };
}

/** A fake directory whose reader hands out `batch` entries per readEntries call, then []. */
function dirEntry(name: string, children: EntryLike[], options: { batch?: number; error?: string } = {}) {
  let calls = 0;
  const entry: DirectoryEntryLike & { calls: () => number } = {
    name,
    isFile: false,
    isDirectory: true,
    calls: () => calls,
    createReader() {
      let offset = 0;
      return {
        readEntries(success, failure) {
          calls++;
          setTimeout(() => {
            if (options.error !== undefined) {
              failure?.(Object.assign(new Error(options.error), { name: options.error }));
              return;
            }
            const batch = children.slice(offset, offset + (options.batch ?? 100));
            offset += batch.length;
            success(batch);
          }, 0);
        },
      };
    },
  };
  return entry;
}

function transfer(items: EntryLike[], files: File[] = []): DataTransferLike {
  return {
    files,
    items: items.map((entry) => ({ kind: 'file', getAsFile: () => null, webkitGetAsEntry: () => entry })),
  };
}

describe('captureDrop', () => {
  it("names dropped files and folders by the host's handles (Electron), never by path", async () => {
    const files = [new File(['a'], 'a.txt'), new File([], 'photos')];
    const handles = new Map([
      [files[0], 'a'.repeat(32)],
      [files[1], 'b'.repeat(32)],
    ]);
    const captured = captureDrop({ files }, async (f) => handles.get(f) ?? null);
    expect(captured).toMatchObject({ kind: 'local', files });
    expect(await readDrop(captured)).toEqual({
      kind: 'handles',
      handles: ['a'.repeat(32), 'b'.repeat(32)],
      unreadable: [],
    });
  });

  it('reports files the host has no handle for (virtual files from another app) in Electron', async () => {
    const files = [new File(['a'], 'a.txt'), new File(['v'], 'from-mail.eml')];
    const captured = captureDrop({ files }, async (f) => (f.name === 'a.txt' ? 'a'.repeat(32) : null));
    expect(await readDrop(captured)).toEqual({
      kind: 'handles',
      handles: ['a'.repeat(32)],
      unreadable: [{ path: 'from-mail.eml', reason: expect.stringMatching(/not a file on this computer/) }],
    });
  });

  it('keeps the entries when the host has no paths (browser)', () => {
    const a = fileEntry('a.txt');
    expect(captureDrop(transfer([a], [new File(['a'], 'a.txt')]), null)).toEqual({ kind: 'entries', roots: [a] });
  });

  it('keeps plain files when an item has no entry, and ignores string items', () => {
    const file = new File(['x'], 'x.bin');
    const data: DataTransferLike = {
      files: [file],
      items: [
        { kind: 'string', getAsFile: () => null },
        { kind: 'file', getAsFile: () => file, webkitGetAsEntry: () => null },
      ],
    };
    expect(captureDrop(data, null)).toEqual({ kind: 'entries', roots: [file] });
  });

  it('uses the file list when there are no items', () => {
    const file = new File(['x'], 'x.bin');
    expect(captureDrop({ files: [file] }, null)).toEqual({ kind: 'entries', roots: [file] });
  });

  it('recognises drags that carry files', () => {
    expect(carriesFiles(['text/plain', 'Files'])).toBe(true);
    expect(carriesFiles(['text/plain'])).toBe(false);
  });
});

describe('readDrop', () => {
  it('walks nested folders, reading every batch, with paths relative to the drop', async () => {
    const day1 = dirEntry('day 1', [fileEntry('b.jpg', 2), fileEntry('a.jpg', 3)], { batch: 1 });
    const holiday = dirEntry('holiday', [day1, fileEntry('notes.txt', 4), dirEntry('empty', [])], { batch: 2 });
    const content = await readDrop(captureDrop(transfer([holiday, fileEntry('top.txt', 5)]), null));
    expect(content.kind).toBe('files');
    if (content.kind !== 'files') return;
    expect(content.files.map((f) => [f.relativePath, f.file.size])).toEqual([
      ['holiday/day 1/a.jpg', 3],
      ['holiday/day 1/b.jpg', 2],
      ['holiday/notes.txt', 4],
      ['top.txt', 5],
    ]);
    expect(content.unreadable).toEqual([]);
    // Two entries, one per batch, then the empty batch that ends the listing.
    expect(day1.calls()).toBe(3);
  });

  it('reports unreadable files and folders and goes on', async () => {
    const locked = dirEntry('locked', [fileEntry('x')], { error: 'SecurityError' });
    const root = dirEntry('root', [fileEntry('gone.txt', 1, 'NotFoundError'), locked, fileEntry('ok.txt')]);
    const content = await readDrop(captureDrop(transfer([root]), null));
    if (content.kind !== 'files') throw new Error('expected files');
    expect(content.files.map((f) => f.relativePath)).toEqual(['root/ok.txt']);
    expect(content.unreadable).toEqual([
      { path: 'root/gone.txt', reason: expect.stringMatching(/moved or deleted/) },
      { path: 'root/locked/', reason: expect.stringMatching(/could not be read/) },
    ]);
  });

  it('reads a folder of 5,000 files in batches, reporting progress as it goes', async () => {
    const children = Array.from({ length: 5000 }, (_, i) => fileEntry(`f${String(i).padStart(4, '0')}.txt`));
    const big = dirEntry('big', children, { batch: 100 });
    const progress: number[] = [];
    const content = await readDrop(captureDrop(transfer([big]), null), { onProgress: (n) => progress.push(n) });
    if (content.kind !== 'files') throw new Error('expected files');
    expect(content.files).toHaveLength(5000);
    expect(content.files[4999]?.relativePath).toBe('big/f4999.txt');
    expect(big.calls()).toBe(51);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(5000);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('refuses paths longer than the core accepts, as unreadable', async () => {
    const long = 'n'.repeat(MAX_RELATIVE_PATH);
    const content = await readDrop(captureDrop(transfer([dirEntry('d', [fileEntry(long)])]), null));
    if (content.kind !== 'files') throw new Error('expected files');
    expect(content.files).toEqual([]);
    expect(content.unreadable[0]?.reason).toMatch(/too long/);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      readDrop(captureDrop(transfer([fileEntry('a')]), null), { signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
