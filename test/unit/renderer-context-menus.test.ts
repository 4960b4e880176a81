// The one definition of the context menus: which items each target gets, which are greyed out
// and why (in the real `menu` catalogue's English), what running one does, and its native form.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capabilitiesOf, type Capability } from '../../shared/capabilities';
import { ok } from '../../shared/errors';
import type { AccountSummary } from '../../shared/models';
import { QUICKSYNC_DEFAULT_API } from '../../shared/quicksync';
import type { TransferJobView, TransferState } from '../../shared/transfers';
import { buildMenu, runEntry, toNativeMenu } from '../../renderer/src/actions/build';
import type { MenuEntry, MenuTarget } from '../../renderer/src/actions/types';
import { i18n } from '../../renderer/src/i18n';
import type { AppStore } from '../../renderer/src/store';
import { FakeAppApi, entry, settle } from './fakes/fake-app-api';
import { account, appInfo, createHarness } from './fakes/renderer-store';

const t = (key: string, values?: Record<string, string | number>) => i18n.t(key, { ns: 'menu', lng: 'en', ...values });

/** Boots with these accounts, the first selected, and opens its bucket "b1" (for bucket accounts). */
async function boot(accounts: AccountSummary[]) {
  const api = new FakeAppApi()
    .on('app:info', () => ok(appInfo()))
    .on('accounts:list', () => ok(accounts))
    .on('buckets:list', () => ok({ items: [{ name: 'b1', createdAt: null }], nextToken: null }))
    .on('objects:list', () => ok({ items: [entry('docs/'), entry('a.txt'), entry('b.txt')], nextToken: null }))
    .on('quicksync:list', () => ok([]));
  const h = createHarness(api);
  await h.store.getState().ui.boot();
  await settle();
  if (accounts[0]?.kind !== 'quicksync') {
    h.store.getState().buckets.select('b1');
    await settle();
  }
  return h;
}

type Item = Extract<MenuEntry, { type: 'item' }>;
const menu = (store: AppStore, target: MenuTarget) => buildMenu(store, target, t);
const items = (store: AppStore, target: MenuTarget) => menu(store, target).filter((e): e is Item => e.type === 'item');
/** Each item as "label" or "label (reason)". */
const shown = (store: AppStore, target: MenuTarget) =>
  items(store, target).map((e) => (e.reason === null ? e.label : `${e.label} (${e.reason})`));
const item = (store: AppStore, target: MenuTarget, id: string): Item => {
  const found = items(store, target).find((e) => e.id === id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
};
const objects = (...keys: string[]): MenuTarget => ({ kind: 'objects', keys });
/** These entries, in this order (other features add their own items between them). */
const expectItems = (store: AppStore, target: MenuTarget, expected: string[]) =>
  expect(shown(store, target).filter((s) => expected.includes(s))).toEqual(expected);

const sandbox: AccountSummary = {
  ...account('sb', 'Local sandbox'),
  kind: 'sandbox',
  endpoint: 'http://127.0.0.1:4566',
};
const quicksync: AccountSummary = {
  ...account('q1', 'QuickSync'),
  kind: 'quicksync',
  endpoint: QUICKSYNC_DEFAULT_API,
  region: '',
};

afterEach(() => vi.unstubAllGlobals());

describe('object rows', () => {
  it('one file: every action applies', async () => {
    const { store } = await boot([account('a1')]);
    expectItems(store, objects('a.txt'), [
      'Open',
      'Download…',
      'Share link…',
      'Copy key',
      'Copy s3:// URI',
      'Copy public URL',
      'Rename…',
      'Copy to…',
      'Move to…',
      'Delete…',
      'Show versions',
      'Properties',
    ]);
  });

  it('many: what needs one item is greyed out with the reason, the rest count the items', async () => {
    const { store } = await boot([account('a1')]);
    expectItems(store, objects('a.txt', 'b.txt'), [
      'Open (Select one item)',
      'Download…',
      'Share link… (Select one item)',
      'Copy 2 keys',
      'Copy 2 s3:// URIs',
      'Copy 2 public URLs',
      'Rename… (Select one item)',
      'Copy to…',
      'Move to…',
      'Delete…',
      'Show versions (Select one file)',
      'Properties (Select one item)',
    ]);
  });

  it('a folder: no share link, no public URL, no versions', async () => {
    const { store } = await boot([account('a1')]);
    expect(item(store, objects('docs/'), 'share').reason).toBe('Folders have no share link');
    expect(item(store, objects('docs/'), 'copyPublicUrl').reason).toBe('Folders have no public URL');
    expect(item(store, objects('docs/'), 'showVersions').reason).toBe('Select one file');
    for (const id of ['open', 'download', 'copyKey', 'rename', 'copyTo', 'moveTo', 'delete'])
      expect(item(store, objects('docs/'), id).reason).toBeNull();
  });

  it('the local sandbox: what its emulator lacks is greyed out as not supported', async () => {
    const { store } = await boot([sandbox]);
    const has = capabilitiesOf('sandbox');
    const expected = (c: Capability) => (has.has(c) ? null : 'Not supported by this service');
    expect(item(store, objects('a.txt'), 'share').reason).toBe(expected('share'));
    expect(item(store, objects('a.txt'), 'showVersions').reason).toBe(expected('versioning'));
    expect(item(store, { kind: 'bucket', bucket: 'b1' }, 'incompleteUploads').reason).toBe(
      expected('multipartUploads'),
    );
    // The sandbox lacks at least one of them (else this test shows nothing).
    expect(['share', 'versioning', 'multipartUploads'].every((c) => has.has(c as Capability))).toBe(false);
  });

  it('a capability the service answered NotSupported for is greyed out from then on', async () => {
    const { store } = await boot([account('a1')]);
    store.getState().support.noteFailure('a1', 'share', { code: 'NotSupported', message: 'no' });
    expect(item(store, objects('a.txt'), 'share').reason).toBe('Not supported by this service');
  });

  it('in search results there is no new folder and no versions listing', async () => {
    const { api, store } = await boot([account('a1')]);
    api.on('objects:search', () => ok({ items: [], nextToken: null, scanned: 0 }));
    void store.getState().objects.startSearch('a');
    expect(item(store, { kind: 'place' }, 'newFolder').reason).toBe('Not in search results');
    expect(item(store, objects('a.txt'), 'showVersions').reason).toBe('Not in search results');
  });
});

describe('a QuickSync account', () => {
  it('greys out every bucket action, and its files get download, copy name and delete', async () => {
    const { store } = await boot([quicksync]);
    for (const id of ['share', 'copyPublicUrl', 'rename', 'copyTo', 'moveTo', 'showVersions'])
      expect(item(store, objects('k1'), id).reason).toBe('Not supported by this service');
    expect(item(store, { kind: 'place' }, 'newFolder').reason).toBe('Not supported by this service');
    expect(item(store, { kind: 'place' }, 'uploadFolder').reason).toBe('Not supported by this service');
    expectItems(store, { kind: 'files', fileKeys: ['k1', 'k2'] }, ['Download…', 'Copy 2 names', 'Delete…']);
  });
});

describe('the empty area, buckets, accounts and transfer jobs', () => {
  it('the empty area offers what applies to the folder shown', async () => {
    const { store } = await boot([account('a1')]);
    expectItems(store, { kind: 'place' }, [
      'New folder…',
      'Upload files…',
      'Upload folder…',
      'Refresh',
      'Copy s3:// URI of this folder',
      'Bucket properties…',
    ]);
  });

  it('a bucket and an account', async () => {
    const { store } = await boot([account('a1'), sandbox]);
    expectItems(store, { kind: 'bucket', bucket: 'b1' }, [
      'Open',
      'Bucket properties…',
      'Incomplete uploads…',
      'Copy name',
      'Copy s3:// URI',
      'Delete bucket…',
    ]);
    expectItems(store, { kind: 'account', accountId: 'a1' }, [
      'Open',
      'Edit account…',
      'Test connection',
      'Remove account…',
    ]);
    expect(item(store, { kind: 'account', accountId: 'sb' }, 'edit').reason).toBe('The local sandbox has no settings');
  });

  it('a transfer job: each control applies in its states only', async () => {
    const { store } = await boot([account('a1')]);
    const job = (state: TransferState): MenuTarget => ({ kind: 'transfer', job: { ...JOB, state } });
    expectItems(store, job('running'), [
      'Pause',
      'Resume (Only a paused transfer can be resumed)',
      'Retry (Only a failed or cancelled transfer can be retried)',
      'Cancel',
      'Show in bucket',
      'Copy key',
    ]);
    expect(item(store, job('paused'), 'resume').reason).toBeNull();
    expect(item(store, job('paused'), 'pause').reason).toBe('Only a running or waiting transfer can be paused');
    expect(item(store, job('failed'), 'retry').reason).toBeNull();
    expect(item(store, job('done'), 'cancel').reason).toBe('This transfer has ended');
    const elsewhere: MenuTarget = { kind: 'transfer', job: { ...JOB, accountId: 'other' } };
    expect(item(store, elsewhere, 'showInBucket').reason).toBe('Its account is not the one open');
  });

  it('separators only ever stand between items', async () => {
    const { store } = await boot([account('a1')]);
    for (const target of [objects('a.txt'), { kind: 'place' } as const, { kind: 'bucket', bucket: 'b1' } as const]) {
      const types = menu(store, target).map((e) => e.type);
      expect(types[0]).toBe('item');
      expect(types.at(-1)).toBe('item');
      expect(types.join(',')).not.toContain('separator,separator');
      expect(types).toContain('separator');
    }
  });
});

describe('running an item', () => {
  it('Sync folder… opens a new sync pair for a folder row, or for the folder shown', async () => {
    const { store } = await boot([account('a1')]);
    expect(item(store, objects('a.txt'), 'syncFolder').reason).toBe('Select one folder');
    item(store, objects('docs/'), 'syncFolder').run();
    expect(store.getState().ui.dialog).toEqual({
      kind: 'syncPair',
      accountId: 'a1',
      bucket: 'b1',
      prefix: 'docs/',
      pairId: null,
    });
    item(store, { kind: 'place' }, 'syncFolder').run();
    expect(store.getState().ui.dialog).toMatchObject({ kind: 'syncPair', bucket: 'b1', prefix: '' });
  });

  it('opens the dialogs the toolbar opens', async () => {
    const { store } = await boot([account('a1')]);
    item(store, objects('a.txt', 'b.txt'), 'delete').run();
    expect(store.getState().ui.dialog).toEqual({ kind: 'deleteObjects', keys: ['a.txt', 'b.txt'] });
    item(store, objects('a.txt'), 'rename').run();
    expect(store.getState().ui.dialog).toEqual({ kind: 'rename', key: 'a.txt' });
    item(store, { kind: 'bucket', bucket: 'b1' }, 'deleteBucket').run();
    expect(store.getState().ui.dialog).toEqual({ kind: 'deleteBucket', bucket: 'b1' });
  });

  it('copies keys, s3:// URIs and public URLs to the clipboard, and says so', async () => {
    const written: string[] = [];
    vi.stubGlobal('navigator', { clipboard: { writeText: async (text: string) => void written.push(text) } });
    const { store } = await boot([{ ...account('a1'), addressingStyle: 'path', endpoint: 'http://127.0.0.1:7480' }]);
    item(store, objects('a.txt', 'docs/'), 'copyKey').run();
    item(store, objects('a.txt'), 'copyUri').run();
    item(store, objects('dir/a b.txt'), 'copyPublicUrl').run();
    await settle();
    expect(written).toEqual(['a.txt\ndocs/', 's3://b1/a.txt', 'http://127.0.0.1:7480/b1/dir/a%20b.txt']);
    expect(store.getState().ui.toasts.at(-1)).toMatchObject({ kind: 'info', message: 'Copied to the clipboard.' });
  });

  it('says so when the clipboard refuses', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: () => Promise.reject(new Error('denied')) } });
    const { store } = await boot([account('a1')]);
    item(store, { kind: 'bucket', bucket: 'b1' }, 'copyName').run();
    await settle();
    expect(store.getState().ui.toasts.at(-1)).toMatchObject({ kind: 'error' });
  });

  it('runs a native answer only when it names an enabled item', async () => {
    const { store } = await boot([account('a1')]);
    const entries = menu(store, objects('a.txt', 'b.txt'));
    expect(runEntry(entries, null)).toBe(false);
    expect(runEntry(entries, 'no-such-item')).toBe(false);
    expect(runEntry(entries, 'rename')).toBe(false); // greyed out: needs one item
    expect(store.getState().ui.dialog).toBeNull();
    expect(runEntry(entries, 'moveTo')).toBe(true);
    expect(store.getState().ui.dialog).toEqual({ kind: 'transfer', keys: ['a.txt', 'b.txt'], move: true });
  });
});

describe('the native form', () => {
  it('puts the reason into a disabled label and the shortcut into the accelerator', async () => {
    const { store } = await boot([account('a1')]);
    const native = toNativeMenu(menu(store, objects('docs/')), { x: 10.6, y: -3 });
    expect(native.x).toBe(11);
    expect(native.y).toBe(0);
    expect(native.items).toContainEqual({
      type: 'item',
      id: 'share',
      label: 'Share link… — Folders have no share link',
      enabled: false,
    });
    expect(native.items).toContainEqual({
      type: 'item',
      id: 'rename',
      label: 'Rename…',
      enabled: true,
      accelerator: 'F2',
    });
    expect(native.items).toContainEqual({ type: 'separator' });
  });
});

const JOB: TransferJobView = {
  id: 'j1',
  batchId: 'b',
  direction: 'upload',
  name: 'a.txt',
  accountId: 'a1',
  bucket: 'b1',
  key: 'docs/a.txt',
  localPath: null,
  state: 'running',
  bytesDone: 0,
  bytesTotal: 10,
  speed: 0,
  etaSeconds: null,
  retry: null,
  notice: null,
  error: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  finishedAt: null,
};
