// The grid view's logic without a browser: the List/Grid choice is remembered, the keys move
// the focus by tiles and rows, and the thumbnail loader asks the disk cache first, makes only
// the visible misses (a few at a time), and drops what scrolled away before its turn.
import type { KeyboardEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../shared/errors';
import { onObjectListKey } from '../../renderer/src/components/object-keys';
import { ThumbnailLoader } from '../../renderer/src/components/ObjectGridThumbnails';
import { FakeAppApi, entry, pagedListing, settle } from './fakes/fake-app-api';
import { bootWithBucket, createHarness } from './fakes/renderer-store';

function memoryPrefs() {
  const values = new Map<string, string>();
  return { get: (k: string) => values.get(k) ?? null, set: (k: string, v: string) => void values.set(k, v) };
}

/** A key press on the list itself, as React hands it over. */
function press(key: string, options: { shiftKey?: boolean } = {}) {
  const target = {};
  let prevented = false;
  const event = {
    key,
    target,
    currentTarget: target,
    shiftKey: options.shiftKey ?? false,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    preventDefault: () => void (prevented = true),
  } as unknown as KeyboardEvent<HTMLElement>;
  return { event, prevented: () => prevented };
}

describe('grid view', () => {
  it('remembers List or Grid in the preferences', () => {
    const prefs = memoryPrefs();
    const first = createHarness(new FakeAppApi(), { prefs }).store;
    expect(first.getState().ui.objectView).toBe('list');
    first.getState().ui.setObjectView('grid');
    expect(first.getState().ui.objectView).toBe('grid');
    expect(createHarness(new FakeAppApi(), { prefs }).store.getState().ui.objectView).toBe('grid');
  });

  it('moves the focus by one tile with Left/Right and by a row of tiles with Up/Down and the page keys', async () => {
    const api = new FakeAppApi();
    const all = Array.from({ length: 40 }, (_, i) => entry(`img-${String(i).padStart(2, '0')}.png`));
    api.on('objects:list', (req) => pagedListing(all, 100)(req.continuationToken));
    const { store } = await bootWithBucket(api);
    store.getState().buckets.select('b1');
    await settle();
    const focused = () => store.getState().objects.focused;
    const key = (name: string, across: number, page = 2, shiftKey = false) => {
      const p = press(name, { shiftKey });
      onObjectListKey(store, p.event, page, across);
      return p.prevented();
    };
    store.getState().objects.click('img-00.png', { range: false, toggle: false });
    expect(key('ArrowRight', 5)).toBe(true);
    expect(focused()).toBe('img-01.png');
    key('ArrowDown', 5);
    expect(focused()).toBe('img-06.png');
    key('ArrowLeft', 5);
    expect(focused()).toBe('img-05.png');
    key('PageDown', 5); // two rows of five
    expect(focused()).toBe('img-15.png');
    key('ArrowUp', 5, 2, true);
    expect(focused()).toBe('img-10.png');
    expect([...store.getState().objects.selected].sort()).toEqual(
      ['img-10.png', 'img-11.png', 'img-12.png', 'img-13.png', 'img-14.png', 'img-15.png'].sort(),
    );
    key('End', 5);
    expect(focused()).toBe('img-39.png');
    // In the table (one item across) Left and Right are not the list's.
    expect(key('ArrowLeft', 1)).toBe(false);
    expect(focused()).toBe('img-39.png');
  });

  it('asks the disk cache first, makes only visible misses three at a time, and drops what scrolled away', async () => {
    const api = new FakeAppApi();
    const place = { accountId: 'a1', bucket: 'b1' };
    const tiles = Array.from({ length: 8 }, (_, i) => entry(`p${i}.png`));
    api
      .on('thumbnails:get', (req) =>
        ok(req.items.filter((i) => i.key === 'p0.png').map((i) => ({ ...i, url: 'data:image/webp;base64,UklGRg==' }))),
      )
      .on('objects:preview', () => ok({ url: '/preview/x', size: 10, contentType: 'image/png', etag: '"e"' }))
      .on('objects:closePreview', () => ok(null))
      .gate('objects:preview');
    const loader = new ThumbnailLoader(api);
    // Folders, non-images and entries without an ETag get no thumbnail.
    loader.want(place, [...tiles.slice(0, 5), entry('docs/'), entry('notes.txt'), { ...entry('x.png'), etag: null }]);
    await settle();
    expect(api.callsOf('thumbnails:get')).toHaveLength(1);
    expect(api.callsOf('thumbnails:get')[0]!.items.map((i) => i.key)).toEqual([
      'p0.png',
      'p1.png',
      'p2.png',
      'p3.png',
      'p4.png',
    ]);
    const shown = loader.getSnapshot();
    expect([...shown.values()]).toEqual(['data:image/webp;base64,UklGRg==']); // p0 from the cache
    // The misses are made at most three at a time.
    expect(api.callsOf('objects:preview').map((r) => r.key)).toEqual(['p1.png', 'p2.png', 'p3.png']);
    // Scrolled on: p4 had not started and is dropped; the new ones are asked for.
    loader.want(place, tiles.slice(5, 8));
    await settle();
    for (let i = 0; i < 3; i++) await api.releaseNext('objects:preview');
    await settle();
    expect(api.callsOf('objects:preview').map((r) => r.key)).toEqual([
      'p1.png',
      'p2.png',
      'p3.png',
      'p5.png',
      'p6.png',
      'p7.png',
    ]);
    loader.stop();
  });
});
