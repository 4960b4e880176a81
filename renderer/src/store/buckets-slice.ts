/** Buckets of the selected account: listed page by page until done, created, deleted, selected. */
import type { Bucket } from '../../../shared/models';
import { capabilitiesOf } from '../../../shared/providers';
import { patchSlice, type BucketsSlice, type SliceCreator } from './types';

let nextLoadId = 1;

export const createBucketsSlice: SliceCreator<'buckets'> = (set, get, deps) => {
  const patch = patchSlice(set, 'buckets');
  const { buckets } = deps.domains;

  const slice: BucketsSlice = {
    accountId: null,
    list: [],
    loading: false,
    error: null,
    loadId: 0,
    selected: null,

    async load() {
      const accountId = get().accounts.selectedId;
      const loadId = nextLoadId++;
      const sameAccount = get().buckets.accountId === accountId;
      const kind = get().accounts.list.find((a) => a.id === accountId)?.kind;
      // An account without buckets (QuickSync) shows its one list of files instead.
      const flat = kind !== undefined && !capabilitiesOf(kind).buckets;
      patch({
        accountId,
        loadId,
        loading: accountId !== null && !flat,
        error: null,
        list: sameAccount ? get().buckets.list : [],
        selected: sameAccount ? get().buckets.selected : null,
      });
      get().quicksync.open(flat ? accountId : null);
      if (accountId === null || flat) return;
      const all: Bucket[] = [];
      let token: string | null = null;
      do {
        const result = await buckets.list(accountId, token);
        if (get().buckets.loadId !== loadId) return;
        if (!result.ok) {
          patch({ loading: false, error: result.error });
          return;
        }
        all.push(...result.value.items);
        patch({ list: all.slice() });
        token = result.value.nextToken;
      } while (token !== null);
      const { selected } = get().buckets;
      patch({ loading: false });
      if (selected !== null && !all.some((b) => b.name === selected)) get().buckets.select(null);
    },

    select(name) {
      patch({ selected: name });
      if (name === null) get().objects.close();
      else get().objects.open(name, '');
    },

    async create(name, objectLock) {
      const accountId = get().buckets.accountId;
      if (accountId === null)
        return { ok: false, error: { code: 'AccountNotFound', message: 'Choose an account first.' } };
      const result = await buckets.create(accountId, name, objectLock);
      if (result.ok && get().buckets.accountId === accountId) {
        const bucket = result.value;
        patch((s) => ({
          list: [...s.list.filter((b) => b.name !== bucket.name), bucket].sort((a, b) => (a.name < b.name ? -1 : 1)),
        }));
        get().buckets.select(bucket.name);
      }
      return result;
    },

    async remove(name) {
      const accountId = get().buckets.accountId;
      if (accountId === null)
        return { ok: false, error: { code: 'AccountNotFound', message: 'Choose an account first.' } };
      const result = await buckets.remove(accountId, name);
      if (result.ok && get().buckets.accountId === accountId) {
        patch((s) => ({ list: s.list.filter((b) => b.name !== name) }));
        if (get().buckets.selected === name) get().buckets.select(null);
      }
      return result;
    },
  };
  return slice;
};
