import { describe, expect, it } from 'vitest';
import { sparkPoints } from '../../renderer/src/components/SpeedGraph';
import { addSpeedSample, patchPage } from '../../renderer/src/store/transfer-window';
import {
  batchFinishedMessage,
  filterCount,
  formatBytesProgress,
  formatEta,
  formatRetry,
  formatSpeed,
  formatStateCounts,
  jobPercent,
  matchesFilter,
  totalsPercent,
} from '../../renderer/src/view-model/transfer-format';
import { job, totalsOf } from './fakes/transfers';

describe('transfer formatting', () => {
  it('bytes done of total, and just done while the size is unknown', () => {
    expect(formatBytesProgress(1_200_000, 4_500_000)).toBe('1.2 MB / 4.5 MB');
    expect(formatBytesProgress(0, 0)).toBe('0 B / 0 B');
    expect(formatBytesProgress(2500, null)).toBe('2.5 KB');
  });

  it('speed per second', () => {
    expect(formatSpeed(0)).toBe('0 B/s');
    expect(formatSpeed(1_234_567)).toBe('1.2 MB/s');
    expect(formatSpeed(-5)).toBe('0 B/s');
  });

  it('ETA in seconds, minutes, hours and days; empty when unknown', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(Number.POSITIVE_INFINITY)).toBe('');
    expect(formatEta(0.2)).toBe('1 s');
    expect(formatEta(42)).toBe('42 s');
    expect(formatEta(185)).toBe('3 min 5 s');
    expect(formatEta(180)).toBe('3 min');
    expect(formatEta(3599)).toBe('59 min');
    expect(formatEta(2 * 3600 + 10 * 60)).toBe('2 h 10 min');
    expect(formatEta(7200)).toBe('2 h');
    expect(formatEta(3 * 86_400 + 4 * 3600 + 5)).toBe('3 d 4 h');
  });

  it('percent: done is 100, unknown size is indeterminate, never beyond 0..100', () => {
    expect(jobPercent({ state: 'running', bytesDone: 450, bytesTotal: 1000 })).toBe(45);
    expect(jobPercent({ state: 'running', bytesDone: 5, bytesTotal: null })).toBeNull();
    expect(jobPercent({ state: 'done', bytesDone: 0, bytesTotal: 0 })).toBe(100);
    expect(jobPercent({ state: 'queued', bytesDone: 0, bytesTotal: 0 })).toBe(0);
    expect(jobPercent({ state: 'running', bytesDone: 2000, bytesTotal: 1000 })).toBe(100);
    expect(totalsPercent(null)).toBeNull();
    expect(totalsPercent({ ...totalsOf([]), bytesDone: 0, bytesTotal: 0 })).toBeNull();
    expect(totalsPercent({ ...totalsOf([]), bytesDone: 1, bytesTotal: 3 })).toBe(33);
  });

  it('a pending retry counts down to "now"', () => {
    const retry = { attempt: 2, maxAttempts: 6, at: '2024-01-01T00:00:04.000Z', reason: 'SlowDown' };
    const t0 = Date.parse('2024-01-01T00:00:00.000Z');
    expect(formatRetry(retry, t0)).toBe('Retrying in 4 s (attempt 2 of 6): SlowDown');
    expect(formatRetry(retry, t0 + 3500)).toBe('Retrying in 1 s (attempt 2 of 6): SlowDown');
    expect(formatRetry(retry, t0 + 5000)).toBe('Retrying now (attempt 2 of 6): SlowDown');
  });

  it('counts by state, and per filter tab', () => {
    const totals = totalsOf([
      job('a', { state: 'running' }),
      job('b', { state: 'queued' }),
      job('c', { state: 'queued' }),
      job('d', { state: 'failed' }),
      job('e', { state: 'done' }),
      job('f', { state: 'skipped' }),
      job('g', { state: 'conflict' }),
    ]);
    expect(formatStateCounts(totals.byState)).toBe('1 running · 2 queued · 1 waiting · 1 failed · 1 done · 1 skipped');
    expect(filterCount(totals, 'all')).toBe(7);
    expect(filterCount(totals, 'active')).toBe(4);
    expect(filterCount(totals, 'failed')).toBe(1);
    expect(filterCount(totals, 'done')).toBe(2);
    expect(matchesFilter('cancelled', 'done')).toBe(true);
    expect(matchesFilter('paused', 'active')).toBe(true);
    expect(matchesFilter('failed', 'active')).toBe(false);
  });

  it('a finished batch: what went well first, then only the counts that are not zero', () => {
    const base = { batchId: 'b', label: 'photos', direction: 'upload' as const };
    expect(batchFinishedMessage({ ...base, done: 12, failed: 1, skipped: 0, cancelled: 0 })).toEqual({
      title: 'Upload finished',
      body: '12 done, 1 failed',
    });
    expect(
      batchFinishedMessage({ ...base, direction: 'download', done: 0, failed: 0, skipped: 2, cancelled: 3 }),
    ).toEqual({ title: 'Download finished', body: '0 done, 2 skipped, 3 cancelled' });
  });
});

describe('transfer view helpers', () => {
  it('speed samples: one per second, capped at 60', () => {
    let history = addSpeedSample([], 0, 1, 2);
    history = addSpeedSample(history, 400, 3, 4);
    expect(history).toEqual([{ at: 0, up: 3, down: 4 }]);
    for (let i = 1; i <= 100; i++) history = addSpeedSample(history, i * 1000, i, 0);
    expect(history).toHaveLength(60);
    expect(history[0]?.up).toBe(41);
  });

  it('patchPage replaces loaded rows and returns the same page when none of them changed', () => {
    const page = { revision: 1, total: 2, offset: 0, jobs: [job('a'), job('b')] };
    expect(patchPage(page, [job('z')])).toBe(page);
    const next = patchPage(page, [job('b', { state: 'done' })]);
    expect(next.jobs[1]?.state).toBe('done');
    expect(next.jobs[0]).toBe(page.jobs[0]);
  });

  it('sparkline points put the newest sample at the right edge and scale to the peak', () => {
    expect(sparkPoints([0, 10], 10, 59, 11)).toBe('58.0,10.0 59.0,1.0');
    expect(sparkPoints([5], 0, 59, 11)).toBe('59.0,10.0');
  });
});
