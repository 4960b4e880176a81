/**
 * Quick Look: the previewed object and its preview link. Opening asks the core for a link bound
 * to the object's current bytes; moving on or closing drops the old link (objects:closePreview),
 * so a link lives only while its preview is shown. Next/previous walk the folder's files in the
 * order the list shows them, moving the list's focus along, so closing lands on the last one seen.
 */
import type { AppError } from '../../../shared/errors';
import type { PreviewLink } from '../../../shared/models';
import { visibleRows, type ObjectsSlice } from './objects-slice';
import type { StoreSlice } from './slice';

export type PreviewState =
  | { key: string; status: 'loading' }
  | { key: string; status: 'ready'; link: PreviewLink }
  | { key: string; status: 'error'; error: AppError };

export interface PreviewSlice {
  /** null while no preview is shown. */
  current: PreviewState | null;
  open(key: string): Promise<void>;
  close(): void;
  /** The next (`1`) or previous (`-1`) file of the folder, if any. */
  step(by: 1 | -1): void;
}

type Reads = { objects: ObjectsSlice };

export const createPreviewSlice: StoreSlice<'preview', PreviewSlice, Reads> = (patch, get, { api }) => {
  /** The link shown now; dropped when another replaces it or the preview closes. */
  let shownUrl: string | null = null;
  /** Each open gets a number: an answer for an older one is dropped (and its link with it). */
  let generation = 0;

  const drop = (url: string | null): void => {
    if (url !== null) void api.invoke('objects:closePreview', { url });
  };

  const fileKeys = (): string[] =>
    visibleRows(get().objects)
      .filter((row) => row.kind === 'object')
      .map((row) => row.key);

  const slice: PreviewSlice = {
    current: null,

    async open(key) {
      const location = get().objects.location;
      if (location === null) return;
      const mine = ++generation;
      drop(shownUrl);
      shownUrl = null;
      patch({ current: { key, status: 'loading' } });
      const result = await api.invoke('objects:preview', {
        accountId: location.accountId,
        bucket: location.bucket,
        key,
      });
      if (mine !== generation) {
        if (result.ok) drop(result.value.url);
        return;
      }
      if (!result.ok) {
        patch({ current: { key, status: 'error', error: result.error } });
        return;
      }
      shownUrl = result.value.url;
      patch({ current: { key, status: 'ready', link: result.value } });
    },

    close() {
      generation++;
      drop(shownUrl);
      shownUrl = null;
      patch({ current: null });
    },

    step(by) {
      const current = get().preview.current;
      if (current === null) return;
      const keys = fileKeys();
      const next = keys[keys.indexOf(current.key) + by];
      if (next === undefined) return;
      get().objects.selectOnly(next);
      void get().preview.open(next);
    },
  };
  return slice;
};
