import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_CHANGED_PER_SNAPSHOT, type TransferJobView, type TransfersSnapshot } from '../../shared/transfers';
import { emptyCounts } from '../../electron/core/transfers/job-store';
import { createSnapshotEmitter, type SnapshotSource } from '../../electron/core/transfers/snapshot-emitter';
import { SpeedMeter } from '../../electron/core/transfers/speed';
import { until } from './fakes/fake-engine';
import { queueHarness, type QueueHarness } from './fakes/queue-harness';

// setImmediate stays real: the queue's file checks need real event-loop turns.
const fakeTimers = () =>
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });

function source(viewCalls: string[]): SnapshotSource {
  return {
    revision: () => 1,
    totals: () => ({ jobs: 0, byState: emptyCounts(), bytesDone: 0, bytesTotal: 0, speedUp: 0, speedDown: 0 }),
    view: (id) => {
      viewCalls.push(id);
      return { id } as TransferJobView;
    },
    conflicts: () => [],
  };
}

describe('snapshot emitter', () => {
  beforeEach(fakeTimers);
  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits at most once per 100 ms, nothing while idle, and builds only what changed (≤ 200)', async () => {
    const emitted: TransfersSnapshot[] = [];
    const viewCalls: string[] = [];
    const emitter = createSnapshotEmitter(source(viewCalls), (s) => emitted.push(s));
    vi.advanceTimersByTime(1000);
    expect(emitted).toHaveLength(0);

    // One second of 100,000 jobs changing every millisecond.
    for (let ms = 0; ms < 1000; ms++) {
      for (let j = 0; j < 100; j++) emitter.changed(`job-${(ms * 100 + j) % 100_000}`);
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(100);
    expect(emitted.length).toBeGreaterThanOrEqual(9);
    expect(emitted.length).toBeLessThanOrEqual(11);
    for (const s of emitted) expect(s.changed.length).toBeLessThanOrEqual(MAX_CHANGED_PER_SNAPSHOT);
    // A full window of changes is more than a snapshot carries: the renderer refetches its page.
    expect(emitted.filter((s) => s.changedTruncated).length).toBeGreaterThanOrEqual(emitted.length - 1);
    expect(viewCalls.length).toBeLessThanOrEqual(emitted.length * MAX_CHANGED_PER_SNAPSHOT);

    const count = emitted.length;
    vi.advanceTimersByTime(5000);
    expect(emitted).toHaveLength(count); // idle: silent

    emitter.changed('one');
    emitter.batchFinished({
      batchId: 'b',
      label: 'x',
      direction: 'upload',
      done: 1,
      failed: 0,
      skipped: 0,
      cancelled: 0,
    });
    // A finished batch does not wait for the timer: it goes out once the current turn ends.
    expect(emitted).toHaveLength(count);
    await Promise.resolve();
    expect(emitted).toHaveLength(count + 1);
    expect(emitted.at(-1)).toMatchObject({ changed: [{ id: 'one' }], changedTruncated: false });
    expect(emitted.at(-1)!.finishedBatches).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(emitted).toHaveLength(count + 1); // a finished batch is reported once
    emitter.dispose();
  });
});

describe('speed meter', () => {
  it('measures over the last seconds and falls to zero when bytes stop', () => {
    const meter = new SpeedMeter();
    for (let t = 0; t <= 4000; t += 200) meter.add(t, t * 1000); // 1 MB/s
    expect(meter.rate(4000)).toBeGreaterThan(900_000);
    expect(meter.rate(4000)).toBeLessThan(1_100_000);
    expect(meter.rate(7000)).toBeLessThan(meter.rate(4000));
    expect(meter.rate(20_000)).toBe(0);
  });
});

describe('queue snapshots with 1,000 jobs progressing', () => {
  let h: QueueHarness;
  beforeEach(fakeTimers);
  afterEach(async () => {
    vi.useRealTimers();
    await h.close();
  });

  it('stays at about ten snapshots a second however many jobs report', async () => {
    h = await queueHarness({ settings: { jobsInParallel: 1000 } });
    const jobs = await Promise.all(Array.from({ length: 1000 }, (_, i) => h.upload(`p${i}.bin`, { size: 10_000 })));
    await until(() => h.engine.active.size === 1000, 'all running');
    vi.advanceTimersByTime(200);
    const before = h.snapshots.length;

    // Two seconds; every job reports every 20 ms (the worker's own coalescing would allow less).
    for (let tick = 1; tick <= 100; tick++) {
      for (const run of h.engine.active.values()) run.progress(tick * 50, 10_000);
      vi.advanceTimersByTime(20);
    }
    const during = h.snapshots.slice(before);
    expect(during.length).toBeGreaterThanOrEqual(15);
    expect(during.length).toBeLessThanOrEqual(21);
    for (const s of during) {
      expect(s.changed.length).toBeLessThanOrEqual(MAX_CHANGED_PER_SNAPSHOT);
      expect(s.changedTruncated).toBe(true);
    }
    const last = during.at(-1)!;
    expect(last.totals).toMatchObject({ bytesDone: 1000 * 5000, bytesTotal: 1000 * 10_000 });
    expect(last.totals.byState.running).toBe(1000);
    expect(last.totals.speedUp).toBeGreaterThan(0);

    // Finishing them all reports the batch once; then silence.
    for (const run of [...h.engine.active.values()]) run.succeed();
    await until(() => jobs.every((j) => j.state === 'done'), 'all done');
    vi.advanceTimersByTime(200);
    expect(h.snapshots.flatMap((s) => s.finishedBatches)).toHaveLength(1);
    const settled = h.snapshots.length;
    vi.advanceTimersByTime(10_000);
    expect(h.snapshots.length).toBe(settled);
  }, 60_000);
});
