/** Batch tallies and run totals on their own: counts in step, one "batch finished" per batch. */
import { describe, expect, it } from 'vitest';
import type { BatchFinished } from '../../shared/transfers';
import { activeIn, batchLabel, BatchTallies, RunTotals } from '../../electron/core/transfers/tallies';
import type { BatchRecord, JobRecord } from '../../electron/core/transfers/types';
import { emptyCounts } from '../../electron/core/transfers/job-store';
import { batchRecord, jobRecord } from './fakes/job-record';

function tallies(batch: BatchRecord, jobs: JobRecord[]) {
  const finished: BatchFinished[] = [];
  const t = new BatchTallies({
    batch: (id) => (id === batch.id ? batch : undefined),
    jobsOf: () => new Set(jobs),
    finished: (f) => finished.push(f),
  });
  return { t, finished };
}

describe('batch tallies', () => {
  it('announces a batch once, when its last active job settles, with its counts', () => {
    const jobs = [jobRecord({ id: 'a' }), jobRecord({ id: 'b' })];
    const { t, finished } = tallies(batchRecord(), jobs);
    t.opened('b1');
    t.added('b1', 'queued');
    t.added('b1', 'queued');
    t.moved('b1', 'queued', 'running');
    t.moved('b1', 'running', 'done');
    expect(finished).toEqual([]);
    t.moved('b1', 'queued', 'failed');
    expect(finished).toEqual([
      {
        batchId: 'b1',
        label: '2 files to bucket/in',
        direction: 'upload',
        done: 1,
        failed: 1,
        skipped: 0,
        cancelled: 0,
      },
    ]);
    t.moved('b1', 'failed', 'cancelled'); // not from an active state: no second announcement
    expect(finished).toHaveLength(1);
    // Retried: active again, then settled again: announced again with the new counts.
    t.moved('b1', 'cancelled', 'queued');
    t.moved('b1', 'queued', 'skipped');
    expect(finished.map((f) => [f.done, f.skipped, f.failed])).toEqual([
      [1, 0, 1],
      [1, 1, 0],
    ]);
  });

  it('waits for the sources still feeding the batch', () => {
    const { t, finished } = tallies(batchRecord(), [jobRecord({ id: 'a' })]);
    t.beginInput('b1');
    t.added('b1', 'queued');
    t.moved('b1', 'queued', 'done');
    expect(finished).toEqual([]);
    expect(t.feeding()).toEqual(['b1']);
    t.endInput('b1');
    expect(finished).toHaveLength(1);
    expect(t.feeding()).toEqual([]);
    t.endInput('b1'); // never below zero, never twice
    t.endInput('unknown');
    expect(finished).toHaveLength(1);
  });

  it('after a restart announces nothing for batches that were finished', () => {
    const { t, finished } = tallies(batchRecord(), [jobRecord({ id: 'a' })]);
    t.added('b1', 'done');
    t.restored();
    t.endInput('b1');
    expect(finished).toEqual([]);
  });

  it('forgets removed jobs and pruned batches', () => {
    const { t, finished } = tallies(batchRecord(), [jobRecord({ id: 'a' })]);
    t.added('b1', 'queued');
    t.removed('b1', 'queued');
    t.removed('gone', 'done'); // unknown batch: harmless
    t.beginInput('b1');
    t.endInput('b1');
    expect(finished.map((f) => f.done)).toEqual([0]);
    t.beginInput('b1');
    t.prune(() => false);
    expect(t.feeding()).toEqual([]);
  });

  it('labels a batch by its roots or its jobs', () => {
    const one = new Set([jobRecord({ id: 'a', name: 'photos/a.jpg' })]);
    expect(batchLabel(batchRecord({ roots: [{ name: 'photos', folder: true }] }), one)).toBe('Folder photos');
    expect(batchLabel(batchRecord(), one)).toBe('a.jpg to bucket/in');
    expect(batchLabel(batchRecord({ place: '/home/me/dl' }), new Set())).toBe('0 files to /home/me/dl');
  });

  it('counts the active states', () => {
    const counts = { ...emptyCounts(), queued: 2, running: 1, paused: 1, conflict: 1, done: 7, failed: 3 };
    expect(activeIn(counts)).toBe(5);
  });
});

describe('run totals', () => {
  it('sums the bytes of the jobs in the run, and follows their changes', () => {
    const run = new RunTotals();
    const a = jobRecord({ id: 'a', bytesDone: 10, bytesTotal: 100 });
    const b = jobRecord({ id: 'b', bytesDone: 0, bytesTotal: null });
    run.enter(a);
    run.enter(a); // once
    run.enter(b);
    expect([run.done, run.total]).toEqual([10, 100]);
    const [doneBefore, totalBefore] = [b.bytesDone, b.bytesTotal];
    b.bytesDone = 5;
    b.bytesTotal = 50;
    run.adjust(b, doneBefore, totalBefore);
    expect([run.done, run.total]).toEqual([15, 150]);
    run.leave(a);
    run.leave(a); // once
    expect([run.done, run.total]).toEqual([5, 50]);
    const outside = jobRecord({ id: 'c', bytesDone: 7 });
    run.adjust(outside, 0, 0); // not in the run: ignored
    expect([run.done, run.total]).toEqual([5, 50]);
    run.reset();
    expect([run.done, run.total]).toEqual([0, 0]);
    run.enter(b); // a new run counts it afresh
    expect([run.done, run.total]).toEqual([5, 50]);
  });
});
