/**
 * Starting transfers: uploads of local files (Electron: by the host's handles) or of dropped
 * files (browser host: queued, then their bytes PUT to stage paths in the background), and
 * downloads from the place shown. Long lists go in several calls of one batch id.
 */
import { fail, ok, type Result } from '../../../shared/errors';
import { chunkList } from '../../../shared/request-limits';
import { MAX_DOWNLOAD_KEYS, MAX_UPLOAD_SOURCES, type DownloadFolder, type UploadSource } from '../../../shared/schemas';
import type { ConflictPolicy, DownloadStarted, UploadStarted } from '../../../shared/transfers';
import type { AccessSlice } from './access-slice';
import type { AccountsSlice } from './accounts-slice';
import type { SliceDeps } from './deps';
import type { ObjectsSlice } from './objects-slice';
import { selectPlace, type QuickSyncSlice } from './quicksync-slice';
import { createStagedPuts } from './staged-puts';
import type { Notifier } from './ui-slice';
import { i18n } from '../i18n';

export interface TransferDestination {
  bucket: string;
  prefix: string;
}

export interface TransferStarts {
  /**
   * Electron: queues local files and folders by the handles the host minted for them (the page
   * never names a path). Upload errors are shown as toasts; the Result is for the caller's flow.
   */
  uploadLocal(
    handles: string[],
    target: TransferDestination,
    conflict?: ConflictPolicy,
  ): Promise<Result<UploadStarted>>;
  /** Browser host: queues the files, then PUTs each to its stage path (4 at a time) in the background. */
  uploadFiles(
    files: { file: Blob; relativePath: string }[],
    target: TransferDestination,
    conflict?: ConflictPolicy,
  ): Promise<Result<UploadStarted>>;
  /**
   * From the place shown (selectPlace), basePrefix = its prefix; targetDir null asks the host.
   * No toast on failure: the caller (the download dialog) shows the error.
   */
  download(keys: string[], targetDir: string | null, conflict?: ConflictPolicy): Promise<Result<DownloadStarted>>;
}

export interface StartsReads {
  transfers: { togglePanel(open?: boolean): void };
  ui: Notifier;
  access: Pick<AccessSlice, 'uploadOptionsFor'>;
  accounts: Pick<AccountsSlice, 'selectedId'>;
  objects: Pick<ObjectsSlice, 'location'>;
  quicksync: Pick<QuickSyncSlice, 'place'>;
}

export function createTransferStarts(get: () => StartsReads, deps: SliceDeps): TransferStarts {
  const { api } = deps;
  let askedPermission = false;

  const puts = createStagedPuts(
    (path, file, signal) => deps.effects.putStagedFile(path, file, signal),
    (item, error) => get().ui.notifyError(error, i18n.t('transfers:error.send', { name: item.name })),
  );

  /** The first transfer the person starts: ask for notifications (near the gesture). */
  function beginTransfer(): void {
    if (!askedPermission) {
      askedPermission = true;
      deps.effects.notify?.requestPermission();
    }
  }

  function accountFor(bucket: string): string | null {
    const location = get().objects.location;
    return location !== null && location.bucket === bucket ? location.accountId : get().accounts.selectedId;
  }

  /** Queues sources in several calls of one batch id (a 100,000-file drop); `onQueued` sees each call's stage paths. */
  async function queueUpload(
    sources: UploadSource[],
    target: TransferDestination,
    conflict: ConflictPolicy | undefined,
    onQueued?: (stagePaths: string[], from: number) => void,
  ): Promise<Result<UploadStarted>> {
    const accountId = accountFor(target.bucket);
    if (accountId === null) return fail('InvalidRequest', i18n.t('accounts:chooseFirst'));
    if (sources.length === 0) return fail('InvalidRequest', i18n.t('transfers:error.nothingToUpload'));
    const batchId = deps.newOperationId();
    const stagePaths: string[] = [];
    let from = 0;
    for (const chunk of chunkList(sources, MAX_UPLOAD_SOURCES)) {
      const result = await api.invoke('transfers:upload', {
        accountId,
        bucket: target.bucket,
        prefix: target.prefix,
        batchId,
        conflict: conflict ?? 'ask',
        sources: chunk,
        options: get().access.uploadOptionsFor(accountId, target.bucket),
      });
      if (!result.ok) {
        get().ui.notifyError(result.error, i18n.t('transfers:error.uploadStart'));
        return result;
      }
      if (from === 0) get().transfers.togglePanel(true);
      onQueued?.(result.value.stagePaths, from);
      for (const path of result.value.stagePaths) stagePaths.push(path);
      from += chunk.length;
    }
    return ok({ batchId, stagePaths });
  }

  return {
    uploadLocal(handles, target, conflict) {
      beginTransfer();
      return queueUpload(
        handles.map((handle) => ({ kind: 'handle', handle })),
        target,
        conflict,
      );
    },

    uploadFiles(files, target, conflict) {
      beginTransfer();
      const sources: UploadSource[] = files.map(({ file, relativePath }) => ({
        kind: 'browser',
        relativePath,
        size: file.size,
        lastModified: file instanceof File ? file.lastModified : deps.now(),
      }));
      return queueUpload(sources, target, conflict, (stagePaths, from) =>
        puts.add(
          stagePaths.flatMap((stagePath, i) => {
            const source = files[from + i];
            return source === undefined ? [] : [{ stagePath, file: source.file, name: source.relativePath }];
          }),
        ),
      );
    },

    async download(keys, targetDir, conflict) {
      const location = selectPlace(get());
      if (location === null) return fail('InvalidRequest', i18n.t('browser:openBucketFirst'));
      if (keys.length === 0) return fail('InvalidRequest', i18n.t('transfers:error.nothingToDownload'));
      beginTransfer();
      const batchId = deps.newOperationId();
      // Electron answers with a handle for the chosen folder: the page names it only by that.
      let dir: DownloadFolder | null = targetDir;
      let shown = targetDir ?? '';
      let first = true;
      for (const chunk of chunkList(keys, MAX_DOWNLOAD_KEYS)) {
        const result: Result<DownloadStarted> = await api.invoke('transfers:download', {
          accountId: location.accountId,
          bucket: location.bucket,
          basePrefix: location.prefix,
          keys: chunk,
          targetDir: dir,
          batchId,
          conflict: conflict ?? 'ask',
        });
        if (!result.ok) return result; // the download dialog shows why, beside the choices
        if (result.value.kind === 'cancelled') return result;
        // Later calls of the batch go to the folder chosen for the first (no second dialog).
        dir =
          result.value.targetDirHandle !== undefined
            ? { handle: result.value.targetDirHandle }
            : result.value.targetDir;
        shown = result.value.targetDir;
        if (first) get().transfers.togglePanel(true);
        first = false;
      }
      return ok({ kind: 'started', batchId, targetDir: shown });
    },
  };
}
