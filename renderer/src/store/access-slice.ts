/**
 * Tags and ACLs of buckets and objects, tag edits of many objects at once, and the options
 * uploads carry. Everything is checked with the shared rules before a request goes out, a
 * change that opens something to the public needs the person's confirmation first, and a
 * NotSupported answer switches the feature off for the account (support slice).
 */
import type { Capability } from '../../../shared/capabilities';
import { fail, ok, type AppError, type Result } from '../../../shared/errors';
import {
  NO_UPLOAD_OPTIONS,
  cannedPublicGrants,
  newPublicGrants,
  type Acl,
  type AclChange,
  type Tag,
  type UploadObjectOptions,
} from '../../../shared/properties';
import { encryptionRule, tagSetRule } from '../../../shared/property-rules';
import { ruleText } from '../i18n/rules';
import { MAX_BATCH_ITEMS } from '../../../shared/schemas';
import { bulkTagsProblem, exposureSentences } from '../view-model/access-format';
import type { OperationStarter, StartedOperation } from './operations-slice';
import type { StoreSlice } from './slice';
import type { SupportSlice } from './support-slice';
import { i18n } from '../i18n';

/** What a tags or permissions panel shows: a bucket (key null) or one object (optionally one version). */
export interface AccessTarget {
  accountId: string;
  bucket: string;
  key: string | null;
  versionId?: string;
}

export type Loaded<T> =
  | { status: 'loading' }
  /** `revision` changes with every new value, so an editor built on it starts over. */
  | { status: 'ready'; value: T; revision: number }
  | { status: 'error'; error: AppError };

/** What a guarded change came to: only `done` and `failed` sent anything. */
export type GuardedOutcome<T> =
  | { status: 'done'; value: T }
  /** It would open something to the public: these sentences say what; ask, then call again confirmed. */
  | { status: 'confirm'; warnings: string[] }
  | { status: 'invalid'; problem: string }
  | { status: 'failed'; error: AppError };

export interface BulkTagEdit {
  accountId: string;
  bucket: string;
  keys: string[];
  /** Added, or replacing the value of a tag with the same key. */
  set: Tag[];
  /** Tag keys to remove; other tags stay. */
  remove: string[];
}

export interface AccessSlice {
  /** Per target (targetId), the tags as last loaded or saved. */
  tags: Record<string, Loaded<Tag[]>>;
  /** Per target (targetId), the ACL as last loaded or applied. */
  acls: Record<string, Loaded<Acl>>;
  /** Per "accountId/bucket", what uploads into that bucket carry; for this session only. */
  uploadOptions: Record<string, UploadObjectOptions>;
  loadTags(target: AccessTarget): Promise<void>;
  /** An empty list removes every tag; a list the rules refuse is not sent (InvalidRequest). */
  saveTags(target: AccessTarget, tags: Tag[]): Promise<Result<null>>;
  loadAcl(target: AccessTarget): Promise<void>;
  applyAcl(target: AccessTarget, change: AclChange, confirmedPublic?: boolean): Promise<GuardedOutcome<Acl>>;
  /** Runs tags:editMany as a batch operation (progress, Stop, summary); refused edits start nothing. */
  editTags(edit: BulkTagEdit): Result<StartedOperation>;
  uploadOptionsFor(accountId: string, bucket: string): UploadObjectOptions;
  setUploadOptions(
    accountId: string,
    bucket: string,
    options: UploadObjectOptions,
    confirmedPublic?: boolean,
  ): GuardedOutcome<UploadObjectOptions>;
}

/** Panels come and go with the focus: only the most recent targets are kept. */
const REMEMBERED_TARGETS = 50;

export const targetId = (t: AccessTarget): string =>
  JSON.stringify([t.accountId, t.bucket, t.key, t.versionId ?? null]);

const bucketId = (accountId: string, bucket: string): string => `${accountId}/${bucket}`;

export const tagsCapability = (t: AccessTarget): Capability => (t.key === null ? 'bucketTags' : 'objectTags');
export const aclCapability = (t: AccessTarget): Capability => (t.key === null ? 'bucketAcl' : 'objectAcl');

/** The record with `id` set last (most recent) and the oldest entries beyond the limit dropped. */
function remember<T>(record: Record<string, T>, id: string, value: T): Record<string, T> {
  const { [id]: _old, ...rest } = record;
  const entries = Object.entries(rest);
  return Object.fromEntries([...entries.slice(Math.max(0, entries.length - REMEMBERED_TARGETS + 1)), [id, value]]);
}

type AccessReads = { support: Pick<SupportSlice, 'noteFailure'>; operations: OperationStarter };

export const createAccessSlice: StoreSlice<'access', AccessSlice, AccessReads> = (patch, get, deps) => {
  const { api } = deps;
  /** Per target, the request in flight: an answer that a newer request overtook is dropped. */
  const latest = new Map<string, number>();
  let counter = 0;
  const begin = (id: string): number => {
    const n = ++counter;
    latest.set(id, n);
    return n;
  };
  /** Whether request `n` is still the latest for the target; it is settled either way. */
  const finish = (id: string, n: number): boolean => {
    if (latest.get(id) !== n) return false;
    latest.delete(id);
    return true;
  };

  const putTags = (id: string, value: Loaded<Tag[]>): void => patch((s) => ({ tags: remember(s.tags, id, value) }));
  const putAcl = (id: string, value: Loaded<Acl>): void => patch((s) => ({ acls: remember(s.acls, id, value) }));
  const note = (accountId: string, capability: Capability, error: AppError): void =>
    void get().support.noteFailure(accountId, capability, error);

  const slice: AccessSlice = {
    tags: {},
    acls: {},
    uploadOptions: {},

    async loadTags(target) {
      const id = targetId(target);
      const n = begin(id);
      putTags(id, { status: 'loading' });
      const { accountId, bucket, key, versionId } = target;
      const result =
        key === null
          ? await api.invoke('tags:getBucket', { accountId, bucket })
          : await api.invoke('tags:getObject', {
              accountId,
              bucket,
              key,
              ...(versionId !== undefined && { versionId }),
            });
      if (!finish(id, n)) return;
      if (!result.ok) note(accountId, tagsCapability(target), result.error);
      putTags(
        id,
        result.ok ? { status: 'ready', value: result.value, revision: n } : { status: 'error', error: result.error },
      );
    },

    async saveTags(target, tagSet) {
      const problem = ruleText(tagSetRule(tagSet, target.key === null ? 'bucket' : 'object'));
      if (problem !== null) return fail('InvalidRequest', problem);
      const id = targetId(target);
      const n = begin(id);
      const { accountId, bucket, key, versionId } = target;
      const result =
        key === null
          ? await api.invoke('tags:putBucket', { accountId, bucket, tags: tagSet })
          : await api.invoke('tags:putObject', {
              accountId,
              bucket,
              key,
              tags: tagSet,
              ...(versionId !== undefined && { versionId }),
            });
      const fresh = finish(id, n);
      if (!result.ok) note(accountId, tagsCapability(target), result.error);
      else if (fresh) putTags(id, { status: 'ready', value: tagSet, revision: n });
      return result;
    },

    async loadAcl(target) {
      const id = targetId(target);
      const n = begin(id);
      putAcl(id, { status: 'loading' });
      const result = await api.invoke('acl:get', {
        accountId: target.accountId,
        bucket: target.bucket,
        key: target.key,
      });
      if (!finish(id, n)) return;
      if (!result.ok) note(target.accountId, aclCapability(target), result.error);
      putAcl(
        id,
        result.ok ? { status: 'ready', value: result.value, revision: n } : { status: 'error', error: result.error },
      );
    },

    async applyAcl(target, change, confirmedPublic = false) {
      const id = targetId(target);
      const loaded = get().access.acls[id];
      const now = loaded?.status === 'ready' ? loaded.value : null;
      const opened = newPublicGrants(now, change);
      if (opened.length > 0 && !confirmedPublic) {
        return { status: 'confirm', warnings: exposureSentences(opened, target.key === null ? 'bucket' : 'object') };
      }
      const n = begin(id);
      const result = await api.invoke('acl:put', {
        accountId: target.accountId,
        bucket: target.bucket,
        key: target.key,
        change,
      });
      const fresh = finish(id, n);
      if (!result.ok) {
        note(target.accountId, aclCapability(target), result.error);
        return { status: 'failed', error: result.error };
      }
      if (fresh) putAcl(id, { status: 'ready', value: result.value, revision: n });
      return { status: 'done', value: result.value };
    },

    editTags(edit) {
      const problem = bulkTagsProblem(edit.set, edit.remove);
      if (problem !== null) return fail('InvalidRequest', problem);
      const started = get().operations.start(
        'tag',
        i18n.t('properties:bulkTags.running', { count: edit.keys.length }),
        edit.keys,
        MAX_BATCH_ITEMS,
        (keys, operationId) => api.invoke('tags:editMany', { ...edit, keys, operationId }),
      );
      void started.done.then((run) => {
        if (run.error !== null) note(edit.accountId, 'objectTags', run.error);
        const refused = run.summary?.failed.find((f) => f.code === 'NotSupported');
        if (refused !== undefined)
          note(edit.accountId, 'objectTags', { code: 'NotSupported', message: refused.message });
      });
      return ok(started);
    },

    uploadOptionsFor(accountId, bucket) {
      return get().access.uploadOptions[bucketId(accountId, bucket)] ?? NO_UPLOAD_OPTIONS;
    },

    setUploadOptions(accountId, bucket, options, confirmedPublic = false) {
      const problem =
        ruleText(tagSetRule(options.tags, 'object')) ??
        (options.encryption === null ? null : ruleText(encryptionRule(options.encryption)));
      if (problem !== null) return { status: 'invalid', problem };
      const before = get().access.uploadOptionsFor(accountId, bucket);
      const opened = options.acl === null || options.acl === before.acl ? [] : cannedPublicGrants(options.acl);
      if (opened.length > 0 && !confirmedPublic) {
        return { status: 'confirm', warnings: exposureSentences(opened, 'uploads') };
      }
      patch((s) => ({ uploadOptions: { ...s.uploadOptions, [bucketId(accountId, bucket)]: options } }));
      return { status: 'done', value: options };
    },
  };
  return slice;
};
