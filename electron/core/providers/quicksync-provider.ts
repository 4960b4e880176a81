/**
 * QuickSync behind the provider seam: one pseudo-bucket (QUICKSYNC_BUCKET) holding the session's
 * completed files, keyed by fileKey and named by their display name. The API lists everything at
 * once; pages are cut from that list in name order.
 */
import type { ObjectDetails, ObjectEntry } from '../../../shared/models';
import { capabilitiesOf } from '../../../shared/providers';
import { QUICKSYNC_BUCKET } from '../../../shared/quicksync';
import { CoreError } from '../errors';
import type { ObjectSource } from '../host-services';
import { offerDownload, saveStream, suggestedFileName } from '../local-save';
import { fileDetails, listFiles, openDownload, type QuickSyncSession, type UploadInfo } from '../quicksync/api';
import { byName, deleteFiles, displayName, toQuickSyncFile } from '../quicksync/files';
import type { StorageProvider } from './storage-provider';

function checkBucket(bucket: string): void {
  if (bucket !== QUICKSYNC_BUCKET) {
    throw new CoreError('NoSuchBucket', `A QuickSync account has one list of files, "${QUICKSYNC_BUCKET}".`);
  }
}

function pageStart(token: string | null): number {
  if (token === null) return 0;
  const start = Number(token);
  if (!Number.isSafeInteger(start) || start < 0) throw new CoreError('InvalidRequest', 'Unknown continuation token.');
  return start;
}

function details(info: UploadInfo): ObjectDetails {
  return {
    key: info.fileKey,
    size: info.originalSizeInBytes,
    contentType: null,
    etag: null,
    lastModified: null,
    storageClass: null,
    serverSideEncryption: null,
    kmsKeyId: null,
    versionId: null,
    cacheControl: null,
    contentDisposition: null,
    contentEncoding: null,
    contentLanguage: null,
    expires: null,
    metadata: {},
  };
}

export function quickSyncProvider(session: QuickSyncSession): StorageProvider {
  /** A completed file, by key: only those can be downloaded. */
  const completedFile = async (source: ObjectSource): Promise<UploadInfo> => {
    checkBucket(source.bucket);
    const info = await fileDetails(session, source.key);
    if (!info.completed) {
      throw new CoreError('InvalidRequest', 'This upload is not finished: resume it or delete it first.');
    }
    return info;
  };
  const open = (info: UploadInfo) => async () => ({
    stream: (await openDownload(session, info.fileKey)).stream,
    size: info.originalSizeInBytes,
  });

  return {
    capabilities: capabilitiesOf('quicksync'),
    listBuckets: async () => ({ items: [{ name: QUICKSYNC_BUCKET, createdAt: null }], nextToken: null }),
    async listObjects({ bucket, prefix, continuationToken, pageSize }) {
      checkBucket(bucket);
      const start = pageStart(continuationToken);
      // No folders: nothing lies below any prefix.
      if (prefix !== '') return { items: [], nextToken: null };
      const files = (await listFiles(session))
        .filter((f) => f.completed)
        .map((f) => toQuickSyncFile(f, session.sessionId, null))
        .sort(byName);
      const items = files.slice(start, start + pageSize).map((f): ObjectEntry => ({
        kind: 'object',
        key: f.fileKey,
        name: f.name,
        size: f.size,
        lastModified: null,
        etag: null,
        storageClass: null,
      }));
      const next = start + pageSize;
      return { items, nextToken: next < files.length ? String(next) : null };
    },
    async headObject(bucket, key) {
      checkBucket(bucket);
      return details(await fileDetails(session, key));
    },
    async deleteObjects(bucket, keys, op) {
      checkBucket(bucket);
      return deleteFiles(session, keys, op);
    },
    async download(host, source) {
      const info = await completedFile(source);
      return offerDownload(host, source, displayName(info, session.sessionId).name, (target) =>
        saveStream(open(info), target),
      );
    },
    async openObjectStream(source) {
      const info = await completedFile(source);
      return {
        ...(await open(info)()),
        contentType: null,
        name: suggestedFileName(displayName(info, session.sessionId).name),
      };
    },
  };
}
