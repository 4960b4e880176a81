// The saved sync pairs: a hand-edited or damaged sync-pairs.json loses only the pairs that
// cannot be read, says which and why, keeps the file as it was, and the page hears it.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SYNC_SETTINGS, type SyncPair } from '../../shared/sync';
import { openPairStore, PAIRS_FILE } from '../../electron/core/sync/pair-store';
import { createSyncService } from '../../electron/core/sync/service';
import type { TransferQueue } from '../../electron/core/transfers/queue';

const T0 = Date.UTC(2026, 0, 2, 3, 4, 5);

const pair = (id: string, more: Partial<SyncPair> = {}): SyncPair => ({
  id,
  accountId: 'account-1',
  bucket: 'photos',
  prefix: 'backup/',
  localFolder: `/home/me/${id}`,
  createdAt: '2026-01-01T00:00:00.000Z',
  lastRun: null,
  ...DEFAULT_SYNC_SETTINGS,
  ...more,
});

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-sync-pairs-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const pairsFile = () => path.join(dataDir, PAIRS_FILE);
const keptFiles = async () => (await readdir(dataDir)).filter((name) => name.startsWith('sync-pairs.left-out-'));

describe('openPairStore', () => {
  it('starts empty without a file, and saves what is put', async () => {
    const { store, dropped } = await openPairStore(dataDir);
    expect(store.list()).toEqual([]);
    expect(dropped).toEqual([]);
    await store.put(pair('p1'));
    await store.put(pair('p2'));
    await store.remove('p1');
    const reopened = await openPairStore(dataDir);
    expect(reopened.store.list()).toEqual([pair('p2')]);
    expect(() => reopened.store.get('p1')).toThrow(/no longer exists/);
  });

  it('keeps the valid pairs, leaves out the bad ones saying why, and keeps the file as it was', async () => {
    const original = JSON.stringify({
      pairs: [
        pair('good-1'),
        { ...pair('bad-direction'), direction: 'sideways' },
        pair('good-1', { localFolder: '/home/me/twin' }),
        { ...pair('relative'), localFolder: 'photos' },
        'not a pair',
        pair('good-2', { direction: 'both', watch: true }),
      ],
    });
    await writeFile(pairsFile(), original);

    const { store, dropped } = await openPairStore(dataDir, () => T0);
    expect(store.list().map((p) => p.id)).toEqual(['good-1', 'good-2']);
    expect(store.get('good-1').localFolder).toBe('/home/me/good-1');
    const kept = path.join(dataDir, 'sync-pairs.left-out-2026-01-02T03-04-05-000Z.json');
    expect(dropped).toEqual([
      expect.stringMatching(/^The pair 2 \(\/home\/me\/bad-direction\) was left out: direction: /),
      'The pair 3 (/home/me/twin) was left out: its id is used twice.',
      'The pair 4 (photos) was left out: localFolder: The folder must be an absolute path.',
      expect.stringMatching(/^The pair 5 was left out: entry: /),
      `The file as it was is kept in ${kept}.`,
    ]);
    expect(await readFile(kept, 'utf8')).toBe(original);

    // The file now holds the pairs that could be read: the next start has nothing to say.
    const again = await openPairStore(dataDir, () => T0 + 1000);
    expect(again.dropped).toEqual([]);
    expect(again.store.list()).toEqual(store.list());
    expect(await keptFiles()).toEqual([path.basename(kept)]);
  });

  it.each([
    ['not JSON', '{"pairs": [', 'The file is not valid JSON: no pair could be read.'],
    ['no list of pairs', '{"pairs": {}}', 'The file holds no list of pairs.'],
    ['null', 'null', 'The file holds no list of pairs.'],
  ])('reads no pair from a file that is %s, and keeps it', async (_name, text, reason) => {
    await writeFile(pairsFile(), text);
    const { store, dropped } = await openPairStore(dataDir, () => T0);
    expect(store.list()).toEqual([]);
    expect(dropped[0]).toBe(reason);
    expect(dropped).toHaveLength(2);
    const [kept] = await keptFiles();
    expect(await readFile(path.join(dataDir, kept ?? ''), 'utf8')).toBe(text);
    expect(JSON.parse(await readFile(pairsFile(), 'utf8'))).toEqual({ pairs: [] });
  });
});

describe('the sync service tells the page what was left out', () => {
  const start = () =>
    createSyncService({
      dataDir,
      host: () => ({}),
      capabilities: () => Promise.reject(new Error('no account in this test')),
      transfersFor: () => Promise.reject(new Error('no account in this test')),
      queue: {} as TransferQueue,
      onSnapshot: () => () => {},
      emit: () => {},
    });

  it('as notices in the state, until the next start', async () => {
    await writeFile(pairsFile(), JSON.stringify({ pairs: [pair('good'), { ...pair('bad'), compare: 'guess' }] }));
    const first = await start();
    const state = await first.handlers['sync:list']({});
    expect(state.pairs.map((p) => p.id)).toEqual(['good']);
    expect(state.notices).toEqual([
      expect.stringMatching(/^The pair 2 \(\/home\/me\/bad\) was left out: compare: /),
      expect.stringMatching(/^The file as it was is kept in .*sync-pairs\.left-out-.*\.json\.$/),
    ]);
    await first.dispose();

    const second = await start();
    const quiet = await second.handlers['sync:list']({});
    expect(quiet).toEqual({ pairs: [pair('good')], status: [expect.objectContaining({ pairId: 'good' })] });
    expect('notices' in quiet).toBe(false);
    await second.dispose();
  });
});
