/**
 * One comparison of a pair: both sides listed at once (ignore rules applied to both), the index
 * of the last sync read, the planner's verdict, and the index it leaves saved (a cache of
 * facts true when written).
 */
import type { SyncPair } from '../../../shared/sync';
import { isWithin } from '../transfers/local-paths';
import type { ProviderTransfers } from '../transfers/provider-transfers';
import { contentComparer } from './content-compare';
import { ignoreMatcher } from './ignore-rules';
import { walkLocal } from './local-tree';
import type { Comparison } from './plan-store';
import { planSync } from './planner';
import { listRemote } from './remote-tree';
import { indexFile, loadIndex, saveIndex } from './sync-index';

export interface CompareDeps {
  /** The app's data folder (never walked, even inside a pair's folder). */
  dataDir: string;
  transfersFor(accountId: string): Promise<ProviderTransfers>;
  now(): number;
}

export interface CompareProgress {
  localFiles: number;
  remoteObjects: number;
  hashedBytes: number;
}

export async function comparePair(
  deps: CompareDeps,
  pair: SyncPair,
  signal: AbortSignal,
  onProgress: (progress: CompareProgress) => void,
): Promise<Comparison> {
  const started = deps.now();
  const progress: CompareProgress = { localFiles: 0, remoteObjects: 0, hashedBytes: 0 };
  const tell = (change: Partial<CompareProgress>): void => onProgress(Object.assign(progress, change));
  const ignored = ignoreMatcher(pair.ignore);
  const transfers = await deps.transfersFor(pair.accountId);
  const file = indexFile(deps.dataDir, pair.id);
  const [local, remote, index] = await Promise.all([
    walkLocal(pair.localFolder, {
      ignored,
      exclude: (absolute) => isWithin(deps.dataDir, absolute),
      signal,
      onProgress: (localFiles) => tell({ localFiles }),
    }),
    listRemote(transfers, pair.bucket, pair.prefix, {
      ignored,
      signal,
      onProgress: (remoteObjects) => tell({ remoteObjects }),
    }),
    loadIndex(file),
  ]);
  const sameContent = contentComparer(transfers, pair.bucket, {
    signal,
    onHashed: (bytes: number) => tell({ hashedBytes: progress.hashedBytes + bytes }),
  });
  const result = await planSync({ pair, local, remote, index, sameContent });
  signal.throwIfAborted();
  await saveIndex(file, result.index);
  return {
    entries: result.entries,
    unchanged: result.unchanged,
    fromIndex: result.fromIndex,
    ignored: local.ignored + remote.ignored,
    problems: [...local.problems, ...remote.problems],
    compareMs: deps.now() - started,
  };
}
