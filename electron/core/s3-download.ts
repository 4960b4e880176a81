/**
 * Single-object downloads for the browser: to a path the person chose (desktop host) or as a
 * one-time link (browser host), and the object stream behind such a link. Big, resumable
 * downloads belong to the transfer queue; this is the "save this file" action.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { baseName } from '../../shared/keys';
import type { DownloadResult } from '../../shared/models';
import { CoreError } from './errors';
import type { HostServices, ObjectSource, ObjectStream } from './host-services';
import { headObject } from './s3-objects';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

// Control characters and what Windows, macOS or Linux refuse in a file name.
// eslint-disable-next-line no-control-regex
const UNSAFE_FILE_NAME_CHARS = /[\u0000-\u001f<>:"/\\|?*]/g;

/**
 * A file name to suggest for a key: its last segment with characters no file system accepts
 * replaced. The save dialog decides the folder; a key can never choose it.
 */
export function suggestedFileName(key: string): string {
  let name = baseName(key)
    .replace(UNSAFE_FILE_NAME_CHARS, '_')
    .replace(/[. ]+$/, '');
  if (name === '' || name === '.' || name === '..') name = 'download';
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  return name;
}

/** Opens the object as a Node stream (what a download link serves). */
export async function openObjectStream(client: S3Client, source: ObjectSource): Promise<ObjectStream> {
  const out = await client.send(
    new GetObjectCommand({ Bucket: source.bucket, Key: source.key, VersionId: source.versionId }),
  );
  if (!(out.Body instanceof Readable)) throw new CoreError('ServerError', 'The service returned no object body.');
  return {
    stream: out.Body,
    size: out.ContentLength ?? 0,
    contentType: out.ContentType ?? null,
    name: suggestedFileName(source.key),
  };
}

/**
 * Streams the object (or one version of it) to a temp file beside the target, checks the byte
 * count against Content-Length, and renames it into place; on any failure the temp file is removed.
 */
export async function downloadToFile(
  client: S3Client,
  bucket: string,
  key: string,
  target: string,
  versionId?: string,
): Promise<number> {
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.qsdownload-${randomBytes(6).toString('hex')}`,
  );
  try {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
    if (!(out.Body instanceof Readable)) throw new CoreError('ServerError', 'The service returned no object body.');
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(out.Body, counter, createWriteStream(temp, { flags: 'wx' }));
    if (out.ContentLength !== undefined && bytes !== out.ContentLength) {
      throw new CoreError(
        'NetworkError',
        `The download ended early: ${bytes} of ${out.ContentLength} bytes arrived. Try again.`,
      );
    }
    await rename(temp, target);
    return bytes;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The objects:download action: ask where to save, or hand out a link, whichever the host can. */
export async function download(client: S3Client, host: HostServices, source: ObjectSource): Promise<DownloadResult> {
  // A missing object fails here, before anyone is asked where to save it or a link is made.
  await headObject(client, source.bucket, source.key, source.versionId);
  if (host.chooseSavePath) {
    const target = await host.chooseSavePath(suggestedFileName(source.key));
    if (target === null) return { kind: 'cancelled' };
    const bytes = await downloadToFile(client, source.bucket, source.key, target, source.versionId);
    return { kind: 'saved', path: target, bytes };
  }
  if (host.createDownloadLink) {
    return { kind: 'link', url: host.createDownloadLink(source) };
  }
  throw new CoreError('NotSupported', 'This app cannot save files here.');
}
