/**
 * What the details pane and the bucket properties show and change beyond the listing: an
 * object's versions and lock, metadata edits and share links; a bucket's versioning, object
 * lock, encryption and website; and the "Show versions" listing of the current folder.
 *
 * Every NotSupported answer goes through support.noteFailure, so the control turns itself
 * off for the account. Answers for a target the person has left are dropped.
 */
import type { AppError, Result } from '../../../shared/errors';
import type { ObjectDetails } from '../../../shared/models';
import type {
  BucketObjectLock,
  BucketWebsite,
  DefaultRetention,
  Encryption,
  Feature,
  ObjectLockState,
  ObjectRetention,
  ObjectVersion,
  ShareLink,
  VersioningStatus,
  WebsiteConfig,
} from '../../../shared/properties';
import type { RequestOf } from '../../../shared/schemas';
import type { PropertiesChange } from '../view-model/properties-form';
import type { FocusTarget } from '../view-model/selection';
import {
  filterVersionRows,
  folderRows,
  versionRowIndex,
  versionRows,
  type VersionRow,
} from '../view-model/version-rows';
import { patchSlice, type AppState, type Location, type SliceCreator } from './types';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: AppError };

export interface BucketRef {
  accountId: string;
  bucket: string;
}

export interface ObjectRef extends BucketRef {
  key: string;
}

/** The Versions tab: one key's versions, newest first, page by page. */
export interface ObjectVersionsState {
  target: ObjectRef;
  versions: ObjectVersion[];
  nextToken: string | null;
  loading: boolean;
  error: AppError | null;
}

/** The Lock tab: the bucket's object lock first; the object's retention and hold only where it is on. */
export interface ObjectLockView {
  target: ObjectRef;
  bucket: Loadable<BucketObjectLock>;
  object: Loadable<ObjectLockState> | null;
}

export interface BucketPropValues {
  versioning: VersioningStatus;
  objectLock: BucketObjectLock;
  encryption: Encryption | null;
  website: BucketWebsite;
}
export type BucketPropName = keyof BucketPropValues;

export type BucketPropLoads = { [K in BucketPropName]: Loadable<BucketPropValues[K]> | null };
/** The bucket properties dialog: each tab's value, null until that tab asks. */
export type BucketPropsState = BucketRef & BucketPropLoads;

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

export interface PropsSlice {
  versions: ObjectVersionsState | null;
  lock: ObjectLockView | null;
  bucketProps: BucketPropsState | null;
  /** "Show versions" is on: folder listings go through versions:list. */
  versionsShown: boolean;
  listing: VersionListing | null;

  /** Rewrites the object in place with new headers, metadata and storage class. */
  updateProperties(target: ObjectRef, change: PropertiesChange): Promise<Result<ObjectDetails>>;
  share(request: RequestOf<'share:create'>): Promise<Result<ShareLink>>;

  loadVersions(target: ObjectRef): Promise<void>;
  loadMoreVersions(): Promise<void>;
  restoreVersion(target: ObjectRef, versionId: string): Promise<Result<null>>;
  deleteVersion(target: ObjectRef, versionId: string, bypassGovernance: boolean): Promise<Result<null>>;

  loadLock(target: ObjectRef): Promise<void>;
  /** null removes the retention (governance mode needs the bypass). */
  putRetention(
    target: ObjectRef,
    retention: ObjectRetention | null,
    bypassGovernance: boolean,
  ): Promise<Result<ObjectLockState>>;
  putLegalHold(target: ObjectRef, on: boolean): Promise<Result<ObjectLockState>>;

  /** Another bucket than the one held starts afresh. */
  loadBucketProp(ref: BucketRef, name: BucketPropName): Promise<void>;
  setVersioning(ref: BucketRef, status: 'Enabled' | 'Suspended'): Promise<Result<VersioningStatus>>;
  /** null: no default retention (object lock itself stays on). */
  setDefaultRetention(ref: BucketRef, retention: DefaultRetention | null): Promise<Result<BucketObjectLock>>;
  setEncryption(ref: BucketRef, encryption: Encryption | null): Promise<Result<Encryption | null>>;
  setWebsite(ref: BucketRef, config: WebsiteConfig | null): Promise<Result<BucketWebsite>>;

  showVersions(on: boolean): void;
  /** Lists the current folder's versions (the objects slice calls this in place of its listing). */
  loadListing(): void;
  focusRow(id: string): void;
  moveRowFocus(target: FocusTarget): void;
}

const BUCKET_FEATURES: Record<BucketPropName, Feature> = {
  versioning: 'versioning',
  objectLock: 'objectLock',
  encryption: 'bucketEncryption',
  website: 'website',
};

/** The same object (targets are rebuilt by components, so compare by value). */
export const sameObject = (a: ObjectRef | undefined, b: ObjectRef): boolean =>
  a !== undefined && a.accountId === b.accountId && a.bucket === b.bucket && a.key === b.key;

const sameLocation = (a: Location, b: Location): boolean =>
  a.accountId === b.accountId && a.bucket === b.bucket && a.prefix === b.prefix;

/** Global, so ids never repeat across stores. */
let nextListId = 1;

/** The listing's rows after the name filter, memoised per rows array and filter. */
const filtered = new WeakMap<readonly VersionRow[], { query: string; rows: readonly VersionRow[] }>();
export function selectListingRows(s: AppState): readonly VersionRow[] {
  const rows = s.props.listing?.rows ?? [];
  const query = s.objects.filter;
  const cached = filtered.get(rows);
  if (cached !== undefined && cached.query === query) return cached.rows;
  const result = filterVersionRows(rows, query);
  filtered.set(rows, { query, rows: result });
  return result;
}

export const selectFocusedRow = (s: AppState): VersionRow | null => {
  const listing = s.props.listing;
  return listing === null ? null : (listing.rows[versionRowIndex(listing.rows, listing.focused)] ?? null);
};

export const createPropsSlice: SliceCreator<'props'> = (set, get, deps) => {
  const patch = patchSlice(set, 'props');
  const { domains } = deps;
  const noteFailure = (accountId: string, feature: Feature, result: Result<unknown>): void => {
    if (!result.ok) get().support.noteFailure(accountId, feature, result.error);
  };

  /** The object changed on the server: list the folder again and refresh what the pane shows. */
  function afterObjectChange(target: ObjectRef): void {
    const location = get().objects.location;
    if (location === null || location.accountId !== target.accountId || location.bucket !== target.bucket) return;
    get().objects.refresh();
    if (get().objects.details?.key === target.key) void get().objects.loadDetails(target.key, true);
    if (sameObject(get().props.versions?.target, target)) void get().props.loadVersions(target);
  }

  // Each (re)load of the Versions tab; a page of an older load is dropped (a restore and the
  // pane may both reload at once, and two first pages must not both be appended).
  let versionsLoad = 0;

  async function versionsPage(target: ObjectRef, token: string | null, load: number): Promise<void> {
    const result = await domains.versions.list({ ...target, prefix: target.key, continuationToken: token });
    const current = get().props.versions;
    if (load !== versionsLoad || current === null || !sameObject(current.target, target)) return;
    noteFailure(target.accountId, 'versioning', result);
    patch({
      versions: result.ok
        ? {
            ...current,
            versions: current.versions.concat(result.value.versions),
            nextToken: result.value.nextToken,
            loading: false,
          }
        : { ...current, loading: false, error: result.error },
    });
  }

  function setLock(target: ObjectRef, change: Partial<ObjectLockView>): void {
    const current = get().props.lock;
    if (current !== null && sameObject(current.target, target)) patch({ lock: { ...current, ...change } });
  }

  function afterLockChange(target: ObjectRef, feature: Feature, result: Result<ObjectLockState>) {
    noteFailure(target.accountId, feature, result);
    if (result.ok) setLock(target, { object: { status: 'ready', value: result.value } });
    return result;
  }

  const sameBucket = (a: BucketRef | null, b: BucketRef): a is BucketPropsState =>
    a !== null && a.accountId === b.accountId && a.bucket === b.bucket;

  function setBucketProp<K extends BucketPropName>(
    ref: BucketRef,
    name: K,
    value: Loadable<BucketPropValues[K]>,
  ): void {
    patch((s) => (sameBucket(s.bucketProps, ref) ? { bucketProps: { ...s.bucketProps, [name]: value } } : {}));
  }

  async function putBucketProp<K extends BucketPropName>(
    ref: BucketRef,
    name: K,
    call: Promise<Result<BucketPropValues[K]>>,
  ): Promise<Result<BucketPropValues[K]>> {
    const result = await call;
    noteFailure(ref.accountId, BUCKET_FEATURES[name], result);
    if (result.ok) setBucketProp(ref, name, { status: 'ready', value: result.value });
    return result;
  }

  async function streamListing(listId: number, location: Location): Promise<void> {
    let token: string | null = null;
    do {
      const result = await domains.versions.list({ ...location, key: null, continuationToken: token });
      const current = get().props.listing;
      if (current === null || current.listId !== listId) return; // stale: navigated, refreshed or switched off
      if (!result.ok) {
        noteFailure(location.accountId, 'versioning', result);
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

  const slice: PropsSlice = {
    versions: null,
    lock: null,
    bucketProps: null,
    versionsShown: false,
    listing: null,

    async updateProperties(target, change) {
      const result = await domains.objects.updateProperties({ ...target, ...change });
      noteFailure(target.accountId, change.storageClass !== null ? 'storageClass' : 'metadata', result);
      if (result.ok) afterObjectChange(target);
      return result;
    },

    async share(request) {
      const result = await domains.share.create(request);
      noteFailure(request.accountId, 'share', result);
      return result;
    },

    async loadVersions(target) {
      const load = ++versionsLoad;
      patch({ versions: { target, versions: [], nextToken: null, loading: true, error: null } });
      await versionsPage(target, null, load);
    },

    async loadMoreVersions() {
      const current = get().props.versions;
      if (current === null || current.loading || current.nextToken === null) return;
      patch({ versions: { ...current, loading: true, error: null } });
      await versionsPage(current.target, current.nextToken, versionsLoad);
    },

    async restoreVersion(target, versionId) {
      const result = await domains.versions.restore({ ...target, versionId });
      noteFailure(target.accountId, 'versioning', result);
      if (result.ok) afterObjectChange(target);
      return result;
    },

    async deleteVersion(target, versionId, bypassGovernance) {
      const result = await domains.versions.remove({ ...target, versionId, bypassGovernance });
      noteFailure(target.accountId, 'versioning', result);
      if (result.ok) afterObjectChange(target);
      return result;
    },

    async loadLock(target) {
      patch({ lock: { target, bucket: { status: 'loading' }, object: null } });
      const bucket = await domains.objectLock.getBucket(target.accountId, target.bucket);
      if (!sameObject(get().props.lock?.target, target)) return;
      noteFailure(target.accountId, 'objectLock', bucket);
      if (!bucket.ok || !bucket.value.enabled) {
        setLock(target, {
          bucket: bucket.ok ? { status: 'ready', value: bucket.value } : { status: 'error', error: bucket.error },
        });
        return;
      }
      setLock(target, { bucket: { status: 'ready', value: bucket.value }, object: { status: 'loading' } });
      const state = await domains.objectLock.getObject(target);
      noteFailure(target.accountId, 'retention', state);
      setLock(target, {
        object: state.ok ? { status: 'ready', value: state.value } : { status: 'error', error: state.error },
      });
    },

    async putRetention(target, retention, bypassGovernance) {
      return afterLockChange(
        target,
        'retention',
        await domains.objectLock.putRetention({ ...target, retention, bypassGovernance }),
      );
    },

    async putLegalHold(target, on) {
      return afterLockChange(target, 'legalHold', await domains.objectLock.putLegalHold({ ...target, on }));
    },

    async loadBucketProp(ref, name) {
      const { accountId, bucket } = ref;
      if (!sameBucket(get().props.bucketProps, ref))
        patch({
          bucketProps: { accountId, bucket, versioning: null, objectLock: null, encryption: null, website: null },
        });
      setBucketProp(ref, name, { status: 'loading' });
      const getters: { [K in BucketPropName]: () => Promise<Result<BucketPropValues[K]>> } = {
        versioning: () => domains.versions.getStatus(accountId, bucket),
        objectLock: () => domains.objectLock.getBucket(accountId, bucket),
        encryption: () => domains.encryption.getBucket(accountId, bucket),
        website: () => domains.website.get(accountId, bucket),
      };
      const result = await getters[name]();
      noteFailure(accountId, BUCKET_FEATURES[name], result);
      setBucketProp(
        ref,
        name,
        result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error },
      );
    },

    setVersioning(ref, status) {
      return putBucketProp(ref, 'versioning', domains.versions.setStatus({ ...ref, status }));
    },

    setDefaultRetention(ref, defaultRetention) {
      return putBucketProp(ref, 'objectLock', domains.objectLock.putBucket({ ...ref, defaultRetention }));
    },

    setEncryption(ref, encryption) {
      return putBucketProp(ref, 'encryption', domains.encryption.putBucket({ ...ref, encryption }));
    },

    setWebsite(ref, config) {
      return putBucketProp(ref, 'website', domains.website.put({ ...ref, config }));
    },

    showVersions(on) {
      if (on === get().props.versionsShown) return;
      patch(on ? { versionsShown: true } : { versionsShown: false, listing: null });
      const location = get().objects.location;
      if (location === null) return;
      get().objects.clearSearch();
      // Opening the folder again starts the right listing (and drops a selection of the other kind).
      get().objects.open(location.bucket, location.prefix);
    },

    loadListing() {
      const location = get().objects.location;
      if (location === null) return;
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
  return slice;
};
