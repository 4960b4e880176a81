/**
 * The "save this file" action, whatever the provider: a file name a key cannot abuse, the
 * bytes streamed to a temp file beside the target and renamed only when their count is right,
 * or, where the host has no save dialog, a one-time link. Big, resumable downloads belong to
 * the transfer queue.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { baseName } from '../../shared/keys';
import { safeFileName } from '../../shared/local-names';
import type { DownloadResult } from '../../shared/models';
import { CoreError } from './errors';
import type { HostServices, ObjectSource } from './host-services';
import { refuseInsideDataDir } from './transfers/local-paths';

/**
 * A file name to suggest for a key or a name: its last segment made safe (shared/local-names).
 * The save dialog decides the folder; a key can never choose it.
 */
export function suggestedFileName(key: string): string {
  return safeFileName(baseName(key));
}

/**
 * Streams what `open` gives to a temp file beside the target, checks the byte count against the
 * expected size, and renames it into place; on any failure the temp file is removed.
 */
export async function saveStream(
  open: () => Promise<{ stream: Readable; size: number | null }>,
  target: string,
): Promise<number> {
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.qsdownload-${randomBytes(6).toString('hex')}`,
  );
  try {
    const { stream, size } = await open();
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(stream, counter, createWriteStream(temp, { flags: 'wx' }));
    if (size !== null && bytes < size) {
      throw new CoreError('NetworkError', `The download ended early: ${bytes} of ${size} bytes arrived. Try again.`);
    }
    if (size !== null && bytes > size) {
      throw new CoreError('ServerError', `The download brought ${bytes} bytes where the file has ${size}.`);
    }
    await rename(temp, target);
    return bytes;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * The host with its save dialog refusing (AccessDenied) a file inside the app's data folder,
 * checked before anything is written: a dialog lets a person pick any folder.
 */
export function guardSaveDialog(host: HostServices, dataDir: string): HostServices {
  const choose = host.chooseSavePath?.bind(host);
  if (choose === undefined) return host;
  return {
    ...host,
    async chooseSavePath(suggestedName) {
      const target = await choose(suggestedName);
      if (target !== null) await refuseInsideDataDir(dataDir, target, 'file to save');
      return target;
    },
  };
}

/** Asks where to save (desktop host) or hands out a link (browser host), whichever the host can. */
export async function offerDownload(
  host: HostServices,
  source: ObjectSource,
  name: string,
  save: (target: string) => Promise<number>,
): Promise<DownloadResult> {
  if (host.chooseSavePath) {
    const target = await host.chooseSavePath(suggestedFileName(name));
    if (target === null) return { kind: 'cancelled' };
    return { kind: 'saved', path: target, bytes: await save(target) };
  }
  if (host.createDownloadLink) return { kind: 'link', url: host.createDownloadLink(source) };
  throw new CoreError('NotSupported', 'This app cannot save files here.');
}
