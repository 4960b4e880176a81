/**
 * Single-object downloads from S3 for the "save this file" action (see local-save.ts): to a path
 * the person chose or as a one-time link, and the object stream behind such a link.
 */
import { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DownloadResult } from '../../../../shared/models';
import { CoreError } from '../../errors';
import type { HostServices, ObjectSource, ObjectStream } from '../../host-services';
import { offerDownload, saveStream, suggestedFileName } from '../../local-save';
import { headObject } from './objects';
import type { CapableOf, MethodsOf } from '../storage-provider';
import type { S3Account } from './context';

/** Opens the object, or a byte range of it, as a Node stream (what download and preview links serve). */
export async function openObjectStream(client: S3Client, source: ObjectSource): Promise<ObjectStream> {
  const out = await client.send(
    new GetObjectCommand({
      Bucket: source.bucket,
      Key: source.key,
      VersionId: source.versionId,
      Range: source.range && `bytes=${source.range.start}-${source.range.end}`,
      IfMatch: source.ifMatch,
    }),
  );
  if (!(out.Body instanceof Readable)) throw new CoreError('ServerError', 'The service returned no object body.');
  return {
    stream: out.Body,
    size: out.ContentLength ?? 0,
    contentType: out.ContentType ?? null,
    name: suggestedFileName(source.key),
  };
}

/** Streams the object (or one version of it) to `target` through a temp file, its length checked. */
export function downloadToFile(
  client: S3Client,
  bucket: string,
  key: string,
  target: string,
  versionId?: string,
): Promise<number> {
  return saveStream(async () => {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
    if (!(out.Body instanceof Readable)) throw new CoreError('ServerError', 'The service returned no object body.');
    return { stream: out.Body, size: out.ContentLength ?? null };
  }, target);
}

/** The objects:download action: ask where to save, or hand out a link, whichever the host can. */
export async function download(client: S3Client, host: HostServices, source: ObjectSource): Promise<DownloadResult> {
  // A missing object fails here, before anyone is asked where to save it or a link is made.
  await headObject(client, source.bucket, source.key, source.versionId);
  return offerDownload(host, source, source.key, (target) =>
    downloadToFile(client, source.bucket, source.key, target, source.versionId),
  );
}

export const downloadMethods = (
  s3: S3Account,
): MethodsOf<'objects:download'> & Pick<CapableOf<'buckets'>, 'openObjectStream'> => ({
  download: async ({ bucket, key, versionId }, { accountId, host }) =>
    download(await s3.client(bucket), host, { accountId, bucket, key, ...(versionId !== undefined && { versionId }) }),
  openObjectStream: async (source) => openObjectStream(await s3.client(source.bucket), source),
});
