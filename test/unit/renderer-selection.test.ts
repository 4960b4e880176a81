import { describe, expect, it } from 'vitest';
import {
  EMPTY_SELECTION,
  clickRow,
  moveFocus,
  pruneSelection,
  selectAll,
  selectedInOrder,
} from '../../renderer/src/view-model/selection';
import { entry } from './fakes/fake-app-api';

const rows = ['a', 'b', 'c', 'd', 'e'].map((k) => entry(k));
const sel = (s: { selected: ReadonlySet<string> }) => [...s.selected].sort();

describe('selection', () => {
  it('a click selects one row and sets anchor and focus', () => {
    const s = clickRow(EMPTY_SELECTION, rows, 'b');
    expect(sel(s)).toEqual(['b']);
    expect(s.anchor).toBe('b');
    expect(s.focused).toBe('b');
  });

  it('shift-click selects the range from the anchor, in either direction, keeping the anchor', () => {
    const s1 = clickRow(clickRow(EMPTY_SELECTION, rows, 'b'), rows, 'd', { range: true });
    expect(sel(s1)).toEqual(['b', 'c', 'd']);
    expect(s1.anchor).toBe('b');
    const s2 = clickRow(s1, rows, 'a', { range: true });
    expect(sel(s2)).toEqual(['a', 'b']);
    expect(s2.focused).toBe('a');
  });

  it('ctrl-click toggles one row and moves the anchor; ctrl+shift adds a range', () => {
    const s1 = clickRow(clickRow(EMPTY_SELECTION, rows, 'a'), rows, 'c', { toggle: true });
    expect(sel(s1)).toEqual(['a', 'c']);
    const s2 = clickRow(s1, rows, 'c', { toggle: true });
    expect(sel(s2)).toEqual(['a']);
    expect(s2.anchor).toBe('c');
    const s3 = clickRow(s2, rows, 'e', { toggle: true, range: true });
    expect(sel(s3)).toEqual(['a', 'c', 'd', 'e']);
  });

  it('arrows move the focus; shift+arrows extend from the anchor; Home/End jump', () => {
    let s = moveFocus(EMPTY_SELECTION, rows, { by: 1 }, false);
    expect(s.focused).toBe('a');
    s = moveFocus(s, rows, { by: 1 }, false);
    expect(sel(s)).toEqual(['b']);
    s = moveFocus(s, rows, { by: 1 }, true);
    s = moveFocus(s, rows, { by: 1 }, true);
    expect(sel(s)).toEqual(['b', 'c', 'd']);
    s = moveFocus(s, rows, { by: -3 }, true);
    expect(sel(s)).toEqual(['a', 'b']);
    s = moveFocus(s, rows, 'last', true);
    expect(sel(s)).toEqual(['b', 'c', 'd', 'e']);
    s = moveFocus(s, rows, 'first', false);
    expect(sel(s)).toEqual(['a']);
    expect(moveFocus(s, rows, { by: -1 }, false).focused).toBe('a'); // clamps at the top
  });

  it('select all takes every visible row; prune drops rows that are gone', () => {
    const all = selectAll(clickRow(EMPTY_SELECTION, rows, 'c'), rows);
    expect(sel(all)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(all.focused).toBe('c');
    const fewer = rows.filter((r) => r.key !== 'c' && r.key !== 'e');
    const pruned = pruneSelection(all, fewer);
    expect(sel(pruned)).toEqual(['a', 'b', 'd']);
    expect(pruned.focused).toBeNull();
    expect(pruneSelection(pruned, fewer)).toBe(pruned);
  });

  it('lists selected rows in display order', () => {
    const s = clickRow(clickRow(EMPTY_SELECTION, rows, 'd'), rows, 'b', { toggle: true });
    expect(selectedInOrder(rows, s.selected).map((r) => r.key)).toEqual(['b', 'd']);
  });

  it('the store selects over the visible (filtered, sorted) rows', async () => {
    const { FakeAppApi, settle } = await import('./fakes/fake-app-api');
    const { bootWithBucket } = await import('./fakes/renderer-store');
    const { ok } = await import('../../shared/errors');
    const api = new FakeAppApi();
    api.on('objects:list', () =>
      ok({ items: [entry('x3.md'), entry('x1.md'), entry('y.md'), entry('x2.md')], nextToken: null }),
    );
    const { store } = await bootWithBucket(api);
    store.getState().buckets.select('b1');
    await settle();
    store.getState().objects.setFilter('x');
    store.getState().objects.click('x1.md');
    store.getState().objects.click('x3.md', { range: true });
    expect([...store.getState().objects.selected].sort()).toEqual(['x1.md', 'x2.md', 'x3.md']);
    store.getState().objects.selectAll();
    expect(store.getState().objects.selected.size).toBe(3);
    expect(store.getState().objects.selected.has('y.md')).toBe(false);
  });
});
