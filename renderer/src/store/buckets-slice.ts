/**
 * Buckets of the selected account, listed page by page until done. Choosing, creating and
 * deleting a bucket change what the browser shows: those are flows (flows.ts).
 */
import type { AppError, Result } from '../../../shared/errors';
import type { Bucket, Page } from '../../../shared/models';
import type { StoreSlice } from './slice';

export interface BucketsSlice {
  accountId: string | null;
  list: Bucket[];
  loading: boolean;
  error: AppError | null;
  /** Changes with every load, so a stale answer (another account) is dropped. */
  loadId: number;
  selected: string | null;
  /**
   * Lists the account's buckets (`hasBuckets` false: none to list, a QuickSync account). The
   * whole list once every page is in; null when the load failed or a newer one replaced it.
   */
  fetch(accountId: string | null, hasBuckets: boolean): Promise<Bucket[] | null>;
}

export const createBucketsSlice: StoreSlice<'buckets', BucketsSlice> = (patch, get, deps) => {
  let nextLoadId = 1;

  const slice: BucketsSlice = {
    accountId: null,
    list: [],
    loading: false,
    error: null,
    loadId: 0,
    selected: null,

    async fetch(accountId, hasBuckets) {
      const loadId = nextLoadId++;
      const sameAccount = get().buckets.accountId === accountId;
      patch({
        accountId,
        loadId,
        loading: accountId !== null && hasBuckets,
        error: null,
        list: sameAccount ? get().buckets.list : [],
        selected: sameAccount ? get().buckets.selected : null,
      });
      if (accountId === null || !hasBuckets) return null;
      const all: Bucket[] = [];
      let token: string | null = null;
      do {
        const result: Result<Page<Bucket>> = await deps.api.invoke('buckets:list', {
          accountId,
          continuationToken: token,
        });
        if (get().buckets.loadId !== loadId) return null;
        if (!result.ok) {
          patch({ loading: false, error: result.error });
          return null;
        }
        all.push(...result.value.items);
        patch({ list: all.slice() });
        token = result.value.nextToken;
      } while (token !== null);
      patch({ loading: false });
      return all;
    },
  };
  return slice;
};
