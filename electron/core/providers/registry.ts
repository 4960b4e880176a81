/**
 * The provider of each account, by its kind. S3 clients come from the core's client pool; a
 * QuickSync session (its token decrypted) is kept until the account changes or goes.
 */
import { CoreError } from '../errors';
import type { AccountRecord, AccountStore } from '../account-store';
import { sessionOf, type QuickSyncSession } from '../quicksync/api';
import type { ClientPool } from '../s3-client';
import { quickSyncProvider } from './quicksync-provider';
import { s3Provider } from './s3-provider';
import type { StorageProvider } from './storage-provider';

export interface ProviderRegistry {
  get(accountId: string): Promise<StorageProvider>;
  /** A QuickSync account's session; NotSupported for an account of another kind. */
  quickSyncSession(accountId: string): Promise<QuickSyncSession>;
  /** Forgets what was kept for the account (it changed or went). */
  invalidate(accountId: string): void;
}

export function createProviderRegistry(accounts: AccountStore, clients: ClientPool): ProviderRegistry {
  const sessions = new Map<string, Promise<QuickSyncSession>>();
  // Tokens of the bucket listing in progress, per account: a repeated one ends the walk.
  const bucketTokens = new Map<string, Set<string>>();

  const sessionFor = (account: AccountRecord): Promise<QuickSyncSession> => {
    let entry = sessions.get(account.id);
    if (!entry) {
      // Checked against this very record: a secret never pairs with an endpoint it was not bound to.
      entry = accounts
        .readSecret(account.id, account)
        .then((secretAccessKey) => sessionOf({ ...account, secretAccessKey }));
      sessions.set(account.id, entry);
      // A failed read (no secret yet) must not stick.
      entry.catch(() => sessions.get(account.id) === entry && sessions.delete(account.id));
    }
    return entry;
  };

  return {
    async get(accountId) {
      const account = await accounts.get(accountId);
      if (account.kind === 'quicksync') return quickSyncProvider(await sessionFor(account));
      let seen = bucketTokens.get(accountId);
      if (!seen) bucketTokens.set(accountId, (seen = new Set()));
      return s3Provider(account.kind, (bucket) => clients.get(account, bucket), seen);
    },
    async quickSyncSession(accountId) {
      const account = await accounts.get(accountId);
      if (account.kind !== 'quicksync') throw new CoreError('NotSupported', 'This is not a QuickSync account.');
      return sessionFor(account);
    },
    invalidate(accountId) {
      sessions.delete(accountId);
      bucketTokens.delete(accountId);
    },
  };
}
