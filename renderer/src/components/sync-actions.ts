/** Where the sync entry points (toolbar, context menus, sidebar) open the new-pair dialog. */
import { selectPlace, type AppStore } from '../store';

/**
 * The new-pair dialog, prefilled with the place shown (or `prefix` in its bucket: a folder
 * row's); with no place open, the selected account's first bucket is offered.
 */
export function openNewPair(store: AppStore, prefix?: string): void {
  const state = store.getState();
  const place = selectPlace(state);
  const accountId = place?.accountId ?? state.accounts.selectedId;
  if (accountId === null) return;
  state.ui.openDialog({
    kind: 'syncPair',
    accountId,
    bucket: place?.bucket ?? state.buckets.list[0]?.name ?? '',
    prefix: prefix ?? place?.prefix ?? '',
    pairId: null,
  });
}
