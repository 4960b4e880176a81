import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNTS_FILE,
  SECRETS_FILE,
  createAccountStore,
  keyHint,
  type AccountStore,
  type NewAccount,
} from '../../electron/core/account-store';
import { createKeyFileVault } from '../../electron/core/key-file-vault';
import type { SecretVault } from '../../electron/core/secret-vault';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const input: NewAccount = {
  kind: 's3',
  name: '  Work  ',
  endpoint: 'https://s3.example.com/',
  region: 'eu-central-1',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  addressingStyle: 'path',
  checksumMode: 'when_required',
  secretAccessKey: SECRET,
};

let dir: string;
let vault: SecretVault;
let store: AccountStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'qs-accounts-'));
  vault = await createKeyFileVault(dir);
  store = createAccountStore(dir, vault);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fileText = (name: string): Promise<string> => readFile(path.join(dir, name), 'utf8');

describe('account store', () => {
  it('creates, lists, reads, updates and removes accounts', async () => {
    const created = await store.create(input);
    expect(created).toMatchObject({
      kind: 's3',
      name: 'Work',
      endpoint: 'https://s3.example.com',
      region: 'eu-central-1',
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await store.list()).toEqual([created]);
    expect(await store.get(created.id)).toEqual(created);
    expect(await store.readSecret(created.id)).toBe(SECRET);

    const renamed = await store.update(created.id, { name: 'Home', region: 'us-east-1' });
    expect(renamed).toMatchObject({
      id: created.id,
      name: 'Home',
      region: 'us-east-1',
      accessKeyId: input.accessKeyId,
    });
    expect(await store.readSecret(created.id)).toBe(SECRET); // absent secret: kept

    await store.update(created.id, { secretAccessKey: 'new-secret' });
    expect(await store.readSecret(created.id)).toBe('new-secret');

    await store.remove(created.id);
    expect(await store.list()).toEqual([]);
    await expect(store.get(created.id)).rejects.toMatchObject({ code: 'AccountNotFound' });
    await expect(store.readSecret(created.id)).rejects.toMatchObject({ code: 'AccountNotFound' });
    await expect(store.remove(created.id)).rejects.toMatchObject({ code: 'AccountNotFound' });
    expect(JSON.parse(await fileText(SECRETS_FILE)).secrets).toEqual({});
  });

  it('keeps the secret out of accounts.json and encrypted in secrets.json', async () => {
    const created = await store.create(input);
    const accounts = await fileText(ACCOUNTS_FILE);
    expect(accounts).not.toContain(SECRET);
    expect(accounts).not.toMatch(/secret/i);
    const secrets = await fileText(SECRETS_FILE);
    expect(secrets).not.toContain(SECRET);
    const { cipher, binding } = JSON.parse(secrets).secrets[created.id] as { cipher: string; binding: unknown };
    expect(await vault.decrypt(cipher)).toBe(SECRET);
    // Beside the cipher: what the secret may be used with.
    expect(binding).toEqual({
      kind: 's3',
      origin: 'https://s3.example.com',
      addressingStyle: 'path',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    });
  });

  it('summaries carry a key hint and hasSecret, never the secret', async () => {
    const created = await store.create(input);
    const summary = await store.summary(created);
    expect(summary).toEqual({
      id: created.id,
      kind: 's3',
      name: 'Work',
      endpoint: 'https://s3.example.com',
      region: 'eu-central-1',
      keyHint: 'AKIA…PLE',
      hasSecret: true,
      addressingStyle: 'path',
      checksumMode: 'when_required',
      encryptNames: false,
    });
    expect(JSON.stringify(summary)).not.toContain(SECRET);
    expect(JSON.stringify(summary)).not.toContain(input.accessKeyId);
  });

  it('key hints show little of a key id and less of a QuickSync session id (the QS Share passphrase)', () => {
    expect(keyHint('s3', 'AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…PLE');
    expect(keyHint('quicksync', '3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe('…301');
    expect(keyHint('s3', 'SHORTKEY')).toBe('…EY');
    expect(keyHint('s3', 'KEY')).toBe('…');
  });

  it('defaults an empty QStorage region to q-world-1', async () => {
    const created = await store.create({ ...input, kind: 'qstorage', region: '' });
    expect(created.region).toBe('q-world-1');
    expect((await store.create({ ...input, region: '' })).region).toBe('');
  });

  it('keeps a QuickSync account with its name encryption choice; older files without it load as off', async () => {
    const quickSync = await store.create({
      ...input,
      kind: 'quicksync',
      endpoint: 'https://api.quicksync.me/v1/',
      accessKeyId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      encryptNames: true,
    });
    expect(quickSync).toMatchObject({ kind: 'quicksync', endpoint: 'https://api.quicksync.me/v1', encryptNames: true });
    expect(await store.get(quickSync.id)).toEqual(quickSync);
    expect((await store.summary(quickSync)).encryptNames).toBe(true);
    expect((await store.update(quickSync.id, { encryptNames: false })).encryptNames).toBe(false);

    const { encryptNames: _dropped, ...old } = await store.create(input);
    await writeFile(path.join(dir, ACCOUNTS_FILE), JSON.stringify({ version: 1, accounts: [old] }));
    expect(await store.list()).toEqual([{ ...old, encryptNames: false }]);
  });

  it('reports a missing secret as SecretMissing', async () => {
    const created = await store.create(input);
    await writeFile(path.join(dir, SECRETS_FILE), JSON.stringify({ version: 1, secrets: {} }));
    expect((await store.summary(created)).hasSecret).toBe(false);
    await expect(store.readSecret(created.id)).rejects.toMatchObject({ code: 'SecretMissing' });
  });

  it.skipIf(process.platform === 'win32')('writes both files 0600, atomically, leaving no temp files', async () => {
    await Promise.all([
      store.create(input),
      store.create({ ...input, name: 'Second' }),
      store.create({ ...input, name: 'Third' }),
    ]);
    for (const name of [ACCOUNTS_FILE, SECRETS_FILE])
      expect((await stat(path.join(dir, name))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual([ACCOUNTS_FILE, 'secret.key', SECRETS_FILE].sort());
    // Concurrent creates are serialised: none is lost.
    expect((await store.list()).map((a) => a.name).sort()).toEqual(['Second', 'Third', 'Work']);
  });

  it('refuses a corrupted accounts file with a clear error instead of losing it', async () => {
    await writeFile(path.join(dir, ACCOUNTS_FILE), '{ not json');
    await expect(store.list()).rejects.toMatchObject({ code: 'LocalIOError', message: /not valid JSON/ });
    await expect(store.create(input)).rejects.toMatchObject({ code: 'LocalIOError' });
    expect(await fileText(ACCOUNTS_FILE)).toBe('{ not json');
  });
});

describe('account store: a secret is bound to where it was entered for', () => {
  const editAccountsFile = async (edit: (account: Record<string, unknown>) => void): Promise<void> => {
    const file = JSON.parse(await fileText(ACCOUNTS_FILE)) as { accounts: Record<string, unknown>[] };
    for (const account of file.accounts) edit(account);
    await writeFile(path.join(dir, ACCOUNTS_FILE), JSON.stringify(file));
  };

  it('refuses a change of endpoint origin, addressing style or key id without the secret, and saves nothing', async () => {
    const created = await store.create(input);
    const refusals = [
      [
        { endpoint: 'http://attacker.example/' },
        'The endpoint changed (https://s3.example.com → http://attacker.example)',
      ],
      [{ endpoint: 'https://s3.example.com:8443' }, 'https://s3.example.com → https://s3.example.com:8443'],
      [{ addressingStyle: 'virtual' as const }, 'The addressing style changed (path → virtual)'],
      [{ accessKeyId: 'AKIAOTHERKEY00000000' }, 'The access key ID changed: enter the secret key that belongs to it.'],
    ] as const;
    for (const [changes, message] of refusals) {
      const refused = store.update(created.id, { ...changes, name: 'Renamed' });
      await expect(refused).rejects.toMatchObject({
        code: 'SecretRequired',
        message: expect.stringContaining(message),
      });
    }
    await expect(store.update(created.id, { endpoint: 'http://attacker.example' })).rejects.toThrow(
      'A stored secret is only ever sent to the endpoint it was entered for.',
    );
    expect(await store.get(created.id)).toEqual(created);
    expect(await store.readSecret(created.id)).toBe(SECRET);
  });

  it('keeps the secret for changes that send it nowhere else', async () => {
    const created = await store.create(input);
    const updated = await store.update(created.id, {
      name: 'Home',
      region: 'us-east-1',
      checksumMode: 'when_supported',
      // Same origin: another path, the default port spelled out, the host in capitals, the same key id padded.
      endpoint: 'HTTPS://S3.example.com:443/base/',
      accessKeyId: ' AKIAIOSFODNN7EXAMPLE ',
    });
    expect(updated).toMatchObject({ name: 'Home', endpoint: 'HTTPS://S3.example.com:443/base' });
    expect(await store.readSecret(created.id)).toBe(SECRET);
  });

  it('binds a new secret to the changed account, and refuses it for the old binding', async () => {
    const created = await store.create(input);
    await store.update(created.id, { endpoint: 'https://other.example.com', secretAccessKey: 'other-secret' });
    expect(await store.readSecret(created.id)).toBe('other-secret');
    // The edit form's test of a patch: the stored secret only for the account as it is bound.
    await expect(
      store.readSecret(created.id, { ...created, endpoint: 'https://s3.example.com' }),
    ).rejects.toMatchObject({
      code: 'SecretRequired',
      message: expect.stringContaining('(https://other.example.com → https://s3.example.com)'),
    });
    expect(await store.readSecret(created.id, { ...created, endpoint: 'https://other.example.com/x' })).toBe(
      'other-secret',
    );
  });

  it('a QuickSync token is bound to the whole API base and the session id', async () => {
    const session = await store.create({
      ...input,
      kind: 'quicksync',
      endpoint: 'https://api.quicksync.me/v1',
      accessKeyId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    });
    await expect(store.update(session.id, { endpoint: 'https://api.quicksync.me/v2' })).rejects.toMatchObject({
      code: 'SecretRequired',
      message:
        'The API base changed (https://api.quicksync.me/v1 → https://api.quicksync.me/v2): paste the session token again. A stored token is only ever sent to the API base it was entered for.',
    });
    await expect(store.update(session.id, { accessKeyId: 'another-session-id' })).rejects.toMatchObject({
      code: 'SecretRequired',
      message: 'The session ID changed: paste the session token that belongs to it.',
    });
    // Addressing does not apply to QuickSync; a trailing slash is the same API base.
    await store.update(session.id, { addressingStyle: 'path', endpoint: 'https://api.quicksync.me/v1/' });
    expect(await store.readSecret(session.id)).toBe(SECRET);
  });

  it('refuses the secret when accounts.json is edited by hand to send it elsewhere', async () => {
    const created = await store.create(input);
    await editAccountsFile((a) => (a.endpoint = 'http://127.0.0.1:9'));
    await expect(store.readSecret(created.id)).rejects.toMatchObject({
      code: 'SecretRequired',
      message: expect.stringContaining('The endpoint changed (https://s3.example.com → http://127.0.0.1:9)'),
    });
    // A rename does not launder the edit; entering the secret again does.
    await expect(store.update(created.id, { name: 'Renamed' })).rejects.toMatchObject({ code: 'SecretRequired' });
    await store.update(created.id, { secretAccessKey: SECRET });
    expect(await store.readSecret(created.id)).toBe(SECRET);

    await editAccountsFile((a) => (a.kind = 'quicksync'));
    await expect(store.readSecret(created.id)).rejects.toMatchObject({
      code: 'SecretRequired',
      message: expect.stringContaining('The kind of the account changed (s3 → quicksync)'),
    });
  });

  it('a change without a stored secret needs none (there is nothing to send)', async () => {
    const created = await store.create(input);
    await writeFile(path.join(dir, SECRETS_FILE), JSON.stringify({ version: 2, secrets: {} }));
    expect(await store.update(created.id, { endpoint: 'https://elsewhere.example' })).toMatchObject({
      endpoint: 'https://elsewhere.example',
    });
    await expect(store.readSecret(created.id)).rejects.toMatchObject({ code: 'SecretMissing' });
  });

  it('binds the bare ciphers of a version 1 file to their accounts as stored, on first read', async () => {
    const created = await store.create(input);
    const cipher = await vault.encrypt(SECRET);
    await writeFile(
      path.join(dir, SECRETS_FILE),
      JSON.stringify({ version: 1, secrets: { [created.id]: cipher, 'gone-account': cipher } }),
    );
    expect(await store.hasSecret(created.id)).toBe(true);
    expect(JSON.parse(await fileText(SECRETS_FILE))).toEqual({
      version: 2,
      secrets: {
        [created.id]: {
          cipher,
          binding: {
            kind: 's3',
            origin: 'https://s3.example.com',
            addressingStyle: 'path',
            accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          },
        },
      },
    });
    expect(await store.readSecret(created.id)).toBe(SECRET);
    await editAccountsFile((a) => (a.addressingStyle = 'virtual'));
    await expect(store.readSecret(created.id)).rejects.toMatchObject({ code: 'SecretRequired' });
  });

  it('refuses a secrets file of an unknown version instead of guessing', async () => {
    const created = await store.create(input);
    await writeFile(path.join(dir, SECRETS_FILE), JSON.stringify({ version: 3, secrets: {} }));
    await expect(store.readSecret(created.id)).rejects.toMatchObject({ code: 'LocalIOError' });
  });
});
