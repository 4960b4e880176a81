import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../shared/errors';
import type { RequestOf } from '../../shared/contract';
import { MAX_DOWNLOAD_KEYS } from '../../shared/schemas';
import {
  DEFAULT_TRANSFER_SETTINGS,
  type BatchFinished,
  type ConflictQuestion,
  type TransferJobView,
} from '../../shared/transfers';
import { MAX_WINDOW, SPEED_SAMPLES } from '../../renderer/src/store/transfer-window';
import { PANEL_PREF } from '../../renderer/src/store/transfers-slice';
import { FakeAppApi, settle } from './fakes/fake-app-api';
import { bootWithBucket, type HarnessOptions } from './fakes/renderer-store';
import { deferred, job, listing, snapshot, totalsOf } from './fakes/transfers';

const ids = (jobs: readonly { id: string }[] | undefined) => (jobs ?? []).map((j) => j.id);

/** Polls a condition between macrotasks until it holds, failing after a deadline (no fixed sleeps). */
async function until(condition: () => boolean, what: string, deadlineMs = 5000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

async function setup(jobs: TransferJobView[] = [], options: HarnessOptions = {}, withTotals = false) {
  const api = new FakeAppApi();
  const state = { jobs, revision: 1, withTotals };
  api
    .on('transfers:list', listing(state))
    .on('settings:get', () => ok({ transfers: DEFAULT_TRANSFER_SETTINGS }))
    .on('objects:list', () => ok({ items: [], nextToken: null }));
  const h = await bootWithBucket(api, options);
  return { ...h, state, t: () => h.store.getState().transfers };
}

describe('transfers: loading and snapshots', () => {
  it('boot loads the settings and the first window, and takes the totals a listing carries', async () => {
    const jobs = [job('j1', { state: 'done', bytesDone: 1000 }), job('j2', { state: 'failed' })];
    const { api, t } = await setup(jobs, {}, true);
    expect(t().settings).toEqual(DEFAULT_TRANSFER_SETTINGS);
    expect(api.callsOf('transfers:list')).toEqual([{ filter: 'all', offset: 0, limit: 100 }]);
    expect(ids(t().page?.jobs)).toEqual(['j1', 'j2']);
    expect(t().totals?.byState.failed).toBe(1);
    expect(t().revision).toBe(1);
  });

  it('updates changed rows of the loaded window in place and leaves the others as they were', async () => {
    const jobs = [job('j1'), job('j2'), job('j3')];
    const { api, t } = await setup(jobs);
    const before = t().page;
    const running = job('j2', { state: 'running', bytesDone: 500, speed: 250, etaSeconds: 2 });
    const elsewhere = job('j99', { state: 'running' }); // not in the loaded window: ignored
    api.emit(
      'transfers:progress',
      snapshot([jobs[0] as TransferJobView, running, jobs[2] as TransferJobView], { changed: [running, elsewhere] }),
    );
    await settle();
    const after = t().page;
    expect(after?.jobs[1]).toEqual(running);
    expect(after?.jobs[0]).toBe(before?.jobs[0]);
    expect(after?.jobs[2]).toBe(before?.jobs[2]);
    expect(ids(after?.jobs)).toEqual(['j1', 'j2', 'j3']);
    expect(t().totals?.byState.running).toBe(1);
    // Same revision, counts agree: no listing again.
    expect(api.callsOf('transfers:list')).toHaveLength(1);
  });

  it('a new revision lists the visible window again; while the panel is closed it waits until it opens', async () => {
    const { api, state, t } = await setup([job('j1'), job('j2')]);
    t().togglePanel(true);
    await t().loadRange(0, 50);
    expect(api.callsOf('transfers:list')).toHaveLength(2);

    // One job cleared, one added: the count is the same, only the revision tells.
    state.jobs = [job('j1'), job('j3')];
    state.revision = 2;
    api.emit('transfers:progress', snapshot(state.jobs, { revision: 2 }));
    await settle();
    expect(api.callsOf('transfers:list')).toHaveLength(3);
    expect(api.callsOf('transfers:list')[2]).toEqual({ filter: 'all', offset: 0, limit: 50 });
    expect(ids(t().page?.jobs)).toEqual(['j1', 'j3']);
    expect(t().page?.revision).toBe(2);

    t().togglePanel(false);
    state.jobs = [...state.jobs, job('j4')];
    state.revision = 3;
    api.emit('transfers:progress', snapshot(state.jobs, { revision: 3 }));
    await settle();
    expect(api.callsOf('transfers:list')).toHaveLength(3);
    t().togglePanel(true);
    await settle();
    expect(api.callsOf('transfers:list')).toHaveLength(4);
    expect(t().page?.total).toBe(3);
  });

  it('lists again when a snapshot could not carry every change, or a filter gained a job', async () => {
    const jobs = [job('j1', { state: 'running' }), job('j2', { state: 'running' })];
    const { api, state, t } = await setup(jobs);
    t().togglePanel(true);
    api.emit('transfers:progress', snapshot(state.jobs, { changedTruncated: true }));
    await settle();
    expect(api.callsOf('transfers:list')).toHaveLength(2);

    t().setFilter('failed');
    await settle();
    expect(t().page?.total).toBe(0);
    const failed = job('j2', { state: 'failed', error: { code: 'Throttled', message: 'Too many requests.' } });
    state.jobs = [jobs[0] as TransferJobView, failed];
    api.emit('transfers:progress', snapshot(state.jobs, { changed: [failed] })); // same revision
    await settle();
    expect(ids(t().page?.jobs)).toEqual(['j2']);
    expect(api.callsOf('transfers:list').at(-1)).toMatchObject({ filter: 'failed' });
  });

  it('keeps one listing in flight and asks once more for the newest state, however many snapshots arrive', async () => {
    const { api, state, t } = await setup([job('j1')]);
    t().togglePanel(true);
    api.gate('transfers:list');
    for (let revision = 2; revision <= 6; revision++) {
      state.revision = revision;
      state.jobs = [...state.jobs, job(`n${revision}`)];
      api.emit('transfers:progress', snapshot(state.jobs, { revision }));
    }
    await settle();
    expect(api.heldCount('transfers:list')).toBe(1);
    await api.releaseNext('transfers:list');
    expect(api.heldCount('transfers:list')).toBe(1);
    await api.releaseNext('transfers:list');
    expect(api.heldCount('transfers:list')).toBe(0);
    expect(t().page?.revision).toBe(6);
    expect(t().page?.total).toBe(6);
  });

  it('drops a listing answered for the previous filter', async () => {
    const jobs = [job('j1', { state: 'done' }), job('j2', { state: 'failed' })];
    const { api, t } = await setup(jobs);
    api.gate('transfers:list');
    const loading = t().loadRange(0, 100);
    t().setFilter('failed');
    expect(t().page).toBeNull();
    await api.releaseNext('transfers:list'); // the "all" answer: stale
    expect(t().page).toBeNull();
    await api.releaseNext('transfers:list');
    await loading;
    expect(ids(t().page?.jobs)).toEqual(['j2']);
    expect(api.callsOf('transfers:list').slice(-2)).toEqual([
      { filter: 'all', offset: 0, limit: 100 },
      { filter: 'failed', offset: 0, limit: 100 },
    ]);
  });

  it('asks for at most 500 jobs at a time', async () => {
    const { api, t } = await setup();
    await t().loadRange(-5, 2000);
    expect(api.callsOf('transfers:list').at(-1)).toEqual({ filter: 'all', offset: 0, limit: MAX_WINDOW });
    expect(MAX_WINDOW).toBe(500);
  });

  it('shows a failed listing as the load error, cleared by the next good one', async () => {
    const { api, t } = await setup([job('j1')]);
    api.on('transfers:list', () => fail('NetworkError', 'The connection to the app host was lost.'));
    await t().loadRange(0, 100);
    expect(t().loadError?.code).toBe('NetworkError');
    expect(ids(t().page?.jobs)).toEqual(['j1']); // the rows already shown stay
    api.on('transfers:list', listing({ jobs: [job('j1')], revision: 1 }));
    await t().loadRange(0, 100);
    expect(t().loadError).toBeNull();
  });

  it('keeps one speed sample a second, the last 60', async () => {
    let now = 1_000_000;
    const { api, t } = await setup([], { now: () => now });
    for (let i = 0; i < 70; i++) {
      now += 1000;
      api.emit('transfers:progress', snapshot([], { totals: { ...totalsOf([]), speedUp: i, speedDown: 2 * i } }));
    }
    expect(t().speedHistory).toHaveLength(SPEED_SAMPLES);
    expect(t().speedHistory[0]).toMatchObject({ up: 10, down: 20 });
    expect(t().speedHistory.at(-1)).toMatchObject({ up: 69, down: 138, at: now });
    now += 100; // same second: the newest reading replaces that second's sample
    api.emit('transfers:progress', snapshot([], { totals: { ...totalsOf([]), speedUp: 5, speedDown: 0 } }));
    expect(t().speedHistory).toHaveLength(SPEED_SAMPLES);
    expect(t().speedHistory.at(-1)).toMatchObject({ up: 5, down: 0, at: now - 100 });
  });

  it('selects by click, ctrl-click toggles, shift-click takes the range; a filter change clears it', async () => {
    const { t } = await setup(['j1', 'j2', 'j3', 'j4', 'j5'].map((id) => job(id)));
    t().select('j2');
    t().select('j4', { range: true });
    expect([...t().selected].sort()).toEqual(['j2', 'j3', 'j4']);
    t().select('j1', { toggle: true });
    expect([...t().selected].sort()).toEqual(['j1', 'j2', 'j3', 'j4']);
    t().select('j1', { toggle: true });
    expect([...t().selected].sort()).toEqual(['j2', 'j3', 'j4']);
    t().select('j5');
    expect([...t().selected]).toEqual(['j5']);
    t().setFilter('done');
    expect(t().selected.size).toBe(0);
  });

  it('remembers whether the panel was open', async () => {
    const saved = new Map<string, string>();
    const prefs = { get: (k: string) => saved.get(k) ?? null, set: (k: string, v: string) => void saved.set(k, v) };
    const first = await setup([], { prefs });
    expect(first.t().panelOpen).toBe(false);
    first.t().togglePanel();
    expect(saved.get(PANEL_PREF)).toBe('open');
    const second = await setup([], { prefs });
    expect(second.t().panelOpen).toBe(true);
  });
});

describe('transfers: starting uploads and downloads', () => {
  const stageIds = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => `/upload/${(from + i).toString(16).padStart(32, '0')}`);
  const answerUpload = (req: RequestOf<'transfers:upload'>, from = 0) =>
    ok({
      batchId: req.batchId,
      stagePaths: req.sources.every((s) => s.kind === 'browser') ? stageIds(req.sources.length, from) : [],
    });

  it('uploadFiles queues the files, then PUTs each to its stage path, 4 at a time, and reports a failed PUT', async () => {
    const puts: { path: string; file: Blob; resolve: (r: Result<null>) => void }[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const { api, store, t, permission } = await setup([], {
      putStagedFile: (path, file) => {
        const d = deferred<Result<null>>();
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        puts.push({ path, file, resolve: (r) => (inFlight--, d.resolve(r)) });
        return d.promise;
      },
    });
    expect(permission.requests).toBe(0);
    api.on('transfers:upload', (req) => answerUpload(req));
    const files = Array.from({ length: 6 }, (_, i) => ({
      file: new File([`content ${i}`], `f${i}.txt`, { lastModified: 1_700_000_000_000 + i }),
      relativePath: `photos/f${i}.txt`,
    }));

    const result = await t().uploadFiles(files, { bucket: 'b1', prefix: 'docs/' });
    expect(result.ok).toBe(true);
    const [request] = api.callsOf('transfers:upload');
    expect(request).toMatchObject({ accountId: 'a1', bucket: 'b1', prefix: 'docs/', conflict: 'ask' });
    expect(request?.sources[0]).toEqual({
      kind: 'browser',
      relativePath: 'photos/f0.txt',
      size: 9,
      lastModified: 1_700_000_000_000,
    });
    expect(result.ok && result.value).toEqual({ batchId: request?.batchId, stagePaths: stageIds(6) });
    expect(t().panelOpen).toBe(true);

    await settle();
    expect(puts.map((p) => p.path)).toEqual(stageIds(4));
    expect(puts[0]?.file).toBe(files[0]?.file);
    puts[1]?.resolve(fail('InvalidRequest', 'This upload address is unknown or was already used.'));
    await settle();
    expect(puts).toHaveLength(5);
    for (const p of [...puts]) p.resolve(ok(null));
    await settle();
    expect(puts.map((p) => p.path)).toEqual(stageIds(6));
    for (const p of puts.slice(5)) p.resolve(ok(null));
    await settle();
    expect(maxInFlight).toBe(4);
    const errors = store.getState().ui.toasts.filter((toast) => toast.kind === 'error');
    expect(errors.map((e) => e.message)).toEqual([
      'Could not send photos/f1.txt: This upload address is unknown or was already used.',
    ]);
  });

  it('asks for notification permission once, on the first transfer the person starts', async () => {
    const h = await setup();
    h.api.on('transfers:upload', (req) => answerUpload(req));
    h.api.on('transfers:download', (req) => ok({ kind: 'started', batchId: req.batchId, targetDir: '/dl' }));
    h.store.getState().objects.open('b1', '');
    await h.t().uploadLocal(['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'], { bucket: 'b1', prefix: '' });
    await h.t().download(['a.txt'], '/dl');
    expect(h.permission.requests).toBe(1);
  });

  it('a drop of 2,500 files goes in calls of 1,000 under one batch, and every file is sent', async () => {
    const sent: string[] = [];
    const { api, t } = await setup([], {
      putStagedFile: (path) => {
        sent.push(path);
        return Promise.resolve(ok(null));
      },
    });
    let given = 0;
    api.on('transfers:upload', (req) => {
      const answer = answerUpload(req, given);
      given += req.sources.length;
      return answer;
    });
    const files = Array.from({ length: 2500 }, (_, i) => ({ file: new Blob(['x']), relativePath: `f${i}` }));
    const result = await t().uploadFiles(files, { bucket: 'b1', prefix: '' });
    const calls = api.callsOf('transfers:upload');
    expect(calls.map((c) => c.sources.length)).toEqual([1000, 1000, 500]);
    expect(new Set(calls.map((c) => c.batchId)).size).toBe(1);
    expect(result.ok && result.value.stagePaths).toEqual(stageIds(2500));
    await until(() => sent.length === 2500, 'all PUTs');
    expect(sent).toEqual(stageIds(2500));
  });

  it('uploadLocal queues local files by their handles into the open location and shows a refusal as a toast', async () => {
    const { api, store, t } = await setup();
    store.getState().objects.open('b1', 'docs/');
    api.on('transfers:upload', (req) => answerUpload(req));
    const result = await t().uploadLocal(['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'], {
      bucket: 'b1',
      prefix: 'docs/',
    });
    expect(result.ok).toBe(true);
    expect(api.callsOf('transfers:upload')[0]).toMatchObject({
      accountId: 'a1',
      bucket: 'b1',
      prefix: 'docs/',
      sources: [
        { kind: 'handle', handle: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
        { kind: 'handle', handle: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' },
      ],
    });

    api.on('transfers:upload', () => fail('AccessDenied', 'Access denied to b1.'));
    const refused = await t().uploadLocal(['bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'], { bucket: 'b1', prefix: '' });
    expect(refused.ok).toBe(false);
    expect(store.getState().ui.toasts.at(-1)?.message).toBe('Could not start the upload: Access denied to b1.');
  });

  it('download sends the keys relative to the current folder; a cancelled folder choice opens nothing', async () => {
    const { api, store, t } = await setup();
    store.getState().objects.open('b1', 'docs/');
    api.on('transfers:download', () => ok({ kind: 'cancelled' }));
    const cancelled = await t().download(['docs/a.txt'], null);
    expect(cancelled).toEqual(ok({ kind: 'cancelled' }));
    expect(t().panelOpen).toBe(false);

    api.on('transfers:download', (req) => ok({ kind: 'started', batchId: req.batchId, targetDir: '/home/me/dl' }));
    const started = await t().download(['docs/a.txt', 'docs/sub/'], '/home/me/dl', 'rename');
    expect(api.callsOf('transfers:download')[1]).toMatchObject({
      accountId: 'a1',
      bucket: 'b1',
      basePrefix: 'docs/',
      keys: ['docs/a.txt', 'docs/sub/'],
      targetDir: '/home/me/dl',
      conflict: 'rename',
    });
    expect(started.ok && started.value).toMatchObject({ kind: 'started', targetDir: '/home/me/dl' });
    expect(t().panelOpen).toBe(true);
  });

  it("Electron: further calls of a batch name the dialog's folder by the handle the host answered with", async () => {
    const { api, store, t } = await setup();
    store.getState().objects.open('b1', '');
    api.on('transfers:download', (req) =>
      ok({
        kind: 'started',
        batchId: req.batchId,
        targetDir: '/home/me/dl',
        targetDirHandle: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      }),
    );
    const keys = Array.from({ length: MAX_DOWNLOAD_KEYS + 1 }, (_, i) => `k${i}`);
    const started = await t().download(keys, null);
    expect(api.callsOf('transfers:download').map((c) => c.targetDir)).toEqual([
      null,
      { handle: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
    ]);
    expect(started.ok && started.value).toMatchObject({ kind: 'started', targetDir: '/home/me/dl' });
  });
});

describe('transfers: control, conflicts, notifications, settings', () => {
  it('control sends the action and target, skips an empty selection, and reports a failure', async () => {
    const { api, store, t } = await setup();
    api.on('transfers:control', () => ok({ affected: 1 }));
    await t().control('pause', { all: true });
    await t().control('retry', { jobIds: ['j1', 'j2'] });
    await t().control('cancel', { batchId: 'batch-1' });
    await t().control('resume', { jobIds: [] });
    expect(api.callsOf('transfers:control')).toEqual([
      { action: 'pause', target: { all: true } },
      { action: 'retry', target: { jobIds: ['j1', 'j2'] } },
      { action: 'cancel', target: { batchId: 'batch-1' } },
    ]);
    api.on('transfers:control', () => fail('NetworkError', 'The connection to the app host was lost.'));
    await t().control('resume', { all: true });
    expect(store.getState().ui.toasts.at(-1)?.message).toBe(
      'Could not resume: The connection to the app host was lost.',
    );
  });

  it('retryFailed retries exactly the failed jobs, collected page by page', async () => {
    const jobs = Array.from({ length: 1200 }, (_, i) => job(`j${i}`, { state: i % 2 === 0 ? 'failed' : 'cancelled' }));
    const { api, t } = await setup(jobs);
    api.on('transfers:control', () => ok({ affected: 600 }));
    await t().retryFailed();
    expect(api.callsOf('transfers:list').slice(1)).toEqual([
      { filter: 'failed', offset: 0, limit: 500 },
      { filter: 'failed', offset: 500, limit: 500 },
    ]);
    const [retry] = api.callsOf('transfers:control');
    expect(retry?.action).toBe('retry');
    expect(retry?.target).toEqual({ jobIds: jobs.filter((j) => j.state === 'failed').map((j) => j.id) });
  });

  it('keeps the snapshot’s conflicts and drops answered ones (the whole batch when applied to it)', async () => {
    const { api, t } = await setup();
    const question = (jobId: string, batchId: string): ConflictQuestion => ({
      jobId,
      batchId,
      direction: 'upload',
      name: `${jobId}.txt`,
      key: `${jobId}.txt`,
      localPath: `/home/me/${jobId}.txt`,
      existing: { size: 3, lastModified: null },
    });
    api.emit(
      'transfers:progress',
      snapshot([], { conflicts: [question('c1', 'A'), question('c2', 'A'), question('c3', 'B')] }),
    );
    expect(t().conflicts.map((c) => c.jobId)).toEqual(['c1', 'c2', 'c3']);
    api.on('transfers:resolveConflict', () => ok(null));
    await t().resolveConflict('c1', 'rename', true);
    expect(api.callsOf('transfers:resolveConflict')).toEqual([{ jobId: 'c1', choice: 'rename', applyToBatch: true }]);
    expect(t().conflicts.map((c) => c.jobId)).toEqual(['c3']);
    await t().resolveConflict('c3', 'skip', false);
    expect(t().conflicts).toEqual([]);
  });

  it('clearFinished asks the core and lists the window again', async () => {
    const { api, state, t } = await setup([job('j1', { state: 'done' }), job('j2', { state: 'failed' })]);
    api.on('transfers:clear', () => {
      state.jobs = [];
      state.revision = 2;
      return ok({ removed: 2 });
    });
    t().select('j1');
    await t().clearFinished(true);
    expect(api.callsOf('transfers:clear')).toEqual([{ includeFailed: true }]);
    expect(t().page?.total).toBe(0);
    expect(t().selected.size).toBe(0);
  });

  const batch: BatchFinished = {
    batchId: 'batch-7',
    label: 'photos',
    direction: 'upload',
    done: 12,
    failed: 1,
    skipped: 0,
    cancelled: 0,
  };

  it('announces a finished batch once with a desktop notification when permitted', async () => {
    const { api, store, notifications } = await setup([], { desktop: true });
    api.emit('transfers:progress', snapshot([], { finishedBatches: [batch] }));
    api.emit('transfers:progress', snapshot([], { finishedBatches: [batch] }));
    expect(notifications).toEqual([{ title: 'Upload finished', body: 'photos: 12 done, 1 failed' }]);
    expect(store.getState().ui.toasts).toEqual([]);
  });

  it('falls back to an in-app toast when desktop notifications are not permitted', async () => {
    const { api, store, notifications } = await setup([], { desktop: false });
    api.emit('transfers:progress', snapshot([], { finishedBatches: [batch] }));
    api.emit('transfers:progress', snapshot([], { finishedBatches: [{ ...batch, batchId: 'b8', failed: 0 }] }));
    expect(notifications).toEqual([]);
    expect(store.getState().ui.toasts.map((toast) => [toast.kind, toast.message, toast.detail])).toEqual([
      ['error', 'Upload finished: 12 done, 1 failed', 'photos'],
      ['info', 'Upload finished: 12 done', 'photos'],
    ]);
  });

  it('updateSettings sends the patch and keeps what the core answered', async () => {
    const { api, t } = await setup();
    api.on('settings:update', () =>
      ok({ transfers: { ...DEFAULT_TRANSFER_SETTINGS, jobsInParallel: 2, uploadBytesPerSecond: 1_000_000 } }),
    );
    const result = await t().updateSettings({ jobsInParallel: 2, uploadBytesPerSecond: 1_000_000 });
    expect(api.callsOf('settings:update')).toEqual([
      { transfers: { jobsInParallel: 2, uploadBytesPerSecond: 1_000_000 } },
    ]);
    expect(result.ok).toBe(true);
    expect(t().settings).toMatchObject({ jobsInParallel: 2, uploadBytesPerSecond: 1_000_000, partsInParallel: 4 });
  });
});
