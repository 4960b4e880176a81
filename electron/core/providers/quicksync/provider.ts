/**
 * QuickSync behind the provider seam: one flat list of files per session, each unfinished upload
 * shown with the job that can resume it (capability `sessionFiles`). Deleting an unfinished
 * upload also cancels the job that was uploading it.
 */
import { capabilitiesOf } from '../../../../shared/capabilities';
import type { ProviderTransfers } from '../../transfers/provider-transfers';
import type { CapableOf, StorageProvider } from '../storage-provider';
import { fileDetails, listFiles, type QuickSyncSession } from './api';
import { byName, deleteFiles, toQuickSyncFile } from './files';
import { resumableByFileKey } from './transfers';

export type QuickSyncProvider = StorageProvider & CapableOf<'sessionFiles'>;

export function quickSyncProvider(session: QuickSyncSession, transfers: ProviderTransfers): QuickSyncProvider {
  return {
    capabilities: capabilitiesOf('quicksync'),
    transfers,
    async listSessionFiles({ includeIncomplete }, { jobs }) {
      const files = await listFiles(session);
      const resumable = resumableByFileKey(jobs.unfinishedUploads());
      return files
        .filter((f) => includeIncomplete || f.completed)
        .map((f) => toQuickSyncFile(f, session.sessionId, resumable.get(f.fileKey) ?? null))
        .sort(byName);
    },
    async sessionFileDetails({ fileKey }, { jobs }) {
      const info = await fileDetails(session, fileKey);
      return toQuickSyncFile(
        info,
        session.sessionId,
        resumableByFileKey(jobs.unfinishedUploads()).get(info.fileKey) ?? null,
      );
    },
    async deleteSessionFiles({ fileKeys }, { jobs, operation }) {
      const resumable = resumableByFileKey(jobs.unfinishedUploads());
      const uploading = fileKeys.flatMap((k) => resumable.get(k) ?? []);
      // Stopped first, so no part is sent to a file that is going away.
      if (uploading.length > 0) jobs.cancel(uploading);
      return deleteFiles(session, fileKeys, operation);
    },
  };
}
