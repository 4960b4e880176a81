/** A smoke of the sync service through core.invoke: a pair, its plan, its run, and a second compare that finds nothing to do. */
import { mkdir, mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SYNC_SETTINGS, type SyncState } from '../../shared/sync';
import { indexFile } from '../../electron/core/sync/sync-index';
import { startHarness, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';

const s3 = s3OrSkip();

describe.skipIf(!s3)(s3Title('core: sync service smoke'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;
  let folder: string;

  beforeAll(async () => {
    h = await startHarness(info);
    bucket = await h.newBucket('sync-smoke');
    folder = await mkdtemp(path.join(os.tmpdir(), 'qs-sync-smoke-'));
  });
  afterAll(async () => {
    await h?.dispose();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  /** Resolves with the pair's summary once a 'sync:changed' event shows its run recorded and the pair idle. */
  const runEnded = (pairId: string) =>
    new Promise<SyncState>((resolve) => {
      const off = h.core.onEvent('sync:changed', (state) => {
        const pair = state.pairs.find((p) => p.id === pairId);
        const status = state.status.find((s) => s.pairId === pairId);
        if (pair?.lastRun && status?.activity.state === 'idle') {
          off();
          resolve(state);
        }
      });
    });

  it('plans three uploads, runs them, and then finds the folder in sync', async () => {
    const files = { 'a.txt': 'alpha', 'sub/b.bin': Buffer.alloc(70_000, 7), 'sub/deeper/c.txt': 'gamma' };
    for (const [rel, bytes] of Object.entries(files)) {
      const target = path.join(folder, ...rel.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, bytes);
    }
    const created = await h.call('sync:create', {
      accountId: h.accountId,
      bucket,
      prefix: 'backup/',
      localFolder: folder,
      ...DEFAULT_SYNC_SETTINGS,
    });
    if (created.kind !== 'created') throw new Error('the pair was not created');
    const pairId = created.pair.id;

    const plan = await h.call('sync:plan', { pairId });
    expect(plan.counts.upload.files).toBe(3);
    expect(plan.sections).toEqual({ changes: 3, deletions: 0, conflicts: 0 });
    const page = await h.call('sync:planPage', { planId: plan.planId, section: 'changes', offset: 0, limit: 10 });
    expect(page.entries.map((e) => [e.path, e.action, e.reason])).toEqual([
      ['a.txt', 'upload', 'new'],
      ['sub/b.bin', 'upload', 'new'],
      ['sub/deeper/c.txt', 'upload', 'new'],
    ]);

    const ended = runEnded(pairId);
    await h.call('sync:run', {
      planId: plan.planId,
      parts: { uploads: true, downloads: false, conflicts: false, deletions: false },
    });
    const state = await ended;
    expect(state.pairs.find((p) => p.id === pairId)?.lastRun).toMatchObject({
      uploaded: 3,
      failed: 0,
      changedDuringRun: [],
    });
    for (const [rel, bytes] of Object.entries(files))
      expect(await h.get(bucket, `backup/${rel}`)).toEqual(Buffer.from(bytes));

    const again = await h.call('sync:plan', { pairId });
    expect(again.sections).toEqual({ changes: 0, deletions: 0, conflicts: 0 });
    expect(again.unchanged).toBe(3);
    expect(again.fromIndex).toBe(3);
    expect((await stat(indexFile(await realpath(h.dataDir), pairId))).isFile()).toBe(true);
    expect(JSON.parse(await readFile(path.join(h.dataDir, 'sync-pairs.json'), 'utf8')).pairs).toHaveLength(1);
  });
});
