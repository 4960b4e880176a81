/**
 * Static website hosting of a bucket: its index and error documents, and the address the
 * bucket is served at. "No website configuration" reads as null (hosting off).
 */
import {
  DeleteBucketWebsiteCommand,
  GetBucketWebsiteCommand,
  PutBucketWebsiteCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { WebsiteConfig } from '../../../../shared/properties';
import { bucketUrl } from '../../../../shared/public-url';
import { ignoredSubresource, orIfAbsent, withCode } from './service-answers';
import type { MethodsOf } from '../storage-provider';
import type { S3Account } from './context';

const NO_WEBSITE = withCode('NoSuchWebsiteConfiguration');

/** Where the bucket is served (shared with the renderer's "Copy public URL"). */
export const publicUrl = bucketUrl;

export async function getWebsite(client: S3Client, bucket: string): Promise<WebsiteConfig | null> {
  const out = await orIfAbsent(client.send(new GetBucketWebsiteCommand({ Bucket: bucket })), NO_WEBSITE, null);
  if (out === null) return null;
  // Every real configuration has an index document or a redirect; a listing parsed as one has neither.
  if (!out.IndexDocument && !out.RedirectAllRequestsTo) throw ignoredSubresource('website hosting');
  // A redirect-only configuration has no index document: shown empty, to be named before saving.
  return { indexDocument: out.IndexDocument?.Suffix ?? '', errorDocument: out.ErrorDocument?.Key ?? null };
}

/**
 * Turns hosting on with this configuration, or off (null). Off reads first and deletes only a
 * configuration that exists: a service that ignores ?website would take the DELETE for DeleteBucket.
 */
export async function putWebsite(
  client: S3Client,
  bucket: string,
  config: WebsiteConfig | null,
): Promise<WebsiteConfig | null> {
  if (config === null) {
    if ((await getWebsite(client, bucket)) === null) return null;
    await client.send(new DeleteBucketWebsiteCommand({ Bucket: bucket }));
  } else {
    await client.send(
      new PutBucketWebsiteCommand({
        Bucket: bucket,
        WebsiteConfiguration: {
          IndexDocument: { Suffix: config.indexDocument },
          ...(config.errorDocument !== null && { ErrorDocument: { Key: config.errorDocument } }),
        },
      }),
    );
  }
  return getWebsite(client, bucket);
}

export const websiteMethods = (s3: S3Account): MethodsOf<'website:get' | 'website:put'> => ({
  getWebsite: async ({ bucket }) => ({
    config: await getWebsite(await s3.client(bucket), bucket),
    publicUrl: publicUrl(s3.account, bucket),
  }),
  putWebsite: async ({ bucket, config }) => ({
    config: await putWebsite(await s3.client(bucket), bucket, config),
    publicUrl: publicUrl(s3.account, bucket),
  }),
});
