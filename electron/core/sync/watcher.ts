/**
 * Watches a pair's folder (chokidar): ignored paths and the app's data folder are not watched,
 * symbolic links not followed. Files added or changed are batched: `settled` is called once no
 * event came for `settleMs`, so a burst of saves becomes one comparison.
 */
import path from 'node:path';
import { watch } from 'chokidar';
import { isWithin } from '../transfers/local-paths';
import type { IgnoreMatcher } from './ignore-rules';

export interface WatchOptions {
  ignored: IgnoreMatcher;
  /** Never watched (the app's data folder, when it lies inside the pair's folder). */
  exclude: string;
  settleMs: number;
  settled(): void;
  /** The watcher is up (its first scan is done). */
  ready(): void;
  failed(error: Error): void;
}

export interface FolderWatcher {
  close(): Promise<void>;
}

export function watchFolder(folder: string, options: WatchOptions): FolderWatcher {
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const isIgnored = (p: string, stats?: { isDirectory(): boolean }): boolean => {
    if (isWithin(options.exclude, p)) return true;
    const relative = path.relative(folder, p).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('..')) return false;
    // Without stats (chokidar asks first without them) only the rules for files can say.
    return options.ignored(relative, stats?.isDirectory() ?? false);
  };
  const watcher = watch(folder, {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: isIgnored,
    awaitWriteFinish: { stabilityThreshold: Math.min(1000, options.settleMs), pollInterval: 50 },
  });
  const touched = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!closed) options.settled();
    }, options.settleMs);
  };
  watcher.on('add', touched).on('change', touched);
  watcher.on('ready', () => !closed && options.ready());
  watcher.on('error', (error) => !closed && options.failed(error instanceof Error ? error : new Error(String(error))));
  return {
    async close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      await watcher.close();
    },
  };
}
