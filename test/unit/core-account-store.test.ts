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
    const cipher = JSON.parse(secrets).secrets[created.id] as string;
    expect(await vault.decrypt(cipher)).toBe(SECRET);
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
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      keyHint: 'AKIA…PLE',
      hasSecret: true,
      addressingStyle: 'path',
      checksumMode: 'when_required',
      encryptNames: false,
    });
    expect(JSON.stringify(summary)).not.toContain(SECRET);
    expect(keyHint('SHORT')).toBe('SHORT');
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
