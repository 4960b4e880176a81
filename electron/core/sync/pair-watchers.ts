/**
 * The watch: one folder watcher per pair that watches and uploads, started, restarted (folder
 * or ignore rules changed) and stopped as the pairs' settings say. When a watched folder
 * settles (and once when its watcher starts, for what changed while nothing watched) the pair is
 * compared and what is new or newer here is uploaded — never a deletion,
 * never a download (those wait for a compare the person runs). A folder that settles while its
 * pair is busy is synced once the pair is free.
 */
import type { SyncPair } from '../../../shared/sync';
import { toAppError } from '../errors';
import { ignoreMatcher } from './ignore-rules';
import type { PairJobs } from './pair-jobs';
import type { PairTasks } from './pair-tasks';
import type { SyncStatus } from './status';
import type { PlannedEntry } from './types';
import { watchFolder, type FolderWatcher } from './watcher';

export interface PairWatcherDeps {
  dataDir: string;
  /** How long a watched folder must stay quiet before its changes are synced (ms). */
  settleMs: number;
  pairs(): SyncPair[];
  tasks: PairTasks;
  jobs: PairJobs;
  status: SyncStatus;
  /** The app quits: every watcher stops at the next update. */
  quit: AbortSignal;
}

export interface PairWatchers {
  /** Brings the watchers in line with the pairs' settings; resolves once the stopped ones are closed. */
  update(): Promise<void>;
  /** The pair's watcher is up (its first scan done). */
  watching(pairId: string): boolean;
  /** The pair's task ended: sync what settled meanwhile. */
  taskEnded(pairId: string): void;
}

/** What a watch-started run moves: uploads, and conflicts where the file here is the newer. */
export function watchedEntries(entries: readonly PlannedEntry[]): PlannedEntry[] {
  return entries.flatMap((e): PlannedEntry[] => {
    if (e.action === 'upload') return [e];
    const newerHere = e.local && e.remote && e.local.mtimeMs > e.remote.lastModifiedMs;
    return e.action === 'conflict' && newerHere ? [{ ...e, resolution: 'upload' }] : [];
  });
}

const watchKey = (pair: SyncPair): string => `${pair.localFolder}\n${pair.ignore}`;

export function createPairWatchers(deps: PairWatcherDeps): PairWatchers {
  const { tasks, jobs, status, quit } = deps;
  const watchers = new Map<string, { watcher: FolderWatcher; key: string; ready: boolean }>();
  /** Pairs whose folder settled while they were busy. */
  const pending = new Set<string>();

  function settled(pairId: string): void {
    const pair = deps.pairs().find((p) => p.id === pairId);
    if (!pair || quit.aborted) return;
    if (tasks.busy(pairId)) {
      pending.add(pairId);
      return;
    }
    tasks
      .claim(pairId, async (cancel) => {
        const plan = await jobs.compare(pair, cancel);
        const entries = watchedEntries(plan.entries);
        if (entries.length > 0) await jobs.run(pair, plan.id, entries, true, cancel);
      })
      .catch(() => {}); // shown as the pair's failed activity
  }

  function start(pair: SyncPair): void {
    const entry = {
      key: watchKey(pair),
      ready: false,
      watcher: watchFolder(pair.localFolder, {
        ignored: ignoreMatcher(pair.ignore),
        exclude: deps.dataDir,
        settleMs: deps.settleMs,
        settled: () => settled(pair.id),
        ready: () => {
          entry.ready = true;
          status.changed();
          // Catch up with what changed while nothing watched (the app was closed, the watch off).
          settled(pair.id);
        },
        failed: (error) => {
          entry.ready = false;
          status.set(pair.id, { state: 'failed', error: toAppError(error) });
        },
      }),
    };
    watchers.set(pair.id, entry);
  }

  return {
    async update() {
      const wanted = new Map(
        deps
          .pairs()
          .filter((p) => p.watch && p.direction !== 'download' && !quit.aborted)
          .map((p) => [p.id, p]),
      );
      const closing: Promise<void>[] = [];
      for (const [pairId, entry] of watchers) {
        const pair = wanted.get(pairId);
        if (pair && entry.key === watchKey(pair)) continue;
        watchers.delete(pairId);
        closing.push(entry.watcher.close());
      }
      for (const pair of wanted.values()) if (!watchers.has(pair.id)) start(pair);
      status.changed();
      await Promise.all(closing);
    },
    watching: (pairId) => watchers.get(pairId)?.ready ?? false,
    taskEnded(pairId) {
      if (pending.delete(pairId)) settled(pairId);
    },
  };
}
