/**
 * Flows inside a bucket: opening a folder (with "Show versions" on, the props slice lists it
 * instead of the objects slice), refreshing, and the changes after which the folder is listed
 * again (new folder, delete, copy, move, property and version edits); and resuming a QuickSync
 * upload in the transfer queue. The store exposes each under its slice's name (`objects.open`,
 * `props.showVersions`); slices never call flows.
 */
import type { Capability } from '../../../../shared/capabilities';
import type { Result } from '../../../../shared/errors';
import { baseName, isFolderKey, parentPrefix } from '../../../../shared/keys';
import type { ObjectDetails } from '../../../../shared/models';
import type { QuickSyncFile } from '../../../../shared/quicksync';
import { MAX_BATCH_ITEMS } from '../../../../shared/schemas';
import type { PropertiesChange } from '../../view-model/properties-form';
import { resumeProblem } from '../../view-model/quicksync-files';
import type { SliceDeps } from '../deps';
import { sameObject, type ObjectRef } from '../object-props';
import type { Location } from '../objects-slice';
import type { StartedOperation } from '../operations-slice';
import { noteResult } from '../support-slice';
import type { PatchOf, Slices } from './slices';
import { i18n } from '../../i18n';

export interface ObjectFlows {
  open(bucket: string, prefix: string): void;
  refresh(): void;
  up(): void;
  /** Enter / double-click: a folder opens; a file opens in its application (desktop) or downloads (browser). */
  activate(key: string): void;
  createFolder(name: string): Promise<Result<null>>;
  remove(keys: readonly string[]): StartedOperation;
  copy(items: { source: string; target: string }[], move: boolean, label: string): StartedOperation;
}

export interface PropsFlows {
  showVersions(on: boolean): void;
  /** Rewrites the object in place with new headers, metadata and storage class. */
  updateProperties(target: ObjectRef, change: PropertiesChange): Promise<Result<ObjectDetails>>;
  restoreVersion(target: ObjectRef, versionId: string): Promise<Result<null>>;
  deleteVersion(target: ObjectRef, versionId: string, bypassGovernance: boolean): Promise<Result<null>>;
}

export interface QuickSyncFlows {
  /** Continues the journaled upload of an incomplete file (paused or failed) in the transfer queue. */
  resume(file: QuickSyncFile): Promise<void>;
}

export interface FolderFlows {
  objects: ObjectFlows;
  props: PropsFlows;
  quicksync: QuickSyncFlows;
}

const noBucket = (): Result<never> => ({
  ok: false,
  error: { code: 'InvalidRequest', message: i18n.t('browser:openBucketFirst') },
});

export function createFolderFlows(patchOf: PatchOf, get: () => Slices, deps: SliceDeps): FolderFlows {
  const { api } = deps;

  /** Lists the folder: its objects, or with "Show versions" on its versions (the props slice holds those rows). */
  function listFolder(location: Location, keepSelection: boolean): void {
    const versionsShown = get().props.versionsShown;
    get().objects.list(location, keepSelection, !versionsShown);
    if (versionsShown) get().props.loadListing(location);
  }

  function openFolder(bucket: string, prefix: string): void {
    const accountId = get().accounts.selectedId;
    if (accountId !== null) listFolder({ accountId, bucket, prefix }, false);
  }

  function refresh(): void {
    const { location, search } = get().objects;
    if (location === null) return;
    if (search !== null) void get().objects.startSearch(search.query);
    else listFolder(location, true);
  }

  /** Once a batch ends (even partly failed), the folder is listed again to show the truth. */
  function afterwardsRefresh(location: Location | null, started: StartedOperation): StartedOperation {
    void started.done.then(() => {
      if (get().objects.location === location) refresh();
    });
    return started;
  }

  /** The object changed on the server: list the folder again and refresh what the pane shows. */
  function afterObjectChange(target: ObjectRef): void {
    const location = get().objects.location;
    if (location === null || location.accountId !== target.accountId || location.bucket !== target.bucket) return;
    refresh();
    if (get().objects.details?.key === target.key) void get().objects.loadDetails(target.key, true);
    if (sameObject(get().props.versions?.target, target)) void get().props.loadVersions(target);
  }

  async function objectChange<T>(
    target: ObjectRef,
    capability: Capability,
    call: Promise<Result<T>>,
  ): Promise<Result<T>> {
    const result = await call;
    noteResult(get().support, target.accountId, capability, result);
    if (result.ok) afterObjectChange(target);
    return result;
  }

  return {
    objects: {
      open: openFolder,
      refresh,

      up() {
        const location = get().objects.location;
        if (location === null || location.prefix === '') return;
        const from = location.prefix;
        openFolder(location.bucket, parentPrefix(from));
        // Finder puts the focus on the folder we came out of.
        get().objects.selectOnly(from);
      },

      activate(key) {
        const location = get().objects.location;
        if (location === null) return;
        if (isFolderKey(key)) openFolder(location.bucket, key);
        else void get().edits.open(key);
      },

      async createFolder(name) {
        const location = get().objects.location;
        if (location === null) return noBucket();
        const key = `${location.prefix}${name}/`;
        const result = await api.invoke('objects:createFolder', {
          accountId: location.accountId,
          bucket: location.bucket,
          key,
        });
        if (result.ok && get().objects.location === location) {
          refresh();
          get().objects.selectOnly(key);
        }
        return result;
      },

      remove(keys) {
        const location = get().objects.location;
        const only = keys.length === 1 ? keys[0] : undefined;
        const label =
          only !== undefined
            ? i18n.t('browser:delete.runningOne', { name: baseName(only) })
            : i18n.t('browser:delete.runningMany', { count: keys.length });
        return afterwardsRefresh(
          location,
          get().operations.start('delete', label, keys, MAX_BATCH_ITEMS, (chunk, operationId) =>
            location === null
              ? Promise.resolve(noBucket())
              : api.invoke('objects:delete', {
                  accountId: location.accountId,
                  bucket: location.bucket,
                  keys: chunk,
                  operationId,
                }),
          ),
        );
      },

      copy(items, move, label) {
        const location = get().objects.location;
        return afterwardsRefresh(
          location,
          get().operations.start(move ? 'move' : 'copy', label, items, MAX_BATCH_ITEMS, (chunk, operationId) =>
            location === null
              ? Promise.resolve(noBucket())
              : api.invoke('objects:copy', {
                  accountId: location.accountId,
                  bucket: location.bucket,
                  items: chunk,
                  move,
                  operationId,
                }),
          ),
        );
      },
    },

    props: {
      showVersions(on) {
        if (on === get().props.versionsShown) return;
        patchOf('props')(on ? { versionsShown: true } : { versionsShown: false, listing: null });
        const location = get().objects.location;
        if (location === null) return;
        get().objects.clearSearch();
        // Opening the folder again starts the right listing (and drops a selection of the other kind).
        openFolder(location.bucket, location.prefix);
      },

      updateProperties(target, change) {
        return objectChange(
          target,
          change.storageClass !== null ? 'storageClass' : 'metadata',
          api.invoke('objects:updateProperties', { ...target, ...change }),
        );
      },

      restoreVersion(target, versionId) {
        return objectChange(target, 'versioning', api.invoke('versions:restore', { ...target, versionId }));
      },

      deleteVersion(target, versionId, bypassGovernance) {
        return objectChange(
          target,
          'versioning',
          api.invoke('versions:delete', { ...target, versionId, bypassGovernance }),
        );
      },
    },

    quicksync: {
      async resume(file) {
        const problem = resumeProblem(file);
        const jobId = file.resumableJobId;
        if (problem !== null || jobId === null) {
          get().ui.notify('info', problem ?? i18n.t('quicksync:resume.notHere'));
          return;
        }
        // Resume applies to a paused job, retry to a failed one: whichever this job is.
        for (const action of ['resume', 'retry'] as const) {
          const result = await api.invoke('transfers:control', { action, target: { jobIds: [jobId] } });
          if (!result.ok) {
            get().ui.notifyError(result.error, i18n.t('quicksync:resume.failed', { name: file.name }));
            return;
          }
          if (result.value.affected > 0) {
            get().transfers.togglePanel(true);
            return;
          }
        }
        get().ui.notify('info', i18n.t('quicksync:resume.alreadyQueued', { name: file.name }));
      },
    },
  };
}
