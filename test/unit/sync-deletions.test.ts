// A run's local deletions: to the host's trash when it has one, unlinked when it has none; in both
// cases only files still what the comparison saw, inside the pair's folder.
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteLocal } from '../../electron/core/sync/deletions';
import type { LocalFile } from '../../electron/core/sync/types';

let root: string;
let folder: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qs-sync-deletions-'));
  folder = path.join(root, 'folder');
  await mkdir(folder);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function file(dir: string, name: string, text: string): Promise<LocalFile> {
  const absolute = path.join(dir, name);
  await writeFile(absolute, text);
  const { size, mtimeMs } = await stat(absolute);
  return { path: name, absolute, size, mtimeMs };
}

const never = new AbortController().signal;

describe('deleteLocal', () => {
  it('moves the files to the trash when the host has one, and says what the trash refused', async () => {
    const a = await file(folder, 'a.txt', 'aaa');
    const b = await file(folder, 'b.txt', 'bbb');
    const trashed: string[] = [];
    const trash = async (p: string): Promise<string | null> => {
      if (p === b.absolute) return 'The trash is full.';
      trashed.push(p);
      await rm(p);
      return null;
    };
    const counts: number[] = [];
    const out = await deleteLocal(folder, [a, b], never, (n) => counts.push(n), trash);
    expect(trashed).toEqual([a.absolute]);
    expect(out).toEqual({
      deleted: ['a.txt'],
      failed: [{ path: 'b.txt', message: 'The trash is full.' }],
      changed: [],
    });
    expect(counts).toEqual([1]);
    expect(await readdir(folder)).toEqual(['b.txt']);
  });

  it('unlinks when the host has no trash', async () => {
    const a = await file(folder, 'a.txt', 'aaa');
    const out = await deleteLocal(folder, [a], never, () => {});
    expect(out.deleted).toEqual(['a.txt']);
    expect(await readdir(folder)).toEqual([]);
  });

  it('hands the trash neither a file changed since the plan nor one outside the folder', async () => {
    const changed = await file(folder, 'c.txt', 'ccc');
    await writeFile(changed.absolute, 'cccc');
    const outside = await file(root, 'o.txt', 'ooo');
    const asked: string[] = [];
    const trash = async (p: string): Promise<string | null> => {
      asked.push(p);
      return null;
    };
    const out = await deleteLocal(folder, [changed, outside], never, () => {}, trash);
    expect(asked).toEqual([]);
    expect(out.changed).toEqual(['c.txt', 'o.txt']);
    expect((await readdir(folder)).sort()).toEqual(['c.txt']);
    expect(await readdir(root)).toContain('o.txt');
  });
});
