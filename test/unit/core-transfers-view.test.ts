/** The paged view on its own: job views with live speed, totals, questions and pages. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobStore } from '../../electron/core/transfers/job-store';
import { createJobViews, MAX_CONFLICTS_IN_SNAPSHOT } from '../../electron/core/transfers/job-view';
import { SpeedMeter } from '../../electron/core/transfers/speed';
import type { Runtime } from '../../electron/core/transfers/types';
import { batchRecord, jobRecord } from './fakes/job-record';

const NOW = 1_700_000_010_000;

let dataDir: string;
let store: JobStore;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-view-'));
  store = await JobStore.open(dataDir);
  store.putBatch(batchRecord());
});
afterEach(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A runtime whose meter saw `bytesPerSecond` over the last 2 seconds. */
function runtime(bytesPerSecond: number, retry: Runtime['retry'] = null): Pick<Runtime, 'meter' | 'retry'> {
  const meter = new SpeedMeter();
  meter.add(NOW - 2000, 0);
  meter.add(NOW, 2 * bytesPerSecond);
  return { meter, retry };
}

function views(running = new Map<string, Pick<Runtime, 'meter' | 'retry'>>(), conflicts = new Set<string>()) {
  return createJobViews({ store, running, run: { done: 30, total: 400 }, conflicts, now: () => NOW });
}

describe('job views', () => {
  it('shows a running job with its live speed, ETA and retry, and others without', () => {
    const retry = { attempt: 2, maxAttempts: 5, at: new Date(NOW + 500).toISOString(), reason: 'Slow down' };
    const up = jobRecord({ id: 'up', state: 'running', bytesDone: 100, bytesTotal: 1100 });
    const idle = jobRecord({ id: 'idle', state: 'paused', bytesDone: 5 });
    store.add(up);
    store.add(idle);
    // A paused job keeps no runtime; even a stale one must not show speed.
    const v = views(
      new Map([
        ['up', runtime(100, retry)],
        ['idle', runtime(100, retry)],
      ]),
    );
    expect(v.view(up)).toMatchObject({ id: 'up', state: 'running', speed: 100, etaSeconds: 10, retry });
    expect(v.view(idle)).toMatchObject({ id: 'idle', state: 'paused', speed: 0, etaSeconds: null, retry: null });
    expect(Object.keys(v.view(up))).not.toContain('checkpoint'); // the queue's own state stays inside
  });

  it('totals speeds by direction over running jobs, with the run bytes and the counts', () => {
    store.add(jobRecord({ id: 'u', state: 'running' }));
    store.add(jobRecord({ id: 'd', state: 'running', direction: 'download' }));
    store.add(jobRecord({ id: 'q' }));
    const v = views(
      new Map([
        ['u', runtime(300)],
        ['d', runtime(200)],
        ['gone', runtime(999)],
      ]),
    );
    const totals = v.totals();
    expect(totals).toMatchObject({ jobs: 3, bytesDone: 30, bytesTotal: 400, speedUp: 300, speedDown: 200 });
    expect(totals.byState).toMatchObject({ running: 2, queued: 1, done: 0 });
    totals.byState.running = 99; // a copy: the store's counts stay
    expect(store.counts.running).toBe(2);
  });

  it('asks the oldest few questions, each with what exists', () => {
    const conflicts = new Set<string>();
    for (let i = 0; i < MAX_CONFLICTS_IN_SNAPSHOT + 2; i++) {
      const existing = i === 0 ? null : { size: i, lastModified: null };
      store.add(jobRecord({ id: `c${i}`, state: 'conflict', existing }));
      conflicts.add(`c${i}`);
    }
    conflicts.add('forgotten');
    const questions = views(new Map(), new Set(['forgotten', ...conflicts])).questions();
    expect(questions.map((q) => q.jobId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(questions[0]).toEqual({
      jobId: 'c0',
      batchId: 'b1',
      direction: 'upload',
      name: 'c0.bin',
      key: 'in/c0.bin',
      localPath: '/tmp/c0.bin',
      existing: { size: null, lastModified: null },
    });
    expect(questions[1]?.existing).toEqual({ size: 1, lastModified: null });
  });

  it('pages a filter with its revision, total and the totals', () => {
    for (const [id, state] of [
      ['a', 'done'],
      ['b', 'failed'],
      ['c', 'queued'],
      ['d', 'failed'],
    ] as const) {
      store.add(jobRecord({ id, state }));
    }
    const page = views().page('failed', 1, 10, 7);
    expect(page).toMatchObject({ revision: 7, total: 2, offset: 1 });
    expect(page.jobs.map((j) => j.id)).toEqual(['d']);
    expect(page.totals?.jobs).toBe(4);
  });
});
