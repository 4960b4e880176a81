/** S3 (QStorage, any S3-compatible service, the sandbox) behind the provider seam: the existing modules, unchanged. */
import type { S3Client } from '@aws-sdk/client-s3';
import type { AccountKind } from '../../../shared/models';
import { capabilitiesOf } from '../../../shared/providers';
import { listBuckets } from '../s3-buckets';
import { deleteKeys } from '../s3-delete';
import { download, openObjectStream } from '../s3-download';
import { headObject, listObjects } from '../s3-objects';
import type { StorageProvider } from './storage-provider';

/**
 * `client` gives the account's cached client addressed for a bucket; `bucketTokens` holds the
 * tokens of the account's bucket listing in progress (a repeated one ends the walk).
 */
export function s3Provider(
  kind: Exclude<AccountKind, 'quicksync'>,
  client: (bucket?: string) => Promise<S3Client>,
  bucketTokens: Set<string>,
): StorageProvider {
  return {
    capabilities: capabilitiesOf(kind),
    listBuckets: async (continuationToken) => listBuckets(await client(), continuationToken, bucketTokens),
    listObjects: async (request) => listObjects(await client(request.bucket), request),
    headObject: async (bucket, key, versionId) => headObject(await client(bucket), bucket, key, versionId),
    deleteObjects: async (bucket, keys, op) => deleteKeys(await client(bucket), bucket, keys, op),
    download: async (host, source) => download(await client(source.bucket), host, source),
    openObjectStream: async (source) => openObjectStream(await client(source.bucket), source),
  };
}
