import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/errors';
import { selectVisibleRows } from '../../renderer/src/store/selectors';
import { FakeAppApi, entry, pagedListing, pagedSearch, settle } from './fakes/fake-app-api';
import { bootWithBucket } from './fakes/renderer-store';

const keysOf = (entries: { key: string }[]) => entries.map((e) => e.key);

describe('objects listing', () => {
  it('appends each page as it arrives, in order, before the next page is answered', async () => {
    const api = new FakeAppApi();
    const all = Array.from({ length: 7 }, (_, i) => entry(`file-${i}.txt`));
    api.on('objects:list', (req) => pagedListing(all, 3)(req.continuationToken)).gate('objects:list');
    const { store } = await bootWithBucket(api);
    store.getState().buckets.select('b1');
    await settle();

    expect(store.getState().objects.loading).toBe(true);
    expect(store.getState().objects.entries).toEqual([]);
    await api.releaseNext('objects:list');
    expect(keysOf(store.getState().objects.entries)).toEqual(['file-0.txt', 'file-1.txt', 'file-2.txt']);
    expect(store.getState().objects.loading).toBe(true);
    await api.releaseNext('objects:list');
    expect(store.getState().objects.entries).toHaveLength(6);
    await api.releaseNext('objects:list');
    expect(keysOf(store.getState().objects.entries)).toEqual(keysOf(all));
    expect(store.getState().objects.loading).toBe(false);
    // Tokens were passed along: null, "3", "6".
    expect(api.callsOf('objects:list').map((r) => r.continuationToken)).toEqual([null, '3', '6']);
  });

  it('drops the pages of a listing the person navigated away from', async () => {
    const api = new FakeAppApi();
    const root = [entry('docs/'), entry('a.txt'), entry('b.txt'), entry('c.txt')];
    const docs = [entry('docs/inner.txt')];
    api
      .on('objects:list', (req) => pagedListing(req.prefix === 'docs/' ? docs : root, 2)(req.continuationToken))
      .gate('objects:list');
    const { store } = await bootWithBucket(api);
    store.getState().buckets.select('b1');
    await settle();
    await api.releaseNext('objects:list'); // first root page arrives
    expect(store.getState().objects.entries).toHaveLength(2);

    store.getState().objects.open('b1', 'docs/'); // root's second page is now in flight
    await settle();
    expect(store.getState().objects.entries).toEqual([]);
    await api.releaseNext('objects:list'); // the stale root page
    expect(store.getState().objects.entries).toEqual([]);
    await api.releaseNext('objects:list'); // docs/
    expect(keysOf(store.getState().objects.entries)).toEqual(['docs/inner.txt']);
    expect(store.getState().objects.loading).toBe(false);
    // The stale listing did not go on to ask for a third root page.
    expect(api.callsOf('objects:list').filter((r) => r.prefix === '')).toHaveLength(2);
  });

  it('shows a failed page as the listing error and keeps the rows already loaded', async () => {
    const api = new FakeAppApi();
    let n = 0;
    api.on('objects:list', () =>
      n++ === 0 ? ok({ items: [entry('a.txt')], nextToken: 't' }) : fail('AccessDenied', 'Access denied to b1.'),
    );
    const { store } = await bootWithBucket(api);
    store.getState().buckets.select('b1');
    await settle();
    const o = store.getState().objects;
    expect(keysOf(o.entries)).toEqual(['a.txt']);
    expect(o.error).toEqual({ code: 'AccessDenied', message: 'Access denied to b1.' });
    expect(o.loading).toBe(false);
  });

  it('skips the folder marker of the folder being listed', async () => {
    const api = new FakeAppApi();
    api.on('objects:list', () => ok({ items: [entry('docs/'), entry('docs/a.txt')], nextToken: null }));
    const { store } = await bootWithBucket(api);
    store.getState().objects.open('b1', 'docs/');
    await settle();
    expect(keysOf(store.getState().objects.entries)).toEqual(['docs/a.txt']);
  });

  it('sorts visible rows with folders first and filters loaded rows by name', async () => {
    const api = new FakeAppApi();
    api.on('objects:list', () =>
      ok({
        items: [entry('b.txt', 30), entry('z/'), entry('A.txt', 10), entry('a/'), entry('c.log', 20)],
        nextToken: null,
      }),
    );
    const { store } = await bootWithBucket(api);
    store.getState().buckets.select('b1');
    await settle();
    expect(keysOf([...selectVisibleRows(store.getState())])).toEqual(['a/', 'z/', 'A.txt', 'b.txt', 'c.log']);
    store.getState().objects.setSort('size');
    expect(keysOf([...selectVisibleRows(store.getState())])).toEqual(['a/', 'z/', 'A.txt', 'c.log', 'b.txt']);
    store.getState().objects.setSort('size'); // again: descending, folders still first
    expect(keysOf([...selectVisibleRows(store.getState())])).toEqual(['z/', 'a/', 'b.txt', 'c.log', 'A.txt']);
    store.getState().objects.setFilter('TXT');
    expect(keysOf([...selectVisibleRows(store.getState())])).toEqual(['b.txt', 'A.txt']);
  });

  it('Up goes to the parent folder and focuses the folder it came from', async () => {
    const api = new FakeAppApi();
    api.on('objects:list', (req) => ok({ items: req.prefix === 'a/' ? [entry('a/b/')] : [], nextToken: null }));
    const { store } = await bootWithBucket(api);
    store.getState().objects.open('b1', 'a/b/');
    await settle();
    store.getState().objects.up();
    await settle();
    const o = store.getState().objects;
    expect(o.location?.prefix).toBe('a/');
    expect(o.focused).toBe('a/b/');
    expect([...o.selected]).toEqual(['a/b/']);
  });
});

describe('recursive search', () => {
  it('streams result pages and sums the keys scanned', async () => {
    const api = new FakeAppApi();
    api.on('objects:list', () => ok({ items: [], nextToken: null }));
    api.on('objects:search', (req) =>
      pagedSearch([[entry('x/report.pdf')], [entry('y/report.txt')]], 500)(req.continuationToken),
    );
    api.gate('objects:search');
    const { store } = await bootWithBucket(api);
    store.getState().buckets.select('b1');
    await settle();
    const done = store.getState().objects.startSearch('report');
    await settle();
    expect(store.getState().objects.search?.running).toBe(true);
    await api.releaseNext('objects:search');
    expect(keysOf(store.getState().objects.search?.entries ?? [])).toEqual(['x/report.pdf']);
    expect(keysOf([...selectVisibleRows(store.getState())])).toEqual(['x/report.pdf']);
    await api.releaseNext('objects:search');
    await done;
    const search = store.getState().objects.search;
    expect(search?.running).toBe(false);
    expect(search?.scanned).toBe(1000);
    expect(keysOf(search?.entries ?? [])).toEqual(['x/report.pdf', 'y/report.txt']);
    expect(api.callsOf('objects:search')[0]).toMatchObject({
      bucket: 'b1',
      prefix: '',
      query: 'report',
      continuationToken: null,
    });
  });

  it('Stop keeps the results so far, drops the page in flight and asks for no more', async () => {
    const api = new FakeAppApi();
    api.on('objects:list', () => ok({ items: [], nextToken: null }));
    api.on('objects:search', (req) =>
      pagedSearch([[entry('one')], [entry('two')], [entry('three')]], 10)(req.continuationToken),
    );
    api.gate('objects:search');
    const { store } = await bootWithBucket(api);
    store.getState().buckets.select('b1');
    await settle();
    const done = store.getState().objects.startSearch('o');
    await settle();
    await api.releaseNext('objects:search');
    store.getState().objects.stopSearch();
    await api.releaseNext('objects:search'); // answer to the request already sent
    await done;
    const search = store.getState().objects.search;
    expect(search?.running).toBe(false);
    expect(keysOf(search?.entries ?? [])).toEqual(['one']);
    expect(api.callsOf('objects:search')).toHaveLength(2);
  });

  it('a new search replaces a running one, and clearing returns to the folder rows', async () => {
    const api = new FakeAppApi();
    api.on('objects:list', () => ok({ items: [entry('folder-row.txt')], nextToken: null }));
    api.on('objects:search', (req) => ok({ items: [entry(`${req.query}.txt`)], nextToken: null, scanned: 1 }));
    api.gate('objects:search');
    const { store } = await bootWithBucket(api);
    store.getState().buckets.select('b1');
    await settle();
    void store.getState().objects.startSearch('first');
    void store.getState().objects.startSearch('second');
    await settle();
    await api.releaseNext('objects:search'); // "first" answers late
    await api.releaseNext('objects:search');
    expect(keysOf(store.getState().objects.search?.entries ?? [])).toEqual(['second.txt']);
    store.getState().objects.clearSearch();
    expect(keysOf([...selectVisibleRows(store.getState())])).toEqual(['folder-row.txt']);
  });
});

describe('batch operations', () => {
  it('tracks delete progress from events and ends with the summary of what failed', async () => {
    const api = new FakeAppApi();
    api.on('objects:list', () => ok({ items: [entry('a.txt'), entry('b.txt'), entry('logs/')], nextToken: null }));
    api.on('objects:delete', () =>
      ok({ succeeded: 41, failed: [{ key: 'logs/locked.txt', code: 'AccessDenied', message: 'Access denied.' }] }),
    );
    api.gate('objects:delete');
    const { store } = await bootWithBucket(api);
    store.getState().buckets.select('b1');
    await settle();
    const listCallsBefore = api.callsOf('objects:list').length;

    const started = store.getState().objects.remove(['a.txt', 'logs/']);
    await settle();
    expect(api.callsOf('objects:delete')[0]).toEqual({
      accountId: 'a1',
      bucket: 'b1',
      keys: ['a.txt', 'logs/'],
      operationId: started.operationId,
    });
    expect(store.getState().operations.runs[started.operationId]?.status).toBe('running');

    api.emit('operations:progress', { operationId: started.operationId, done: 10, total: null, failed: 0 });
    expect(store.getState().operations.runs[started.operationId]?.progress).toEqual({
      operationId: started.operationId,
      done: 10,
      total: null,
      failed: 0,
    });
    api.emit('operations:progress', { operationId: 'someone-else', done: 99, total: 99, failed: 0 });
    expect(store.getState().operations.runs['someone-else']).toBeUndefined();

    await api.releaseNext('objects:delete');
    const run = await started.done;
    expect(run.status).toBe('done');
    expect(run.summary?.failed).toEqual([{ key: 'logs/locked.txt', code: 'AccessDenied', message: 'Access denied.' }]);
    expect(store.getState().operations.lastId).toBe(started.operationId);
    await settle();
    // The folder is listed again afterwards to show what is really there.
    expect(api.callsOf('objects:list').length).toBe(listCallsBefore + 1);
  });

  it('a delete that fails as a whole keeps its error for the dialog', async () => {
    const api = new FakeAppApi();
    api.on('objects:list', () => ok({ items: [], nextToken: null }));
    api.on('objects:delete', () => fail('NoSuchBucket', 'The bucket "b1" does not exist.'));
    const { store } = await bootWithBucket(api);
    store.getState().buckets.select('b1');
    await settle();
    const run = await store.getState().objects.remove(['x']).done;
    expect(run.status).toBe('failed');
    expect(run.error?.message).toBe('The bucket "b1" does not exist.');
  });

  it('rename sends a server-side move of the folder', async () => {
    const api = new FakeAppApi();
    api.on('objects:list', () => ok({ items: [], nextToken: null }));
    api.on('objects:copy', () => ok({ succeeded: 3, failed: [] }));
    const { store } = await bootWithBucket(api);
    store.getState().objects.open('b1', 'docs/');
    await settle();
    await store.getState().objects.copy([{ source: 'docs/old/', target: 'docs/new/' }], true, 'Renaming').done;
    expect(api.callsOf('objects:copy')[0]).toMatchObject({
      items: [{ source: 'docs/old/', target: 'docs/new/' }],
      move: true,
    });
  });

  it('creates a folder as prefix + name + "/" and selects it', async () => {
    const api = new FakeAppApi();
    const items = [entry('docs/a.txt')];
    api.on('objects:list', () => ok({ items: [...items], nextToken: null }));
    api.on('objects:createFolder', (req) => {
      items.push(entry(req.key));
      return ok(null);
    });
    const { store } = await bootWithBucket(api);
    store.getState().objects.open('b1', 'docs/');
    await settle();
    const result = await store.getState().objects.createFolder('Reports');
    expect(result.ok).toBe(true);
    expect(api.callsOf('objects:createFolder')[0]).toEqual({ accountId: 'a1', bucket: 'b1', key: 'docs/Reports/' });
    await settle();
    expect(keysOf(store.getState().objects.entries)).toEqual(['docs/a.txt', 'docs/Reports/']);
    expect(store.getState().objects.focused).toBe('docs/Reports/');
    expect([...store.getState().objects.selected]).toEqual(['docs/Reports/']);
  });
});

describe('download and details', () => {
  it('hands a link to the browser, and reports a saved file as a notice', async () => {
    const api = new FakeAppApi();
    api.on('objects:list', () => ok({ items: [], nextToken: null }));
    let kind: 'link' | 'saved' = 'link';
    api.on('objects:download', () =>
      ok(kind === 'link' ? { kind, url: '/download/abc' } : { kind, path: '/home/me/a.txt', bytes: 3 }),
    );
    const h = await bootWithBucket(api);
    h.store.getState().buckets.select('b1');
    await settle();
    await h.store.getState().objects.download('a.txt');
    expect(h.downloads).toEqual(['/download/abc']);
    kind = 'saved';
    await h.store.getState().objects.download('a.txt');
    expect(h.store.getState().ui.toasts.map((t) => t.message)).toContain('Saved to /home/me/a.txt');
  });

  it('shows the error message of a failed download in an error toast', async () => {
    const api = new FakeAppApi();
    api.on('objects:list', () => ok({ items: [], nextToken: null }));
    api.on('objects:download', () => fail('NoSuchKey', 'The object "a.txt" no longer exists.'));
    const { store } = await bootWithBucket(api);
    store.getState().buckets.select('b1');
    await settle();
    await store.getState().objects.download('a.txt');
    const toast = store.getState().ui.toasts.at(-1);
    expect(toast?.kind).toBe('error');
    expect(toast?.message).toContain('The object "a.txt" no longer exists.');
  });

  it('keeps only the details of the object that still has the focus', async () => {
    const api = new FakeAppApi();
    api.on('objects:list', () => ok({ items: [entry('a.txt'), entry('b.txt')], nextToken: null }));
    api.on('objects:head', (req) =>
      ok({
        key: req.key,
        size: 1,
        contentType: 'text/plain',
        etag: null,
        lastModified: null,
        storageClass: null,
        serverSideEncryption: null,
        kmsKeyId: null,
        versionId: null,
        cacheControl: null,
        contentDisposition: null,
        contentEncoding: null,
        contentLanguage: null,
        expires: null,
        metadata: { owner: 'me' },
      }),
    );
    api.gate('objects:head');
    const { store } = await bootWithBucket(api);
    store.getState().buckets.select('b1');
    await settle();
    store.getState().objects.click('a.txt');
    const first = store.getState().objects.loadDetails('a.txt');
    store.getState().objects.click('b.txt');
    const second = store.getState().objects.loadDetails('b.txt');
    await settle();
    await api.releaseNext('objects:head');
    await api.releaseNext('objects:head');
    await Promise.all([first, second]);
    const details = store.getState().objects.details;
    expect(details?.key).toBe('b.txt');
    expect(details?.status === 'ready' && details.value.metadata).toEqual({ owner: 'me' });
  });
});
