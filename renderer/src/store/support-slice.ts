/**
 * What each account's service does not implement. The first NotSupported answer for a
 * capability (501, NotImplemented, MethodNotAllowed) turns that control off for the account,
 * with "not supported by this service" (`properties:notSupported`), instead of an error every time it is used.
 */
import { capabilitiesOf, type Capability } from '../../../shared/capabilities';
import type { AppError, Result } from '../../../shared/errors';
import type { AccountsSlice } from './accounts-slice';
import type { StoreSlice } from './slice';

export interface SupportSlice {
  /** Per account id, the capabilities its service answered NotSupported for. */
  unsupported: Record<string, Capability[]>;
  isSupported(accountId: string, capability: Capability): boolean;
  /** True (and the capability is switched off for the account) when the error is NotSupported. */
  noteFailure(accountId: string, capability: Capability, error: AppError): boolean;
  /** The account's endpoint or keys changed: what was learnt may no longer hold. */
  forget(accountId: string): void;
}

export const createSupportSlice: StoreSlice<'support', SupportSlice, { accounts: Pick<AccountsSlice, 'list'> }> = (
  patch,
  get,
) => {
  const slice: SupportSlice = {
    unsupported: {},

    isSupported(accountId, capability) {
      const account = get().accounts.list.find((a) => a.id === accountId);
      if (account && !capabilitiesOf(account.kind).has(capability)) return false;
      return !(get().support.unsupported[accountId] ?? []).includes(capability);
    },

    noteFailure(accountId, capability, error) {
      if (error.code !== 'NotSupported') return false;
      if (get().support.isSupported(accountId, capability)) {
        patch((s) => ({
          unsupported: { ...s.unsupported, [accountId]: [...(s.unsupported[accountId] ?? []), capability] },
        }));
      }
      return true;
    },

    forget(accountId) {
      patch((s) => ({
        unsupported: Object.fromEntries(Object.entries(s.unsupported).filter(([id]) => id !== accountId)),
      }));
    },
  };
  return slice;
};

/** Notes a failed answer with the support slice (a NotSupported one switches the capability off). */
export function noteResult(
  support: Pick<SupportSlice, 'noteFailure'>,
  accountId: string,
  capability: Capability,
  result: Result<unknown>,
): void {
  if (!result.ok) support.noteFailure(accountId, capability, result.error);
}
