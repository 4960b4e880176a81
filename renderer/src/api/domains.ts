/**
 * Thin typed wrappers per domain, so store actions call `objects.list(...)` and never spell
 * channel strings themselves.
 */
import type { AppApi, EventMap, EventName } from '../../../shared/contract';
import type { AccountInput, AccountPatch, RequestOf, TransferSettingsPatch } from '../../../shared/schemas';
import type { ConflictChoice, TransferFilter } from '../../../shared/transfers';

export function createDomains(api: AppApi) {
  return {
    app: {
      info: () => api.invoke('app:info', {}),
    },
    accounts: {
      list: () => api.invoke('accounts:list', {}),
      create: (account: AccountInput) => api.invoke('accounts:create', { account }),
      update: (id: string, patch: AccountPatch) => api.invoke('accounts:update', { id, patch }),
      remove: (id: string) => api.invoke('accounts:remove', { id }),
      test: (request: RequestOf<'accounts:test'>) => api.invoke('accounts:test', request),
      openSandbox: () => api.invoke('sandbox:open', {}),
    },
    buckets: {
      list: (accountId: string, continuationToken: string | null) =>
        api.invoke('buckets:list', { accountId, continuationToken }),
      create: (accountId: string, name: string, objectLock: boolean) =>
        api.invoke('buckets:create', { accountId, name, objectLock }),
      remove: (accountId: string, bucket: string) => api.invoke('buckets:delete', { accountId, bucket }),
    },
    objects: {
      list: (req: RequestOf<'objects:list'>) => api.invoke('objects:list', req),
      search: (req: RequestOf<'objects:search'>) => api.invoke('objects:search', req),
      head: (accountId: string, bucket: string, key: string) => api.invoke('objects:head', { accountId, bucket, key }),
      createFolder: (accountId: string, bucket: string, key: string) =>
        api.invoke('objects:createFolder', { accountId, bucket, key }),
      remove: (req: RequestOf<'objects:delete'>) => api.invoke('objects:delete', req),
      copy: (req: RequestOf<'objects:copy'>) => api.invoke('objects:copy', req),
      download: (accountId: string, bucket: string, key: string, versionId?: string) =>
        api.invoke('objects:download', { accountId, bucket, key, ...(versionId !== undefined && { versionId }) }),
      updateProperties: (req: RequestOf<'objects:updateProperties'>) => api.invoke('objects:updateProperties', req),
    },
    tags: {
      getObject: (req: RequestOf<'tags:getObject'>) => api.invoke('tags:getObject', req),
      putObject: (req: RequestOf<'tags:putObject'>) => api.invoke('tags:putObject', req),
      getBucket: (accountId: string, bucket: string) => api.invoke('tags:getBucket', { accountId, bucket }),
      putBucket: (req: RequestOf<'tags:putBucket'>) => api.invoke('tags:putBucket', req),
      editMany: (req: RequestOf<'tags:editMany'>) => api.invoke('tags:editMany', req),
    },
    acl: {
      get: (accountId: string, bucket: string, key: string | null) => api.invoke('acl:get', { accountId, bucket, key }),
      put: (req: RequestOf<'acl:put'>) => api.invoke('acl:put', req),
    },
    share: {
      create: (req: RequestOf<'share:create'>) => api.invoke('share:create', req),
    },
    versions: {
      getStatus: (accountId: string, bucket: string) => api.invoke('versioning:get', { accountId, bucket }),
      setStatus: (req: RequestOf<'versioning:put'>) => api.invoke('versioning:put', req),
      list: (req: RequestOf<'versions:list'>) => api.invoke('versions:list', req),
      restore: (req: RequestOf<'versions:restore'>) => api.invoke('versions:restore', req),
      remove: (req: RequestOf<'versions:delete'>) => api.invoke('versions:delete', req),
    },
    objectLock: {
      getBucket: (accountId: string, bucket: string) => api.invoke('objectLock:getBucket', { accountId, bucket }),
      putBucket: (req: RequestOf<'objectLock:putBucket'>) => api.invoke('objectLock:putBucket', req),
      getObject: (req: RequestOf<'objectLock:getObject'>) => api.invoke('objectLock:getObject', req),
      putRetention: (req: RequestOf<'objectLock:putRetention'>) => api.invoke('objectLock:putRetention', req),
      putLegalHold: (req: RequestOf<'objectLock:putLegalHold'>) => api.invoke('objectLock:putLegalHold', req),
    },
    encryption: {
      getBucket: (accountId: string, bucket: string) => api.invoke('encryption:getBucket', { accountId, bucket }),
      putBucket: (req: RequestOf<'encryption:putBucket'>) => api.invoke('encryption:putBucket', req),
    },
    website: {
      get: (accountId: string, bucket: string) => api.invoke('website:get', { accountId, bucket }),
      put: (req: RequestOf<'website:put'>) => api.invoke('website:put', req),
    },
    operations: {
      cancel: (operationId: string) => api.invoke('operations:cancel', { operationId }),
    },
    transfers: {
      upload: (req: RequestOf<'transfers:upload'>) => api.invoke('transfers:upload', req),
      download: (req: RequestOf<'transfers:download'>) => api.invoke('transfers:download', req),
      list: (filter: TransferFilter, offset: number, limit: number) =>
        api.invoke('transfers:list', { filter, offset, limit }),
      control: (req: RequestOf<'transfers:control'>) => api.invoke('transfers:control', req),
      resolveConflict: (jobId: string, choice: ConflictChoice, applyToBatch: boolean) =>
        api.invoke('transfers:resolveConflict', { jobId, choice, applyToBatch }),
      clear: (includeFailed: boolean) => api.invoke('transfers:clear', { includeFailed }),
    },
    quicksync: {
      list: (accountId: string, includeIncomplete: boolean) =>
        api.invoke('quicksync:list', { accountId, includeIncomplete }),
      details: (accountId: string, fileKey: string) => api.invoke('quicksync:details', { accountId, fileKey }),
      remove: (req: RequestOf<'quicksync:delete'>) => api.invoke('quicksync:delete', req),
    },
    settings: {
      get: () => api.invoke('settings:get', {}),
      update: (transfers: TransferSettingsPatch) => api.invoke('settings:update', { transfers }),
    },
    multipart: {
      list: (accountId: string, bucket: string, prefix: string, continuationToken: string | null) =>
        api.invoke('multipart:list', { accountId, bucket, prefix, continuationToken }),
      abort: (accountId: string, bucket: string, uploads: { key: string; uploadId: string }[]) =>
        api.invoke('multipart:abort', { accountId, bucket, uploads }),
    },
    subscribe: <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) =>
      api.subscribe(event, listener),
  };
}

export type Domains = ReturnType<typeof createDomains>;
