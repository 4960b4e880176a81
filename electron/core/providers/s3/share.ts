/**
 * Share links: presigned GETs (SigV4 query signing by the SDK's own presigner) made with the
 * account's client, so the link has the account's addressing style. Anyone holding the link
 * can read the object until it expires; nothing is stored.
 */
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ShareLink } from '../../../../shared/properties';
import { contentDisposition } from '../../content-disposition';
import type { MethodsOf } from '../storage-provider';
import type { S3Account } from './context';

export interface ShareRequest {
  bucket: string;
  key: string;
  versionId?: string | undefined;
  expiresInSeconds: number;
  /** The file name the browser saves the download as; null: the service's default. */
  downloadName: string | null;
}

/** `now` is the signing time (tests sign in the past to get an expired link). */
export async function createShareLink(client: S3Client, req: ShareRequest, now: Date = new Date()): Promise<ShareLink> {
  // A link to nothing is useless: a missing object or version fails here, with its own error.
  await client.send(new HeadObjectCommand({ Bucket: req.bucket, Key: req.key, VersionId: req.versionId }));
  const command = new GetObjectCommand({
    Bucket: req.bucket,
    Key: req.key,
    VersionId: req.versionId,
    ...(req.downloadName !== null && { ResponseContentDisposition: contentDisposition(req.downloadName) }),
  });
  const url = await getSignedUrl(client, command, { expiresIn: req.expiresInSeconds, signingDate: now });
  return { url, expiresAt: new Date(now.getTime() + req.expiresInSeconds * 1000).toISOString() };
}

export const shareMethods = (s3: S3Account): MethodsOf<'share:create'> => ({
  createShareLink: async (req) => createShareLink(await s3.client(req.bucket), req),
});
