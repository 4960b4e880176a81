/**
 * What a new pair or a settings change must satisfy beyond the request's schema: the account
 * exists and can sync that way (QuickSync only uploads), the folder is a real directory outside
 * the app's data folder (asked for with the host's dialog when not named), and no other pair
 * already syncs the same folder with the same place.
 */
import { randomUUID } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Capabilities } from '../../../shared/capabilities';
import type { ParsedRequestOf } from '../../../shared/contract';
import { QUICKSYNC_BUCKET } from '../../../shared/quicksync';
import { syncDirectionsFor, type SyncDirection, type SyncPair, type SyncPairSettings } from '../../../shared/sync';
import { CoreError } from '../errors';
import type { HostServices } from '../host-services';
import { refuseInsideDataDir } from '../transfers/local-paths';
import { unresolvedHandle } from '../transfers/upload-requests';

export interface PairCheckDeps {
  dataDir: string;
  host(): HostServices;
  /** AccountNotFound for an unknown account. */
  capabilities(accountId: string): Promise<Capabilities>;
  pairs(): SyncPair[];
  now(): number;
}

export const QUICKSYNC_UPLOADS_ONLY =
  'QuickSync pairs can only upload: its files have no modification times or folders to compare with.';

function checkDirection(capabilities: Capabilities, direction: SyncDirection): void {
  if (!syncDirectionsFor(capabilities.has('buckets')).includes(direction))
    throw new CoreError('InvalidRequest', QUICKSYNC_UPLOADS_ONLY);
}

/** The folder to sync as its real path, asked for when not named; null when the person cancels. */
async function chooseFolder(deps: PairCheckDeps, requested: ParsedRequestOf<'sync:create'>['localFolder']) {
  if (requested !== null && typeof requested !== 'string') throw unresolvedHandle();
  let folder = requested;
  if (folder === null) {
    const host = deps.host();
    if (!host.chooseFolder)
      throw new CoreError('NotSupported', 'This app cannot show a folder dialog here: enter the folder instead.');
    folder = await host.chooseFolder('sync');
    if (folder === null) return null;
  }
  if (!path.isAbsolute(folder))
    throw new CoreError('InvalidRequest', `The folder to sync must be a full path (from the root): ${folder}`);
  await refuseInsideDataDir(deps.dataDir, folder, 'folder to sync');
  const found = await stat(folder).catch(() => null);
  if (!found?.isDirectory())
    throw new CoreError('LocalIOError', `The folder to sync does not exist or is not a folder: ${folder}`);
  const real = await realpath(folder);
  await refuseInsideDataDir(deps.dataDir, real, 'folder to sync');
  return real;
}

/** The pair a sync:create request makes, or null when the person cancelled the folder dialog. */
export async function newPair(deps: PairCheckDeps, req: ParsedRequestOf<'sync:create'>): Promise<SyncPair | null> {
  const { accountId, localFolder, prefix, ...settings } = req;
  const capabilities = await deps.capabilities(accountId);
  checkDirection(capabilities, settings.direction);
  const quickSync = !capabilities.has('buckets');
  if (prefix !== '' && (quickSync || !prefix.endsWith('/')))
    throw new CoreError(
      'InvalidRequest',
      quickSync ? 'QuickSync has no folders: sync into its file list.' : 'The bucket folder must end with "/".',
    );
  const bucket = quickSync ? QUICKSYNC_BUCKET : req.bucket;
  const folder = await chooseFolder(deps, localFolder);
  if (folder === null) return null;
  const twin = deps
    .pairs()
    .find((p) => p.localFolder === folder && p.accountId === accountId && p.bucket === bucket && p.prefix === prefix);
  if (twin)
    throw new CoreError(
      'InvalidRequest',
      `${folder} is already synced with ${bucket}/${prefix}: change that pair instead.`,
    );
  return {
    id: randomUUID(),
    accountId,
    bucket,
    prefix,
    localFolder: folder,
    createdAt: new Date(deps.now()).toISOString(),
    lastRun: null,
    direction: settings.direction,
    compare: settings.compare,
    conflicts: settings.conflicts,
    deleteMissing: settings.deleteMissing,
    ignore: settings.ignore,
    watch: settings.watch,
  };
}

/** The pair with the settings changed, checked as a new pair's are. */
export async function patchedPair(
  deps: PairCheckDeps,
  pair: SyncPair,
  patch: { [K in keyof SyncPairSettings]?: SyncPairSettings[K] | undefined },
): Promise<SyncPair> {
  const next: SyncPair = { ...pair };
  for (const [name, value] of Object.entries(patch)) if (value !== undefined) Object.assign(next, { [name]: value });
  checkDirection(await deps.capabilities(pair.accountId), next.direction);
  return next;
}
