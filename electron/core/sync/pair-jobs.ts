/**
 * A pair's comparison and run as the page sees them: the pair's activity while they go
 * (comparing with its counts, running with its batches), what they end in (idle, or failed with
 * the reason; a cancelled comparison is idle again), and a run's summary saved as the pair's
 * last run. A comparison drops the previous plan when it starts (it no longer says what is
 * there); a run the person started keeps the plan's entries it does not run as the pair's plan
 * (a watch's run drops it: it compared afresh).
 */
import type { SyncActivity, SyncPair } from '../../../shared/sync';
import { CoreError, toAppError } from '../errors';
import { comparePair } from './compare-pair';
import type { PairStore } from './pair-store';
import { SyncPlan, type PlanStore } from './plan-store';
import { runPlan, type RunnerDeps } from './runner';
import type { SyncStatus } from './status';
import type { PlannedEntry } from './types';

export interface PairJobDeps {
  runner: RunnerDeps;
  store: PairStore;
  plans: PlanStore;
  status: SyncStatus;
  /** The app quits: a comparison stops, a run stops waiting (the queue resumes its jobs). */
  quit: AbortSignal;
}

export interface PairJobs {
  /** The pair's plan as the sides are now (not kept: the caller decides whether the page sees it). */
  compare(pair: SyncPair, cancel: AbortSignal): Promise<SyncPlan>;
  /** Runs the entries; never rejects (a failure is the pair's failed activity). */
  run(pair: SyncPair, planId: string, entries: PlannedEntry[], watch: boolean, cancel: AbortSignal): Promise<void>;
}

type Running = Extract<SyncActivity, { state: 'running' }>;

export function createPairJobs({ runner, store, plans, status, quit }: PairJobDeps): PairJobs {
  return {
    async compare(pair, cancel) {
      plans.drop(pair.id);
      status.set(pair.id, { state: 'comparing', localFiles: 0, remoteObjects: 0, hashedBytes: 0 });
      try {
        const signal = AbortSignal.any([cancel, quit]);
        const comparison = await comparePair(runner, pair, signal, (p) =>
          status.set(pair.id, { state: 'comparing', ...p }),
        );
        status.set(pair.id, { state: 'idle' });
        return new SyncPlan(pair.id, comparison, runner.now());
      } catch (error) {
        if (cancel.aborted || quit.aborted) {
          status.set(pair.id, { state: 'idle' });
          throw new CoreError('Cancelled', 'The comparison was cancelled.');
        }
        status.set(pair.id, { state: 'failed', error: toAppError(error) });
        throw error;
      }
    },

    async run(pair, planId, entries, watch, cancel) {
      const plan = plans.ofPair(pair.id);
      const rest = !watch && plan?.id === planId ? plan.rest(entries, runner.now()) : null;
      if (rest === null) plans.drop(pair.id);
      else plans.set(rest);
      let activity: Running = {
        state: 'running',
        planId,
        uploadBatchId: null,
        downloadBatchId: null,
        deleting: 0,
        progress: { files: 0, filesTotal: 0, bytes: 0, bytesTotal: 0 },
      };
      const update = (change: Partial<Running>): void => {
        activity = { ...activity, ...change };
        status.set(pair.id, activity);
      };
      update({});
      try {
        const summary = await runPlan(runner, pair, entries, watch, {
          cancel,
          quit,
          started: update,
          deleting: (deleting) => update({ deleting }),
          progress: (progress) => update({ progress }),
        });
        // The settings may have changed while it ran: the latest pair gets the summary.
        const latest = store.list().find((p) => p.id === pair.id);
        if (latest) await store.put({ ...latest, lastRun: summary });
        status.set(pair.id, { state: 'idle' });
      } catch (error) {
        if (!quit.aborted) status.set(pair.id, { state: 'failed', error: toAppError(error) });
      }
    },
  };
}
