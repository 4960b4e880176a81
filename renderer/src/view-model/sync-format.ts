/** How a sync pair is named and what it is doing, as the sidebar and the sync view show it. */
import type { SyncPair, SyncPairStatus } from '../../../shared/sync';

/** The last segment of the local folder ("/home/me/Photos" → "Photos"; a root stays itself). */
export function folderName(localFolder: string): string {
  const trimmed = localFolder.replace(/[\\/]+$/, '');
  const name = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  return name === '' ? localFolder : name;
}

/** "bucket/prefix" without the prefix's trailing slash ("bucket" at the bucket's top). */
export function remoteName(pair: Pick<SyncPair, 'bucket' | 'prefix'>): string {
  return pair.prefix === '' ? pair.bucket : `${pair.bucket}/${pair.prefix.replace(/\/$/, '')}`;
}

/** A typed bucket folder as a prefix: "photos" or "/photos/" → "photos/"; "" stays the bucket's top. */
export function normalisePrefix(typed: string): string {
  const trimmed = typed.trim().replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}

/** The dot beside a pair: what it is doing now (null: nothing to show). */
export type PairDot = 'comparing' | 'running' | 'watching' | 'failed' | null;

export function pairDot(status: SyncPairStatus | undefined): PairDot {
  if (status === undefined) return null;
  const { state } = status.activity;
  if (state === 'comparing' || state === 'running' || state === 'failed') return state;
  return status.watching ? 'watching' : null;
}
