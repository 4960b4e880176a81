import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/errors';
import { QSTORAGE_DEFAULTS } from '../../shared/models';
import {
  changeKind,
  describeTestResult,
  emptyAccountForm,
  fieldErrorFromAppError,
  formFromAccount,
  validateAccountPatch,
  validateNewAccount,
} from '../../renderer/src/view-model/account-form';
import { FakeAppApi, settle } from './fakes/fake-app-api';
import { account, createHarness } from './fakes/renderer-store';

const filled = () => ({ ...emptyAccountForm(), name: 'Work', accessKeyId: 'AKIA1', secretAccessKey: 's3cr3t' });

describe('account form model', () => {
  it('a new QStorage account starts with the QStorage endpoint, region and compatible checksums', () => {
    expect(emptyAccountForm()).toMatchObject({
      kind: 'qstorage',
      endpoint: QSTORAGE_DEFAULTS.endpoint,
      region: 'q-world-1',
      addressingStyle: 'virtual',
      checksumMode: 'when_required',
      secretAccessKey: '',
    });
  });

  it('switching kind clears QStorage defaults but keeps what was typed', () => {
    const s3 = changeKind(emptyAccountForm(), 's3');
    expect(s3).toMatchObject({ kind: 's3', endpoint: '', region: '' });
    const typed = changeKind({ ...s3, endpoint: 'https://minio.local:9000', region: 'eu-1' }, 'qstorage');
    expect(typed).toMatchObject({ endpoint: 'https://minio.local:9000', region: 'eu-1' });
    expect(changeKind(s3, 'qstorage')).toMatchObject({ endpoint: QSTORAGE_DEFAULTS.endpoint, region: 'q-world-1' });
  });

  it('reports each missing or malformed field with the schema message', () => {
    const result = validateNewAccount({ ...emptyAccountForm(), endpoint: 'not a url' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toBe('Give the account a name.');
    expect(result.errors.accessKeyId).toBe('Enter the access key ID.');
    expect(result.errors.secretAccessKey).toBe('Enter the secret key.');
    expect(result.errors.endpoint).toMatch(/URL/);
  });

  it('accepts a complete account', () => {
    const result = validateNewAccount(filled());
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ name: 'Work', secretAccessKey: 's3cr3t' }) });
  });

  it('an edit with an empty secret keeps the stored one (no secret in the patch)', () => {
    const values = formFromAccount(account('a1'));
    expect(values.secretAccessKey).toBe('');
    const patch = validateAccountPatch(values);
    expect(patch.ok && 'secretAccessKey' in patch.value).toBe(false);
    const withSecret = validateAccountPatch({ ...values, secretAccessKey: 'new' });
    expect(withSecret.ok && withSecret.value.secretAccessKey).toBe('new');
    const bad = validateAccountPatch({ ...values, name: '  ' });
    expect(bad.ok).toBe(false);
  });

  it('puts a core InvalidRequest under its field and keeps other errors with their code', () => {
    expect(
      fieldErrorFromAppError({ code: 'InvalidRequest', message: 'Enter the access key ID. (account.accessKeyId)' }),
    ).toEqual({
      field: 'accessKeyId',
      message: 'Enter the access key ID.',
    });
    expect(fieldErrorFromAppError({ code: 'SecretStorageUnavailable', message: 'Secrets cannot be stored.' })).toEqual({
      field: null,
      message: 'Secrets cannot be stored. (SecretStorageUnavailable)',
    });
  });

  it('describes a connection test', () => {
    expect(describeTestResult(ok({ bucketCount: 3, latencyMs: 122.6 }))).toBe('Connected: 3 buckets, 123 ms');
    expect(describeTestResult(ok({ bucketCount: 1, latencyMs: 5 }))).toBe('Connected: 1 bucket, 5 ms');
    expect(describeTestResult(fail('SignatureDoesNotMatch', 'The secret key is wrong.'))).toBe(
      'The secret key is wrong. (SignatureDoesNotMatch)',
    );
  });
});

describe('accounts slice', () => {
  it('creates an account, selects it and never keeps the secret in the store', async () => {
    const api = new FakeAppApi();
    api
      .on('accounts:create', () => ok(account('new1', 'Work')))
      .on('buckets:list', () => ok({ items: [], nextToken: null }));
    const { store } = createHarness(api);
    const input = validateNewAccount(filled());
    if (!input.ok) throw new Error('form should be valid');
    const result = await store.getState().accounts.create(input.value);
    await settle();
    expect(result.ok).toBe(true);
    expect(store.getState().accounts.selectedId).toBe('new1');
    expect(api.callsOf('buckets:list')[0]).toEqual({ accountId: 'new1', continuationToken: null });
    expect(JSON.stringify(store.getState().accounts)).not.toContain('s3cr3t');
  });

  it("switching accounts lists the other account's buckets and drops a late answer for the first", async () => {
    const api = new FakeAppApi();
    api
      .on('accounts:list', () => ok([account('a1'), account('a2')]))
      .on('app:info', () =>
        ok({
          host: 'web',
          version: '1',
          platform: 'linux',
          secretStorage: { kind: 'aes-gcm-keyfile', warning: null },
          downloadsDir: '/home/me/Downloads',
        }),
      )
      .on('buckets:list', (req) =>
        ok({ items: [{ name: `${req.accountId}-bucket`, createdAt: null }], nextToken: null }),
      )
      .gate('buckets:list');
    const { store } = createHarness(api);
    const boot = store.getState().ui.boot();
    await settle();
    await boot;
    expect(store.getState().ui.ready).toBe(true);
    store.getState().accounts.select('a2');
    await settle();
    await api.releaseNext('buckets:list'); // a1's answer, now stale
    expect(store.getState().buckets.list).toEqual([]);
    await api.releaseNext('buckets:list');
    expect(store.getState().buckets.list.map((b) => b.name)).toEqual(['a2-bucket']);
  });

  it('a connection test shows the latest result only', async () => {
    const api = new FakeAppApi();
    let n = 0;
    api.on('accounts:test', () =>
      n++ === 0 ? fail('NetworkError', 'Could not connect.') : ok({ bucketCount: 2, latencyMs: 40 }),
    );
    api.gate('accounts:test');
    const { store } = createHarness(api);
    void store.getState().accounts.testConnection({ id: 'a1' });
    void store.getState().accounts.testConnection({ id: 'a1' });
    await settle();
    expect(store.getState().accounts.test).toEqual({ status: 'testing' });
    await api.releaseNext('accounts:test');
    await api.releaseNext('accounts:test');
    expect(store.getState().accounts.test).toEqual({ status: 'ok', message: 'Connected: 2 buckets, 40 ms' });
  });

  it('boot reports a failed accounts list instead of claiming readiness', async () => {
    const api = new FakeAppApi();
    api
      .on('app:info', () =>
        ok({
          host: 'web',
          version: '1',
          platform: 'linux',
          secretStorage: { kind: 'basic_text', warning: 'Secrets are stored as plain text.' },
          downloadsDir: '/home/me/Downloads',
        }),
      )
      .on('accounts:list', () => fail('LocalIOError', 'accounts.json could not be read.'));
    const { store } = createHarness(api);
    await store.getState().ui.boot();
    expect(store.getState().ui.ready).toBe(false);
    expect(store.getState().ui.bootError?.message).toBe('accounts.json could not be read.');
    expect(store.getState().ui.info?.secretStorage.warning).toBe('Secrets are stored as plain text.');
  });

  it('opening the sandbox adds its account once and selects it', async () => {
    const api = new FakeAppApi();
    const sandbox = { ...account('sandbox'), kind: 'sandbox' as const, name: 'Local sandbox' };
    api.on('sandbox:open', () => ok(sandbox)).on('buckets:list', () => ok({ items: [], nextToken: null }));
    const { store } = createHarness(api);
    await store.getState().accounts.openSandbox();
    await store.getState().accounts.openSandbox();
    expect(store.getState().accounts.list.map((a) => a.id)).toEqual(['sandbox']);
    expect(store.getState().accounts.selectedId).toBe('sandbox');
  });
});
