import { describe, expect, it } from 'vitest';
import type { ObjectEntry } from '../../shared/models';
import {
  compareEntries,
  createRowsView,
  nextSort,
  rowIndex,
  type SortState,
} from '../../renderer/src/view-model/rows-view';
import { entry } from './fakes/fake-app-api';

const keys = (rows: readonly ObjectEntry[]) => rows.map((r) => r.key);
const byName: SortState = { column: 'name', direction: 'asc' };

describe('sorting', () => {
  it('puts folders first in both directions and orders names naturally, ignoring case', () => {
    const rows = [entry('file10.txt'), entry('b/'), entry('File2.txt'), entry('a/'), entry('file1.txt')];
    expect(keys(rows.slice().sort(compareEntries(byName)))).toEqual([
      'a/',
      'b/',
      'file1.txt',
      'File2.txt',
      'file10.txt',
    ]);
    expect(keys(rows.slice().sort(compareEntries({ column: 'name', direction: 'desc' })))).toEqual([
      'b/',
      'a/',
      'file10.txt',
      'File2.txt',
      'file1.txt',
    ]);
  });

  it('sorts by size and date, with the name breaking ties', () => {
    const rows = [
      entry('c', 5, '2024-03-01T00:00:00Z'),
      entry('a', 5, '2024-01-01T00:00:00Z'),
      entry('b', 1, '2024-02-01T00:00:00Z'),
    ];
    expect(keys(rows.slice().sort(compareEntries({ column: 'size', direction: 'asc' })))).toEqual(['b', 'a', 'c']);
    expect(keys(rows.slice().sort(compareEntries({ column: 'lastModified', direction: 'desc' })))).toEqual([
      'c',
      'b',
      'a',
    ]);
  });

  it('toggles direction on the same column and starts a new column ascending', () => {
    expect(nextSort(byName, 'name')).toEqual({ column: 'name', direction: 'desc' });
    expect(nextSort({ column: 'name', direction: 'desc' }, 'size')).toEqual({ column: 'size', direction: 'asc' });
  });
});

describe('rows view', () => {
  it('merging appended pages gives exactly what a full sort gives', () => {
    // A deterministic shuffle of names, sizes and folders, appended in pages of 37.
    const all: ObjectEntry[] = [];
    let seed = 7;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 500; i++) {
      const name = `n${Math.floor(rand() * 300)}-${i}`;
      all.push(rand() < 0.1 ? entry(`${name}/`) : entry(name, Math.floor(rand() * 1000)));
    }
    for (const sort of [byName, { column: 'size', direction: 'desc' } as SortState]) {
      const view = createRowsView();
      let entries: ObjectEntry[] = [];
      for (let i = 0; i < all.length; i += 37) {
        entries = entries.concat(all.slice(i, i + 37));
        const rows = view({ listId: 1, entries, sort, filter: '', byKey: false });
        expect(keys(rows)).toEqual(keys(entries.slice().sort(compareEntries(sort))));
      }
    }
  });

  it('returns the same array while inputs are unchanged, and a new one when they change', () => {
    const view = createRowsView();
    const entries = [entry('b'), entry('a')];
    const input = { listId: 1, entries, sort: byName, filter: '', byKey: false };
    const first = view(input);
    expect(view({ ...input })).toBe(first);
    expect(keys(view({ ...input, filter: 'A' }))).toEqual(['a']);
    expect(keys(view({ ...input, sort: { column: 'name', direction: 'desc' } }))).toEqual(['b', 'a']);
  });

  it('does not reuse a sorted result across listings', () => {
    const view = createRowsView();
    view({ listId: 1, entries: [entry('a'), entry('b')], sort: byName, filter: '', byKey: false });
    const other = [entry('z')];
    expect(keys(view({ listId: 2, entries: other, sort: byName, filter: '', byKey: false }))).toEqual(['z']);
  });

  it('filters by name only (not by the folder part of the key), narrowing as the query grows', () => {
    const view = createRowsView();
    const entries = [entry('photos/cat.png'), entry('photos/dog.png'), entry('cats/')];
    const base = { listId: 3, entries, sort: byName, filter: '', byKey: false };
    expect(keys(view({ ...base, filter: 'ca' }))).toEqual(['cats/', 'photos/cat.png']);
    expect(keys(view({ ...base, filter: 'cat.' }))).toEqual(['photos/cat.png']);
    expect(keys(view({ ...base, filter: 'o' }))).toEqual(['photos/dog.png']);
    expect(keys(view({ ...base, filter: 'photos' }))).toEqual([]);
  });

  it('search results sort by full key', () => {
    const view = createRowsView();
    const entries = [entry('b/a.txt'), entry('a/z.txt')];
    expect(keys(view({ listId: 4, entries, sort: byName, filter: '', byKey: true }))).toEqual(['a/z.txt', 'b/a.txt']);
    expect(keys(view({ listId: 5, entries, sort: byName, filter: '', byKey: false }))).toEqual(['b/a.txt', 'a/z.txt']);
  });

  it('finds a row index by key', () => {
    const rows = [entry('a'), entry('b'), entry('c')];
    expect(rowIndex(rows, 'c')).toBe(2);
    expect(rowIndex(rows, 'nope')).toBe(-1);
    expect(rowIndex(rows, null)).toBe(-1);
  });

  it('handles 100,000 entries streamed in pages of 1,000 without a full sort per page', () => {
    const view = createRowsView();
    let entries: ObjectEntry[] = [];
    const started = performance.now();
    for (let p = 0; p < 100; p++) {
      const page: ObjectEntry[] = [];
      for (let i = 0; i < 1000; i++) page.push(entry(`dir/file-${p * 1000 + i}.bin`, i));
      entries = entries.concat(page);
      view({ listId: 9, entries, sort: byName, filter: '', byKey: false });
    }
    const rows = view({ listId: 9, entries, sort: byName, filter: '', byKey: false });
    expect(rows).toHaveLength(100_000);
    expect(rows[0]?.key).toBe('dir/file-0.bin');
    expect(rows[99_999]?.key).toBe('dir/file-99999.bin');
    // Generous bound: a sort per page takes many seconds; merging takes well under this.
    expect(performance.now() - started).toBeLessThan(8000);
  });
});
