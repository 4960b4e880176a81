/**
 * Accounts in the data directory: metadata in accounts.json, vault ciphertexts in secrets.json
 * (by account id, each beside the binding it was entered for), both written atomically with
 * mode 0600. Secrets stay encrypted here and are decrypted only for an account whose binding is
 * unchanged (see readSecret and secret-binding.ts).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { secretBinding, type BoundAccount, type SecretBinding } from '../../shared/account-binding';
import {
  QSTORAGE_DEFAULTS,
  type AccountKind,
  type AccountSummary,
  type AddressingStyle,
  type ChecksumMode,
} from '../../shared/models';
import { CoreError } from './errors';
import { ensureDataDir, readTextIfExists, writeFileAtomic } from './atomic-file';
import { requireBinding, secretBindingSchema } from './secret-binding';
import type { SecretVault } from './secret-vault';

/** An account as stored: everything but the secret. */
export interface AccountRecord {
  id: string;
  kind: AccountKind;
  name: string;
  endpoint: string;
  region: string;
  accessKeyId: string;
  addressingStyle: AddressingStyle;
  checksumMode: ChecksumMode;
  /** QuickSync: upload names encrypted with the session id (QS Share). */
  encryptNames: boolean;
  createdAt: string;
}

/** What creating an account takes (the sandbox account is created by the core itself). */
export type NewAccount = Omit<AccountRecord, 'id' | 'createdAt' | 'encryptNames'> & {
  secretAccessKey: string;
  /** False unless given: only QuickSync accounts use it. */
  encryptNames?: boolean;
};

/** Absent or undefined: kept. The kind never changes: a stored secret is bound to it. */
export type AccountChanges = { [K in Exclude<keyof NewAccount, 'kind'>]?: NewAccount[K] | undefined };

const recordSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['qstorage', 's3', 'sandbox', 'quicksync']),
  name: z.string(),
  endpoint: z.string(),
  region: z.string(),
  accessKeyId: z.string(),
  addressingStyle: z.enum(['virtual', 'path']),
  checksumMode: z.enum(['when_required', 'when_supported']),
  // Files written before QuickSync accounts existed have no such field.
  encryptNames: z.boolean().default(false),
  createdAt: z.string(),
});
const accountsFileSchema = z.object({ version: z.literal(1), accounts: z.array(recordSchema) });
/** A stored secret: the vault's cipher and what it may be used with. */
interface StoredSecret {
  cipher: string;
  binding: SecretBinding;
}
type Secrets = Record<string, StoredSecret>;
/** Version 1 kept bare ciphers: they are bound to their accounts as stored on first read. */
const secretsFileSchema = z.discriminatedUnion('version', [
  z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) }),
  z.object({
    version: z.literal(2),
    secrets: z.record(z.string(), z.object({ cipher: z.string(), binding: secretBindingSchema })),
  }),
]);

export const ACCOUNTS_FILE = 'accounts.json';
export const SECRETS_FILE = 'secrets.json';

/**
 * "AKIAIOSFODNN7EXAMPLE" → "AKIA…PLE": enough to tell keys apart, too little to be the key. A
 * QuickSync session id is the QS Share passphrase: only its end is shown; short ids show less.
 */
export function keyHint(kind: AccountKind, accessKeyId: string): string {
  const id = accessKeyId.trim();
  if (id.length < 12) return id.length < 6 ? '…' : `…${id.slice(-2)}`;
  return kind === 'quicksync' ? `…${id.slice(-3)}` : `${id.slice(0, 4)}…${id.slice(-3)}`;
}

export function toSummary(record: AccountRecord, hasSecret: boolean): AccountSummary {
  return {
    id: record.id,
    kind: record.kind,
    name: record.name,
    endpoint: record.endpoint,
    region: record.region,
    keyHint: keyHint(record.kind, record.accessKeyId),
    hasSecret,
    addressingStyle: record.addressingStyle,
    checksumMode: record.checksumMode,
    encryptNames: record.encryptNames,
  };
}

/** Trims a trailing slash (the SDK would otherwise build "//bucket" paths). */
const normalizeEndpoint = (endpoint: string): string => endpoint.trim().replace(/\/+$/, '');
/** QStorage has one region; an empty one (some of its pages say "leave empty") means q-world-1. */
const normalizeRegion = (kind: AccountKind, region: string): string =>
  region.trim() === '' && kind === 'qstorage' ? QSTORAGE_DEFAULTS.region : region.trim();

/** A saved account with changes applied (absent fields kept), normalised as stored. */
export function applyChanges(current: AccountRecord, changes: Omit<AccountChanges, 'secretAccessKey'>): AccountRecord {
  const merged: AccountRecord = { ...current };
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) Object.assign(merged, { [k]: v });
  merged.name = merged.name.trim();
  merged.endpoint = normalizeEndpoint(merged.endpoint);
  merged.region = normalizeRegion(merged.kind, merged.region);
  merged.accessKeyId = merged.accessKeyId.trim();
  return merged;
}

export interface AccountStore {
  list(): Promise<AccountRecord[]>;
  /** Throws AccountNotFound. */
  get(id: string): Promise<AccountRecord>;
  hasSecret(id: string): Promise<boolean>;
  /**
   * Decrypts the secret for use with `account` (default: the account as stored). Throws
   * SecretMissing when none is stored, SecretRequired when the account's binding (kind,
   * endpoint origin or API base, addressing style, key id) is not the one it was entered for.
   */
  readSecret(id: string, account?: BoundAccount): Promise<string>;
  create(input: NewAccount): Promise<AccountRecord>;
  /** Throws SecretRequired when the changes alter the binding of a stored secret without a new one. */
  update(id: string, changes: AccountChanges): Promise<AccountRecord>;
  remove(id: string): Promise<void>;
  summary(record: AccountRecord): Promise<AccountSummary>;
}

export function createAccountStore(dataDir: string, vault: SecretVault): AccountStore {
  const accountsPath = path.join(dataDir, ACCOUNTS_FILE);
  const secretsPath = path.join(dataDir, SECRETS_FILE);
  // Every change is read-modify-write of both files: run them one at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };

  async function readAccounts(): Promise<AccountRecord[]> {
    const text = await readTextIfExists(accountsPath);
    return text === null ? [] : parseFile(accountsFileSchema, text, accountsPath).accounts;
  }
  async function readSecrets(): Promise<Secrets> {
    const text = await readTextIfExists(secretsPath);
    if (text === null) return {};
    const file = parseFile(secretsFileSchema, text, secretsPath);
    if (file.version === 2) return file.secrets;
    // Bind each old cipher to its account as stored now; one without an account is of no use.
    const accounts = await readAccounts();
    const migrated: Secrets = {};
    for (const [id, cipher] of Object.entries(file.secrets)) {
      const account = accounts.find((a) => a.id === id);
      if (account) migrated[id] = { cipher, binding: secretBinding(account) };
    }
    await writeSecrets(migrated);
    return migrated;
  }
  async function writeAccounts(accounts: AccountRecord[]): Promise<void> {
    await ensureDataDir(dataDir);
    await writeFileAtomic(accountsPath, `${JSON.stringify({ version: 1, accounts }, null, 2)}\n`);
  }
  async function writeSecrets(secrets: Secrets): Promise<void> {
    await ensureDataDir(dataDir);
    await writeFileAtomic(secretsPath, `${JSON.stringify({ version: 2, secrets }, null, 2)}\n`);
  }
  const stored = async (secretAccessKey: string, account: AccountRecord): Promise<StoredSecret> => ({
    cipher: await vault.encrypt(secretAccessKey),
    binding: secretBinding(account),
  });
  async function find(id: string): Promise<AccountRecord> {
    const found = (await readAccounts()).find((a) => a.id === id);
    if (!found) throw new CoreError('AccountNotFound', 'This account no longer exists.');
    return found;
  }

  return {
    list: () => serial(readAccounts),
    get: (id) => serial(() => find(id)),
    hasSecret: (id) => serial(async () => Object.hasOwn(await readSecrets(), id)),
    readSecret: (id, account) =>
      serial(async () => {
        const record = await find(id);
        const secret = (await readSecrets())[id];
        if (secret === undefined)
          throw new CoreError(
            'SecretMissing',
            'No secret key is stored for this account: edit the account and enter it.',
          );
        requireBinding(secret.binding, account ?? record);
        return vault.decrypt(secret.cipher);
      }),
    create: (input) =>
      serial(async () => {
        const { secretAccessKey, ...fields } = input;
        const record: AccountRecord = {
          id: randomUUID(),
          ...fields,
          name: fields.name.trim(),
          endpoint: normalizeEndpoint(fields.endpoint),
          region: normalizeRegion(fields.kind, fields.region),
          accessKeyId: fields.accessKeyId.trim(),
          encryptNames: fields.encryptNames ?? false,
          createdAt: new Date().toISOString(),
        };
        // Secret first: an account is never listed without the secret it was created with.
        const secret = await stored(secretAccessKey, record);
        await writeSecrets({ ...(await readSecrets()), [record.id]: secret });
        await writeAccounts([...(await readAccounts()), record]);
        return record;
      }),
    update: (id, changes) =>
      serial(async () => {
        const accounts = await readAccounts();
        const index = accounts.findIndex((a) => a.id === id);
        const current = accounts[index];
        if (!current) throw new CoreError('AccountNotFound', 'This account no longer exists.');
        const { secretAccessKey, ...fields } = changes;
        const merged = applyChanges(current, fields);
        const secrets = await readSecrets();
        const kept = secrets[id];
        // A new secret is bound to the account as changed; a kept one only goes where it went before.
        if (secretAccessKey !== undefined)
          await writeSecrets({ ...secrets, [id]: await stored(secretAccessKey, merged) });
        else if (kept !== undefined) requireBinding(kept.binding, merged);
        accounts[index] = merged;
        await writeAccounts(accounts);
        return merged;
      }),
    remove: (id) =>
      serial(async () => {
        const accounts = await readAccounts();
        if (!accounts.some((a) => a.id === id))
          throw new CoreError('AccountNotFound', 'This account no longer exists.');
        await writeAccounts(accounts.filter((a) => a.id !== id));
        const { [id]: _gone, ...rest } = await readSecrets();
        await writeSecrets(rest);
      }),
    summary: (record) => serial(async () => toSummary(record, Object.hasOwn(await readSecrets(), record.id))),
  };
}

function parseFile<T>(schema: z.ZodType<T>, text: string, file: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CoreError('LocalIOError', `${file} is not valid JSON: restore it from a backup or move it away.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new CoreError('LocalIOError', `${file} has an unexpected format: restore it from a backup or move it away.`);
  return parsed.data;
}
