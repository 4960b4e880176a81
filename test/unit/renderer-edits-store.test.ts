/**
 * Open and Edit in the store: what activating a file does in each host, a conflict reported by
 * the core, and where a stopped session's unsent changes are kept.
 */
import { describe, expect, it } from 'vitest';
import type { EditSession } from '../../shared/channels/edits';
import { ok } from '../../shared/errors';
import { FakeAppApi, settle } from './fakes/fake-app-api';
import { account, appInfo, createHarness } from './fakes/renderer-store';

async function boot(host: 'electron' | 'web') {
  const api = new FakeAppApi()
    .on('app:info', () => ok(appInfo(host)))
    .on('accounts:list', () => ok([account('a1')]))
    .on('buckets:list', () => ok({ items: [{ name: 'b1', createdAt: null }], nextToken: null }))
    .on('objects:download', () => ok({ kind: 'link', url: '/download/once' }))
    .on('edits:open', () => ok(null))
    .on('edits:list', () => ok({ sessions: [] }))
    .on('objects:list', () => ok({ items: [], nextToken: null }));
  const h = createHarness(api);
  await h.store.getState().ui.boot();
  h.store.getState().buckets.select('b1');
  await settle();
  return h;
}

const session = (state: EditSession['state']): EditSession => ({
  id: 's1',
  accountId: 'a1',
  bucket: 'b1',
  key: 'docs/plan.md',
  state,
  uploads: 0,
  uploadedAt: null,
  error: null,
});

describe('open and edit in the store', () => {
  it('browser host: opening a file offers its download and says why', async () => {
    const { api, store, downloads } = await boot('web');
    store.getState().objects.activate('docs/plan.md');
    await settle();
    expect(api.callsOf('edits:open')).toEqual([]);
    expect(api.callsOf('objects:download')).toEqual([{ accountId: 'a1', bucket: 'b1', key: 'docs/plan.md' }]);
    expect(downloads).toEqual(['/download/once']);
    expect(store.getState().ui.toasts.map((t) => t.message)).toContain(
      'The browser app cannot open files in other applications; it downloads them instead.',
    );
  });

  it('desktop host: opening a file asks the core to open it; a folder still opens as a folder', async () => {
    const { api, store } = await boot('electron');
    store.getState().objects.activate('docs/plan.md');
    store.getState().objects.activate('docs/');
    await settle();
    expect(api.callsOf('edits:open')).toEqual([{ accountId: 'a1', bucket: 'b1', key: 'docs/plan.md' }]);
    expect(api.callsOf('objects:download')).toEqual([]);
    expect(store.getState().objects.location?.prefix).toBe('docs/');
  });

  it('a session entering a conflict is announced once and the panel with its answers opens', async () => {
    const { api, store } = await boot('electron');
    api.emit('edits:changed', { sessions: [session('uploading')] });
    expect(store.getState().transfers.panelOpen).toBe(false);
    api.emit('edits:changed', { sessions: [session('conflict')] });
    api.emit('edits:changed', { sessions: [session('conflict')] });
    expect(store.getState().edits.sessions).toEqual([session('conflict')]);
    expect(store.getState().transfers.panelOpen).toBe(true);
    const told = store.getState().ui.toasts.filter((t) => t.message.startsWith('plan.md was changed on the server'));
    expect(told).toHaveLength(1);
  });

  it('a session stopped with unsent changes says where they are kept', async () => {
    const { api, store } = await boot('electron');
    api.emit('edits:changed', { sessions: [session('conflict')] });
    const file = '/data/edit-cache/a/b/c/plan.md';
    api.emit('edits:changed', { sessions: [], kept: [{ accountId: 'a1', bucket: 'b1', key: 'docs/plan.md', file }] });
    expect(store.getState().edits.sessions).toEqual([]);
    expect(store.getState().ui.toasts.map((t) => t.message)).toContain(
      `Your unsent changes to plan.md are kept in ${file}`,
    );
  });
});
