/**
 * Drag to move with Undo, and Calculate size, in the renderer store over a fake API: what a drop
 * is refused for, what Undo moves back (only what moved, not over something new), and a size
 * calculation's streamed count, cancel and replacement.
 */
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/errors';
import { planDrop } from '../../renderer/src/store/moves-slice';
import { FakeAppApi, settle } from './fakes/fake-app-api';
import { openEmptyBucket } from './fakes/renderer-store';

describe('planDrop', () => {
  it('refuses a drop onto itself, into its own subfolder, or where everything already is', () => {
    expect(planDrop(['a/'], 'a/', false)).toEqual({ ok: false, problem: '“a” cannot be moved onto itself.' });
    expect(planDrop(['a/'], 'a/b/', true)).toEqual({
      ok: false,
      problem: 'The folder “a” cannot be copied into its own subfolder.',
    });
    expect(planDrop(['x/f.txt'], 'x/', false)).toEqual({ ok: false, problem: 'Already in that folder.' });
  });

  it('moves files and folders under the target by their names', () => {
    expect(planDrop(['f.txt', 'x/f.txt', 'a/'], 'dest/', false)).toEqual({
      ok: true,
      value: [
        { source: 'f.txt', target: 'dest/f.txt' },
        { source: 'x/f.txt', target: 'dest/f.txt' },
        { source: 'a/', target: 'dest/a/' },
      ],
    });
    expect(planDrop(['dest/f.txt'], '', false)).toEqual({
      ok: true,
      value: [{ source: 'dest/f.txt', target: 'f.txt' }],
    });
  });
});

describe('drag to move with Undo', () => {
  it('moves back only what moved, and says which item could not be undone', async () => {
    const { api, store } = await openEmptyBucket();
    api.on('objects:copy', (req) =>
      req.items[0]?.source === 'a.txt'
        ? ok({ succeeded: 2, failed: [{ key: 'c.txt', code: 'AccessDenied', message: 'Access denied.' }] })
        : ok({ succeeded: req.items.length, failed: [] }),
    );
    // Undo's checks: b.txt's original place was taken meanwhile; a.txt's is free.
    api.on('objects:head', (req) =>
      req.key === 'a.txt' ? fail('NoSuchKey', 'The object does not exist.') : ok({} as never),
    );
    const dragged = { accountId: 'a1', bucket: 'b1', keys: ['a.txt', 'b.txt', 'c.txt'] };
    await store.getState().moves.drop(dragged, 'photos/', false);
    await settle();

    expect(api.callsOf('objects:copy')[0]).toMatchObject({ move: true, bucket: 'b1' });
    const toast = store.getState().ui.toasts.at(-1);
    expect(toast).toMatchObject({ kind: 'error', message: 'Moved to “photos”, but not everything could be moved.' });
    expect(toast?.operationId).toBe(api.callsOf('objects:copy')[0]?.operationId);
    expect(toast?.action?.label).toBe('Undo');
    toast?.action?.run();
    await settle();
    await settle();

    const undo = api.callsOf('objects:copy')[1];
    expect(undo).toMatchObject({ move: true, items: [{ source: 'photos/a.txt', target: 'a.txt' }] });
    const texts = store.getState().ui.toasts.map((t) => [t.message, t.detail ?? '']);
    expect(texts).toContainEqual([
      '1 item could not be moved back:',
      'something new is now at the original place of “b.txt”',
    ]);
    expect(texts).toContainEqual(['Moved 1 item back.', '']);
  });

  it('copies without offering Undo, and refuses a folder dropped into itself', async () => {
    const { api, store } = await openEmptyBucket();
    api.on('objects:copy', (req) => ok({ succeeded: req.items.length, failed: [] }));
    await store.getState().moves.drop({ accountId: 'a1', bucket: 'b1', keys: ['f.txt'] }, '', true);
    await settle();
    expect(api.callsOf('objects:copy')).toEqual([]); // already at the top level
    expect(store.getState().ui.toasts.at(-1)?.message).toBe('Already in that folder.');

    await store.getState().moves.drop({ accountId: 'a1', bucket: 'b1', keys: ['x/f.txt'] }, '', true);
    await settle();
    expect(api.callsOf('objects:copy')[0]).toMatchObject({
      move: false,
      items: [{ source: 'x/f.txt', target: 'f.txt' }],
    });
    expect(store.getState().ui.toasts.at(-1)).toMatchObject({ message: 'Copied “f.txt” to “b1”.' });
    expect(store.getState().ui.toasts.at(-1)?.action).toBeUndefined();
  });
});

describe('calculate size', () => {
  it('streams the count from progress events, and a cancel keeps what was counted', async () => {
    const api = new FakeAppApi();
    const { store } = await openEmptyBucket(api);
    api.on('objects:size', () => fail('Cancelled', 'The size calculation was cancelled.'));
    api.on('operations:cancel', () => ok(null));
    api.gate('objects:size');
    void store.getState().sizes.calculate({ kind: 'folder', prefix: 'photos/' });
    await settle();
    const [request] = api.callsOf('objects:size');
    expect(request).toMatchObject({ accountId: 'a1', bucket: 'b1', items: ['photos/'] });
    const operationId = request?.operationId ?? '';
    api.emit('operations:progress', { operationId, done: 1000, total: null, failed: 0, bytes: 5000 });
    expect(store.getState().sizes.current).toMatchObject({
      status: 'running',
      counted: { objects: 1000, bytes: 5000 },
    });
    // Another operation's progress is not ours.
    api.emit('operations:progress', { operationId: 'other', done: 1, total: null, failed: 0 });
    expect(store.getState().sizes.current?.counted.objects).toBe(1000);

    await store.getState().sizes.cancel();
    expect(api.callsOf('operations:cancel')).toEqual([{ operationId }]);
    await api.releaseNext('objects:size');
    expect(store.getState().sizes.current).toMatchObject({
      status: 'cancelled',
      counted: { objects: 1000, bytes: 5000 },
    });
  });

  it('a new calculation cancels the one running; the sum arrives with the answer', async () => {
    const api = new FakeAppApi();
    const { store } = await openEmptyBucket(api);
    api.on('objects:size', (req) => ok({ objects: req.items.length, bytes: 42 }));
    api.on('operations:cancel', () => ok(null));
    api.gate('objects:size');
    void store.getState().sizes.calculate({ kind: 'bucket', bucket: 'b1' });
    await settle();
    const first = api.callsOf('objects:size')[0]?.operationId;
    void store.getState().sizes.calculate({ kind: 'selection', keys: ['a.txt', 'd/'] });
    await settle();
    expect(api.callsOf('operations:cancel')).toEqual([{ operationId: first }]);
    await api.releaseNext('objects:size'); // the first answer is stale
    await api.releaseNext('objects:size');
    expect(store.getState().sizes.current).toMatchObject({
      items: ['a.txt', 'd/'],
      status: 'done',
      counted: { objects: 2, bytes: 42 },
    });
  });
});
