import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/errors';
import type { ObjectDetails } from '../../shared/models';
import type { ObjectVersion, VersionPage } from '../../shared/properties';
import { selectFocusedRow, selectListingRows, type ObjectRef } from '../../renderer/src/store/props-slice';
import { FakeAppApi, entry, settle } from './fakes/fake-app-api';
import { bootWithBucket } from './fakes/renderer-store';

const TARGET: ObjectRef = { accountId: 'a1', bucket: 'b1', key: 'docs/report.pdf' };
const BUCKET = { accountId: 'a1', bucket: 'b1' };

function version(key: string, versionId: string, extra: Partial<ObjectVersion> = {}): ObjectVersion {
  return {
    key,
    versionId,
    isLatest: false,
    isDeleteMarker: false,
    size: 10,
    lastModified: '2026-01-01T00:00:00.000Z',
    etag: `"${versionId}"`,
    storageClass: 'STANDARD',
    ...extra,
  };
}

function details(key: string, extra: Partial<ObjectDetails> = {}): ObjectDetails {
  return {
    key,
    size: 10,
    contentType: 'text/plain',
    etag: '"e"',
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
    metadata: {},
    ...extra,
  };
}

const HEADERS = {
  contentType: 'text/csv',
  cacheControl: 'max-age=60',
  contentDisposition: null,
  contentEncoding: null,
  contentLanguage: null,
  expires: null,
};

async function setup(api = new FakeAppApi()) {
  api.on('objects:list', () => ok({ items: [entry('docs/'), entry('docs/report.pdf')], nextToken: null }));
  const h = await bootWithBucket(api);
  h.store.getState().buckets.select('b1');
  await settle();
  return {
    ...h,
    props: () => h.store.getState().props,
    supported: (feature: Parameters<ReturnType<typeof h.store.getState>['support']['isSupported']>[1]) =>
      h.store.getState().support.isSupported('a1', feature),
  };
}

describe('props: metadata and share links', () => {
  it('sends the change for the object, then lists the folder and asks for its details again', async () => {
    const api = new FakeAppApi();
    let heads = 0;
    api.on('objects:head', (req) => ok(details(req.key, { contentType: heads++ === 0 ? 'text/plain' : 'text/csv' })));
    api.on('objects:updateProperties', (req) => ok(details(req.key, { contentType: req.headers.contentType })));
    const { store, props } = await setup(api);
    store.getState().objects.click('docs/report.pdf');
    await store.getState().objects.loadDetails('docs/report.pdf');
    const listed = api.callsOf('objects:list').length;

    const result = await props().updateProperties(TARGET, {
      headers: HEADERS,
      metadata: { owner: 'me' },
      storageClass: null,
    });
    await settle();
    expect(result.ok).toBe(true);
    expect(api.callsOf('objects:updateProperties')).toEqual([
      { ...TARGET, headers: HEADERS, metadata: { owner: 'me' }, storageClass: null },
    ]);
    expect(api.callsOf('objects:list').length).toBe(listed + 1);
    expect(api.callsOf('objects:head')).toHaveLength(2);
    const shown = store.getState().objects.details;
    expect(shown?.status === 'ready' && shown.value.contentType).toBe('text/csv');
  });

  it('a NotSupported answer turns off storage class when one was asked for, else metadata', async () => {
    const api = new FakeAppApi();
    api.on('objects:updateProperties', () => fail('NotSupported', 'This operation is not supported by this service.'));
    const { props, supported } = await setup(api);
    await props().updateProperties(TARGET, { headers: HEADERS, metadata: {}, storageClass: 'GLACIER_IR' });
    expect(supported('storageClass')).toBe(false);
    expect(supported('metadata')).toBe(true);
    await props().updateProperties(TARGET, { headers: HEADERS, metadata: {}, storageClass: null });
    expect(supported('metadata')).toBe(false);
  });

  it('other failures are returned for the form and switch nothing off', async () => {
    const api = new FakeAppApi();
    api.on('objects:updateProperties', () => fail('AccessDenied', 'Access denied.'));
    api.on('share:create', () => fail('AccessDenied', 'Access denied.'));
    const { props, supported } = await setup(api);
    const update = await props().updateProperties(TARGET, { headers: HEADERS, metadata: {}, storageClass: null });
    expect(update).toEqual({ ok: false, error: { code: 'AccessDenied', message: 'Access denied.' } });
    const share = await props().share({ ...TARGET, expiresInSeconds: 900, downloadName: null });
    expect(share.ok).toBe(false);
    expect(supported('metadata')).toBe(true);
    expect(supported('share')).toBe(true);
  });

  it('creates a share link, and a service without presigned links turns sharing off', async () => {
    const api = new FakeAppApi();
    let n = 0;
    api.on('share:create', (req) =>
      n++ === 0
        ? ok({ url: `https://s.example/${req.key}`, expiresAt: '2026-01-01T01:00:00.000Z' })
        : fail('NotSupported', 'Not supported.'),
    );
    const { props, supported } = await setup(api);
    const link = await props().share({ ...TARGET, expiresInSeconds: 3600, downloadName: 'r.pdf' });
    expect(link).toEqual({
      ok: true,
      value: { url: 'https://s.example/docs/report.pdf', expiresAt: '2026-01-01T01:00:00.000Z' },
    });
    expect(api.callsOf('share:create')[0]).toEqual({ ...TARGET, expiresInSeconds: 3600, downloadName: 'r.pdf' });
    expect(supported('share')).toBe(true);
    await props().share({ ...TARGET, expiresInSeconds: 3600, downloadName: null });
    expect(supported('share')).toBe(false);
  });
});

describe('props: an object’s versions', () => {
  it('lists one key’s versions page by page, asking by key', async () => {
    const api = new FakeAppApi();
    const pages: VersionPage[] = [
      {
        folders: [],
        versions: [version(TARGET.key, 'v3', { isLatest: true }), version(TARGET.key, 'v2')],
        nextToken: 't',
      },
      { folders: [], versions: [version(TARGET.key, 'v1')], nextToken: null },
    ];
    api.on('versions:list', (req) => ok(pages[req.continuationToken === 't' ? 1 : 0] as VersionPage));
    const { props } = await setup(api);
    await props().loadVersions(TARGET);
    expect(props().versions?.versions.map((v) => v.versionId)).toEqual(['v3', 'v2']);
    expect(props().versions?.nextToken).toBe('t');
    await props().loadMoreVersions();
    expect(props().versions?.versions.map((v) => v.versionId)).toEqual(['v3', 'v2', 'v1']);
    expect(props().versions?.nextToken).toBeNull();
    expect(api.callsOf('versions:list')).toEqual([
      { ...TARGET, prefix: TARGET.key, continuationToken: null },
      { ...TARGET, prefix: TARGET.key, continuationToken: 't' },
    ]);
  });

  it('drops the versions of an object the focus has left', async () => {
    const api = new FakeAppApi();
    api.on('versions:list', (req) =>
      ok({ folders: [], versions: [version(req.key ?? '', `of-${req.key}`)], nextToken: null }),
    );
    api.gate('versions:list');
    const { props } = await setup(api);
    const other = { ...TARGET, key: 'docs/other.pdf' };
    void props().loadVersions(TARGET);
    void props().loadVersions(other);
    await api.releaseNext('versions:list');
    expect(props().versions?.versions).toEqual([]);
    await api.releaseNext('versions:list');
    expect(props().versions?.target).toEqual(other);
    expect(props().versions?.versions.map((v) => v.versionId)).toEqual(['of-docs/other.pdf']);
  });

  it('two reloads of the same object at once show its versions once, not twice', async () => {
    const api = new FakeAppApi();
    api.on('versions:list', () =>
      ok({
        folders: [],
        versions: [version(TARGET.key, 'v2', { isLatest: true }), version(TARGET.key, 'v1')],
        nextToken: null,
      }),
    );
    api.gate('versions:list');
    const { props } = await setup(api);
    void props().loadVersions(TARGET);
    void props().loadVersions(TARGET);
    await api.releaseNext('versions:list');
    await api.releaseNext('versions:list');
    expect(props().versions?.versions.map((v) => v.versionId)).toEqual(['v2', 'v1']);
  });

  it('restoring lists the versions and the folder again; a NotSupported listing turns versioning off', async () => {
    const api = new FakeAppApi();
    let listings = 0;
    api.on('versions:list', () =>
      listings++ < 2
        ? ok({
            folders: [],
            versions: [version(TARGET.key, 'v2', { isLatest: true }), version(TARGET.key, 'v1')],
            nextToken: null,
          })
        : fail('NotSupported', 'Not supported.'),
    );
    api.on('versions:restore', () => ok(null));
    const { props, supported } = await setup(api);
    await props().loadVersions(TARGET);
    const before = api.callsOf('objects:list').length;
    expect((await props().restoreVersion(TARGET, 'v1')).ok).toBe(true);
    await settle();
    expect(api.callsOf('versions:restore')).toEqual([{ ...TARGET, versionId: 'v1' }]);
    expect(api.callsOf('versions:list')).toHaveLength(2);
    expect(api.callsOf('objects:list').length).toBe(before + 1);
    expect(supported('versioning')).toBe(true);
    await props().loadVersions(TARGET);
    expect(props().versions?.error?.code).toBe('NotSupported');
    expect(supported('versioning')).toBe(false);
  });

  it('a version that object lock protects: the refusal comes back and versioning stays on', async () => {
    const api = new FakeAppApi();
    api.on('versions:delete', () => fail('AccessDenied', 'forbidden by object lock'));
    const { props, supported } = await setup(api);
    const result = await props().deleteVersion(TARGET, 'v1', true);
    expect(result).toEqual({ ok: false, error: { code: 'AccessDenied', message: 'forbidden by object lock' } });
    expect(api.callsOf('versions:delete')).toEqual([{ ...TARGET, versionId: 'v1', bypassGovernance: true }]);
    expect(supported('versioning')).toBe(true);
  });

  it('downloads a version through the objects slice’s flow', async () => {
    const api = new FakeAppApi();
    api.on('objects:download', (req) => ok({ kind: 'link', url: `/download/${req.versionId ?? 'current'}` }));
    const { store, downloads } = await setup(api);
    await store.getState().objects.download(TARGET.key, 'v1');
    expect(api.callsOf('objects:download')).toEqual([{ ...BUCKET, key: TARGET.key, versionId: 'v1' }]);
    expect(downloads).toEqual(['/download/v1']);
  });
});

describe('props: object lock', () => {
  it('does not ask for retention where the bucket has no object lock', async () => {
    const api = new FakeAppApi();
    api.on('objectLock:getBucket', () => ok({ enabled: false, defaultRetention: null }));
    const { props } = await setup(api);
    await props().loadLock(TARGET);
    expect(props().lock?.bucket).toEqual({ status: 'ready', value: { enabled: false, defaultRetention: null } });
    expect(props().lock?.object).toBeNull();
    expect(api.callsOf('objectLock:getObject')).toEqual([]);
  });

  it('loads retention and legal hold, and shows what a change answered', async () => {
    const api = new FakeAppApi();
    const retention = { mode: 'GOVERNANCE' as const, retainUntil: '2030-01-01T00:00:00.000Z' };
    api.on('objectLock:getBucket', () => ok({ enabled: true, defaultRetention: null }));
    api.on('objectLock:getObject', () => ok({ retention: null, legalHold: false }));
    api.on('objectLock:putRetention', (req) => ok({ retention: req.retention ?? null, legalHold: false }));
    api.on('objectLock:putLegalHold', (req) => ok({ retention, legalHold: req.on }));
    const { props } = await setup(api);
    await props().loadLock(TARGET);
    expect(props().lock?.object).toEqual({ status: 'ready', value: { retention: null, legalHold: false } });
    await props().putRetention(TARGET, retention, false);
    expect(props().lock?.object).toEqual({ status: 'ready', value: { retention, legalHold: false } });
    await props().putLegalHold(TARGET, true);
    expect(props().lock?.object).toEqual({ status: 'ready', value: { retention, legalHold: true } });
    expect(api.callsOf('objectLock:putRetention')).toEqual([{ ...TARGET, retention, bypassGovernance: false }]);
    expect(api.callsOf('objectLock:putLegalHold')).toEqual([{ ...TARGET, on: true }]);
  });

  it('notes each lock feature the service lacks on its own', async () => {
    const api = new FakeAppApi();
    api.on('objectLock:getBucket', () => ok({ enabled: true, defaultRetention: null }));
    api.on('objectLock:getObject', () => ok({ retention: null, legalHold: false }));
    api.on('objectLock:putLegalHold', () => fail('NotSupported', 'Not supported.'));
    const { props, supported } = await setup(api);
    await props().loadLock(TARGET);
    await props().putLegalHold(TARGET, true);
    expect(supported('legalHold')).toBe(false);
    expect(supported('retention')).toBe(true);
    expect(supported('objectLock')).toBe(true);
  });
});

describe('props: bucket properties', () => {
  it('loads each tab’s value when asked, and a service without bucket encryption turns it off', async () => {
    const api = new FakeAppApi();
    api.on('versioning:get', () => ok('Suspended' as const));
    api.on('encryption:getBucket', () =>
      fail('NotSupported', 'This service does not support default bucket encryption.'),
    );
    const { props, supported } = await setup(api);
    await props().loadBucketProp(BUCKET, 'versioning');
    await props().loadBucketProp(BUCKET, 'encryption');
    const state = props().bucketProps;
    expect(state?.versioning).toEqual({ status: 'ready', value: 'Suspended' });
    expect(state?.encryption).toEqual({
      status: 'error',
      error: { code: 'NotSupported', message: 'This service does not support default bucket encryption.' },
    });
    expect(state?.website).toBeNull();
    expect(supported('bucketEncryption')).toBe(false);
    expect(supported('versioning')).toBe(true);
  });

  it('a change shows what the service answered; another bucket starts afresh', async () => {
    const api = new FakeAppApi();
    api.on('versioning:get', () => ok('Unversioned' as const));
    api.on('versioning:put', (req) => ok(req.status));
    api.on('website:put', (req) => ok({ config: req.config, publicUrl: 'https://b1.example' }));
    const { props } = await setup(api);
    await props().loadBucketProp(BUCKET, 'versioning');
    expect((await props().setVersioning(BUCKET, 'Enabled')).ok).toBe(true);
    expect(props().bucketProps?.versioning).toEqual({ status: 'ready', value: 'Enabled' });
    const config = { indexDocument: 'index.html', errorDocument: null };
    await props().setWebsite(BUCKET, config);
    expect(props().bucketProps?.website).toEqual({
      status: 'ready',
      value: { config, publicUrl: 'https://b1.example' },
    });

    await props().loadBucketProp({ accountId: 'a1', bucket: 'b2' }, 'versioning');
    expect(props().bucketProps).toMatchObject({ bucket: 'b2', website: null, versioning: { status: 'ready' } });
    expect(api.callsOf('versioning:put')).toEqual([{ ...BUCKET, status: 'Enabled' }]);
  });
});

describe('props: "Show versions" listing', () => {
  it('lists the folder through versions:list page by page: folders first, older versions marked', async () => {
    const api = new FakeAppApi();
    const pages: VersionPage[] = [
      {
        folders: ['docs/'],
        versions: [version('a.txt', 'a2', { isLatest: true }), version('a.txt', 'a1')],
        nextToken: 'p2',
      },
      {
        folders: ['zeta/'],
        versions: [version('a.txt', 'a0'), version('b.txt', 'm1', { isLatest: true, isDeleteMarker: true })],
        nextToken: null,
      },
    ];
    api.on('versions:list', (req) => ok(pages[req.continuationToken === 'p2' ? 1 : 0] as VersionPage));
    api.gate('versions:list');
    const { store, props } = await setup(api);
    const objectLists = api.callsOf('objects:list').length;

    props().showVersions(true);
    await api.releaseNext('versions:list');
    expect(props().listing?.loading).toBe(true);
    expect(props().listing?.rows.map((r) => r.id)).toEqual(['docs/', '["a.txt","a2"]', '["a.txt","a1"]']);
    await api.releaseNext('versions:list');
    const rows = props().listing?.rows ?? [];
    expect(rows.map((r) => r.key)).toEqual(['docs/', 'zeta/', 'a.txt', 'a.txt', 'a.txt', 'b.txt']);
    expect(rows.map((r) => (r.kind === 'version' ? r.older : null))).toEqual([null, null, false, true, true, false]);
    expect(props().listing?.loading).toBe(false);
    expect(api.callsOf('versions:list')).toEqual([
      { ...BUCKET, prefix: '', key: null, continuationToken: null },
      { ...BUCKET, prefix: '', key: null, continuationToken: 'p2' },
    ]);
    expect(api.callsOf('objects:list')).toHaveLength(objectLists);
    expect(store.getState().objects.loading).toBe(false);

    // The filter narrows the rows by name; focus moves over what is shown.
    store.getState().objects.setFilter('a.t');
    expect(selectListingRows(store.getState()).map((r) => r.id)).toEqual([
      '["a.txt","a2"]',
      '["a.txt","a1"]',
      '["a.txt","a0"]',
    ]);
    props().moveRowFocus('last');
    expect(selectFocusedRow(store.getState())?.id).toBe('["a.txt","a0"]');
    props().moveRowFocus({ by: -1 });
    expect(selectFocusedRow(store.getState())?.id).toBe('["a.txt","a1"]');
  });

  it('opening a folder lists it again (stale pages dropped); switching off goes back to objects:list', async () => {
    const api = new FakeAppApi();
    api.on('versions:list', (req) =>
      ok({ folders: [], versions: [version(`${req.prefix}f.txt`, `in-${req.prefix || 'root'}`)], nextToken: null }),
    );
    api.gate('versions:list');
    const { store, props } = await setup(api);
    props().showVersions(true);
    store.getState().objects.open('b1', 'docs/');
    await api.releaseNext('versions:list'); // the root's page, no longer wanted
    expect(props().listing?.rows).toEqual([]);
    await api.releaseNext('versions:list');
    expect(props().listing?.rows.map((r) => r.key)).toEqual(['docs/f.txt']);

    const objectLists = api.callsOf('objects:list').length;
    props().showVersions(false);
    await settle();
    expect(props().listing).toBeNull();
    expect(api.callsOf('objects:list')).toHaveLength(objectLists + 1);
    expect(api.callsOf('objects:list').at(-1)?.prefix).toBe('docs/');
  });

  it('a refresh keeps the focused row; a service without versions says so and is noted', async () => {
    const api = new FakeAppApi();
    let n = 0;
    api.on('versions:list', () =>
      n++ < 2
        ? ok({ folders: [], versions: [version('a.txt', 'a1', { isLatest: true })], nextToken: null })
        : fail('NotSupported', 'Not supported.'),
    );
    const { store, props, supported } = await setup(api);
    props().showVersions(true);
    await settle();
    props().focusRow('["a.txt","a1"]');
    store.getState().objects.refresh();
    await settle();
    expect(props().listing?.focused).toBe('["a.txt","a1"]');
    store.getState().objects.refresh();
    await settle();
    expect(props().listing?.error?.code).toBe('NotSupported');
    expect(supported('versioning')).toBe(false);
  });
});
