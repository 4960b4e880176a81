/**
 * What a transfers:download request becomes: the chosen folder is checked and made, then the
 * selection is expanded by the account's provider in the background (folders listed a page at a
 * time), jobs joining the queue as they are found, so the request returns at once.
 */
import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import { baseName, isFolderKey } from '../../../shared/keys';
import { CoreError, toAppError } from '../errors';
import type { HostServices } from '../host-services';
import { prepareDir, refuseInsideDataDir } from './local-paths';
import type { DownloadItem } from './provider-transfers';
import { unresolvedHandle, type RequestContext } from './upload-requests';

export interface DownloadContext extends RequestContext {
  dataDir: string;
  host: HostServices;
}

/** The files and folders a download request becomes, listed from the account's service. */
async function* downloadItems(
  ctx: RequestContext,
  req: ParsedRequestOf<'transfers:download'>,
  root: string,
  signal: AbortSignal,
): AsyncGenerator<DownloadItem> {
  const { accountId, bucket, basePrefix, keys } = req;
  let items: AsyncIterable<DownloadItem>;
  try {
    items = await (await ctx.transfersFor(accountId)).downloadItems({ bucket, basePrefix, keys }, root, signal);
  } catch (error) {
    // No client or session (the secret is gone): every selected item fails with the reason.
    const reason = toAppError(error);
    for (const key of keys) yield { kind: 'error', key, relative: baseName(key), error: reason };
    return;
  }
  yield* items;
}

/** The folder to download into: asked for when not given, refused inside the app's data folder, made. */
async function targetFolder(
  ctx: DownloadContext,
  requested: ParsedRequestOf<'transfers:download'>['targetDir'],
): Promise<string | null> {
  if (requested !== null && typeof requested !== 'string') throw unresolvedHandle();
  let dir = requested;
  if (dir === null) {
    if (!ctx.host.chooseFolder) {
      throw new CoreError('NotSupported', 'This app cannot show a folder dialog here: enter the folder instead.');
    }
    dir = await ctx.host.chooseFolder('download');
    if (dir === null) return null;
  }
  if (!path.isAbsolute(dir)) {
    throw new CoreError('InvalidRequest', `The download folder must be a full path (from the root): ${dir}`);
  }
  // Checked before it is created: a refused folder must not be left behind.
  await refuseInsideDataDir(ctx.dataDir, dir, 'download folder');
  await mkdir(dir, { recursive: true });
  const root = await realpath(dir);
  // It may have changed between the check and mkdir (a link swapped in): check what was made.
  await refuseInsideDataDir(ctx.dataDir, root, 'download folder');
  return root;
}

export async function startDownload(
  ctx: DownloadContext,
  req: ParsedRequestOf<'transfers:download'>,
): Promise<ResponseOf<'transfers:download'>> {
  const { queue } = ctx;
  const { accountId, bucket, keys, batchId, conflict } = req;
  const root = await targetFolder(ctx, req.targetDir);
  if (root === null) return { kind: 'cancelled' };
  queue.openBatch({ id: batchId, direction: 'download', accountId, bucket, place: root, conflict, targetDir: root });
  for (const key of keys.slice(0, 2)) queue.addRoot(batchId, { name: baseName(key), folder: isFolderKey(key) });
  const common = { batchId, direction: 'download' as const, accountId, bucket };
  ctx.feed(batchId, async (signal) => {
    for await (const item of downloadItems(ctx, req, root, signal)) {
      const base = { ...common, name: item.relative, key: item.key };
      const unsafe = (reason: string): AppError => ({
        code: 'InvalidKey',
        message: `Not downloaded: the key cannot be a file name here (${reason}).`,
      });
      if (item.kind === 'error') {
        queue.addJob({ ...base, localPath: null, bytesTotal: null, state: 'failed', error: item.error });
      } else if (item.kind === 'unsafe' || ctx.insideDataDir(item.path)) {
        const reason = item.kind === 'unsafe' ? item.reason : "it would write into the app's own data folder";
        queue.addJob({ ...base, localPath: null, bytesTotal: null, state: 'skipped', error: unsafe(reason) });
      } else if (item.kind === 'folder') {
        // A folder marker becomes a folder; it is no job unless it cannot be made.
        await prepareDir(root, item.path).catch((error: unknown) => {
          queue.addJob({ ...base, localPath: item.path, bytesTotal: null, state: 'failed', error: toAppError(error) });
        });
      } else {
        queue.addJob({
          ...base,
          localPath: item.path,
          bytesTotal: item.size,
          expected: { size: item.size, etag: item.etag },
        });
      }
    }
  });
  return { kind: 'started', batchId, targetDir: root };
}
