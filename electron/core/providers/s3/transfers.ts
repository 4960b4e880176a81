/**
 * How S3 accounts (QStorage, any S3-compatible service, the sandbox) take part in transfers:
 * uploads go where they were asked, conflicts are found with HEAD, folders are expanded by
 * listing, an unfinished multipart upload is aborted, and workers get the account's keys.
 */
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { NO_UPLOAD_OPTIONS } from '../../../../shared/properties';
import type { WorkerCredentials } from '../../../../shared/transfer-protocol';
import type { AccountRecord } from '../../account-store';
import { CoreError, toAppError } from '../../errors';
import { contentTypeFor } from '../../transfers/content-types';
import { expandDownloads } from '../../transfers/download-sources';
import type { Existing, ProviderTransfers } from '../../transfers/provider-transfers';
import { usesPathStyle } from './client';
import { downloadToFile } from './download';
import { abortUploads } from './multipart-uploads';
import { walkKeys } from './objects';
import { s3SyncMethods } from './sync-listing';

export interface S3TransfersDeps {
  account: Pick<AccountRecord, 'endpoint' | 'region' | 'accessKeyId' | 'addressingStyle' | 'checksumMode'> & {
    kind: WorkerCredentials['kind'];
  };
  /** The account's secret, checked against this very record; read once, when a task first needs it. */
  readSecret: () => Promise<string>;
  /** The account's cached client addressed for a bucket. */
  client: (bucket: string) => Promise<S3Client>;
}

export function s3Transfers({ account, readSecret, client }: S3TransfersDeps): ProviderTransfers {
  // Read when a task first needs it, then kept (every task start asks); a failed read must not stick.
  let reading: Promise<string> | null = null;
  const readSecretOnce = (): Promise<string> =>
    (reading ??= readSecret().catch((error: unknown) => {
      reading = null;
      throw error;
    }));

  const credentialsFor = (bucket: string, secretAccessKey: string): WorkerCredentials => ({
    kind: account.kind,
    endpoint: account.endpoint,
    region: account.region,
    accessKeyId: account.accessKeyId,
    secretAccessKey,
    addressingStyle: account.addressingStyle,
    checksumMode: account.checksumMode,
    pathStyle: usesPathStyle(account.addressingStyle, bucket),
  });

  return {
    uploadPlace: (requested) => requested,

    async downloadItems({ bucket, basePrefix, keys }, root, signal) {
      const c = await client(bucket);
      return expandDownloads(keys, basePrefix, root, (prefix, s) => walkKeys(c, bucket, prefix, s), signal);
    },

    existing: async (bucket, key) => headExisting(await client(bucket), bucket, key),

    async buildTask(request) {
      const { jobId, bucket, key, checkpoint: cp, settings, tuning } = request;
      const credentials = credentialsFor(bucket, await readSecretOnce());
      if (request.direction === 'upload') {
        return {
          kind: 'upload',
          jobId,
          credentials,
          tuning,
          bucket,
          key,
          source: request.source,
          multipartThreshold: settings.multipartThresholdBytes,
          partSize: settings.partSizeBytes,
          contentType: contentTypeFor(key),
          // Jobs journaled before upload options existed have no field at all.
          options: request.options ?? NO_UPLOAD_OPTIONS,
          wholeFileMd5: request.wholeFileMd5,
          resume: cp?.kind === 'upload' ? cp : null,
        };
      }
      return {
        kind: 'download',
        jobId,
        credentials,
        tuning,
        bucket,
        key,
        target: request.target,
        expected: request.expected ?? { size: null, etag: null },
        chunkSize: settings.partSizeBytes,
        resume: cp?.kind === 'download' ? cp : null,
      };
    },

    async discardUpload(bucket, key, leftover) {
      const summary = await abortUploads(await client(bucket), bucket, [{ key, uploadId: leftover.uploadId }]);
      const failure = summary.failed[0];
      if (failure) throw new CoreError('Unknown', failure.message);
    },

    leftoverHint: 'remove it with the incomplete uploads tool',

    ...s3SyncMethods(client),

    async dragOutDownloader(bucket) {
      const c = await client(bucket);
      return async (key, target) => {
        await downloadToFile(c, bucket, key, target);
      };
    },
  };
}

/** What HEAD says about the object, or null when there is none. */
async function headExisting(client: S3Client, bucket: string, key: string): Promise<Existing | null> {
  try {
    const h = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: h.ContentLength ?? null, lastModified: h.LastModified?.toISOString() ?? null };
  } catch (error) {
    if (toAppError(error).code === 'NoSuchKey') return null;
    throw error;
  }
}
