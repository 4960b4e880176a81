/**
 * The details pane's tabs for one object beyond the listing: its versions (page by page), its
 * lock (the bucket's object lock first, then the object's retention and hold) and share links.
 * Edits that change the object and so list the folder again are flows (flows.ts).
 *
 * Every NotSupported answer goes through support.noteFailure, so the control turns itself
 * off for the account. Answers for a target the person has left are dropped.
 */
import type { AppError, Result } from '../../../shared/errors';
import type { Capability } from '../../../shared/capabilities';
import type {
  BucketObjectLock,
  ObjectLockState,
  ObjectRetention,
  ObjectVersion,
  ShareLink,
} from '../../../shared/properties';
import type { RequestOf } from '../../../shared/contract';
import type { StoreSlice } from './slice';
import { noteResult, type SupportSlice } from './support-slice';

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

export interface ObjectProps {
  versions: ObjectVersionsState | null;
  lock: ObjectLockView | null;
  share(request: RequestOf<'share:create'>): Promise<Result<ShareLink>>;
  loadVersions(target: ObjectRef): Promise<void>;
  loadMoreVersions(): Promise<void>;
  loadLock(target: ObjectRef): Promise<void>;
  /** null removes the retention (governance mode needs the bypass). */
  putRetention(
    target: ObjectRef,
    retention: ObjectRetention | null,
    bypassGovernance: boolean,
  ): Promise<Result<ObjectLockState>>;
  putLegalHold(target: ObjectRef, on: boolean): Promise<Result<ObjectLockState>>;
}

/** The same object (targets are rebuilt by components, so compare by value). */
export const sameObject = (a: ObjectRef | undefined, b: ObjectRef): boolean =>
  a !== undefined && a.accountId === b.accountId && a.bucket === b.bucket && a.key === b.key;

export const createObjectProps: StoreSlice<'props', ObjectProps, { support: Pick<SupportSlice, 'noteFailure'> }> = (
  patch,
  get,
  deps,
) => {
  const { api } = deps;
  const noteFailure = (accountId: string, capability: Capability, result: Result<unknown>) =>
    noteResult(get().support, accountId, capability, result);

  // Each (re)load of the Versions tab; a page of an older load is dropped (a restore and the
  // pane may both reload at once, and two first pages must not both be appended).
  let versionsLoad = 0;

  async function versionsPage(target: ObjectRef, token: string | null, load: number): Promise<void> {
    const result = await api.invoke('versions:list', { ...target, prefix: target.key, continuationToken: token });
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

  function afterLockChange(target: ObjectRef, capability: 'retention' | 'legalHold', result: Result<ObjectLockState>) {
    noteFailure(target.accountId, capability, result);
    if (result.ok) setLock(target, { object: { status: 'ready', value: result.value } });
    return result;
  }

  return {
    versions: null,
    lock: null,

    async share(request) {
      const result = await api.invoke('share:create', request);
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

    async loadLock(target) {
      patch({ lock: { target, bucket: { status: 'loading' }, object: null } });
      const { accountId, bucket: name } = target;
      const bucket = await api.invoke('objectLock:getBucket', { accountId, bucket: name });
      if (!sameObject(get().props.lock?.target, target)) return;
      noteFailure(accountId, 'objectLock', bucket);
      if (!bucket.ok || !bucket.value.enabled) {
        setLock(target, {
          bucket: bucket.ok ? { status: 'ready', value: bucket.value } : { status: 'error', error: bucket.error },
        });
        return;
      }
      setLock(target, { bucket: { status: 'ready', value: bucket.value }, object: { status: 'loading' } });
      const state = await api.invoke('objectLock:getObject', target);
      noteFailure(accountId, 'retention', state);
      setLock(target, {
        object: state.ok ? { status: 'ready', value: state.value } : { status: 'error', error: state.error },
      });
    },

    async putRetention(target, retention, bypassGovernance) {
      return afterLockChange(
        target,
        'retention',
        await api.invoke('objectLock:putRetention', { ...target, retention, bypassGovernance }),
      );
    },

    async putLegalHold(target, on) {
      return afterLockChange(target, 'legalHold', await api.invoke('objectLock:putLegalHold', { ...target, on }));
    },
  };
};
