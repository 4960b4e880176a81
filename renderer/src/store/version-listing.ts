/**
 * "Show versions": the current folder listed with its versions (versions:list), streamed page
 * by page, with its own focused row. Switching it on or off lists the folder again: a flow
 * (flows.ts), as is choosing which listing a folder gets.
 */
import type { AppError, Result } from '../../../shared/errors';
import type { VersionPage } from '../../../shared/properties';
import type { FocusTarget } from '../view-model/selection';
import {
  filterVersionRows,
  folderRows,
  versionRowIndex,
  versionRows,
  type VersionRow,
} from '../view-model/version-rows';
import type { Location, ObjectsSlice } from './objects-slice';
import type { StoreSlice } from './slice';
import { noteResult, type SupportSlice } from './support-slice';

/** The current folder listed with its versions ("Show versions"). */
export interface VersionListing {
  listId: number;
  location: Location;
  folders: VersionRow[];
  versions: VersionRow[];
  /** Folders, then versions: rebuilt once per page. */
  rows: VersionRow[];
  loading: boolean;
  error: AppError | null;
  /** The row shown in the details pane. */
  focused: string | null;
}

export interface VersionListingPart {
  /** "Show versions" is on: folder listings go through versions:list. */
  versionsShown: boolean;
  listing: VersionListing | null;
  /** Lists this folder's versions (in place of the objects slice's listing). */
  loadListing(location: Location): void;
  focusRow(id: string): void;
  moveRowFocus(target: FocusTarget): void;
}

type ListingReads = { objects: Pick<ObjectsSlice, 'filter'>; support: Pick<SupportSlice, 'noteFailure'> };

const sameLocation = (a: Location, b: Location): boolean =>
  a.accountId === b.accountId && a.bucket === b.bucket && a.prefix === b.prefix;

/** The listing's rows after the name filter, memoised per rows array and filter. */
const filtered = new WeakMap<readonly VersionRow[], { query: string; rows: readonly VersionRow[] }>();
export function selectListingRows(s: {
  props: Pick<VersionListingPart, 'listing'>;
  objects: Pick<ObjectsSlice, 'filter'>;
}): readonly VersionRow[] {
  const rows = s.props.listing?.rows ?? [];
  const query = s.objects.filter;
  const cached = filtered.get(rows);
  if (cached !== undefined && cached.query === query) return cached.rows;
  const result = filterVersionRows(rows, query);
  filtered.set(rows, { query, rows: result });
  return result;
}

export const selectFocusedRow = (s: { props: Pick<VersionListingPart, 'listing'> }): VersionRow | null => {
  const listing = s.props.listing;
  return listing === null ? null : (listing.rows[versionRowIndex(listing.rows, listing.focused)] ?? null);
};

export const createVersionListing: StoreSlice<'props', VersionListingPart, ListingReads> = (patch, get, deps) => {
  let nextListId = 1;

  async function streamListing(listId: number, location: Location): Promise<void> {
    let token: string | null = null;
    do {
      const result: Result<VersionPage> = await deps.api.invoke('versions:list', {
        ...location,
        key: null,
        continuationToken: token,
      });
      const current = get().props.listing;
      if (current === null || current.listId !== listId) return; // stale: navigated, refreshed or switched off
      if (!result.ok) {
        noteResult(get().support, location.accountId, 'versioning', result);
        patch({ listing: { ...current, loading: false, error: result.error } });
        return;
      }
      const page = result.value.versions;
      const folders = current.folders.concat(folderRows(result.value.folders));
      const versions = current.versions.concat(versionRows(page, current.versions.at(-1) ?? null));
      patch({ listing: { ...current, folders, versions, rows: folders.concat(versions) } });
      token = result.value.nextToken;
    } while (token !== null);
    const done = get().props.listing;
    if (done === null || done.listId !== listId) return;
    const focused = versionRowIndex(done.rows, done.focused) >= 0 ? done.focused : null;
    patch({ listing: { ...done, loading: false, focused } });
  }

  return {
    versionsShown: false,
    listing: null,

    loadListing(location) {
      const previous = get().props.listing;
      const listId = nextListId++;
      patch({
        listing: {
          listId,
          location,
          folders: [],
          versions: [],
          rows: [],
          loading: true,
          error: null,
          // A refresh of the same folder keeps the focused row (if it is still there at the end).
          focused: previous !== null && sameLocation(previous.location, location) ? previous.focused : null,
        },
      });
      void streamListing(listId, location);
    },

    focusRow(id) {
      const listing = get().props.listing;
      if (listing !== null && listing.focused !== id) patch({ listing: { ...listing, focused: id } });
    },

    moveRowFocus(target) {
      const rows = selectListingRows(get());
      if (rows.length === 0) return;
      const current = versionRowIndex(rows, get().props.listing?.focused ?? null);
      const next =
        target === 'first'
          ? 0
          : target === 'last'
            ? rows.length - 1
            : current < 0
              ? target.by > 0
                ? 0
                : rows.length - 1
              : Math.max(0, Math.min(rows.length - 1, current + target.by));
      const row = rows[next];
      if (row !== undefined) get().props.focusRow(row.id);
    },
  };
};
