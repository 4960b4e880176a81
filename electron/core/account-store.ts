/**
 * Accounts in the data directory: metadata in accounts.json, vault ciphertexts in secrets.json
 * (by account id), both written atomically with mode 0600. Secrets stay encrypted here and are
 * decrypted only when an S3 client is built (see readSecret).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import {
  QSTORAGE_DEFAULTS,
  type AccountKind,
  type AccountSummary,
  type AddressingStyle,
  type ChecksumMode,
} from '../../shared/models';
import { CoreError } from './errors';
import { ensureDataDir, readTextIfExists, writeFileAtomic } from './atomic-file';
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

export type AccountChanges = Partial<NewAccount>;

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
const secretsFileSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });

export const ACCOUNTS_FILE = 'accounts.json';
export const SECRETS_FILE = 'secrets.json';

/** "AKIAIOSFODNN7EXAMPLE" → "AKIA…PLE": enough to tell keys apart, too little to be the key. */
export function keyHint(accessKeyId: string): string {
  return accessKeyId.length > 7 ? `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-3)}` : accessKeyId;
}

export function toSummary(record: AccountRecord, hasSecret: boolean): AccountSummary {
  return {
    id: record.id,
    kind: record.kind,
    name: record.name,
    endpoint: record.endpoint,
    region: record.region,
    accessKeyId: record.accessKeyId,
    keyHint: keyHint(record.accessKeyId),
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

export interface AccountStore {
  list(): Promise<AccountRecord[]>;
  /** Throws AccountNotFound. */
  get(id: string): Promise<AccountRecord>;
  hasSecret(id: string): Promise<boolean>;
  /** Decrypts the secret; throws SecretMissing when none is stored. */
  readSecret(id: string): Promise<string>;
  create(input: NewAccount): Promise<AccountRecord>;
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
  async function readSecrets(): Promise<Record<string, string>> {
    const text = await readTextIfExists(secretsPath);
    return text === null ? {} : parseFile(secretsFileSchema, text, secretsPath).secrets;
  }
  async function writeAccounts(accounts: AccountRecord[]): Promise<void> {
    await ensureDataDir(dataDir);
    await writeFileAtomic(accountsPath, `${JSON.stringify({ version: 1, accounts }, null, 2)}\n`);
  }
  async function writeSecrets(secrets: Record<string, string>): Promise<void> {
    await ensureDataDir(dataDir);
    await writeFileAtomic(secretsPath, `${JSON.stringify({ version: 1, secrets }, null, 2)}\n`);
  }
  async function find(id: string): Promise<AccountRecord> {
    const found = (await readAccounts()).find((a) => a.id === id);
    if (!found) throw new CoreError('AccountNotFound', 'This account no longer exists.');
    return found;
  }

  return {
    list: () => serial(readAccounts),
    get: (id) => serial(() => find(id)),
    hasSecret: (id) => serial(async () => Object.hasOwn(await readSecrets(), id)),
    readSecret: (id) =>
      serial(async () => {
        await find(id);
        const cipher = (await readSecrets())[id];
        if (cipher === undefined)
          throw new CoreError(
            'SecretMissing',
            'No secret key is stored for this account: edit the account and enter it.',
          );
        return vault.decrypt(cipher);
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
        const cipher = await vault.encrypt(secretAccessKey);
        await writeSecrets({ ...(await readSecrets()), [record.id]: cipher });
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
        const merged: AccountRecord = { ...current };
        for (const [k, v] of Object.entries(fields)) if (v !== undefined) Object.assign(merged, { [k]: v });
        merged.name = merged.name.trim();
        merged.endpoint = normalizeEndpoint(merged.endpoint);
        merged.region = normalizeRegion(merged.kind, merged.region);
        merged.accessKeyId = merged.accessKeyId.trim();
        if (secretAccessKey !== undefined) {
          const cipher = await vault.encrypt(secretAccessKey);
          await writeSecrets({ ...(await readSecrets()), [id]: cipher });
        }
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
