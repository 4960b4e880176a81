/**
 * The provider of each account, by its kind, kept until the account changes or goes. S3 clients
 * come from the core's client pool; a QuickSync provider holds its session (the token decrypted).
 */
import { capabilitiesOf, type Capabilities } from '../../../shared/capabilities';
import type { AccountRecord, AccountStore } from '../account-store';
import { sessionOf } from './quicksync/api';
import { quickSyncProvider } from './quicksync/provider';
import { quickSyncTransfers } from './quicksync/transfers';
import type { ClientPool } from './s3/client';
import type { CopyTuning } from './s3/context';
import { s3Provider } from './s3/provider';
import { s3Transfers } from './s3/transfers';
import type { StorageProvider } from './storage-provider';

export interface ProviderRegistry {
  /** What the account's kind can do, known without its secret: the router's guard. */
  capabilities(accountId: string): Promise<Capabilities>;
  get(accountId: string): Promise<StorageProvider>;
  /** Forgets what was kept for the account (it changed or went). */
  invalidate(accountId: string): void;
}

export interface ProviderRegistryDeps {
  accounts: AccountStore;
  clients: ClientPool;
  copyTuning: CopyTuning;
}

export function createProviderRegistry({ accounts, clients, copyTuning }: ProviderRegistryDeps): ProviderRegistry {
  const providers = new Map<string, Promise<StorageProvider>>();
  // The secret is checked against this very record: it never pairs with an endpoint it was not bound to.
  const readSecret = (account: AccountRecord) => () => accounts.readSecret(account.id, account);

  const build = async (account: AccountRecord): Promise<StorageProvider> => {
    if (account.kind === 'quicksync') {
      const session = sessionOf({ ...account, secretAccessKey: await readSecret(account)() });
      return quickSyncProvider(session, quickSyncTransfers({ account, session }));
    }
    const kind = account.kind;
    const client = (bucket?: string) => clients.get(account, bucket);
    return s3Provider({
      account,
      client,
      copyTuning,
      bucketTokens: new Set(),
      transfers: s3Transfers({ account: { ...account, kind }, readSecret: readSecret(account), client }),
    });
  };

  return {
    capabilities: async (accountId) => capabilitiesOf((await accounts.get(accountId)).kind),
    async get(accountId) {
      let entry = providers.get(accountId);
      if (!entry) {
        entry = accounts.get(accountId).then(build);
        providers.set(accountId, entry);
        // A failed build (unknown account, no secret yet) must not stick.
        entry.catch(() => providers.get(accountId) === entry && providers.delete(accountId));
      }
      return entry;
    },
    invalidate(accountId) {
      providers.delete(accountId);
    },
  };
}
