import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/errors';
import { QSTORAGE_DEFAULTS } from '../../shared/models';
import { QUICKSYNC_DEFAULT_API } from '../../shared/quicksync';
import {
  changeKind,
  describeTestResult,
  emptyAccountForm,
  fieldErrorFromAppError,
  fieldLabels,
  formFromAccount,
  secretRequiredReason,
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

  it('an edit with an empty key id and secret keeps the stored ones; the kind is never sent', () => {
    const saved = account('a1');
    const values = formFromAccount(saved);
    expect(values).toMatchObject({ accessKeyId: '', secretAccessKey: '' });
    const patch = validateAccountPatch(values, saved);
    expect(patch).toEqual({
      ok: true,
      value: {
        name: 'a1',
        endpoint: saved.endpoint,
        region: 'q-world-1',
        addressingStyle: 'virtual',
        checksumMode: 'when_required',
        encryptNames: false,
      },
    });
    const withSecret = validateAccountPatch({ ...values, secretAccessKey: 'new' }, saved);
    expect(withSecret.ok && withSecret.value.secretAccessKey).toBe('new');
    const bad = validateAccountPatch({ ...values, name: '  ' }, saved);
    expect(bad.ok).toBe(false);
  });

  it('asks for the secret again when the endpoint origin, the addressing style or the key id changes, and says why', () => {
    const saved = account('a1');
    const values = formFromAccount(saved);
    const cases = [
      [
        { endpoint: 'http://attacker.example' },
        'You changed the endpoint: enter the secret key again. A stored secret is only sent to the endpoint it was entered for.',
      ],
      [{ endpoint: 'https://qstorage.quilibrium.com:8443' }, 'You changed the endpoint: enter the secret key again.'],
      [{ addressingStyle: 'path' as const }, 'You changed the addressing style, so requests go to other hosts'],
      [{ accessKeyId: 'AKIANEWKEY' }, 'You entered a new access key ID: enter its secret key too.'],
    ] as const;
    for (const [change, why] of cases) {
      const edited = { ...values, ...change };
      expect(secretRequiredReason(saved, edited)).toContain(why);
      const refused = validateAccountPatch(edited, saved);
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.errors.secretAccessKey).toContain(why);
      const given = validateAccountPatch({ ...edited, secretAccessKey: 'again' }, saved);
      expect(given).toEqual({ ok: true, value: expect.objectContaining({ ...change, secretAccessKey: 'again' }) });
    }
    // Same origin, other details: the stored secret is kept.
    for (const endpoint of ['https://qstorage.quilibrium.com/', 'https://QSTORAGE.quilibrium.com:443/x']) {
      expect(secretRequiredReason(saved, { ...values, endpoint, region: 'elsewhere', name: 'Renamed' })).toBeNull();
      expect(validateAccountPatch({ ...values, endpoint }, saved).ok).toBe(true);
    }
  });

  it('puts a core SecretRequired refusal under the secret field', () => {
    const message = 'The endpoint changed (https://a → http://b): enter the secret key again.';
    expect(fieldErrorFromAppError({ code: 'SecretRequired', message })).toEqual({ field: 'secretAccessKey', message });
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

describe('account form model for QuickSync', () => {
  const session = {
    ...emptyAccountForm('quicksync'),
    name: 'Share',
    accessKeyId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    secretAccessKey: 'token-1',
  };

  it('starts from the default API base and names the fields as QuickSync does', () => {
    expect(emptyAccountForm('quicksync')).toMatchObject({
      kind: 'quicksync',
      endpoint: QUICKSYNC_DEFAULT_API,
      region: '',
      encryptNames: false,
    });
    expect(fieldLabels('quicksync')).toEqual({
      endpoint: 'API base',
      accessKeyId: 'Session ID',
      secretAccessKey: 'Session token',
    });
  });

  it('switching to and from QuickSync swaps the default endpoints, keeping typed ones', () => {
    const quicksync = changeKind(emptyAccountForm(), 'quicksync');
    expect(quicksync).toMatchObject({ endpoint: QUICKSYNC_DEFAULT_API, region: '' });
    expect(changeKind(quicksync, 'qstorage')).toMatchObject({ endpoint: QSTORAGE_DEFAULTS.endpoint });
    expect(changeKind(quicksync, 's3')).toMatchObject({ endpoint: '' });
    const typed = { ...quicksync, endpoint: 'http://127.0.0.1:4010/v1' };
    expect(changeKind(typed, 's3').endpoint).toBe('http://127.0.0.1:4010/v1');
  });

  it('maps onto the shared account input: endpoint = API base, key id = session id, secret = token', () => {
    const result = validateNewAccount({ ...session, region: 'left over', encryptNames: true });
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'quicksync',
        name: 'Share',
        endpoint: QUICKSYNC_DEFAULT_API,
        region: '',
        accessKeyId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
        secretAccessKey: 'token-1',
        addressingStyle: QSTORAGE_DEFAULTS.addressingStyle,
        checksumMode: QSTORAGE_DEFAULTS.checksumMode,
        encryptNames: true,
      },
    });
    // Name encryption belongs to QuickSync only.
    const s3 = validateNewAccount({ ...filled(), encryptNames: true });
    expect(s3.ok && s3.value.encryptNames).toBe(false);
  });

  it('an edit shows the saved name encryption and keeps the stored token when left empty', () => {
    const values = formFromAccount({
      ...account('q1'),
      kind: 'quicksync',
      endpoint: QUICKSYNC_DEFAULT_API,
      encryptNames: true,
    });
    expect(values).toMatchObject({ kind: 'quicksync', encryptNames: true, secretAccessKey: '' });
    const patch = validateAccountPatch(values, {
      ...account('q1'),
      kind: 'quicksync',
      endpoint: QUICKSYNC_DEFAULT_API,
    });
    expect(patch.ok && 'secretAccessKey' in patch.value).toBe(false);
    expect(patch.ok && patch.value.encryptNames).toBe(true);
  });

  it('asks for the token again when the API base or the session id changes', () => {
    const saved = { ...account('q1'), kind: 'quicksync' as const, endpoint: 'https://api.quicksync.me/v1' };
    const values = formFromAccount(saved);
    expect(secretRequiredReason(saved, { ...values, endpoint: 'https://api.quicksync.me/v2' })).toBe(
      'You changed the API base: paste the session token again. A stored token is only sent to the API base it was entered for.',
    );
    expect(secretRequiredReason(saved, { ...values, accessKeyId: 'another-session' })).toBe(
      'You entered a new session ID: paste its session token too.',
    );
    // Addressing does not apply to QuickSync.
    expect(
      secretRequiredReason(saved, { ...values, addressingStyle: 'path', endpoint: `${saved.endpoint}/` }),
    ).toBeNull();
  });

  it('refuses a plain-http API base other than this machine: the token would travel in clear', () => {
    const clear = 'The API base http://api.quicksync.me would carry the session token in clear: use https://.';
    const draft = validateNewAccount({ ...session, endpoint: 'http://api.quicksync.me/v1' });
    expect(!draft.ok && draft.errors).toEqual({ endpoint: clear });
    expect(validateNewAccount({ ...session, endpoint: 'http://127.0.0.1:4010/v1' }).ok).toBe(true);
    const saved = { ...account('q1'), kind: 'quicksync' as const, endpoint: QUICKSYNC_DEFAULT_API };
    const edit = validateAccountPatch(
      { ...formFromAccount(saved), endpoint: 'http://api.quicksync.me/v1', secretAccessKey: 'token-1' },
      saved,
    );
    expect(!edit.ok && edit.errors).toEqual({ endpoint: clear });
  });

  it('says what is missing in QuickSync’s words', () => {
    const result = validateNewAccount({ ...emptyAccountForm('quicksync'), name: 'Share', endpoint: 'nope' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      endpoint: `The API base must be a URL such as ${QUICKSYNC_DEFAULT_API}.`,
      accessKeyId: 'Enter the session ID.',
      secretAccessKey: 'Paste the session token.',
    });
    expect(
      fieldErrorFromAppError(
        { code: 'InvalidRequest', message: 'Enter the access key ID. (account.accessKeyId)' },
        'quicksync',
      ),
    ).toEqual({ field: 'accessKeyId', message: 'Enter the session ID.' });
  });

  it('a test says the token is valid, or why not, such as an expired session', () => {
    expect(describeTestResult(ok({ bucketCount: 0, latencyMs: 12.2 }), 'quicksync')).toBe(
      'Connected: the session token is valid, 12 ms',
    );
    expect(describeTestResult(fail('AccessDenied', 'Session expired: paste a new session token.'), 'quicksync')).toBe(
      'Session expired: paste a new session token. (AccessDenied)',
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

  it('a QuickSync draft is tested as a QuickSync account', async () => {
    const api = new FakeAppApi();
    api.on('accounts:test', () => ok({ bucketCount: 0, latencyMs: 8 }));
    const { store } = createHarness(api);
    const draft = validateNewAccount({
      ...emptyAccountForm('quicksync'),
      name: 'Share',
      accessKeyId: 'session-1',
      secretAccessKey: 'token-1',
    });
    if (!draft.ok) throw new Error('form should be valid');
    await store.getState().accounts.testConnection({ account: draft.value });
    expect(store.getState().accounts.test).toEqual({
      status: 'ok',
      message: 'Connected: the session token is valid, 8 ms',
    });
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
