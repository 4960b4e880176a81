/**
 * The job state machine: jobs go queued → running → paused | conflict | failed | done | skipped
 * | cancelled. Every state change goes through `transition`, which keeps the journal, the counts,
 * the batch tallies, the run totals, the scheduler's lists and the snapshot in step in O(1).
 * The person's controls (pause, resume, cancel, retry, conflict answers) and the settling of a
 * run's outcome are here too, with the cleanup of what a stopped job leaves behind.
 */
import { rm } from 'node:fs/promises';
import type { AppError } from '../../../shared/errors';
import type { ConflictChoice, TransferState } from '../../../shared/transfers';
import { CoreError, toAppError } from '../errors';
import type { TaskOutcome } from './engine';
import type { JobStore } from './job-store';
import type { Step } from './preflight';
import type { ProviderTransfers } from './provider-transfers';
import type { Scheduler } from './scheduler';
import type { SnapshotEmitter } from './snapshot-emitter';
import { activeIn, isActive, type BatchTallies, type RunTotals } from './tallies';
import type { JobRecord, Runtime } from './types';

export type ControlAction = 'pause' | 'resume' | 'cancel' | 'retry';
export type ControlTarget = { all: true } | { batchId: string } | { jobIds: string[] };

const DROPPED_STATES: readonly TransferState[] = ['failed', 'skipped', 'cancelled'];
export const STAGE_LOST_MESSAGE = "The browser's copy of this file did not finish arriving; drop it again.";
const SKIPPED_NOTICE = 'Skipped: the target exists already.';

export interface JobMachineDeps {
  store: JobStore;
  scheduler: Scheduler<Runtime>;
  tallies: BatchTallies;
  run: RunTotals;
  /** Jobs waiting for an answer, oldest first (shared with the view). */
  conflicts: Set<string>;
  emitter: Pick<SnapshotEmitter, 'changed' | 'touched'>;
  transfersFor(accountId: string): Promise<ProviderTransfers>;
  /** Forgets a job's stage id and staged bytes. */
  discardStage(jobId: string): Promise<void>;
  iso(ms?: number): string;
}

export interface JobMachine {
  /** The one way a job changes state. */
  transition(job: JobRecord, to: TransferState, fields?: Partial<JobRecord>): void;
  /** Puts restored jobs back in the lists; interrupted ones run again (or wait, paused). */
  restore(resumeOnStart: boolean): void;
  /** A run's pre-flight found the target: ask, or skip. */
  settleBeforeRun(job: JobRecord, rt: Runtime, step: Exclude<Step, { kind: 'run' }>): void;
  settle(job: JobRecord, rt: Runtime, outcome: TaskOutcome): void;
  control(action: ControlAction, target: ControlTarget): number;
  resolveConflict(jobId: string, choice: ConflictChoice, applyToBatch: boolean): void;
  /** Removes what a stopped job left: its unfinished upload on the server or its temp file. */
  discardCheckpoint(job: JobRecord): void;
  releaseStage(job: JobRecord): void;
  /** Waits for the cleanups started so far. */
  drain(): Promise<void>;
}

export function createJobMachine(deps: JobMachineDeps): JobMachine {
  const { store, scheduler, tallies, run, conflicts, emitter, iso } = deps;
  const cleanups = new Set<Promise<unknown>>();

  function transition(job: JobRecord, to: TransferState, fields: Partial<JobRecord> = {}): void {
    const from = job.state;
    if (!isActive(from) && isActive(to) && activeIn(store.counts) === 0) run.reset();
    const doneBefore = job.bytesDone;
    const totalBefore = job.bytesTotal;
    store.setState(job, to, fields);
    run.adjust(job, doneBefore, totalBefore);
    if (isActive(to)) run.enter(job);
    if (DROPPED_STATES.includes(to)) run.leave(job);

    if (from === 'queued') scheduler.notReady(job.id);
    if (to === 'queued' && job.stage !== 'waiting') scheduler.ready(job.id);
    if (from === 'conflict') conflicts.delete(job.id);
    if (to === 'conflict') conflicts.add(job.id);

    tallies.moved(job.batchId, from, to);
    emitter.changed(job.id);
    if (to === 'queued') scheduler.schedule();
  }

  function restore(resume: boolean): void {
    for (const job of store.all()) {
      if (!isActive(job.state) || job.state === 'conflict') continue;
      if (job.stage === 'waiting') {
        const error: AppError = { code: 'LocalIOError', message: STAGE_LOST_MESSAGE };
        store.setState(job, 'failed', { stage: 'gone', error, finishedAt: iso() });
        continue;
      }
      if (job.state === 'running' || (job.state === 'queued' && !resume))
        store.setState(job, resume ? 'queued' : 'paused');
    }
    for (const job of store.all()) {
      tallies.added(job.batchId, job.state);
      if (job.state === 'queued') scheduler.ready(job.id);
      if (job.state === 'conflict') conflicts.add(job.id);
      if (isActive(job.state)) run.enter(job);
    }
    tallies.restored();
    if (store.counts.queued > 0 || conflicts.size > 0) emitter.touched();
    scheduler.schedule();
  }

  /** Whether this run still owns the job; it stops owning it now. */
  function release(job: JobRecord, rt: Runtime): boolean {
    if (scheduler.running.get(job.id) !== rt || scheduler.disposed) return false;
    scheduler.stopped(job.id);
    return true;
  }

  function settleBeforeRun(job: JobRecord, rt: Runtime, step: Exclude<Step, { kind: 'run' }>): void {
    if (!release(job, rt)) return;
    if (step.kind === 'conflict') transition(job, 'conflict', { existing: step.existing });
    else transition(job, 'skipped', { notice: SKIPPED_NOTICE, finishedAt: iso() });
  }

  function settle(job: JobRecord, rt: Runtime, outcome: TaskOutcome): void {
    if (!release(job, rt)) return;
    // A failure while cancelling is still a cancel: the person asked for it.
    const result: TaskOutcome = outcome.kind === 'failed' && rt.intent === 'cancel' ? { kind: 'cancelled' } : outcome;
    switch (result.kind) {
      case 'done':
        transition(job, 'done', {
          bytesDone: result.result.size,
          bytesTotal: result.result.size,
          checkpoint: null,
          error: null,
          existing: null,
          finishedAt: iso(),
        });
        releaseStage(job);
        break;
      case 'failed':
        transition(job, 'failed', { error: result.error, finishedAt: iso() });
        break;
      case 'paused':
        transition(job, rt.requeue ? 'queued' : 'paused');
        break;
      case 'cancelled':
        // The engine aborts what it was running; a job stopped before the engine ran (or that
        // failed instead of cancelling) is ours to clean.
        if (!rt.task || outcome.kind === 'failed') discardCheckpoint(job);
        transition(job, 'cancelled', { checkpoint: null, finishedAt: iso() });
        releaseStage(job);
        break;
    }
  }

  function track(work: Promise<unknown>): void {
    const p = work.catch(() => {}).finally(() => cleanups.delete(p));
    cleanups.add(p);
  }

  function discardCheckpoint(job: JobRecord): void {
    const cp = job.checkpoint;
    if (!cp) return;
    if (cp.kind === 'download') {
      track(rm(cp.tempPath, { force: true }));
      return;
    }
    const notice = (reason: string, where: string): void => {
      if (store.get(job.id) !== job) return;
      store.update(job, {
        notice: `The unfinished upload could not be removed from the server (${reason}): ${where}.`,
      });
      emitter.changed(job.id);
    };
    track(
      deps.transfersFor(job.accountId).then(
        (transfers) =>
          transfers
            .discardUpload(job.bucket, job.key, cp)
            .catch((error: unknown) => notice(toAppError(error).message, transfers.leftoverHint)),
        // The account cannot be reached at all (its secret is gone).
        (error: unknown) => notice(toAppError(error).message, 'remove it with the incomplete uploads of its account'),
      ),
    );
  }

  function releaseStage(job: JobRecord): void {
    if (job.stage === null || job.stage === 'gone') return;
    store.update(job, { stage: 'gone' });
    track(deps.discardStage(job.id));
  }

  function apply(action: ControlAction, job: JobRecord): boolean {
    const rt = scheduler.running.get(job.id);
    switch (action) {
      case 'pause':
        if (rt) {
          if (rt.intent) return false;
          rt.intent = 'pause';
          rt.task?.pause();
          return true;
        }
        if (job.state !== 'queued' && job.state !== 'conflict') return false;
        transition(job, 'paused');
        return true;
      case 'resume':
        if (rt?.intent === 'pause' && !rt.requeue) {
          rt.requeue = true;
          return true;
        }
        if (job.state !== 'paused') return false;
        transition(job, 'queued');
        return true;
      case 'cancel':
        if (rt) {
          if (rt.intent === 'cancel') return false;
          rt.intent = 'cancel';
          rt.requeue = false;
          rt.task?.cancel();
          return true;
        }
        // A failed job may still hold its multipart upload (kept so Retry can resume): cancel discards it.
        if (!isActive(job.state) && job.state !== 'failed') return false;
        discardCheckpoint(job);
        transition(job, 'cancelled', { checkpoint: null, finishedAt: iso() });
        releaseStage(job);
        return true;
      case 'retry':
        if ((job.state !== 'failed' && job.state !== 'cancelled') || job.stage === 'gone') return false;
        transition(job, 'queued', { error: null, notice: null, finishedAt: null });
        return true;
    }
  }

  function targetJobs(target: ControlTarget): Iterable<JobRecord> {
    if ('all' in target) return [...store.all()];
    if ('batchId' in target) return [...store.ofBatch(target.batchId)];
    return target.jobIds.flatMap((id) => store.get(id) ?? []);
  }

  function answer(job: JobRecord, choice: ConflictChoice): void {
    if (choice === 'skip') transition(job, 'skipped', { decision: choice, notice: SKIPPED_NOTICE, finishedAt: iso() });
    else transition(job, 'queued', { decision: choice, existing: null });
  }

  return {
    transition,
    restore,
    settleBeforeRun,
    settle,
    control(action, target) {
      let affected = 0;
      for (const job of targetJobs(target)) if (apply(action, job)) affected++;
      return affected;
    },
    resolveConflict(jobId, choice, applyToBatch) {
      const job = store.get(jobId);
      if (job?.state !== 'conflict')
        throw new CoreError('InvalidRequest', 'This transfer is not waiting for an answer.');
      answer(job, choice);
      if (!applyToBatch) return;
      const batch = store.batches.get(job.batchId);
      if (batch) {
        batch.conflict = choice;
        store.putBatch(batch);
      }
      for (const id of [...conflicts]) {
        const other = store.get(id);
        if (other && other.batchId === job.batchId) answer(other, choice);
      }
    },
    discardCheckpoint,
    releaseStage,
    async drain() {
      while (cleanups.size > 0) await Promise.allSettled([...cleanups]);
    },
  };
}
