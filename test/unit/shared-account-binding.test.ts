import { describe, expect, it } from 'vitest';
import {
  bindingChanges,
  quickSyncApiBaseProblem,
  secretBinding,
  type BoundAccount,
} from '../../shared/account-binding';
import { fakeRouter } from './fakes/router';
import { isLoopbackHost } from '../../shared/loopback';

const s3: BoundAccount = {
  kind: 's3',
  endpoint: 'https://s3.example.com',
  addressingStyle: 'virtual',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
};
const changedFields = (a: BoundAccount, b: BoundAccount) =>
  bindingChanges(secretBinding(a), secretBinding(b)).map((c) => c.field);

describe('secret binding', () => {
  it('is the kind, the endpoint origin, the addressing style and the key id', () => {
    expect(secretBinding({ ...s3, endpoint: ' https://S3.Example.com:443/some/path/ ' })).toEqual({
      kind: 's3',
      origin: 'https://s3.example.com',
      addressingStyle: 'virtual',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    });
  });

  it('changes with the scheme, host, port, addressing, key id or kind; not with the path', () => {
    expect(changedFields(s3, { ...s3, endpoint: 'http://s3.example.com' })).toEqual(['origin']);
    expect(changedFields(s3, { ...s3, endpoint: 'https://s3.example.com.attacker.example' })).toEqual(['origin']);
    expect(changedFields(s3, { ...s3, endpoint: 'https://s3.example.com:444' })).toEqual(['origin']);
    expect(changedFields(s3, { ...s3, endpoint: 'https://user@attacker.example' })).toEqual(['origin']);
    expect(changedFields(s3, { ...s3, addressingStyle: 'path' })).toEqual(['addressingStyle']);
    expect(changedFields(s3, { ...s3, accessKeyId: 'AKIAOTHER' })).toEqual(['accessKeyId']);
    expect(changedFields(s3, { ...s3, kind: 'quicksync' })).toEqual(['kind', 'addressingStyle']);
    expect(changedFields(s3, { ...s3, endpoint: 'https://s3.example.com/elsewhere' })).toEqual([]);
    expect(changedFields(s3, { ...s3, accessKeyId: ' AKIAIOSFODNN7EXAMPLE\t' })).toEqual([]);
  });

  it('names what changed, from and to', () => {
    expect(
      bindingChanges(secretBinding(s3), secretBinding({ ...s3, endpoint: 'http://attacker.example:8080/x' })),
    ).toEqual([{ field: 'origin', from: 'https://s3.example.com', to: 'http://attacker.example:8080' }]);
  });

  it('binds a QuickSync token to the whole API base (not the addressing style)', () => {
    const qs: BoundAccount = { ...s3, kind: 'quicksync', endpoint: 'https://api.quicksync.me/v1/' };
    expect(secretBinding(qs)).toMatchObject({ origin: 'https://api.quicksync.me/v1', addressingStyle: null });
    expect(changedFields(qs, { ...qs, endpoint: 'https://api.quicksync.me/v2' })).toEqual(['origin']);
    expect(changedFields(qs, { ...qs, endpoint: 'https://api.quicksync.me/v1?x=1' })).toEqual(['origin']);
    expect(changedFields(qs, { ...qs, endpoint: 'https://API.quicksync.me/v2/../v1' })).toEqual([]);
    expect(changedFields(qs, { ...qs, addressingStyle: 'path' })).toEqual([]);
  });

  it('text that is no URL only matches itself', () => {
    const broken = { ...s3, endpoint: 'not a url' };
    expect(secretBinding(broken).origin).toBe('not a url');
    expect(changedFields(broken, s3)).toEqual(['origin']);
  });
});

describe('loopback hosts and QuickSync API bases', () => {
  it('knows loopback as the URL parser spells it, and nothing that merely looks like it', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.255.0.9', '[::1]', '::1'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      '127.0.0.1.nip.io',
      'localhost.attacker.example',
      'a.localhost',
      '128.0.0.1',
      '127.0.0.256',
      '127.00.0.1',
      '[::ffff:7f00:1]',
      '0.0.0.0',
      '10.0.0.1',
      '',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('refuses plain http to anything but this machine', () => {
    expect(quickSyncApiBaseProblem('http://api.quicksync.me/v1')).toBe(
      'The API base http://api.quicksync.me would carry the session token in clear: use https://.',
    );
    expect(quickSyncApiBaseProblem('http://192.168.1.10:4010/v1')).toMatch(/in clear/);
    expect(quickSyncApiBaseProblem('http://127.0.0.1.nip.io/v1')).toMatch(/in clear/);
    for (const ok of [
      'https://api.quicksync.me/v1',
      'http://127.0.0.1:4010/v1',
      'http://127.1/v1',
      'http://localhost:9/v1',
      'http://[::1]:9/v1',
    ])
      expect(quickSyncApiBaseProblem(ok), ok).toBeNull();
  });
});

describe('account request schemas (through the router)', () => {
  const { router } = fakeRouter({ fallback: async () => 'handled' });
  const draft = {
    kind: 'quicksync',
    name: 'Share',
    endpoint: 'https://api.quicksync.me/v1',
    region: '',
    accessKeyId: 'session-1',
    addressingStyle: 'virtual',
    checksumMode: 'when_required',
    secretAccessKey: 'token-1',
  };

  it('refuses a patch that carries a kind, on update and on test, with its own sentence', async () => {
    const kind = {
      code: 'InvalidRequest',
      message: 'The kind of an account cannot change: remove the account and add it again. (patch.kind)',
    };
    for (const channel of ['accounts:update', 'accounts:test'])
      expect(await router.invoke(channel, { id: 'a1', patch: { kind: 'quicksync' } })).toEqual({
        ok: false,
        error: kind,
      });
    expect(await router.invoke('accounts:test', { id: 'a1', patch: { name: 'n' } })).toEqual({
      ok: true,
      value: 'handled',
    });
  });

  it('refuses a draft whose API base would carry the token in clear, naming the field', async () => {
    expect(
      await router.invoke('accounts:test', { account: { ...draft, endpoint: 'http://api.quicksync.me/v1' } }),
    ).toEqual({
      ok: false,
      error: {
        code: 'InvalidRequest',
        message:
          'The API base http://api.quicksync.me would carry the session token in clear: use https://. (account.endpoint)',
      },
    });
    expect(
      (await router.invoke('accounts:create', { account: { ...draft, endpoint: 'http://localhost:4010/v1' } })).ok,
    ).toBe(true);
    // Plain http stays allowed for S3: requests are signed, the secret itself never travels.
    const s3 = { ...draft, kind: 's3', endpoint: 'http://minio.lan:9000' };
    expect((await router.invoke('accounts:create', { account: s3 })).ok).toBe(true);
  });

  it('tests either a saved account or a draft, not both', async () => {
    expect(await router.invoke('accounts:test', { id: 'a1', account: draft })).toMatchObject({
      ok: false,
      error: { code: 'InvalidRequest', message: expect.stringContaining('Test either a saved account') },
    });
    expect((await router.invoke('accounts:test', {})).ok).toBe(false);
  });
});
