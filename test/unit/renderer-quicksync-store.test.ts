import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/errors';
import type { AccountSummary } from '../../shared/models';
import { CAPABILITIES } from '../../shared/capabilities';
import { QUICKSYNC_BUCKET, QUICKSYNC_DEFAULT_API, type QuickSyncFile } from '../../shared/quicksync';
import { selectFileRows, selectFocusedFile, selectPlace } from '../../renderer/src/store/selectors';
import { createFilesView, describeFileDeletion, resumeProblem } from '../../renderer/src/view-model/quicksync-files';
import { FakeAppApi, settle } from './fakes/fake-app-api';
import { account, appInfo, createHarness } from './fakes/renderer-store';
import { expectSendable } from './fakes/sendable';
import { snapshot } from './fakes/transfers';

const quicksyncAccount = (id: string): AccountSummary => ({
  ...account(id, `QuickSync ${id}`),
  kind: 'quicksync',
  endpoint: QUICKSYNC_DEFAULT_API,
  region: '',
  keyHint: '…301',
  encryptNames: true,
});

function file(fileKey: string, name: string, more: Partial<QuickSyncFile> = {}): QuickSyncFile {
  return {
    fileKey,
    name,
    nameWasEncrypted: false,
    size: 1000,
    totalParts: 1,
    completed: true,
    resumableJobId: null,
    ...more,
  };
}

const COMPLETE = [file('k-b', 'b.txt'), file('k-a', 'a.txt', { nameWasEncrypted: true })];
const INCOMPLETE = file('k-part', 'partial.bin', { completed: false, totalParts: 3, resumableJobId: 'job-7' });

/** A fake API whose QuickSync listing has two complete files and, when asked, one incomplete upload. */
const quicksyncApi = () =>
  new FakeAppApi().on('quicksync:list', (req) => ok(req.includeIncomplete ? [...COMPLETE, INCOMPLETE] : COMPLETE));

/** Boots with an S3 account "s1" and a QuickSync account "q1"; the QuickSync one is selected. */
async function bootQuickSync(api = quicksyncApi()) {
  api
    .on('app:info', () => ok(appInfo()))
    .on('accounts:list', () => ok([account('s1'), quicksyncAccount('q1')]))
    .on('buckets:list', () => ok({ items: [{ name: 'b1', createdAt: null }], nextToken: null }));
  const h = createHarness(api, { prefs: memoryPrefs({ 'qstorage.lastAccount': 'q1' }) });
  await h.store.getState().ui.boot();
  await settle();
  return h;
}

function memoryPrefs(initial: Record<string, string>) {
  const values = new Map(Object.entries(initial));
  return { get: (k: string) => values.get(k) ?? null, set: (k: string, v: string) => void values.set(k, v) };
}

describe('a QuickSync account in the store', () => {
  it('shows its one place of files instead of buckets, listing complete files only by default', async () => {
    const { api, store } = await bootQuickSync();
    expect(api.callsOf('buckets:list')).toEqual([]);
    expect(api.callsOf('quicksync:list')).toEqual([{ accountId: 'q1', includeIncomplete: false }]);
    const s = store.getState();
    expect(s.buckets.loading).toBe(false);
    expect(s.objects.location).toBeNull();
    expect(selectPlace(s)).toEqual({ accountId: 'q1', bucket: QUICKSYNC_BUCKET, prefix: '' });
    // In natural name order, keyed by file key.
    expect(selectFileRows(s).map((r) => [r.key, r.name])).toEqual([
      ['k-a', 'a.txt'],
      ['k-b', 'b.txt'],
    ]);
  });

  it('declares only its session files, so the details pane offers no tags, permissions, versions or locks', async () => {
    const { store } = await bootQuickSync();
    expect(CAPABILITIES.filter((c) => store.getState().support.isSupported('q1', c))).toEqual(['sessionFiles']);
  });

  it('shows incomplete uploads when asked, and switching to an S3 account leaves the files behind', async () => {
    const { api, store } = await bootQuickSync();
    store.getState().quicksync.setShowIncomplete(true);
    await settle();
    expect(api.callsOf('quicksync:list').at(-1)).toEqual({ accountId: 'q1', includeIncomplete: true });
    expect(selectFileRows(store.getState()).map((r) => r.name)).toEqual(['a.txt', 'b.txt', 'partial.bin']);

    store.getState().accounts.select('s1');
    await settle();
    expect(store.getState().quicksync.place).toBeNull();
    expect(store.getState().quicksync.files).toEqual([]);
    expect(api.callsOf('buckets:list')).toEqual([{ accountId: 's1', continuationToken: null }]);
  });

  it('drops a listing answered after the toggle changed', async () => {
    const api = quicksyncApi().gate('quicksync:list');
    const h = bootQuickSync(api);
    await settle();
    await api.releaseNext('quicksync:list'); // the first listing (complete only)
    const { store } = await h;
    store.getState().quicksync.setShowIncomplete(true);
    store.getState().quicksync.setShowIncomplete(false);
    await settle();
    expect(api.heldCount('quicksync:list')).toBe(2);
    await api.releaseNext('quicksync:list'); // answered for "show incomplete": stale now
    expect(store.getState().quicksync.loading).toBe(true);
    expect(store.getState().quicksync.files).toEqual(COMPLETE);
    await api.releaseNext('quicksync:list');
    expect(store.getState().quicksync.files).toEqual(COMPLETE);
    expect(store.getState().quicksync.loading).toBe(false);
  });

  it('shows a failed listing as the error, such as an expired session', async () => {
    const api = new FakeAppApi();
    api.on('quicksync:list', () => fail('AccessDenied', 'Session expired: paste a new session token.'));
    const { store } = await bootQuickSync(api);
    expect(store.getState().quicksync.error).toEqual({
      code: 'AccessDenied',
      message: 'Session expired: paste a new session token.',
    });
    expect(store.getState().quicksync.loading).toBe(false);
  });

  it('selects like the object list and loads the focused file’s details', async () => {
    const api = quicksyncApi();
    api.on('quicksync:details', (req) => ok(file(req.fileKey, 'a.txt', { size: 5, nameWasEncrypted: true })));
    const { store } = await bootQuickSync(api);
    const q = () => store.getState().quicksync;
    q().click('k-a');
    q().click('k-b', { range: true });
    expect([...q().selected]).toEqual(['k-a', 'k-b']);
    q().moveFocus('first', false);
    expect(selectFocusedFile(store.getState())?.name).toBe('a.txt');
    await q().loadDetails('k-a');
    expect(api.callsOf('quicksync:details')).toEqual([{ accountId: 'q1', fileKey: 'k-a' }]);
    expect(q().details).toEqual({ fileKey: 'k-a', status: 'ready', value: expect.objectContaining({ size: 5 }) });
    // Loaded once; asked again only when fresh.
    await q().loadDetails('k-a');
    expect(api.callsOf('quicksync:details')).toHaveLength(1);
    q().setFilter('B.T');
    expect(selectFileRows(store.getState()).map((r) => r.key)).toEqual(['k-b']);
  });

  it('deletes as a batch operation and lists again when it ends, keeping only what is left', async () => {
    const api = new FakeAppApi();
    let files = [...COMPLETE];
    api
      .on('quicksync:list', () => ok(files))
      .on('quicksync:delete', (req) => {
        files = files.filter((f) => !req.fileKeys.includes(f.fileKey));
        return ok({ succeeded: req.fileKeys.length, failed: [] });
      });
    const { store } = await bootQuickSync(api);
    store.getState().quicksync.click('k-a');
    const started = store.getState().quicksync.remove(['k-a']);
    const run = await started.done;
    await settle();
    expect(api.callsOf('quicksync:delete')).toEqual([{ accountId: 'q1', fileKeys: ['k-a'], operationId: 'op-1' }]);
    expect(run).toMatchObject({ status: 'done', label: 'Deleting “a.txt”' });
    expect(store.getState().quicksync.files.map((f) => f.fileKey)).toEqual(['k-b']);
    expect(store.getState().quicksync.selected.size).toBe(0);
  });

  it('deletes more files than one request holds in chunks, as one run listed again once', async () => {
    const api = new FakeAppApi();
    api.on('quicksync:delete', (req) => ok({ succeeded: req.fileKeys.length, failed: [] }));
    const { store } = await bootQuickSync(api);
    const listed = api.callsOf('quicksync:list').length;
    const fileKeys = Array.from({ length: 25_000 }, (_, i) => `file-key-${i}`);
    const run = await store.getState().quicksync.remove(fileKeys).done;
    await settle();
    const calls = api.callsOf('quicksync:delete');
    expect(calls.map((c) => c.fileKeys.length)).toEqual([10_000, 10_000, 5000]);
    expect(calls.flatMap((c) => c.fileKeys)).toEqual(fileKeys);
    for (const call of calls) expectSendable('quicksync:delete', call);
    expect(run).toMatchObject({ status: 'done', summary: { succeeded: 25_000, failed: [] } });
    expect(Object.keys(store.getState().operations.runs)).toEqual([run.id]);
    expect(api.callsOf('quicksync:list').length).toBe(listed + 1);
  });

  it('lists again when an upload batch finishes, not for a download', async () => {
    const { api, store } = await bootQuickSync();
    const before = api.callsOf('quicksync:list').length;
    const batch = { batchId: 'b', label: '', done: 1, failed: 0, skipped: 0, cancelled: 0 };
    api.emit('transfers:progress', snapshot([], { finishedBatches: [{ ...batch, direction: 'download' }] }));
    await settle();
    expect(api.callsOf('quicksync:list')).toHaveLength(before);
    api.emit('transfers:progress', snapshot([], { finishedBatches: [{ ...batch, direction: 'upload' }] }));
    await settle();
    expect(api.callsOf('quicksync:list')).toHaveLength(before + 1);
    expect(store.getState().quicksync.loading).toBe(false);
  });

  it('resumes a paused journaled upload, and retries it when it had failed', async () => {
    const api = quicksyncApi();
    const affected: Record<string, number> = { resume: 1, retry: 0 };
    api.on('transfers:control', (req) => ok({ affected: affected[req.action] ?? 0 }));
    const { store } = await bootQuickSync(api);
    await store.getState().quicksync.resume(INCOMPLETE);
    expect(api.callsOf('transfers:control')).toEqual([{ action: 'resume', target: { jobIds: ['job-7'] } }]);
    expect(store.getState().transfers.panelOpen).toBe(true);

    affected.resume = 0;
    affected.retry = 1;
    await store.getState().quicksync.resume(INCOMPLETE);
    expect(
      api
        .callsOf('transfers:control')
        .slice(1)
        .map((r) => r.action),
    ).toEqual(['resume', 'retry']);

    affected.retry = 0;
    await store.getState().quicksync.resume(INCOMPLETE);
    expect(store.getState().ui.toasts.at(-1)?.message).toBe('partial.bin is already queued or uploading.');
  });

  it('does not try to resume an upload started elsewhere', async () => {
    const { api, store } = await bootQuickSync();
    await store.getState().quicksync.resume({ ...INCOMPLETE, resumableJobId: null });
    expect(api.callsOf('transfers:control')).toEqual([]);
    expect(store.getState().ui.toasts.at(-1)?.message).toBe('Started elsewhere: it can only be deleted.');
  });

  it('uploads and downloads through the transfer queue to the files pseudo-bucket', async () => {
    const api = quicksyncApi();
    api
      .on('transfers:upload', (req) => ok({ batchId: req.batchId, stagePaths: req.sources.map(() => 'stage/x') }))
      .on('transfers:download', (req) =>
        ok({
          kind: 'started',
          batchId: req.batchId,
          targetDir: typeof req.targetDir === 'string' ? req.targetDir : '',
        }),
      );
    const { store } = await bootQuickSync(api);
    const place = selectPlace(store.getState());
    if (place === null) throw new Error('no place');
    await store.getState().transfers.uploadLocal(['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'], place);
    expect(api.callsOf('transfers:upload')[0]).toMatchObject({
      accountId: 'q1',
      bucket: QUICKSYNC_BUCKET,
      prefix: '',
      sources: [{ kind: 'handle', handle: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }],
    });
    await store.getState().transfers.download(['k-a', 'k-b'], '/home/me/Downloads');
    expect(api.callsOf('transfers:download')[0]).toMatchObject({
      accountId: 'q1',
      bucket: QUICKSYNC_BUCKET,
      basePrefix: '',
      keys: ['k-a', 'k-b'],
      targetDir: '/home/me/Downloads',
    });
  });
});

describe('QuickSync files view model', () => {
  it('keeps the same rows for the same files and filter, in natural name order', () => {
    const view = createFilesView();
    const files = [file('1', 'file10'), file('2', 'File2'), file('3', 'file1')];
    const rows = view(files, '');
    expect(rows.map((r) => r.name)).toEqual(['file1', 'File2', 'file10']);
    expect(view(files, '')).toBe(rows);
    expect(view(files, ' FILE1 ').map((r) => r.name)).toEqual(['file1', 'file10']);
  });

  it('says why an upload cannot be resumed, and what a deletion does', () => {
    expect(resumeProblem(INCOMPLETE)).toBeNull();
    expect(resumeProblem({ ...INCOMPLETE, resumableJobId: null })).toBe('Started elsewhere: it can only be deleted.');
    expect(describeFileDeletion(['a.txt']).title).toBe('Delete “a.txt”?');
    expect(describeFileDeletion(['a', 'b']).title).toBe('Delete 2 files?');
  });
});
