/** The job state machine on its own: transitions in step, settling outcomes, controls, answers, restore. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchFinished } from '../../shared/transfers';
import { CoreError } from '../../electron/core/errors';
import type { RunningTask } from '../../electron/core/transfers/engine';
import { createJobMachine, STAGE_LOST_MESSAGE, type JobMachine } from '../../electron/core/transfers/job-machine';
import { JobStore } from '../../electron/core/transfers/job-store';
import type { ProviderTransfers, UploadLeftover } from '../../electron/core/transfers/provider-transfers';
import type { Scheduler } from '../../electron/core/transfers/scheduler';
import { SpeedMeter } from '../../electron/core/transfers/speed';
import { BatchTallies, RunTotals } from '../../electron/core/transfers/tallies';
import type { JobRecord, Runtime } from '../../electron/core/transfers/types';
import { batchRecord, jobRecord } from './fakes/job-record';

/** Records what the machine tells the scheduler. */
class FakeScheduler implements Scheduler<Runtime> {
  readonly running = new Map<string, Runtime>();
  readonly runnable = new Set<string>();
  disposed = false;
  schedules = 0;
  ready(id: string): void {
    this.runnable.add(id);
  }
  notReady(id: string): void {
    this.runnable.delete(id);
  }
  started(id: string, runtime: Runtime): void {
    this.running.set(id, runtime);
  }
  stopped(id: string): void {
    this.running.delete(id);
  }
  schedule(): void {
    this.schedules++;
  }
  dispose(): void {
    this.disposed = true;
  }
}

let dataDir: string;
let store: JobStore;
let scheduler: FakeScheduler;
let run: RunTotals;
let conflicts: Set<string>;
let changed: string[];
let finished: BatchFinished[];
let discarded: { bucket: string; key: string; leftover: UploadLeftover }[];
let discardError: Error | null;
let unreachable: boolean;
let stagesDiscarded: string[];
let machine: JobMachine;

function newMachine(): JobMachine {
  const transfers = {
    discardUpload: async (bucket: string, key: string, leftover: UploadLeftover) => {
      discarded.push({ bucket, key, leftover });
      if (discardError) throw discardError;
    },
    leftoverHint: 'remove it with the incomplete uploads tool',
  } as Partial<ProviderTransfers> as ProviderTransfers;
  return createJobMachine({
    store,
    scheduler,
    tallies: new BatchTallies({
      batch: (id) => store.batches.get(id),
      jobsOf: (id) => store.ofBatch(id),
      finished: (f) => finished.push(f),
    }),
    run,
    conflicts,
    emitter: { changed: (id) => changed.push(id), touched: () => changed.push('*') },
    transfersFor: async () => {
      if (unreachable) throw new CoreError('SecretMissing', 'The secret of this account is gone.');
      return transfers;
    },
    discardStage: async (jobId) => void stagesDiscarded.push(jobId),
    iso: () => '2024-05-01T00:00:00.000Z',
  });
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-machine-'));
  store = await JobStore.open(dataDir);
  store.putBatch(batchRecord());
  store.putBatch(batchRecord({ id: 'b2' }));
  scheduler = new FakeScheduler();
  run = new RunTotals();
  conflicts = new Set();
  changed = [];
  finished = [];
  discarded = [];
  discardError = null;
  unreachable = false;
  stagesDiscarded = [];
  machine = newMachine();
});
afterEach(async () => {
  await machine.drain();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Adds jobs as the queue would (restore puts them in every list). */
function given(...jobs: JobRecord[]): JobRecord[] {
  for (const job of jobs) store.add(job);
  machine.restore(true);
  changed = [];
  return jobs;
}

function runtime(task: Partial<RunningTask> | null = null): Runtime {
  return { task: task as RunningTask | null, intent: null, requeue: false, meter: new SpeedMeter(), retry: null };
}

function start(job: JobRecord, rt: Runtime = runtime()): Runtime {
  scheduler.started(job.id, rt);
  machine.transition(job, 'running', { error: null, finishedAt: null });
  return rt;
}

const uploadLeftover: UploadLeftover = {
  kind: 'upload',
  uploadId: 'up-1',
  partSize: 5,
  source: { size: 10, mtimeMs: 1 },
  parts: [],
};

describe('transitions', () => {
  it('keep the counts, the runnable list, the conflicts, the run totals and the snapshot in step', () => {
    const [a, b] = given(jobRecord({ id: 'a', bytesTotal: 100 }), jobRecord({ id: 'b', bytesTotal: 50 }));
    expect([...scheduler.runnable]).toEqual(['a', 'b']);
    expect([run.done, run.total]).toEqual([0, 150]);
    start(a!);
    expect(scheduler.runnable.has('a')).toBe(false);
    expect(store.counts).toMatchObject({ queued: 1, running: 1 });
    machine.transition(b!, 'conflict', { existing: { size: 1, lastModified: null } });
    expect([...conflicts]).toEqual(['b']);
    machine.transition(b!, 'queued', { decision: 'overwrite' });
    expect(conflicts.size).toBe(0);
    expect(scheduler.runnable.has('b')).toBe(true);
    expect(scheduler.schedules).toBeGreaterThan(0);
    machine.transition(b!, 'failed', { finishedAt: 'x' });
    expect([run.done, run.total]).toEqual([0, 100]); // a failed job leaves the run
    expect(changed).toEqual(['a', 'b', 'b', 'b']);
  });

  it('announce the batch when its last job settles, and start a new run after idling', () => {
    const [a] = given(jobRecord({ id: 'a', bytesTotal: 10 }));
    start(a!);
    machine.settle(a!, scheduler.running.get('a')!, { kind: 'done', result: { size: 12, etag: null } });
    expect(finished).toEqual([
      { batchId: 'b1', label: 'a.bin to bucket/in', direction: 'upload', done: 1, failed: 0, skipped: 0, cancelled: 0 },
    ]);
    expect([run.done, run.total]).toEqual([12, 12]); // done jobs stay in the run until the next one
    machine.control('retry', { jobIds: ['a'] }); // done: nothing to retry
    const [b] = [jobRecord({ id: 'b', state: 'failed', bytesTotal: 7 })];
    store.add(b!);
    machine.control('retry', { jobIds: ['b'] });
    expect([run.done, run.total]).toEqual([0, 7]);
  });
});

describe('settling a run', () => {
  it('records done, failed and paused outcomes; a resume while pausing queues it again', () => {
    const [a, b, c] = given(jobRecord({ id: 'a', stage: 'ready' }), jobRecord({ id: 'b' }), jobRecord({ id: 'c' }));
    machine.settle(a!, start(a!), { kind: 'done', result: { size: 100, etag: '"e"' } });
    expect(a).toMatchObject({ state: 'done', bytesDone: 100, stage: 'gone', finishedAt: '2024-05-01T00:00:00.000Z' });
    expect(stagesDiscarded).toEqual(['a']);
    const error = { code: 'NetworkError' as const, message: 'closed' };
    machine.settle(b!, start(b!), { kind: 'failed', error });
    expect(b).toMatchObject({ state: 'failed', error });
    const rt = start(c!);
    expect(machine.control('pause', { jobIds: ['c'] })).toBe(1);
    expect(machine.control('resume', { jobIds: ['c'] })).toBe(1);
    machine.settle(c!, rt, { kind: 'paused' });
    expect(c!.state).toBe('queued');
    expect(scheduler.running.size).toBe(0);
  });

  it('ignores an outcome of a run that no longer owns the job', () => {
    const [a] = given(jobRecord({ id: 'a' }));
    const old = start(a!);
    scheduler.stopped('a');
    const current = start(a!);
    machine.settle(a!, old, { kind: 'done', result: { size: 1, etag: null } });
    expect(a!.state).toBe('running');
    scheduler.disposed = true;
    machine.settle(a!, current, { kind: 'done', result: { size: 1, etag: null } });
    expect(a!.state).toBe('running');
  });

  it('counts a failure while cancelling as a cancel and removes the upload it left', async () => {
    const [a] = given(jobRecord({ id: 'a' }));
    const rt = start(a!, runtime({ cancel: () => {} }));
    a!.checkpoint = uploadLeftover;
    machine.control('cancel', { jobIds: ['a'] });
    machine.settle(a!, rt, { kind: 'failed', error: { code: 'NetworkError', message: 'x' } });
    await machine.drain();
    expect(a).toMatchObject({ state: 'cancelled', checkpoint: null, error: null });
    expect(discarded).toEqual([{ bucket: 'bucket', key: 'in/a.bin', leftover: uploadLeftover }]);
  });

  it('asks or skips when pre-flight found the target', () => {
    const [a, b] = given(jobRecord({ id: 'a' }), jobRecord({ id: 'b' }));
    const existing = { size: 3, lastModified: null };
    machine.settleBeforeRun(a!, start(a!), { kind: 'conflict', existing });
    machine.settleBeforeRun(b!, start(b!), { kind: 'skip', existing });
    expect(a).toMatchObject({ state: 'conflict', existing });
    expect(b).toMatchObject({ state: 'skipped', notice: 'Skipped: the target exists already.' });
    expect([...conflicts]).toEqual(['a']);
  });
});

describe('controls', () => {
  it('pause, resume, cancel and retry jobs that are not running, counting what they changed', async () => {
    const [a, b] = given(jobRecord({ id: 'a' }), jobRecord({ id: 'b', batchId: 'b2' }));
    expect(machine.control('pause', { all: true })).toBe(2);
    expect(machine.control('pause', { all: true })).toBe(0);
    expect(machine.control('resume', { batchId: 'b2' })).toBe(1);
    expect([a!.state, b!.state]).toEqual(['paused', 'queued']);
    expect(machine.control('cancel', { jobIds: ['a', 'unknown'] })).toBe(1);
    expect(a).toMatchObject({ state: 'cancelled', finishedAt: '2024-05-01T00:00:00.000Z' });
    expect(machine.control('retry', { jobIds: ['a'] })).toBe(1);
    expect(a).toMatchObject({ state: 'queued', finishedAt: null });
  });

  it('stop a running job through its task, once', () => {
    const calls: string[] = [];
    const [a] = given(jobRecord({ id: 'a' }));
    const rt = start(a!, runtime({ pause: () => calls.push('pause'), cancel: () => calls.push('cancel') }));
    expect(machine.control('pause', { jobIds: ['a'] })).toBe(1);
    expect(machine.control('pause', { jobIds: ['a'] })).toBe(0);
    expect(machine.control('cancel', { jobIds: ['a'] })).toBe(1);
    expect(machine.control('cancel', { jobIds: ['a'] })).toBe(0);
    expect(calls).toEqual(['pause', 'cancel']);
    expect(rt).toMatchObject({ intent: 'cancel', requeue: false });
    expect(a!.state).toBe('running'); // until the engine reports
  });

  it('cancel of a failed download removes its temp file; a lost stage cannot be retried', async () => {
    const temp = path.join(dataDir, 'a.txt.part');
    await writeFile(temp, 'partial');
    const [a, b] = given(
      jobRecord({
        id: 'a',
        direction: 'download',
        state: 'failed',
        checkpoint: { kind: 'download', tempPath: temp, etag: 'e', size: 9, chunkSize: 4, doneChunks: [0] },
      }),
      jobRecord({ id: 'b', state: 'failed', stage: 'gone' }),
    );
    expect(machine.control('cancel', { jobIds: ['a'] })).toBe(1);
    await machine.drain();
    expect(await readdir(dataDir)).not.toContain('a.txt.part');
    expect(a).toMatchObject({ state: 'cancelled', checkpoint: null });
    expect(machine.control('retry', { jobIds: ['b'] })).toBe(0);
    expect(b!.state).toBe('failed');
  });

  it('says where to remove an upload the server would not let go', async () => {
    const [a, b] = given(
      jobRecord({ id: 'a', state: 'paused', checkpoint: uploadLeftover }),
      jobRecord({ id: 'b', state: 'paused', checkpoint: uploadLeftover }),
    );
    discardError = new CoreError('AccessDenied', 'Access denied');
    machine.control('cancel', { jobIds: ['a'] });
    await machine.drain();
    expect(a!.notice).toBe(
      'The unfinished upload could not be removed from the server (Access denied): remove it with the incomplete uploads tool.',
    );
    unreachable = true;
    machine.control('cancel', { jobIds: ['b'] });
    await machine.drain();
    expect(b!.notice).toBe(
      'The unfinished upload could not be removed from the server (The secret of this account is gone.): remove it with the incomplete uploads of its account.',
    );
  });
});

describe('conflict answers', () => {
  it('answer one job, or every waiting job of its batch and the batch policy', () => {
    const existing = { size: 1, lastModified: null };
    const [a, b, c, d] = given(
      jobRecord({ id: 'a', state: 'conflict', existing }),
      jobRecord({ id: 'b', state: 'conflict', existing }),
      jobRecord({ id: 'c', state: 'conflict', existing }),
      jobRecord({ id: 'd', state: 'conflict', existing, batchId: 'b2' }),
    );
    machine.resolveConflict('a', 'rename', false);
    expect(a).toMatchObject({ state: 'queued', decision: 'rename', existing: null });
    machine.resolveConflict('b', 'skip', true);
    expect(b).toMatchObject({ state: 'skipped', decision: 'skip' });
    expect(c).toMatchObject({ state: 'skipped', decision: 'skip' });
    expect(d!.state).toBe('conflict');
    expect(store.batches.get('b1')?.conflict).toBe('skip');
    expect(() => machine.resolveConflict('a', 'skip', false)).toThrow(
      expect.objectContaining({ code: 'InvalidRequest', message: 'This transfer is not waiting for an answer.' }),
    );
  });
});

describe('restore', () => {
  it('queues interrupted jobs again (or pauses them), and fails uploads whose browser bytes were lost', () => {
    store.add(jobRecord({ id: 'run', state: 'running' }));
    store.add(jobRecord({ id: 'q', state: 'queued' }));
    store.add(jobRecord({ id: 'lost', state: 'queued', stage: 'waiting' }));
    store.add(jobRecord({ id: 'ask', state: 'conflict' }));
    machine.restore(false);
    expect(store.get('run')!.state).toBe('paused');
    expect(store.get('q')!.state).toBe('paused');
    expect(store.get('lost')).toMatchObject({
      state: 'failed',
      stage: 'gone',
      error: { code: 'LocalIOError', message: STAGE_LOST_MESSAGE },
    });
    expect([...conflicts]).toEqual(['ask']);
    expect(scheduler.runnable.size).toBe(0);
    expect(changed).toEqual(['*']);
  });
});
