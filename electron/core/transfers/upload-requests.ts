/**
 * What a transfers:upload request becomes: browser-held files are jobs at once (their bytes are
 * streamed to the staging paths handed back); local files and folders are walked in the
 * background, jobs joining the queue as they are found, so the request returns at once.
 */
import path from 'node:path';
import { utf8Length } from '../../../shared/keys';
import type { UploadObjectOptions } from '../../../shared/properties';
import type { ParsedRequestOf } from '../../../shared/contract';
import { CoreError } from '../errors';
import type { ProviderTransfers } from './provider-transfers';
import type { NewJob, TransferQueue } from './queue';
import { STAGE_PATH_PREFIX, type Staging } from './staging';
import { walkSource } from './upload-sources';

const MAX_KEY_BYTES = 1024;

/** What both kinds of request need from the service. */
export interface RequestContext {
  queue: TransferQueue;
  transfersFor(accountId: string): Promise<ProviderTransfers>;
  /** Whether a path is inside the app's data folder, which transfers never touch. */
  insideDataDir(p: string): boolean;
  /** Runs a source walk or listing after the request has returned; the batch stays open until it ends. */
  feed(batchId: string, work: (signal: AbortSignal) => Promise<void>): void;
}

/** "bucket/prefix" without the trailing slash, for labels. */
const placeOf = (bucket: string, prefix: string): string => `${bucket}/${prefix}`.replace(/\/+$/, '');

/** The options as the job keeps them: null when nothing was chosen (most uploads; keeps the journal small). */
const chosenOptions = (o: UploadObjectOptions): UploadObjectOptions | null =>
  o.tags.length > 0 || o.acl !== null || o.encryption !== null || o.storageClass !== null ? o : null;

/** A handle only the Electron host can resolve reached the core as it was (another host, or a bug). */
export const unresolvedHandle = (): CoreError =>
  new CoreError(
    'InvalidRequest',
    'A file or folder handle reached the app unresolved: only the desktop app resolves handles; name the files another way.',
  );

function keyProblem(key: string): Pick<NewJob, 'state' | 'error'> {
  if (utf8Length(key) <= MAX_KEY_BYTES) return {};
  return { state: 'failed', error: { code: 'InvalidKey', message: 'The object key would be longer than 1024 bytes.' } };
}

export async function startUpload(
  ctx: RequestContext & { staging: Pick<Staging, 'register'> },
  req: ParsedRequestOf<'transfers:upload'>,
): Promise<{ batchId: string; stagePaths: string[] }> {
  const { queue } = ctx;
  const { accountId, batchId, sources, options } = req;
  const transfers = await ctx.transfersFor(accountId);
  const { bucket, prefix, conflict } = transfers.uploadPlace({
    bucket: req.bucket,
    prefix: req.prefix,
    conflict: req.conflict,
  });
  const paths: string[] = [];
  for (const source of sources) {
    if (source.kind === 'handle') throw unresolvedHandle();
    if (source.kind !== 'path') continue;
    checkLocalPath(ctx, source.path);
    paths.push(source.path);
  }
  queue.openBatch({
    id: batchId,
    direction: 'upload',
    accountId,
    bucket,
    place: placeOf(bucket, prefix),
    conflict,
    targetDir: null,
  });
  // Every job of this call gets the options (a later call extending the batch may bring others).
  const common = { batchId, direction: 'upload' as const, accountId, bucket, uploadOptions: chosenOptions(options) };
  const stagePaths: string[] = [];
  const roots = new Set<string>();
  for (const source of sources) {
    if (source.kind !== 'browser') continue;
    const rel = source.relativePath;
    const cut = rel.indexOf('/');
    const root = cut < 0 ? rel : rel.slice(0, cut);
    if (!roots.has(root)) {
      roots.add(root);
      queue.addRoot(batchId, { name: root, folder: cut >= 0 });
    }
    const key = prefix + rel;
    const job = queue.addJob({
      ...common,
      name: rel,
      key,
      localPath: null,
      bytesTotal: source.size,
      stage: 'waiting',
      ...keyProblem(key),
    });
    // Every browser source gets a path (in order); bytes for a job that cannot run are dropped.
    stagePaths.push(STAGE_PATH_PREFIX + ctx.staging.register(job.id, source.size));
  }
  if (paths.length > 0) {
    ctx.feed(batchId, async (signal) => {
      for (const source of paths) {
        for await (const entry of walkSource(source, { signal, exclude: ctx.insideDataDir })) {
          if (entry.kind === 'root') {
            queue.addRoot(batchId, { name: entry.name, folder: entry.folder });
          } else if (entry.kind === 'error') {
            queue.addJob({
              ...common,
              name: entry.relative,
              key: prefix + entry.relative,
              localPath: entry.path,
              bytesTotal: null,
              state: 'failed',
              error: entry.error,
            });
          } else {
            const key = prefix + entry.relative;
            queue.addJob({
              ...common,
              name: entry.relative,
              key,
              localPath: entry.path,
              bytesTotal: entry.size,
              ...keyProblem(key),
            });
          }
        }
      }
    });
  }
  return { batchId, stagePaths };
}

function checkLocalPath(ctx: RequestContext, p: string): void {
  const what = 'file or folder to upload';
  if (!path.isAbsolute(p)) throw new CoreError('InvalidRequest', `The ${what} must be an absolute path: ${p}`);
  if (ctx.insideDataDir(path.resolve(p))) {
    throw new CoreError(
      'AccessDenied',
      `The ${what} is inside the app's own data folder, which transfers never touch.`,
    );
  }
}
