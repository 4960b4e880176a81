/**
 * The sync slice over a fake API: pairs and status from 'sync:list' and 'sync:changed', the
 * compare and its failures, the paged window of a plan section, the selection by position
 * mapped to the plan's entry indices (paged from the core when not loaded), conflict answers,
 * runs of all or some of the plan, and deletions that only run on their own.
 */
import { describe, expect, it } from 'vitest';
import { MAX_SYNC_PAGE } from '../../shared/channels/sync';
import { fail, ok } from '../../shared/errors';
import {
  DEFAULT_SYNC_SETTINGS,
  type SyncEntry,
  type SyncPair,
  type SyncPairStatus,
  type SyncPlanSummary,
  type SyncSection,
  type SyncState,
} from '../../shared/sync';
import { currentPlan } from '../../renderer/src/store/sync-slice';
import { folderName, normalisePrefix, pairDot, remoteName } from '../../renderer/src/view-model/sync-format';
import { FakeAppApi, settle } from './fakes/fake-app-api';
import { bootWithBucket } from './fakes/renderer-store';

const PLAN = 'plan-1';

function pair(id: string, accountId = 'a1'): SyncPair {
  return {
    id,
    accountId,
    bucket: 'b1',
    prefix: 'photos/',
    localFolder: `/home/me/${id}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    lastRun: null,
    direction: 'both',
    compare: 'sizeTime',
    conflicts: 'ask',
    deleteMissing: true,
    ignore: '',
    watch: false,
  };
}

const idle = (pairId: string, planId: string | null = null): SyncPairStatus => ({
  pairId,
  activity: { state: 'idle' },
  planId,
  watching: false,
});

/** A plan with `sizes[section]` entries; entry indices are not positions (position × 3 + the section's number). */
function summary(sizes: Record<SyncSection, number>, planId = PLAN): SyncPlanSummary {
  const count = (files: number, bytes: number) => ({ files, bytes });
  return {
    planId,
    pairId: 'p1',
    createdAt: '2026-01-01T00:00:00.000Z',
    counts: {
      upload: count(sizes.changes, sizes.changes * 10),
      download: count(0, 0),
      deleteRemote: count(sizes.deletions, sizes.deletions * 100),
      deleteLocal: count(0, 0),
      conflict: count(sizes.conflicts, 0),
    },
    sections: sizes,
    unchanged: 5,
    ignored: 1,
    problems: [],
    moreProblems: 0,
    compareMs: 1200,
    fromIndex: 3,
  };
}

const SECTION_NUMBER: Record<SyncSection, number> = { changes: 0, conflicts: 1, deletions: 2 };

function entry(section: SyncSection, position: number): SyncEntry {
  const side = { size: 100, modified: '2026-01-01T00:00:00.000Z' };
  return {
    index: position * 3 + SECTION_NUMBER[section],
    path: `${section}/${position}.txt`,
    action: section === 'changes' ? 'upload' : section === 'conflicts' ? 'conflict' : 'deleteRemote',
    reason: section === 'changes' ? 'new' : section === 'conflicts' ? 'differs' : 'gone',
    local: section === 'deletions' ? null : side,
    remote: section === 'changes' ? null : side,
    resolution: section === 'conflicts' ? 'skip' : null,
  };
}

/** An API whose plan has these section sizes; planPage answers from them. */
async function withPlan(sizes: Record<SyncSection, number>) {
  const api = new FakeAppApi();
  const state: SyncState = { pairs: [pair('p1')], status: [idle('p1')] };
  api
    .on('sync:list', () => ok(state))
    .on('sync:plan', () => ok(summary(sizes)))
    .on('sync:planPage', ({ planId, section, offset, limit }) => {
      const total = sizes[section];
      const entries = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) =>
        entry(section, offset + i),
      );
      return ok({ planId, section, offset, total, entries });
    })
    .on('sync:run', () => ok(null))
    .on('sync:resolve', () => ok(summary(sizes)));
  const h = await bootWithBucket(api);
  const sync = () => h.store.getState().sync;
  sync().view('p1');
  await sync().compare('p1');
  api.emit('sync:changed', { pairs: [pair('p1')], status: [idle('p1', PLAN)] });
  await settle();
  return { ...h, sync };
}

describe('how a pair is named', () => {
  it('names the local folder by its last segment and the bucket folder without its slash', () => {
    expect(folderName('/home/me/Photos/')).toBe('Photos');
    expect(folderName('C:\\Users\\me\\Photos')).toBe('Photos');
    expect(folderName('/')).toBe('/');
    expect(remoteName({ bucket: 'b1', prefix: '' })).toBe('b1');
    expect(remoteName({ bucket: 'b1', prefix: 'a/b/' })).toBe('b1/a/b');
    expect(normalisePrefix(' /a/b// ')).toBe('a/b/');
    expect(normalisePrefix('/')).toBe('');
  });

  it('shows busy before watching, and nothing when idle', () => {
    expect(pairDot(undefined)).toBeNull();
    expect(pairDot(idle('p1'))).toBeNull();
    expect(pairDot({ ...idle('p1'), watching: true })).toBe('watching');
    const running = {
      state: 'running',
      planId: 'x',
      uploadBatchId: null,
      downloadBatchId: null,
      deleting: 0,
      progress: { files: 0, filesTotal: 0, bytes: 0, bytesTotal: 0 },
    } as const;
    expect(pairDot({ ...idle('p1'), watching: true, activity: running })).toBe('running');
  });
});

describe('sync pairs', () => {
  it('lists the pairs, follows the core, and closes the view when its pair goes or a folder opens', async () => {
    const api = new FakeAppApi().on('sync:list', () => ok({ pairs: [pair('p1'), pair('p2')], status: [idle('p1')] }));
    const { store } = await bootWithBucket(api);
    const sync = () => store.getState().sync;
    expect(sync().pairs.map((p) => p.id)).toEqual(['p1', 'p2']);

    sync().view('p2');
    api.emit('sync:changed', {
      pairs: [pair('p2')],
      status: [{ ...idle('p2'), activity: { state: 'comparing', localFiles: 10, remoteObjects: 4, hashedBytes: 0 } }],
    });
    expect(sync().status.p2?.activity).toMatchObject({ state: 'comparing', localFiles: 10 });
    expect(sync().viewing).toBe('p2');
    api.emit('sync:changed', { pairs: [pair('p1')], status: [] });
    expect(sync().viewing).toBeNull();

    sync().view('p1');
    store.getState().objects.open('b1', 'x/');
    expect(sync().viewing).toBeNull();
  });

  it('creates a pair and shows it; removing forgets it', async () => {
    const api = new FakeAppApi()
      .on('sync:list', () => ok({ pairs: [], status: [] }))
      .on('sync:create', () => ok({ kind: 'created', pair: pair('p9') }))
      .on('sync:remove', () => ok(null));
    const { store } = await bootWithBucket(api);
    const sync = () => store.getState().sync;
    const request = {
      accountId: 'a1',
      bucket: 'b1',
      prefix: 'photos/',
      localFolder: '/home/me/p9',
      ...DEFAULT_SYNC_SETTINGS,
    };
    expect((await sync().create(request)).ok).toBe(true);
    expect(api.callsOf('sync:create')).toEqual([request]);
    expect(sync().viewing).toBe('p9');
    expect((await sync().remove('p9')).ok).toBe(true);
    expect(sync().pairs).toEqual([]);
    expect(sync().viewing).toBeNull();
  });

  it('keeps the core message of a failed compare, and a cancelled one is no failure', async () => {
    const api = new FakeAppApi()
      .on('sync:list', () => ok({ pairs: [pair('p1')], status: [idle('p1')] }))
      .on('sync:plan', () => fail('AccessDenied', 'Access denied to bucket b1.'));
    const { store } = await bootWithBucket(api);
    const sync = () => store.getState().sync;
    await sync().compare('p1');
    expect(sync().failures.p1).toEqual({
      what: 'compare',
      error: { code: 'AccessDenied', message: 'Access denied to bucket b1.' },
    });
    api.on('sync:plan', () => fail('Cancelled', 'Cancelled.'));
    await sync().compare('p1');
    expect(sync().failures.p1).toBeUndefined();
  });
});

describe('the plan', () => {
  it('shows a plan only while the core holds it, and loads the first rows of the open section', async () => {
    const { api, sync } = await withPlan({ changes: 3, deletions: 0, conflicts: 0 });
    expect(currentPlan(sync(), 'p1')?.planId).toBe(PLAN);
    expect(api.callsOf('sync:planPage').at(-1)).toEqual({ planId: PLAN, section: 'changes', offset: 0, limit: 200 });
    expect(sync().page?.entries.map((e) => e.path)).toEqual(['changes/0.txt', 'changes/1.txt', 'changes/2.txt']);

    // Run: the plan is consumed, the list empties.
    api.emit('sync:changed', { pairs: [pair('p1')], status: [idle('p1', null)] });
    expect(currentPlan(sync(), 'p1')).toBeNull();
    expect(sync().page).toBeNull();
  });

  it('asks for the summary of a plan the status names and the page lacks (a reload, a partial run), once', async () => {
    const api = new FakeAppApi();
    api
      .on('sync:list', () => ok({ pairs: [pair('p1')], status: [idle('p1', 'plan-2')] }))
      .on('sync:planSummary', ({ planId }) =>
        planId === 'plan-gone'
          ? fail('InvalidRequest', 'This plan is no longer current: compare again.')
          : ok(summary({ changes: 2, deletions: 0, conflicts: 0 }, planId)),
      )
      .on('sync:planPage', ({ planId, section, offset }) =>
        ok({ planId, section, offset, total: 2, entries: [entry(section, 0), entry(section, 1)] }),
      );
    const { store } = await bootWithBucket(api);
    const sync = () => store.getState().sync;
    sync().view('p1');
    await settle();
    expect(api.callsOf('sync:planSummary')).toEqual([{ planId: 'plan-2' }]);
    expect(currentPlan(sync(), 'p1')?.planId).toBe('plan-2');
    expect(sync().page?.entries.map((e) => e.path)).toEqual(['changes/0.txt', 'changes/1.txt']);

    // What a run left: a new plan, asked for once however many events name it.
    api.emit('sync:changed', { pairs: [pair('p1')], status: [idle('p1', 'plan-3')] });
    api.emit('sync:changed', { pairs: [pair('p1')], status: [idle('p1', 'plan-3')] });
    await settle();
    expect(api.callsOf('sync:planSummary')).toEqual([{ planId: 'plan-2' }, { planId: 'plan-3' }]);
    expect(currentPlan(sync(), 'p1')?.planId).toBe('plan-3');
    expect(api.callsOf('sync:planPage').at(-1)).toMatchObject({ planId: 'plan-3' });

    // A plan replaced before its summary came: nothing shown, and no failure.
    api.emit('sync:changed', { pairs: [pair('p1')], status: [idle('p1', 'plan-gone')] });
    await settle();
    expect(currentPlan(sync(), 'p1')).toBeNull();
    expect(sync().failures).toEqual({});
  });

  it('pages a long section as it scrolls, and drops an answer for a section no longer open', async () => {
    const { api, sync } = await withPlan({ changes: 100_000, deletions: 10, conflicts: 0 });
    await sync().loadRange(99_700, 5_000);
    expect(api.callsOf('sync:planPage').at(-1)).toMatchObject({ offset: 99_700, limit: MAX_SYNC_PAGE });
    expect(sync().page).toMatchObject({ offset: 99_700, total: 100_000 });
    expect(sync().page?.entries.at(-1)?.path).toBe('changes/99999.txt');

    api.gate('sync:planPage');
    void sync().loadRange(0, 100);
    sync().setSection('deletions');
    await api.releaseNext('sync:planPage'); // the changes answer: dropped, the deletions asked instead
    expect(sync().page).toBeNull();
    await api.releaseNext('sync:planPage');
    expect(sync().page).toMatchObject({ section: 'deletions', total: 10 });
  });

  it('selects by position (click, Shift range, Ctrl toggle, keyboard) and clears it with another section', async () => {
    const { sync } = await withPlan({ changes: 1000, deletions: 0, conflicts: 2 });
    sync().select(5);
    sync().select(8, { range: true });
    expect([...sync().selected]).toEqual([5, 6, 7, 8]);
    sync().select(6, { toggle: true });
    expect([...sync().selected].sort((a, b) => a - b)).toEqual([5, 7, 8]);
    sync().moveFocus(2000, false); // End, clamped
    expect([...sync().selected]).toEqual([999]);
    expect(sync().focused).toBe(999);
    sync().moveFocus(997, true);
    expect([...sync().selected].sort((a, b) => a - b)).toEqual([997, 998, 999]);
    sync().setSection('conflicts');
    expect(sync().selected.size).toBe(0);
  });
});

describe('running the plan', () => {
  it('Sync runs uploads, downloads and answered conflicts, never deletions', async () => {
    const { api, sync } = await withPlan({ changes: 3, deletions: 2, conflicts: 1 });
    await sync().run('p1', 'all');
    expect(api.callsOf('sync:run')).toEqual([
      { planId: PLAN, parts: { uploads: true, downloads: true, conflicts: true, deletions: false } },
    ]);
  });

  it('Sync selected names the entries, paging the ones not loaded; the whole section goes by its parts', async () => {
    const { api, sync } = await withPlan({ changes: 1200, deletions: 0, conflicts: 0 });
    sync().select(1);
    sync().select(1100, { toggle: true }); // not in the loaded window (0–199)
    await sync().run('p1', 'selected');
    expect(api.callsOf('sync:planPage').at(-1)).toEqual({
      planId: PLAN,
      section: 'changes',
      offset: 1000,
      limit: MAX_SYNC_PAGE,
    });
    expect(api.callsOf('sync:run').at(-1)).toEqual({
      planId: PLAN,
      parts: { uploads: true, downloads: true, conflicts: true, deletions: false },
      only: [3, 3300],
    });

    sync().selectAll();
    await sync().run('p1', 'selected');
    expect(api.callsOf('sync:run').at(-1)).toEqual({
      planId: PLAN,
      parts: { uploads: true, downloads: true, conflicts: false, deletions: false },
    });
  });

  it('answers the selected conflicts and shows the rows again', async () => {
    const { api, sync } = await withPlan({ changes: 0, deletions: 0, conflicts: 4 });
    sync().setSection('conflicts');
    await settle();
    sync().select(1);
    sync().select(2, { range: true });
    const pages = api.callsOf('sync:planPage').length;
    await sync().resolve('upload');
    expect(api.callsOf('sync:resolve')).toEqual([{ planId: PLAN, indices: [4, 7], resolution: 'upload' }]);
    await settle();
    expect(api.callsOf('sync:planPage').length).toBe(pages + 1);
    await sync().resolve('download', [3]);
    expect(api.callsOf('sync:resolve').at(-1)).toEqual({ planId: PLAN, indices: [10], resolution: 'download' });
  });

  it('deletions: the confirmation names count and bytes; only confirmed deletions run, alone', async () => {
    const { api, sync } = await withPlan({ changes: 1, deletions: 3, conflicts: 0 });
    const all = await sync().deletionChoice('p1', 'all');
    expect(all).toEqual({
      pairId: 'p1',
      planId: PLAN,
      indices: null,
      remote: { files: 3, bytes: 300 },
      local: { files: 0, bytes: 0 },
    });
    sync().setSection('deletions');
    await settle();
    sync().select(0);
    sync().select(2, { toggle: true });
    const some = await sync().deletionChoice('p1', 'selected');
    expect(some).toMatchObject({ indices: [2, 8], remote: { files: 2, bytes: 200 } });
    expect(api.callsOf('sync:run')).toEqual([]);
    if (some === null) throw new Error('no choice');
    await sync().runDeletions(some);
    expect(api.callsOf('sync:run')).toEqual([
      { planId: PLAN, parts: { uploads: false, downloads: false, conflicts: false, deletions: true }, only: [2, 8] },
    ]);
    // "Sync selected" in the Deletions tab never deletes.
    await sync().run('p1', 'selected');
    expect(api.callsOf('sync:run')).toHaveLength(1);
  });

  it('shows why a run was refused', async () => {
    const { api, sync } = await withPlan({ changes: 1, deletions: 0, conflicts: 0 });
    api.on('sync:run', () => fail('InvalidRequest', 'The plan is out of date: compare again.'));
    await sync().run('p1', 'all');
    expect(sync().failures.p1).toEqual({
      what: 'run',
      error: { code: 'InvalidRequest', message: 'The plan is out of date: compare again.' },
    });
  });
});
