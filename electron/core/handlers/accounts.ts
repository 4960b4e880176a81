/** The accounts:* channels: saved accounts, their connection test, and what a patch may change. */
import { quickSyncApiBaseProblem } from '../../../shared/account-binding';
import type { AccountPatch } from '../../../shared/schemas';
import { applyChanges, type AccountRecord, type AccountStore } from '../account-store';
import { CoreError } from '../errors';
import { testConnection } from '../providers/connection-test';
import type { ClientSettings } from '../providers/s3/client';
import type { Handlers } from '../router';

export interface AccountDeps {
  store: AccountStore;
  /** Forget cached clients, sessions and credentials of an account. */
  invalidate: (accountId: string) => void;
  /** Ends what the core keeps running for an account about to be removed (edit sessions). */
  removing: (accountId: string) => Promise<void>;
}

type AccountChannel = 'accounts:list' | 'accounts:create' | 'accounts:update' | 'accounts:remove' | 'accounts:test';

export function accountHandlers({ store, invalidate, removing }: AccountDeps): Pick<Handlers, AccountChannel> {
  return {
    'accounts:list': async () => Promise.all((await store.list()).map((a) => store.summary(a))),
    'accounts:create': async ({ account }) => store.summary(await store.create(account)),
    'accounts:update': async ({ id, patch }) => {
      checkPatch(await store.get(id), patch);
      // The store refuses (SecretRequired) a change of endpoint, addressing or key id without the secret.
      const updated = await store.update(id, patch);
      invalidate(id);
      return store.summary(updated);
    },
    'accounts:remove': async ({ id }) => {
      await removing(id);
      await store.remove(id);
      invalidate(id);
      return null;
    },
    'accounts:test': async (req) =>
      testConnection(req.account !== undefined ? req.account : await savedSettings(store, req.id, req.patch)),
  };
}

/**
 * What the schema cannot check without the saved account: the sandbox's connection is the
 * core's business (only its name may change), and a QuickSync API base must not expose its token.
 */
function checkPatch(current: AccountRecord, patch: AccountPatch): void {
  if (current.kind === 'sandbox') {
    const field = Object.entries(patch).find(([k, v]) => k !== 'name' && v !== undefined)?.[0];
    if (field !== undefined)
      throw new CoreError(
        'InvalidRequest',
        `Only the name of the local sandbox can change: the app manages its connection. (patch.${field})`,
      );
  }
  const problem =
    current.kind === 'quicksync' && patch.endpoint !== undefined ? quickSyncApiBaseProblem(patch.endpoint) : null;
  if (problem !== null) throw new CoreError('InvalidRequest', `${problem} (patch.endpoint)`);
}

/** A saved account, optionally with unsaved edits (the edit form's "Test" button). */
async function savedSettings(store: AccountStore, id: string, patch: AccountPatch = {}): Promise<ClientSettings> {
  const current = await store.get(id);
  checkPatch(current, patch);
  const { secretAccessKey, ...changes } = patch;
  const account = applyChanges(current, changes);
  // The stored secret only for the binding it was entered for: otherwise SecretRequired, and no request.
  return { ...account, secretAccessKey: secretAccessKey ?? (await store.readSecret(id, account)) };
}
