/**
 * The sync service: answers the sync:* channels and wires the parts — the saved pairs, their
 * plans, one task per pair (a comparison or a run), folder watchers — and tells the page every
 * change as 'sync:changed'.
 */
import { realpath } from 'node:fs/promises';
import type { Capabilities } from '../../../shared/capabilities';
import type { SyncState } from '../../../shared/sync';
import type { TransfersSnapshot } from '../../../shared/transfers';
import { CoreError } from '../errors';
import type { HostServices } from '../host-services';
import type { Handlers } from '../router';
import type { ProviderTransfers } from '../transfers/provider-transfers';
import type { TransferQueue } from '../transfers/queue';
import { newPair, patchedPair } from './pair-checks';
import { createPairJobs } from './pair-jobs';
import { openPairStore } from './pair-store';
import { createPairTasks, PAIR_BUSY } from './pair-tasks';
import { createPairWatchers } from './pair-watchers';
import { PlanStore } from './plan-store';
import { createSyncStatus } from './status';
import { indexFile, removeIndex } from './sync-index';

export type SyncChannel =
  | 'sync:list'
  | 'sync:create'
  | 'sync:update'
  | 'sync:remove'
  | 'sync:plan'
  | 'sync:cancel'
  | 'sync:planPage'
  | 'sync:planSummary'
  | 'sync:resolve'
  | 'sync:run';

export interface SyncServiceDeps {
  dataDir: string;
  /** Asked at every call: a host may gain or lose services after the core starts (tests swap them). */
  host(): HostServices;
  /** AccountNotFound for an unknown account. */
  capabilities(accountId: string): Promise<Capabilities>;
  transfersFor(accountId: string): Promise<ProviderTransfers>;
  queue: TransferQueue;
  onSnapshot(listener: (snapshot: TransfersSnapshot) => void): () => void;
  emit(state: SyncState): void;
  now?: () => number;
  /** How long a watched folder must stay quiet before its changes are synced (ms). */
  settleMs?: number;
}

export interface SyncService {
  handlers: Pick<Handlers, SyncChannel>;
  /** Ends and forgets the account's pairs (before the account is removed). */
  endAccount(accountId: string): Promise<void>;
  dispose(): Promise<void>;
}

/** Settings that change what a comparison finds: a plan made before them is dropped. */
const PLAN_SETTINGS = ['direction', 'compare', 'conflicts', 'deleteMissing', 'ignore'] as const;

export async function createSyncService(deps: SyncServiceDeps): Promise<SyncService> {
  const now = deps.now ?? Date.now;
  const dataDir = await realpath(deps.dataDir);
  const { store, dropped } = await openPairStore(dataDir, now);
  const plans = new PlanStore();
  const quit = new AbortController();
  // The watchers hear when a pair's task ends, and the status asks them what they watch.
  const tasks = createPairTasks((pairId) => watchers.taskEnded(pairId));
  const status = createSyncStatus({
    pairs: () => store.list(),
    planOf: (pairId) => plans.ofPair(pairId)?.id ?? null,
    watching: (pairId) => watchers.watching(pairId),
    notices: dropped,
    emit: deps.emit,
  });
  const runner = {
    dataDir,
    queue: deps.queue,
    onSnapshot: deps.onSnapshot,
    transfersFor: deps.transfersFor,
    now,
    trash: () => {
      const host = deps.host();
      return host.trashItem?.bind(host) ?? null;
    },
  };
  const jobs = createPairJobs({ runner, store, plans, status, quit: quit.signal });
  const watchers = createPairWatchers({
    dataDir,
    settleMs: deps.settleMs ?? 2000,
    pairs: () => store.list(),
    tasks,
    jobs,
    status,
    quit: quit.signal,
  });
  const checkDeps = { dataDir, host: deps.host, capabilities: deps.capabilities, pairs: () => store.list(), now };

  async function removePair(pairId: string): Promise<void> {
    await tasks.end(pairId);
    plans.drop(pairId);
    await store.remove(pairId);
    await watchers.update();
    await removeIndex(indexFile(dataDir, pairId));
    status.forget(pairId);
  }

  await watchers.update();

  return {
    handlers: {
      'sync:list': async () => status.state(),
      'sync:create': async (req) => {
        const pair = await newPair(checkDeps, req);
        if (pair === null) return { kind: 'cancelled' };
        await store.put(pair);
        await watchers.update();
        return { kind: 'created', pair };
      },
      'sync:update': async ({ pairId, settings }) => {
        const pair = store.get(pairId);
        const next = await patchedPair(checkDeps, pair, settings);
        const replans = PLAN_SETTINGS.some((name) => next[name] !== pair[name]);
        if (replans && tasks.busy(pairId)) throw new CoreError('InvalidRequest', PAIR_BUSY);
        if (replans) plans.drop(pairId);
        await store.put(next);
        await watchers.update();
        return next;
      },
      'sync:remove': async ({ pairId }) => {
        store.get(pairId);
        await removePair(pairId);
        return null;
      },
      'sync:plan': async ({ pairId }) => {
        const pair = store.get(pairId);
        return tasks.claim(pairId, async (cancel) => {
          const plan = await jobs.compare(pair, cancel);
          plans.set(plan);
          status.changed();
          return plan.summary();
        });
      },
      'sync:cancel': async ({ pairId }) => {
        store.get(pairId);
        tasks.cancel(pairId);
        return null;
      },
      'sync:planSummary': async ({ planId }) => plans.get(planId).summary(),
      'sync:planPage': async ({ planId, section, offset, limit }) => plans.get(planId).page(section, offset, limit),
      'sync:resolve': async ({ planId, indices, resolution }) => {
        const plan = plans.get(planId);
        plan.resolve(indices, resolution);
        return plan.summary();
      },
      'sync:run': async ({ planId, parts, only }) => {
        const plan = plans.get(planId);
        const pair = store.get(plan.pairId);
        const entries = plan.select(parts, only);
        // The run goes on in the background (the request returns at once); claim refuses at once.
        void tasks.claim(pair.id, (cancel) => jobs.run(pair, plan.id, entries, false, cancel));
        return null;
      },
    },
    async endAccount(accountId) {
      await Promise.all(
        store
          .list()
          .filter((p) => p.accountId === accountId)
          .map((p) => removePair(p.id)),
      );
    },
    async dispose() {
      quit.abort();
      await watchers.update();
      await tasks.drain();
      status.dispose();
    },
  };
}
