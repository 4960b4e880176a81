/**
 * A batch operation over more items than one request holds: consecutive requests over chunks,
 * each within its schema and one WebSocket message, shown to the person as one run.
 */
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/errors';
import type { ItemFailure, OperationProgress } from '../../shared/models';
import type { AppStore } from '../../renderer/src/store/app-state';
import { formatCount } from '../../renderer/src/view-model/format';
import { settle } from './fakes/fake-app-api';
import { openEmptyBucket } from './fakes/renderer-store';
import { expectSendable } from './fakes/sendable';

/** `n` keys of exactly 80 bytes: twice what fits 100,000 to one request. */
const longKeys = (n: number): string[] =>
  Array.from({ length: n }, (_, i) =>
    `photos/2026/holiday-in-the-mountains/${String(i).padStart(6, '0')}-`.padEnd(80, 'x'),
  );

const denied = (key: string): ItemFailure => ({ key, code: 'AccessDenied', message: 'Access denied.' });

/** Every progress the last run showed, in order. */
function recordProgress(store: AppStore): OperationProgress[] {
  const seen: OperationProgress[] = [];
  store.subscribe((s) => {
    const p = s.operations.lastId === null ? null : (s.operations.runs[s.operations.lastId]?.progress ?? null);
    if (p !== null && p !== seen.at(-1)) seen.push(p);
  });
  return seen;
}

describe('batch operations over more than one request holds', () => {
  it('deletes 100,000 long keys as several sendable requests shown as one run, adding up progress and summary', async () => {
    const { api, store } = await openEmptyBucket();
    api.on('objects:delete', (req) => ok({ succeeded: req.keys.length - 1, failed: [denied(req.keys[0] ?? '')] }));
    api.gate('objects:delete');
    const keys = longKeys(100_000);
    const seen = recordProgress(store);
    const started = store.getState().objects.remove(keys);
    const run = () => store.getState().operations.runs[started.operationId];
    await settle();

    const [first] = api.callsOf('objects:delete');
    expect(first?.operationId).toBe(started.operationId);
    const firstCount = first?.keys.length ?? 0;
    expect(firstCount).toBeLessThan(keys.length);
    api.emit('operations:progress', { operationId: started.operationId, done: 1000, total: firstCount, failed: 1 });
    expect(run()?.progress).toEqual({ operationId: started.operationId, done: 1000, total: 100_000, failed: 1 });

    await api.releaseNext('objects:delete');
    await settle();
    const second = api.callsOf('objects:delete')[1];
    expect(second?.operationId).not.toBe(started.operationId);
    const secondId = second?.operationId ?? '';
    const secondCount = second?.keys.length ?? 0;
    expect(run()?.progress).toEqual({ operationId: started.operationId, done: firstCount, total: 100_000, failed: 1 });
    // An event under the finished chunk's id no longer counts.
    api.emit('operations:progress', { operationId: started.operationId, done: 5, total: 5, failed: 0 });
    api.emit('operations:progress', { operationId: secondId, done: 10, total: null, failed: 0 });
    expect(run()?.progress).toEqual({
      operationId: started.operationId,
      done: firstCount + 10,
      total: null,
      failed: 1,
    });
    api.emit('operations:progress', { operationId: secondId, done: secondCount, total: secondCount, failed: 1 });
    expect(run()?.progress).toEqual({ operationId: started.operationId, done: 100_000, total: 100_000, failed: 2 });

    await api.releaseNext('objects:delete');
    const ended = await started.done;
    const calls = api.callsOf('objects:delete');
    expect(calls).toHaveLength(2);
    expect(calls.flatMap((c) => c.keys)).toEqual(keys);
    for (const call of calls) expectSendable('objects:delete', call);
    expect(ended).toMatchObject({
      status: 'done',
      error: null,
      summary: { succeeded: 100_000 - 2, failed: [denied(keys[0] ?? ''), denied(second?.keys[0] ?? '')] },
    });
    // One run for the person: one entry, its progress only ever growing.
    expect(Object.keys(store.getState().operations.runs)).toEqual([started.operationId]);
    expect(seen.every((p) => p.operationId === started.operationId)).toBe(true);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
  });

  it('keeps one request when the list fits', async () => {
    const { api, store } = await openEmptyBucket();
    api.on('objects:delete', (req) => ok({ succeeded: req.keys.length, failed: [] }));
    const keys = longKeys(40_000);
    const run = await store.getState().objects.remove(keys).done;
    expect(api.callsOf('objects:delete')).toEqual([{ accountId: 'a1', bucket: 'b1', keys, operationId: run.id }]);
    expect(run.summary).toEqual({ succeeded: 40_000, failed: [] });
  });

  it('copies and moves in chunks of sendable requests, each keeping the move flag', async () => {
    const { api, store } = await openEmptyBucket();
    api.on('objects:copy', (req) => ok({ succeeded: req.items.length, failed: [] }));
    const items = longKeys(100_000).map((source) => ({ source, target: `moved/${source}` }));
    const run = await store.getState().objects.copy(items, true, 'Moving 100,000 items').done;
    const calls = api.callsOf('objects:copy');
    expect(calls.length).toBeGreaterThan(2);
    expect(calls.flatMap((c) => c.items)).toEqual(items);
    expect(new Set(calls.map((c) => c.operationId)).size).toBe(calls.length);
    for (const call of calls) {
      expect(call.move).toBe(true);
      expectSendable('objects:copy', call);
    }
    expect(run).toMatchObject({ kind: 'move', status: 'done', summary: { succeeded: 100_000, failed: [] } });
  });

  it('Stop cancels the chunk in flight; the run says how many items were already done and starts no further chunk', async () => {
    const { api, store } = await openEmptyBucket();
    api.on('operations:cancel', () => ok(null));
    let answered = 0;
    api.on('objects:delete', (req) =>
      ++answered === 1 ? ok({ succeeded: req.keys.length, failed: [] }) : fail('Cancelled', 'Cancelled: 298 objects…'),
    );
    api.gate('objects:delete');
    const started = store.getState().objects.remove(longKeys(150_000));
    await settle();
    await api.releaseNext('objects:delete');
    await settle();
    const [first, second] = api.callsOf('objects:delete');
    const secondId = second?.operationId ?? '';
    api.emit('operations:progress', { operationId: secondId, done: 300, total: null, failed: 2 });

    await store.getState().operations.cancel(started.operationId);
    expect(api.callsOf('operations:cancel')).toEqual([{ operationId: secondId }]);
    await api.releaseNext('objects:delete');
    const run = await started.done;
    const done = (first?.keys.length ?? 0) + 298;
    expect(run).toMatchObject({
      status: 'failed',
      error: { code: 'Cancelled', message: `Cancelled: ${formatCount(done)} items were already deleted.` },
      summary: { succeeded: first?.keys.length, failed: [] },
    });
    expect(api.callsOf('objects:delete')).toHaveLength(2);
  });

  it('a Stop that reaches the core after its chunk ended still starts no further chunk', async () => {
    const { api, store } = await openEmptyBucket();
    api.on('operations:cancel', () => ok(null));
    api.on('objects:delete', (req) => ok({ succeeded: req.keys.length, failed: [] }));
    api.gate('objects:delete');
    const started = store.getState().objects.remove(longKeys(100_000));
    await settle();
    await store.getState().operations.cancel(started.operationId);
    expect(api.callsOf('operations:cancel')).toEqual([{ operationId: started.operationId }]);
    await api.releaseNext('objects:delete');
    const run = await started.done;
    const firstCount = api.callsOf('objects:delete')[0]?.keys.length ?? 0;
    expect(run).toMatchObject({
      status: 'failed',
      error: { code: 'Cancelled', message: `Cancelled: ${formatCount(firstCount)} items were already deleted.` },
      summary: { succeeded: firstCount, failed: [] },
    });
    expect(api.callsOf('objects:delete')).toHaveLength(1);
  });

  it('a Stop during the first chunk keeps the core’s own account of it', async () => {
    const { api, store } = await openEmptyBucket();
    api.on('operations:cancel', () => ok(null));
    api.on('objects:delete', () => fail('Cancelled', 'Cancelled: 7 objects were already deleted.'));
    api.gate('objects:delete');
    const started = store.getState().objects.remove(longKeys(100_000));
    await settle();
    await store.getState().operations.cancel(started.operationId);
    await api.releaseNext('objects:delete');
    const run = await started.done;
    expect(run).toMatchObject({
      status: 'failed',
      error: { code: 'Cancelled', message: 'Cancelled: 7 objects were already deleted.' },
      summary: null,
    });
    expect(api.callsOf('objects:delete')).toHaveLength(1);
  });

  it('a chunk that fails as a whole ends the run with its error, keeping what the chunks before it did', async () => {
    const { api, store } = await openEmptyBucket();
    let answered = 0;
    api.on('objects:delete', (req) =>
      ++answered === 1
        ? ok({ succeeded: req.keys.length - 1, failed: [denied(req.keys[0] ?? '')] })
        : fail('NoSuchBucket', 'The bucket "b1" does not exist.'),
    );
    const keys = longKeys(150_000);
    const run = await store.getState().objects.remove(keys).done;
    const calls = api.callsOf('objects:delete');
    expect(calls).toHaveLength(2); // the third chunk never went
    const before = (calls[0]?.keys.length ?? 0) - 1;
    expect(run).toMatchObject({
      status: 'failed',
      error: {
        code: 'NoSuchBucket',
        message: `The bucket "b1" does not exist. Before that, ${formatCount(before)} items were already deleted.`,
      },
      summary: { succeeded: before, failed: [denied(keys[0] ?? '')] },
    });
  });

  it('edits the tags of 100,000 long keys in chunks, each carrying the same edit', async () => {
    const { api, store } = await openEmptyBucket();
    api.on('tags:editMany', (req) => ok({ succeeded: req.keys.length, failed: [] }));
    const keys = longKeys(100_000);
    const edit = { accountId: 'a1', bucket: 'b1', set: [{ key: 'team', value: 'blue' }], remove: ['old'] };
    const started = store.getState().access.editTags({ ...edit, keys });
    if (!started.ok) throw new Error(started.error.message);
    const run = await started.value.done;
    const calls = api.callsOf('tags:editMany');
    expect(calls).toHaveLength(2);
    expect(calls.flatMap((c) => c.keys)).toEqual(keys);
    for (const call of calls) {
      expect(call).toMatchObject(edit);
      expectSendable('tags:editMany', call);
    }
    expect(run).toMatchObject({ kind: 'tag', status: 'done', summary: { succeeded: 100_000, failed: [] } });
  });
});
