/**
 * Watch, against radosgw: a pair that watches its folder uploads a file written into it once
 * the folder settles (a run with `watch: true`, awaited through 'sync:changed'); a deletion is
 * not run by the watch, nor is a download of an object only the bucket has.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncState } from '../../shared/sync';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { cleanRun, localHashes, remoteHashes, sorted, useSyncBed, writeTree } from './sync-helpers';
import { sha256 } from './transfer-helpers';

const s3 = s3OrSkip();
const WATCH_RUN_MS = 30_000;

describe.skipIf(!s3)(s3Title('sync: watch'), () => {
  const bed = useSyncBed(s3 as S3ServerInfo, 'sync-watch');

  it('uploads what is written into the folder; never deletes or downloads', async () => {
    const { h, sync, bucket } = bed();
    const { prefix, local } = await bed().place('watched');
    await h.put(bucket, `${prefix}only-remote.txt`, 'only in the bucket\n');

    const watching = new Promise<void>((resolve) => {
      const off = h.core.onEvent('sync:changed', (state: SyncState) => {
        if (state.status.some((s) => s.watching)) {
          off();
          resolve();
        }
      });
    });
    const pair = await bed().createPair({ prefix, local }, { watch: true, deleteMissing: true });
    await watching;
    expect((await sync.state()).status.find((s) => s.pairId === pair.id)?.watching).toBe(true);

    const firstRun = sync.nextRun(pair.id, (run) => run.watch, WATCH_RUN_MS);
    await writeTree(local, { 'notes/today.txt': 'written while watched\n' });
    const first = await firstRun;
    expect(first).toMatchObject(cleanRun({ uploaded: 1, watch: true }));
    expect(sha256(await h.get(bucket, `${prefix}notes/today.txt`))).toBe(
      sha256(Buffer.from('written while watched\n')),
    );

    // A deletion and a new file together: the new file goes up, the deleted one stays in the bucket.
    const secondRun = sync.nextRun(pair.id, (run) => run.watch && run.startedAt !== first.startedAt, WATCH_RUN_MS);
    await rm(path.join(local, 'notes', 'today.txt'));
    await writeTree(local, { 'later.txt': 'later\n' });
    expect(await secondRun).toMatchObject(cleanRun({ uploaded: 1, watch: true }));
    expect(sorted(await remoteHashes(h, bucket, prefix))).toEqual(
      sorted(
        new Map([
          ['later.txt', sha256(Buffer.from('later\n'))],
          ['notes/today.txt', sha256(Buffer.from('written while watched\n'))],
          ['only-remote.txt', sha256(Buffer.from('only in the bucket\n'))],
        ]),
      ),
    );
    expect([...(await localHashes(local)).keys()]).toEqual(['later.txt']);
  });
});
