/**
 * Flows of accounts and buckets: starting the app, choosing, adding, changing and removing an
 * account (the buckets, files and folder shown follow), and choosing, creating and deleting a
 * bucket (the folder shown follows). The store exposes each under its slice's name
 * (`accounts.select`, `buckets.create`); slices never call flows.
 */
import { capabilitiesOf } from '../../../../shared/capabilities';
import type { Result } from '../../../../shared/errors';
import type { AccountSummary, Bucket } from '../../../../shared/models';
import type { AccountInput, AccountPatch } from '../../../../shared/schemas';
import type { SliceDeps } from '../deps';
import { DEFAULT_WINDOW } from '../transfer-window';
import type { PatchOf, Slices } from './slices';
import { i18n } from '../../i18n';

export const LAST_ACCOUNT_PREF = 'qstorage.lastAccount';

export interface UiFlows {
  /** Host info, the accounts (choosing one), transfer settings and the history's first window. */
  boot(): Promise<void>;
}

export interface AccountFlows {
  /** Lists the accounts and, when none of them is chosen, chooses the remembered one or the first. */
  load(): Promise<boolean>;
  select(id: string | null): void;
  create(input: AccountInput): Promise<Result<AccountSummary>>;
  update(id: string, patch: AccountPatch): Promise<Result<AccountSummary>>;
  remove(id: string): Promise<Result<null>>;
  openSandbox(): Promise<Result<AccountSummary>>;
}

export interface BucketFlows {
  /** The selected account's buckets, or the files of an account without buckets (QuickSync). */
  load(): Promise<void>;
  select(name: string | null): void;
  create(name: string, objectLock: boolean): Promise<Result<Bucket>>;
  remove(name: string): Promise<Result<null>>;
}

export interface AccountAndBucketFlows {
  ui: UiFlows;
  accounts: AccountFlows;
  buckets: BucketFlows;
}

const noAccount = (): Result<never> => ({
  ok: false,
  error: { code: 'AccountNotFound', message: i18n.t('accounts:chooseFirst') },
});

/** `openFolder`: the folder flow a chosen bucket opens at its root. */
export function createAccountFlows(
  patchOf: PatchOf,
  get: () => Slices,
  deps: SliceDeps,
  openFolder: (bucket: string, prefix: string) => void,
): AccountAndBucketFlows {
  const { api } = deps;
  const patchAccounts = patchOf('accounts');
  const patchBuckets = patchOf('buckets');

  async function loadAccounts(): Promise<boolean> {
    if (!(await get().accounts.fetch())) return false;
    const { list, selectedId } = get().accounts;
    if (selectedId === null || !list.some((a) => a.id === selectedId)) {
      const remembered = deps.prefs?.get(LAST_ACCOUNT_PREF) ?? null;
      const pick = list.find((a) => a.id === remembered) ?? list[0] ?? null;
      selectAccount(pick?.id ?? null);
    }
    return true;
  }

  function selectAccount(id: string | null): void {
    if (id === get().accounts.selectedId) return;
    patchAccounts({ selectedId: id });
    if (id !== null) deps.prefs?.set(LAST_ACCOUNT_PREF, id);
    get().objects.close();
    void loadBuckets();
  }

  async function loadBuckets(): Promise<void> {
    const { selectedId: accountId, list } = get().accounts;
    const kind = list.find((a) => a.id === accountId)?.kind;
    // An account without buckets (QuickSync) shows its one list of files instead.
    const flat = kind !== undefined && !capabilitiesOf(kind).has('buckets');
    const listed = get().buckets.fetch(accountId, !flat);
    get().quicksync.open(flat ? accountId : null);
    const all = await listed;
    const { selected } = get().buckets;
    if (all !== null && selected !== null && !all.some((b) => b.name === selected)) selectBucket(null);
  }

  function selectBucket(name: string | null): void {
    patchBuckets({ selected: name });
    if (name === null) get().objects.close();
    else openFolder(name, '');
  }

  return {
    ui: {
      async boot() {
        // Transfer settings and the history's first window (its totals feed the status bar).
        void get().transfers.loadSettings();
        void get().transfers.loadRange(0, DEFAULT_WINDOW);
        const [info, accountsLoaded] = await Promise.all([api.invoke('app:info', {}), loadAccounts()]);
        const patchUi = patchOf('ui');
        if (info.ok) patchUi({ info: info.value });
        const error = !info.ok ? info.error : accountsLoaded ? null : get().accounts.loadError;
        patchUi({ ready: info.ok && accountsLoaded, bootError: error });
      },
    },

    accounts: {
      load: loadAccounts,
      select: selectAccount,

      async create(input) {
        const result = await api.invoke('accounts:create', { account: input });
        if (result.ok) {
          patchAccounts((s) => ({ list: [...s.list, result.value] }));
          selectAccount(result.value.id);
        }
        return result;
      },

      async update(id, accountPatch) {
        const result = await api.invoke('accounts:update', { id, patch: accountPatch });
        if (result.ok) {
          patchAccounts((s) => ({ list: s.list.map((a) => (a.id === id ? result.value : a)) }));
          get().support.forget(id);
          // Endpoint or keys may have changed: what we listed may no longer be right.
          if (get().accounts.selectedId === id) {
            get().objects.close();
            void loadBuckets();
          }
        }
        return result;
      },

      async remove(id) {
        const result = await api.invoke('accounts:remove', { id });
        if (result.ok) {
          const list = get().accounts.list.filter((a) => a.id !== id);
          patchAccounts({ list });
          if (get().accounts.selectedId === id) selectAccount(list[0]?.id ?? null);
        }
        return result;
      },

      async openSandbox() {
        patchAccounts({ sandboxBusy: true });
        const result = await api.invoke('sandbox:open', {});
        patchAccounts({ sandboxBusy: false });
        if (!result.ok) {
          get().ui.notifyError(result.error, i18n.t('accounts:sandboxFailed'));
          return result;
        }
        const account = result.value;
        patchAccounts((s) => ({
          list: s.list.some((a) => a.id === account.id)
            ? s.list.map((a) => (a.id === account.id ? account : a))
            : [...s.list, account],
        }));
        if (get().accounts.selectedId === account.id) void loadBuckets();
        else selectAccount(account.id);
        return result;
      },
    },

    buckets: {
      load: loadBuckets,
      select: selectBucket,

      async create(name, objectLock) {
        const accountId = get().buckets.accountId;
        if (accountId === null) return noAccount();
        const result = await api.invoke('buckets:create', { accountId, name, objectLock });
        if (result.ok && get().buckets.accountId === accountId) {
          const bucket = result.value;
          patchBuckets((s) => ({
            list: [...s.list.filter((b) => b.name !== bucket.name), bucket].sort((a, b) => (a.name < b.name ? -1 : 1)),
          }));
          selectBucket(bucket.name);
        }
        return result;
      },

      async remove(name) {
        const accountId = get().buckets.accountId;
        if (accountId === null) return noAccount();
        const result = await api.invoke('buckets:delete', { accountId, bucket: name });
        if (result.ok && get().buckets.accountId === accountId) {
          patchBuckets((s) => ({ list: s.list.filter((b) => b.name !== name) }));
          if (get().buckets.selected === name) selectBucket(null);
        }
        return result;
      },
    },
  };
}
