/** Accounts: the list (no secrets, ever), which one is in use, CRUD and "Test connection". */
import { describeTestResult } from '../view-model/account-form';
import { patchSlice, type AccountsSlice, type SliceCreator } from './types';

export const LAST_ACCOUNT_PREF = 'qstorage.lastAccount';

export const createAccountsSlice: SliceCreator<'accounts'> = (set, get, deps) => {
  const patch = patchSlice(set, 'accounts');
  const { accounts } = deps.domains;
  let testRun = 0;

  const slice: AccountsSlice = {
    list: [],
    loaded: false,
    loadError: null,
    selectedId: null,
    sandboxBusy: false,
    test: { status: 'idle' },

    async load() {
      const result = await accounts.list();
      if (!result.ok) {
        patch({ loadError: result.error, loaded: true });
        return false;
      }
      patch({ list: result.value, loaded: true, loadError: null });
      const { selectedId } = get().accounts;
      if (selectedId === null || !result.value.some((a) => a.id === selectedId)) {
        const remembered = deps.prefs?.get(LAST_ACCOUNT_PREF) ?? null;
        const pick = result.value.find((a) => a.id === remembered) ?? result.value[0] ?? null;
        get().accounts.select(pick?.id ?? null);
      }
      return true;
    },

    select(id) {
      if (id === get().accounts.selectedId) return;
      patch({ selectedId: id });
      if (id !== null) deps.prefs?.set(LAST_ACCOUNT_PREF, id);
      get().objects.close();
      void get().buckets.load();
    },

    async create(input) {
      const result = await accounts.create(input);
      if (result.ok) {
        patch((s) => ({ list: [...s.list, result.value] }));
        get().accounts.select(result.value.id);
      }
      return result;
    },

    async update(id, accountPatch) {
      const result = await accounts.update(id, accountPatch);
      if (result.ok) {
        patch((s) => ({ list: s.list.map((a) => (a.id === id ? result.value : a)) }));
        get().support.forget(id);
        // Endpoint or keys may have changed: what we listed may no longer be right.
        if (get().accounts.selectedId === id) {
          get().objects.close();
          void get().buckets.load();
        }
      }
      return result;
    },

    async remove(id) {
      const result = await accounts.remove(id);
      if (result.ok) {
        const list = get().accounts.list.filter((a) => a.id !== id);
        patch({ list });
        if (get().accounts.selectedId === id) get().accounts.select(list[0]?.id ?? null);
      }
      return result;
    },

    async testConnection(request) {
      const run = ++testRun;
      patch({ test: { status: 'testing' } });
      const result = await accounts.test(request);
      // A saved account's kind never changes: the list knows it.
      const kind = request.account?.kind ?? get().accounts.list.find((a) => a.id === request.id)?.kind;
      // A newer test (or a reset) wins: its result is the one the form shows.
      if (run === testRun)
        patch({ test: { status: result.ok ? 'ok' : 'failed', message: describeTestResult(result, kind) } });
      return result;
    },

    resetTest() {
      testRun++;
      patch({ test: { status: 'idle' } });
    },

    async openSandbox() {
      patch({ sandboxBusy: true });
      const result = await accounts.openSandbox();
      patch({ sandboxBusy: false });
      if (!result.ok) {
        get().ui.notifyError(result.error, 'The local sandbox could not start');
        return result;
      }
      const account = result.value;
      patch((s) => ({
        list: s.list.some((a) => a.id === account.id)
          ? s.list.map((a) => (a.id === account.id ? account : a))
          : [...s.list, account],
      }));
      if (get().accounts.selectedId === account.id) void get().buckets.load();
      else get().accounts.select(account.id);
      return result;
    },
  };
  return slice;
};
