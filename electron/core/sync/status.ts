/**
 * What each pair is doing, told to the page as 'sync:changed'. Changes come as fast as files are
 * listed or hashed; the event goes out at most every `intervalMs` (the latest state wins), and
 * at once when the last one is older than that.
 */
import type { SyncActivity, SyncPair, SyncPairStatus, SyncState } from '../../../shared/sync';

export interface StatusDeps {
  pairs(): SyncPair[];
  planOf(pairId: string): string | null;
  watching(pairId: string): boolean;
  /** Sentences about the saved pairs the page shows beside them (none: the state has no `notices`). */
  notices: readonly string[];
  emit(state: SyncState): void;
  intervalMs?: number;
  now?: () => number;
}

export interface SyncStatus {
  set(pairId: string, activity: SyncActivity): void;
  forget(pairId: string): void;
  state(): SyncState;
  /** Something the state shows changed: tell the page (coalesced). */
  changed(): void;
  dispose(): void;
}

const IDLE: SyncActivity = { state: 'idle' };

export function createSyncStatus(deps: StatusDeps): SyncStatus {
  const interval = deps.intervalMs ?? 200;
  const now = deps.now ?? Date.now;
  const activities = new Map<string, SyncActivity>();
  let lastEmit = -Infinity;
  let timer: NodeJS.Timeout | null = null;

  const state = (): SyncState => {
    const pairs = deps.pairs();
    const status = pairs.map((p): SyncPairStatus => ({
      pairId: p.id,
      activity: activities.get(p.id) ?? IDLE,
      planId: deps.planOf(p.id),
      watching: deps.watching(p.id),
    }));
    return deps.notices.length > 0 ? { pairs, status, notices: [...deps.notices] } : { pairs, status };
  };

  const send = (): void => {
    timer = null;
    lastEmit = now();
    deps.emit(state());
  };

  const changed = (): void => {
    if (timer !== null) return;
    const wait = lastEmit + interval - now();
    if (wait <= 0) send();
    else timer = setTimeout(send, wait);
  };

  return {
    set(pairId, activity) {
      activities.set(pairId, activity);
      changed();
    },
    forget(pairId) {
      activities.delete(pairId);
      changed();
    },
    state,
    changed,
    dispose() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
