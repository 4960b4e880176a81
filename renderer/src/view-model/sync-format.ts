/** How a sync pair is named, what it is doing and how its last run ended, as the sidebar and the sync view show it. */
import type { TFunction } from 'i18next';
import type { SyncPair, SyncPairStatus, SyncRunSummary } from '../../../shared/sync';

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

/** Names a notice lists before "and N more". */
const NAMES_SHOWN = 3;

/** The first few names, and how many more. */
function named(paths: readonly string[], t: TFunction): string {
  const names = paths.slice(0, NAMES_SHOWN).join(t('sync:run.separator'));
  const more = paths.length - NAMES_SHOWN;
  return more > 0 ? t('sync:run.more', { names, count: more }) : names;
}

/** What the person should know about a run, worded here from what the core reports. */
export function runNotices(run: SyncRunSummary, t: TFunction): string[] {
  const notices: string[] = [];
  if (run.cancelled) notices.push(t('sync:run.cancelled'));
  const { changedDuringRun: changed, keptLocal: kept, failures } = run;
  if (changed.length > 0) notices.push(t('sync:run.changed', { count: changed.length, names: named(changed, t) }));
  if (kept.length > 0) notices.push(t('sync:run.keptLocal', { count: kept.length, names: named(kept, t) }));
  if (failures.length > 0) {
    // The reason in brackets, without its own full stop: the sentence has one.
    const listed = failures.map((f) => t('sync:run.failure', { path: f.path, reason: f.message.replace(/\.$/, '') }));
    notices.push(t('sync:run.failures', { failures: named(listed, t) }));
  } else if (run.failed > 0) notices.push(t('sync:run.failedTransfers'));
  return notices;
}
