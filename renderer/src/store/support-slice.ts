/**
 * What each account's service does not implement. The first NotSupported answer for a feature
 * (501, NotImplemented, MethodNotAllowed) turns that control off for the account, with
 * "not supported by this service", instead of an error every time it is used.
 */
import { capabilitiesOf } from '../../../shared/providers';
import { patchSlice, type SliceCreator, type SupportSlice } from './types';

export const NOT_SUPPORTED_MESSAGE = 'Not supported by this service.';

export const createSupportSlice: SliceCreator<'support'> = (set, get) => {
  const patch = patchSlice(set, 'support');
  const slice: SupportSlice = {
    unsupported: {},

    isSupported(accountId, feature) {
      const account = get().accounts.list.find((a) => a.id === accountId);
      if (account && !capabilitiesOf(account.kind).features.includes(feature)) return false;
      return !(get().support.unsupported[accountId] ?? []).includes(feature);
    },

    noteFailure(accountId, feature, error) {
      if (error.code !== 'NotSupported') return false;
      if (get().support.isSupported(accountId, feature)) {
        patch((s) => ({
          unsupported: { ...s.unsupported, [accountId]: [...(s.unsupported[accountId] ?? []), feature] },
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
