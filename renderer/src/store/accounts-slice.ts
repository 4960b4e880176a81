/**
 * Accounts: the list (no secrets, ever), which one is in use and "Test connection". Choosing,
 * adding, changing and removing an account change what the other slices show: those are flows
 * (flows.ts).
 */
import type { AppError, Result } from '../../../shared/errors';
import type { AccountSummary, ConnectionTestResult } from '../../../shared/models';
import type { RequestOf } from '../../../shared/contract';
import { describeTestResult } from '../view-model/account-form';
import type { StoreSlice } from './slice';

export type TestState = { status: 'idle' } | { status: 'testing' } | { status: 'ok' | 'failed'; message: string };

export interface AccountsSlice {
  list: AccountSummary[];
  loaded: boolean;
  loadError: AppError | null;
  selectedId: string | null;
  sandboxBusy: boolean;
  test: TestState;
  /** Lists the accounts (the load flow then picks one); false when the list could not be read. */
  fetch(): Promise<boolean>;
  testConnection(request: RequestOf<'accounts:test'>): Promise<Result<ConnectionTestResult>>;
  resetTest(): void;
}

export const createAccountsSlice: StoreSlice<'accounts', AccountsSlice> = (patch, get, deps) => {
  const { api } = deps;
  let testRun = 0;

  const slice: AccountsSlice = {
    list: [],
    loaded: false,
    loadError: null,
    selectedId: null,
    sandboxBusy: false,
    test: { status: 'idle' },

    async fetch() {
      const result = await api.invoke('accounts:list', {});
      if (!result.ok) {
        patch({ loadError: result.error, loaded: true });
        return false;
      }
      patch({ list: result.value, loaded: true, loadError: null });
      return true;
    },

    async testConnection(request) {
      const run = ++testRun;
      patch({ test: { status: 'testing' } });
      const result = await api.invoke('accounts:test', request);
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
  };
  return slice;
};
