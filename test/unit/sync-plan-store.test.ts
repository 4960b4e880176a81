// The plans the page reviews: sections in path order, pages that cost their own length at
// 100,000 entries, conflicts answered (and nothing else), and the parts of a plan a run takes.
import { describe, expect, it } from 'vitest';
import type { SyncAction, SyncReason, SyncResolution } from '../../shared/sync';
import { CoreError } from '../../electron/core/errors';
import { LISTED_PROBLEMS, PlanStore, SyncPlan, type Comparison } from '../../electron/core/sync/plan-store';
import type { LocalFile, PlannedEntry, RemoteObject } from '../../electron/core/sync/types';

const T0 = Date.UTC(2026, 0, 2, 3, 4, 5);

const local = (path: string, size: number): LocalFile => ({ path, absolute: `/sync/${path}`, size, mtimeMs: T0 });
const remote = (path: string, size: number): RemoteObject => ({
  path,
  key: `p/${path}`,
  size,
  etag: 'e'.repeat(32),
  lastModifiedMs: T0 + 1000,
});

function entry(path: string, action: SyncAction, resolution: SyncResolution | null = null): PlannedEntry {
  const reason: SyncReason = action === 'conflict' ? 'bothChanged' : action.startsWith('delete') ? 'gone' : 'new';
  const hasLocal = action !== 'download' && action !== 'deleteRemote';
  const hasRemote = action !== 'upload' && action !== 'deleteLocal';
  return {
    path,
    action,
    reason,
    local: hasLocal ? local(path, 10) : null,
    remote: hasRemote ? remote(path, 100) : null,
    resolution,
  };
}

const comparison = (entries: PlannedEntry[], more: Partial<Comparison> = {}): Comparison => ({
  entries,
  unchanged: 0,
  fromIndex: 0,
  ignored: 0,
  problems: [],
  compareMs: 1,
  ...more,
});

/** A plan of the five kinds, given out of path order. */
function mixedPlan(): SyncPlan {
  return new SyncPlan(
    'pair-1',
    comparison([
      entry('z-up.txt', 'upload'),
      entry('c-conflict.txt', 'conflict', 'skip'),
      entry('b-gone-remote.txt', 'deleteRemote'),
      entry('a-down.txt', 'download'),
      entry('d-conflict.txt', 'conflict', 'download'),
      entry('a-gone-local.txt', 'deleteLocal'),
    ]),
    T0,
  );
}

const refusal = (run: () => unknown): CoreError => {
  try {
    run();
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('SyncPlan: sections and summary', () => {
  it('orders entries by path and lists each in its section, with the times the page shows', () => {
    const plan = mixedPlan();
    const paths = (section: 'changes' | 'deletions' | 'conflicts') =>
      plan.page(section, 0, 10).entries.map((e) => [e.index, e.path, e.action]);
    expect(paths('changes')).toEqual([
      [0, 'a-down.txt', 'download'],
      [5, 'z-up.txt', 'upload'],
    ]);
    expect(paths('deletions')).toEqual([
      [1, 'a-gone-local.txt', 'deleteLocal'],
      [2, 'b-gone-remote.txt', 'deleteRemote'],
    ]);
    expect(paths('conflicts')).toEqual([
      [3, 'c-conflict.txt', 'conflict'],
      [4, 'd-conflict.txt', 'conflict'],
    ]);
    expect(plan.page('conflicts', 1, 10).entries[0]).toEqual({
      index: 4,
      path: 'd-conflict.txt',
      action: 'conflict',
      reason: 'bothChanged',
      local: { size: 10, modified: '2026-01-02T03:04:05.000Z' },
      remote: { size: 100, modified: '2026-01-02T03:04:06.000Z' },
      resolution: 'download',
    });
  });

  it('counts files and the bytes each kind moves (a conflict: the side its answer copies)', () => {
    const problems = Array.from({ length: LISTED_PROBLEMS + 3 }, (_, i) => ({
      path: `bad-${i}`,
      error: { code: 'LocalIOError' as const, message: 'unreadable' },
    }));
    const plan = new SyncPlan(
      'pair-1',
      comparison(mixedPlan().entries, { unchanged: 7, fromIndex: 5, ignored: 2, problems, compareMs: 42 }),
      T0,
    );
    const summary = plan.summary();
    expect(summary).toMatchObject({
      planId: plan.id,
      pairId: 'pair-1',
      createdAt: '2026-01-02T03:04:05.000Z',
      counts: {
        upload: { files: 1, bytes: 10 },
        download: { files: 1, bytes: 100 },
        deleteRemote: { files: 1, bytes: 100 },
        deleteLocal: { files: 1, bytes: 10 },
        // 'skip' counts the local side, 'download' the remote one.
        conflict: { files: 2, bytes: 110 },
      },
      sections: { changes: 2, deletions: 2, conflicts: 2 },
      unchanged: 7,
      ignored: 2,
      moreProblems: 3,
      compareMs: 42,
      fromIndex: 5,
    });
    expect(summary.problems).toHaveLength(LISTED_PROBLEMS);
    expect(summary.problems[0]?.path).toBe('bad-0');
  });
});

describe('SyncPlan: pages of 100,000 entries', () => {
  const ACTIONS: SyncAction[] = ['upload', 'download', 'deleteRemote', 'deleteLocal', 'conflict'];

  /** 100,000 entries whose `local` counts its reads: the page view reads it once per entry shown. */
  let reads = 0;
  class CountedEntry implements PlannedEntry {
    readonly action: SyncAction;
    readonly reason: SyncReason;
    readonly remote: RemoteObject | null;
    readonly resolution: SyncResolution | null;
    private readonly side: LocalFile | null;
    constructor(
      readonly path: string,
      i: number,
    ) {
      const planned = entry(path, ACTIONS[i % ACTIONS.length] ?? 'upload');
      this.action = planned.action;
      this.reason = planned.reason;
      this.remote = planned.remote;
      this.resolution = planned.action === 'conflict' ? 'skip' : null;
      this.side = planned.local;
    }
    get local(): LocalFile | null {
      reads++;
      return this.side;
    }
  }
  const plan = new SyncPlan(
    'pair-1',
    comparison(Array.from({ length: 100_000 }, (_, i) => new CountedEntry(`f/${String(i).padStart(6, '0')}.bin`, i))),
    T0,
  );

  it('reads only the entries of the page asked for, wherever it lies', () => {
    expect(plan.summary().sections).toEqual({ changes: 40_000, deletions: 40_000, conflicts: 20_000 });
    for (const [section, offset] of [
      ['changes', 0],
      ['changes', 39_900],
      ['deletions', 20_000],
      ['conflicts', 19_950],
    ] as const) {
      const before = reads;
      const page = plan.page(section, offset, 100);
      expect(reads - before).toBe(page.entries.length);
      expect(page.total).toBe(section === 'conflicts' ? 20_000 : 40_000);
      expect(page.entries).toHaveLength(section === 'conflicts' ? 50 : 100);
    }
    const last = plan.page('conflicts', 19_999, 500).entries[0];
    expect(last).toMatchObject({ index: 99_999, path: 'f/099999.bin', action: 'conflict' });
  });

  it('answers past the end with no entries and the total', () => {
    expect(plan.page('deletions', 40_000, 500)).toEqual({
      planId: plan.id,
      section: 'deletions',
      offset: 40_000,
      total: 40_000,
      entries: [],
    });
  });
});

describe('SyncPlan: answering conflicts', () => {
  it('answers the conflicts named', () => {
    const plan = mixedPlan();
    plan.resolve([3, 4], 'upload');
    expect(plan.page('conflicts', 0, 10).entries.map((e) => e.resolution)).toEqual(['upload', 'upload']);
    expect(plan.summary().counts.conflict).toEqual({ files: 2, bytes: 20 });
  });

  it('refuses the whole answer when an entry is not a conflict, or not in the plan', () => {
    const plan = mixedPlan();
    const notConflict = refusal(() => plan.resolve([3, 0], 'upload'));
    expect(notConflict.code).toBe('InvalidRequest');
    expect(notConflict.message).toMatch(/Only conflicts/);
    expect(refusal(() => plan.resolve([3, 6], 'upload')).message).toMatch(/no entry 6/);
    // Neither answer changed anything.
    expect(plan.page('conflicts', 0, 10).entries.map((e) => e.resolution)).toEqual(['skip', 'download']);
  });
});

describe('SyncPlan: what a run takes', () => {
  const none = { uploads: false, downloads: false, conflicts: false, deletions: false };
  const paths = (entries: PlannedEntry[]) => entries.map((e) => e.path);

  it('takes the parts chosen; deletions only when chosen; conflicts only when answered other than skip', () => {
    const plan = mixedPlan();
    expect(paths(plan.select({ ...none, uploads: true }))).toEqual(['z-up.txt']);
    expect(paths(plan.select({ ...none, downloads: true }))).toEqual(['a-down.txt']);
    expect(paths(plan.select({ ...none, deletions: true }))).toEqual(['a-gone-local.txt', 'b-gone-remote.txt']);
    expect(paths(plan.select({ ...none, conflicts: true }))).toEqual(['d-conflict.txt']);
    expect(paths(plan.select({ uploads: true, downloads: true, conflicts: true, deletions: false }))).toEqual([
      'a-down.txt',
      'd-conflict.txt',
      'z-up.txt',
    ]);
    expect(plan.select(none)).toEqual([]);
  });

  it('takes of `only` the entries in the parts chosen, each once', () => {
    const plan = mixedPlan();
    const everything = { uploads: true, downloads: true, conflicts: true, deletions: true };
    expect(paths(plan.select(everything, [5, 1, 5, 3]))).toEqual(['z-up.txt', 'a-gone-local.txt']);
    expect(paths(plan.select({ ...everything, deletions: false }, [1, 2, 5]))).toEqual(['z-up.txt']);
    expect(plan.select(everything, [])).toEqual([]);
    expect(refusal(() => plan.select(everything, [0, 99])).message).toMatch(/no entry 99/);
  });
});

describe('SyncPlan: what is left after a run', () => {
  const everything = { uploads: true, downloads: true, conflicts: true, deletions: true };

  it('keeps the entries not run as a new plan: new id, positions, sections and counts', () => {
    const plan = new SyncPlan(
      'pair-1',
      comparison([entry('z-up.txt', 'upload'), entry('a-down.txt', 'download'), entry('m-up.txt', 'upload')], {
        unchanged: 7,
        ignored: 2,
      }),
      T0,
    );
    const rest = plan.rest(plan.select(everything, [2]), T0 + 5000);
    expect(rest).not.toBeNull();
    if (rest === null) return;
    expect(rest.id).not.toBe(plan.id);
    expect(rest.pairId).toBe('pair-1');
    expect(rest.page('changes', 0, 10).entries.map((e) => [e.index, e.path])).toEqual([
      [0, 'a-down.txt'],
      [1, 'm-up.txt'],
    ]);
    const summary = rest.summary();
    expect(summary.sections).toEqual({ changes: 2, deletions: 0, conflicts: 0 });
    expect(summary.counts.upload).toEqual({ files: 1, bytes: 10 });
    expect(summary.counts.download).toEqual({ files: 1, bytes: 100 });
    expect(summary).toMatchObject({ unchanged: 7, ignored: 2, createdAt: new Date(T0 + 5000).toISOString() });
    // The plan it came from is unchanged (the store replaces it).
    expect(plan.summary().sections.changes).toBe(3);
  });

  it('leaves the deletions and unanswered conflicts of a run of the changes; nothing after a run of it all', () => {
    const plan = mixedPlan();
    const rest = plan.rest(plan.select({ ...everything, deletions: false }), T0);
    expect(rest?.summary().sections).toEqual({ changes: 0, deletions: 2, conflicts: 1 });
    expect(rest?.page('conflicts', 0, 10).entries.map((e) => [e.path, e.resolution])).toEqual([
      ['c-conflict.txt', 'skip'],
    ]);
    plan.resolve([3], 'upload');
    expect(plan.rest(plan.select(everything), T0)).toBeNull();
  });
});

describe('PlanStore', () => {
  it('keeps one plan per pair; a replaced or dropped plan is no longer current', () => {
    const plans = new PlanStore();
    const first = mixedPlan();
    const second = mixedPlan();
    plans.set(first);
    expect(plans.get(first.id)).toBe(first);
    plans.set(second);
    expect(plans.ofPair('pair-1')).toBe(second);
    expect(refusal(() => plans.get(first.id)).message).toMatch(/no longer current/);
    plans.drop('pair-1');
    expect(plans.ofPair('pair-1')).toBeNull();
    expect(refusal(() => plans.get(second.id)).code).toBe('InvalidRequest');
  });
});
