/**
 * Folder sync with a QuickSync account (the stateful test server behind its contract
 * validator): pairs upload only (download and both ways are refused with the reason), a small
 * tree is uploaded as files named by their paths, a second compare finds nothing, and a changed
 * file is uploaded as a new file while the one it replaces is deleted.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICKSYNC_BUCKET } from '../../shared/quicksync';
import { DEFAULT_SYNC_SETTINGS } from '../../shared/sync';
import { QUICKSYNC_UPLOADS_ONLY } from '../../electron/core/sync/pair-checks';
import { expectNoViolations, startQuickSyncHarness, type QuickSyncHarness } from './quicksync-harness';
import { cleanRun, entryLines, syncClient, writeTree, type SyncClient } from './sync-helpers';
import { sha256 } from './transfer-helpers';

describe('sync: QuickSync pairs', () => {
  let h: QuickSyncHarness;
  let sync: SyncClient;

  beforeAll(async () => {
    h = await startQuickSyncHarness();
    sync = syncClient(h.core);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  /** Completed files on the server by name, with their content's SHA-256 and key. */
  const serverFiles = (): [string, string, string][] =>
    [...h.qs.server.files.values()]
      .filter((f) => f.completed)
      .map((f): [string, string, string] => [f.fileName ?? '', sha256(f.content!), f.fileKey])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  it('refuses to download or sync both ways, saying why', async () => {
    const localFolder = path.join(h.work, 'refused');
    await writeTree(localFolder, { 'x.txt': 'x\n' });
    const place = { accountId: h.accountId, bucket: QUICKSYNC_BUCKET, prefix: '', localFolder };
    for (const direction of ['download', 'both'] as const)
      expect(await h.fail('sync:create', { ...DEFAULT_SYNC_SETTINGS, ...place, direction })).toEqual({
        code: 'InvalidRequest',
        message: QUICKSYNC_UPLOADS_ONLY,
      });
    const pair = await sync.createPair(place);
    expect(await h.fail('sync:update', { pairId: pair.id, settings: { direction: 'both' } })).toEqual({
      code: 'InvalidRequest',
      message: QUICKSYNC_UPLOADS_ONLY,
    });
    await sync.call('sync:remove', { pairId: pair.id });
  });

  it('uploads a tree, finds nothing the second time, and replaces a changed file', async () => {
    const localFolder = path.join(h.work, 'tree');
    const tree = { 'a.txt': 'alpha\n', 'docs/b.txt': 'bravo\n', 'docs/deep/ü 🎉.txt': 'unicode\n', 'empty.txt': '' };
    await writeTree(localFolder, tree);
    const pair = await sync.createPair({ accountId: h.accountId, bucket: QUICKSYNC_BUCKET, prefix: '', localFolder });
    expect([pair.bucket, pair.prefix, pair.direction]).toEqual([QUICKSYNC_BUCKET, '', 'upload']);

    const plan = await sync.plan(pair.id);
    expect(entryLines(plan.entries)).toEqual(
      Object.keys(tree)
        .sort()
        .map((p) => [p, 'upload', 'new', null]),
    );
    expect(await sync.run(pair.id, plan.summary.planId)).toMatchObject(cleanRun({ uploaded: 4 }));
    const uploaded = serverFiles();
    expect(uploaded.map(([name, hash]) => [name, hash])).toEqual(
      Object.entries(tree)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([p, bytes]) => [p, sha256(Buffer.from(bytes))]),
    );

    const again = await sync.plan(pair.id);
    expect([entryLines(again.entries), again.summary.unchanged]).toEqual([[], 4]);

    await writeTree(localFolder, { 'a.txt': 'alpha, changed and longer\n' });
    const changed = await sync.plan(pair.id);
    expect(entryLines(changed.entries)).toEqual([['a.txt', 'upload', 'changed', null]]);
    expect(await sync.run(pair.id, changed.summary.planId)).toMatchObject(cleanRun({ uploaded: 1 }));
    const after = serverFiles();
    const oldKey = uploaded.find(([name]) => name === 'a.txt')![2];
    expect(after.filter(([name]) => name === 'a.txt').map(([, hash]) => hash)).toEqual([
      sha256(await readFile(path.join(localFolder, 'a.txt'))),
    ]);
    expect(h.qs.server.files.has(oldKey)).toBe(false);
    expect(after.filter(([name]) => name !== 'a.txt')).toEqual(uploaded.filter(([name]) => name !== 'a.txt'));
    expect(entryLines((await sync.plan(pair.id)).entries)).toEqual([]);
    expectNoViolations(h.qs);
  });
});
