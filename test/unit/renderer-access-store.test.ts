import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/errors';
import {
  ALL_USERS_URI,
  AUTHENTICATED_USERS_URI,
  LOG_DELIVERY_URI,
  NO_UPLOAD_OPTIONS,
  becomesPublic,
  type Acl,
  type Grant,
  type Tag,
  type UploadObjectOptions,
} from '../../shared/properties';
import { targetId, type AccessTarget } from '../../renderer/src/store/access-slice';
import {
  bulkTagsProblem,
  exposureSentences,
  granteeLabel,
  grantValueProblem,
  uploadOptionsSummary,
} from '../../renderer/src/view-model/access-format';
import { FakeAppApi, settle } from './fakes/fake-app-api';
import { bootWithBucket } from './fakes/renderer-store';
import { deferred } from './fakes/transfers';

const OBJECT: AccessTarget = { accountId: 'a1', bucket: 'b1', key: 'docs/report.pdf' };
const BUCKET: AccessTarget = { accountId: 'a1', bucket: 'b1', key: null };
const tags = (n: number): Tag[] => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));

const OWNER = { id: 'owner-id', displayName: 'Owner' };
const ownerGrant: Grant = {
  grantee: { type: 'CanonicalUser', id: OWNER.id, displayName: OWNER.displayName },
  permission: 'FULL_CONTROL',
};
const group = (uri: string, permission: Grant['permission']): Grant => ({
  grantee: { type: 'Group', uri },
  permission,
});
const PRIVATE: Acl = { owner: OWNER, grants: [ownerGrant] };
const PUBLIC_READ: Acl = { owner: OWNER, grants: [ownerGrant, group(ALL_USERS_URI, 'READ')] };

async function setup() {
  const api = new FakeAppApi();
  api.on('objects:list', () => ok({ items: [], nextToken: null }));
  const h = await bootWithBucket(api);
  return { ...h, access: () => h.store.getState().access, support: () => h.store.getState().support };
}

describe('access: tags', () => {
  it('loads an object version’s tags and a bucket’s tags from their own channels', async () => {
    const { api, access } = await setup();
    api.on('tags:getObject', () => ok([{ key: 'team', value: 'blue' }]));
    api.on('tags:getBucket', () => ok(tags(3)));
    const version = { ...OBJECT, versionId: 'v-1' };
    await access().loadTags(version);
    await access().loadTags(BUCKET);
    expect(api.callsOf('tags:getObject')).toEqual([
      { accountId: 'a1', bucket: 'b1', key: 'docs/report.pdf', versionId: 'v-1' },
    ]);
    expect(api.callsOf('tags:getBucket')).toEqual([{ accountId: 'a1', bucket: 'b1' }]);
    expect(access().tags[targetId(version)]).toMatchObject({
      status: 'ready',
      value: [{ key: 'team', value: 'blue' }],
    });
    expect(access().tags[targetId(BUCKET)]).toMatchObject({ status: 'ready', value: tags(3) });
  });

  it('saves a valid set, and an empty list (removes every tag); the saved set becomes the shown one', async () => {
    const { api, access } = await setup();
    api.on('tags:getObject', () => ok([]));
    api.on('tags:putObject', () => ok(null));
    await access().loadTags(OBJECT);
    const before = access().tags[targetId(OBJECT)];
    expect((await access().saveTags(OBJECT, tags(10))).ok).toBe(true);
    expect(access().tags[targetId(OBJECT)]).toMatchObject({ status: 'ready', value: tags(10) });
    // A new revision: the editor built on the old value starts over.
    expect(access().tags[targetId(OBJECT)]).not.toEqual(before);
    expect((await access().saveTags(OBJECT, [])).ok).toBe(true);
    expect(api.callsOf('tags:putObject').map((r) => r.tags)).toEqual([tags(10), []]);
  });

  it.each([
    ['11 tags on an object', tags(11), 'At most 10 tags per object: remove 1.'],
    ['a 129-character key', [{ key: 'k'.repeat(129), value: 'v' }], 'is longer than 128 characters'],
    ['a 257-character value', [{ key: 'k', value: 'v'.repeat(257) }], 'is longer than 256 characters'],
    ['a forbidden character', [{ key: 'a#b', value: 'v' }], 'has a character tags cannot hold'],
    ['an "aws:" key', [{ key: 'aws:owner', value: 'v' }], 'Tag keys starting with "aws:" are reserved.'],
    [
      'a key used twice',
      [
        { key: 'k', value: '1' },
        { key: 'k', value: '2' },
      ],
      'is used twice',
    ],
  ])('refuses %s without sending anything', async (_what, set, message) => {
    const { api, access } = await setup();
    api.on('tags:putObject', () => ok(null));
    const result = await access().saveTags(OBJECT, set);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('InvalidRequest');
    expect(!result.ok && result.error.message).toContain(message);
    expect(api.callsOf('tags:putObject')).toEqual([]);
  });

  it('a bucket may hold 50 tags, not 51', async () => {
    const { api, access } = await setup();
    api.on('tags:putBucket', () => ok(null));
    expect((await access().saveTags(BUCKET, tags(50))).ok).toBe(true);
    const refused = await access().saveTags(BUCKET, tags(51));
    expect(!refused.ok && refused.error.message).toBe('At most 50 tags per bucket: remove 1.');
    expect(api.callsOf('tags:putBucket')).toHaveLength(1);
  });

  it('NotSupported switches the feature off for the account; another error does not', async () => {
    const { api, access, support } = await setup();
    api.on('tags:getBucket', () => fail('NotSupported', 'Not implemented.'));
    api.on('tags:getObject', () => fail('AccessDenied', 'Access denied.'));
    await access().loadTags(BUCKET);
    await access().loadTags(OBJECT);
    expect(support().isSupported('a1', 'bucketTags')).toBe(false);
    expect(support().isSupported('a1', 'objectTags')).toBe(true);
    expect(access().tags[targetId(OBJECT)]).toEqual({
      status: 'error',
      error: { code: 'AccessDenied', message: 'Access denied.' },
    });
    // A save that the service refuses as unsupported does the same.
    api.on('tags:putObject', () => fail('NotSupported', 'Not implemented.'));
    await access().saveTags(OBJECT, tags(1));
    expect(support().isSupported('a1', 'objectTags')).toBe(false);
  });

  it('drops a load answer that a newer load overtook', async () => {
    const { api, access } = await setup();
    const first = deferred<ReturnType<typeof ok<Tag[]>>>();
    let n = 0;
    api.on('tags:getObject', () => (n++ === 0 ? first.promise : ok([{ key: 'new', value: '2' }])));
    const slow = access().loadTags(OBJECT);
    await access().loadTags(OBJECT);
    first.resolve(ok([{ key: 'old', value: '1' }]));
    await slow;
    expect(access().tags[targetId(OBJECT)]).toMatchObject({ status: 'ready', value: [{ key: 'new', value: '2' }] });
  });
});

describe('access: ACLs and the public warning', () => {
  it('asks before making a private object public-read, sends nothing until confirmed, then shows the server’s ACL', async () => {
    const { api, access } = await setup();
    api.on('acl:get', () => ok(PRIVATE));
    api.on('acl:put', () => ok(PUBLIC_READ));
    await access().loadAcl(OBJECT);

    const asked = await access().applyAcl(OBJECT, { canned: 'public-read' });
    expect(asked).toEqual({
      status: 'confirm',
      warnings: ['Everyone on the internet, without signing in, will be able to read (download) this object.'],
    });
    expect(api.callsOf('acl:put')).toEqual([]);
    expect(access().acls[targetId(OBJECT)]).toMatchObject({ status: 'ready', value: PRIVATE });

    const done = await access().applyAcl(OBJECT, { canned: 'public-read' }, true);
    expect(done).toEqual({ status: 'done', value: PUBLIC_READ });
    expect(api.callsOf('acl:put')).toEqual([
      { accountId: 'a1', bucket: 'b1', key: 'docs/report.pdf', change: { canned: 'public-read' } },
    ]);
    expect(access().acls[targetId(OBJECT)]).toMatchObject({ status: 'ready', value: PUBLIC_READ });
  });

  it('warns about a bucket that would become publicly writable even when it is publicly readable already', async () => {
    const { api, access } = await setup();
    api.on('acl:get', () => ok(PUBLIC_READ));
    await access().loadAcl(BUCKET);
    const asked = await access().applyAcl(BUCKET, { canned: 'public-read-write' });
    expect(asked).toEqual({
      status: 'confirm',
      warnings: [
        'Everyone on the internet, without signing in, will be able to add, overwrite and delete objects in this bucket.',
      ],
    });
    expect(api.callsOf('acl:put')).toEqual([]);
  });

  it('applies grants that open nothing new without asking', async () => {
    const { api, access } = await setup();
    api.on('acl:get', () => ok(PUBLIC_READ));
    api.on('acl:put', (req) => ok({ owner: OWNER, grants: 'grants' in req.change ? req.change.grants : [] }));
    await access().loadAcl(OBJECT);
    const logs = group(LOG_DELIVERY_URI, 'WRITE');
    const outcome = await access().applyAcl(OBJECT, { grants: [ownerGrant, group(ALL_USERS_URI, 'READ'), logs] });
    expect(outcome.status).toBe('done');
    const removePublic = await access().applyAcl(OBJECT, { grants: [ownerGrant] });
    expect(removePublic.status).toBe('done');
    expect(api.callsOf('acl:put')).toHaveLength(2);
  });

  it('an authenticated-users grant added by hand counts as public; an unknown current ACL is treated as private', async () => {
    const { api, access } = await setup();
    api.on('acl:put', () => ok(PRIVATE));
    const asked = await access().applyAcl(OBJECT, { grants: [ownerGrant, group(AUTHENTICATED_USERS_URI, 'READ')] });
    expect(asked).toEqual({
      status: 'confirm',
      warnings: [
        'Anyone with a key for this service (not only your account) will be able to read (download) this object.',
      ],
    });
    expect(api.callsOf('acl:put')).toEqual([]);
  });

  it('a failed apply says why, and NotSupported switches the ACL feature off', async () => {
    const { api, access, support } = await setup();
    api.on('acl:put', () => fail('AccessDenied', 'Access denied.'));
    expect(await access().applyAcl(BUCKET, { canned: 'private' })).toEqual({
      status: 'failed',
      error: { code: 'AccessDenied', message: 'Access denied.' },
    });
    api.on('acl:get', () => fail('NotSupported', 'Not implemented.'));
    await access().loadAcl(BUCKET);
    expect(support().isSupported('a1', 'bucketAcl')).toBe(false);
    expect(support().isSupported('a1', 'objectAcl')).toBe(true);
  });

  it('becomesPublic: a public reader already there is not news; FULL_CONTROL covers everything', () => {
    expect(becomesPublic(PUBLIC_READ, { canned: 'public-read' })).toBe(false);
    expect(becomesPublic(PUBLIC_READ, { canned: 'authenticated-read' })).toBe(true);
    expect(becomesPublic(null, { canned: 'private' })).toBe(false);
    const full: Acl = { owner: OWNER, grants: [group(ALL_USERS_URI, 'FULL_CONTROL')] };
    expect(becomesPublic(full, { canned: 'public-read-write' })).toBe(false);
  });
});

describe('access: tags of many objects', () => {
  it('runs tags:editMany as an operation with progress and a summary of exactly what failed', async () => {
    const { api, store, access } = await setup();
    const answer =
      deferred<
        ReturnType<typeof ok<{ succeeded: number; failed: { key: string; code: string; message: string }[] }>>
      >();
    api.on('tags:editMany', () => answer.promise);
    const keys = ['a.txt', 'b.txt', 'c.txt'];
    const started = access().editTags({
      accountId: 'a1',
      bucket: 'b1',
      keys,
      set: [{ key: 'team', value: 'blue' }],
      remove: ['old'],
    });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    await settle();
    expect(api.callsOf('tags:editMany')).toEqual([
      {
        accountId: 'a1',
        bucket: 'b1',
        keys,
        set: [{ key: 'team', value: 'blue' }],
        remove: ['old'],
        operationId: started.value.operationId,
      },
    ]);
    const runs = () => store.getState().operations.runs;
    expect(runs()[started.value.operationId]).toMatchObject({ kind: 'tag', status: 'running' });
    api.emit('operations:progress', { operationId: started.value.operationId, done: 2, total: 3, failed: 1 });
    expect(runs()[started.value.operationId]?.progress).toMatchObject({ done: 2, total: 3, failed: 1 });

    const failure = { key: 'c.txt', code: 'InvalidRequest', message: 'c.txt would have 11 tags (at most 10).' };
    answer.resolve(ok({ succeeded: 2, failed: [failure] }));
    const run = await started.value.done;
    expect(run).toMatchObject({ status: 'done', summary: { succeeded: 2, failed: [failure] } });
  });

  it('refuses an edit the rules refuse, starting nothing', async () => {
    const { api, store, access } = await setup();
    const cases: [Tag[], string[], string][] = [
      [tags(11), [], 'At most 10 tags per object: remove 1.'],
      [[], ['aws:x'], 'Tag keys starting with "aws:" are reserved.'],
      [[{ key: 'k', value: '1' }], ['k'], 'The tag key "k" is both set and removed.'],
      [[], [], 'Add a tag to set or a tag key to remove.'],
    ];
    for (const [set, remove, message] of cases) {
      const result = access().editTags({ accountId: 'a1', bucket: 'b1', keys: ['a'], set, remove });
      expect(!result.ok && result.error.message).toBe(message);
    }
    expect(api.callsOf('tags:editMany')).toEqual([]);
    expect(store.getState().operations.runs).toEqual({});
  });

  it('a service without tagging switches object tags off', async () => {
    const { api, access, support } = await setup();
    api.on('tags:editMany', () => fail('NotSupported', 'Not implemented.'));
    const started = access().editTags({ accountId: 'a1', bucket: 'b1', keys: ['a'], set: tags(1), remove: [] });
    if (started.ok) await started.value.done;
    await settle();
    expect(support().isSupported('a1', 'objectTags')).toBe(false);
  });
});

describe('access: upload options', () => {
  const chosen: UploadObjectOptions = {
    tags: [{ key: 'project', value: 'apollo' }],
    acl: null,
    encryption: { algorithm: 'AES256', kmsKeyId: null },
    storageClass: 'STANDARD_IA',
  };

  it('every upload path sends the bucket’s current options; other buckets send the defaults', async () => {
    const { api, store, access } = await setup();
    api.on('transfers:upload', (req) => ok({ batchId: req.batchId, stagePaths: [] }));
    store.getState().objects.open('b1', '');
    expect(access().setUploadOptions('a1', 'b1', chosen)).toEqual({ status: 'done', value: chosen });
    await store.getState().transfers.uploadLocal(['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'], { bucket: 'b1', prefix: '' });
    await store.getState().transfers.uploadFiles([{ file: new Blob(['x']), relativePath: 'x.txt' }], {
      bucket: 'b1',
      prefix: 'docs/',
    });
    await store.getState().transfers.uploadLocal(['bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'], { bucket: 'other', prefix: '' });
    expect(api.callsOf('transfers:upload').map((r) => [r.bucket, r.options])).toEqual([
      ['b1', chosen],
      ['b1', chosen],
      ['other', NO_UPLOAD_OPTIONS],
    ]);
  });

  it('refuses bad tags or a KMS key with AES256, and asks before uploads become public', async () => {
    const { access } = await setup();
    expect(access().setUploadOptions('a1', 'b1', { ...chosen, tags: tags(11) })).toEqual({
      status: 'invalid',
      problem: 'At most 10 tags per object: remove 1.',
    });
    expect(
      access().setUploadOptions('a1', 'b1', { ...chosen, encryption: { algorithm: 'AES256', kmsKeyId: 'qkms:1' } }),
    ).toEqual({ status: 'invalid', problem: 'A KMS key applies only to verenc (or aws:kms) encryption.' });

    const publicRead = { ...chosen, acl: 'public-read' as const };
    expect(access().setUploadOptions('a1', 'b1', publicRead)).toEqual({
      status: 'confirm',
      warnings: [
        'Everyone on the internet, without signing in, will be able to read (download) every file you upload.',
      ],
    });
    expect(access().uploadOptionsFor('a1', 'b1')).toBe(NO_UPLOAD_OPTIONS);
    expect(access().setUploadOptions('a1', 'b1', publicRead, true).status).toBe('done');
    // The same public choice again is not news; a wider one is.
    expect(access().setUploadOptions('a1', 'b1', { ...publicRead, tags: [] }).status).toBe('done');
    expect(access().setUploadOptions('a1', 'b1', { ...publicRead, acl: 'public-read-write' }).status).toBe('confirm');
    expect(access().uploadOptionsFor('a1', 'b1')).toEqual({ ...publicRead, tags: [] });
  });

  it('verenc takes a KMS key id verbatim', async () => {
    const { access } = await setup();
    const verenc: UploadObjectOptions = {
      ...NO_UPLOAD_OPTIONS,
      encryption: { algorithm: 'verenc', kmsKeyId: 'arn:verenc:123:key/0f0e' },
    };
    expect(access().setUploadOptions('a1', 'b1', verenc)).toEqual({ status: 'done', value: verenc });
  });
});

describe('access: words', () => {
  it('names grantees and says what a public grant allows', () => {
    expect(granteeLabel({ type: 'Group', uri: ALL_USERS_URI })).toBe('Everyone (public)');
    expect(granteeLabel({ type: 'Group', uri: AUTHENTICATED_USERS_URI })).toBe('Any authenticated user');
    expect(granteeLabel({ type: 'Group', uri: LOG_DELIVERY_URI })).toBe('Log delivery');
    expect(granteeLabel({ type: 'CanonicalUser', id: 'abc', displayName: 'Alice' })).toBe('Alice');
    expect(granteeLabel({ type: 'CanonicalUser', id: 'abc', displayName: null })).toBe('abc');
    expect(exposureSentences([group(ALL_USERS_URI, 'WRITE_ACP')], 'bucket')).toEqual([
      "Everyone on the internet, without signing in, will be able to change this bucket's permissions.",
    ]);
  });

  it('checks a grant being added', () => {
    expect(grantValueProblem('AmazonCustomerByEmail', 'not-an-email')).toBe('"not-an-email" is not an email address.');
    expect(grantValueProblem('CanonicalUser', '  ')).toBe('Enter the canonical user ID.');
    expect(grantValueProblem('Group', ALL_USERS_URI)).toBeNull();
  });

  it('sums up upload options for the toolbar', () => {
    expect(uploadOptionsSummary(NO_UPLOAD_OPTIONS)).toBeNull();
    expect(
      uploadOptionsSummary({
        tags: tags(2),
        acl: 'public-read',
        encryption: { algorithm: 'AES256', kmsKeyId: null },
        storageClass: null,
      }),
    ).toBe('Uploads: public-read · AES256 · 2 tags');
  });

  it('a bulk edit needs something to do and no key both set and removed', () => {
    expect(bulkTagsProblem([{ key: 'a', value: '1' }], ['b'])).toBeNull();
    expect(bulkTagsProblem([], ['b', 'b'])).toBe('A tag key to remove is listed twice.');
  });
});
