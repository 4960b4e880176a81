/**
 * Folder sync one way, against radosgw: upload only and download only, each with deleteMissing
 * off and on, on the scenario tree (sync-scenario.ts). The plan's entries are checked exactly,
 * the run's result byte for byte on both sides, and a second compare finds nothing to do,
 * answered entirely from the index. And an object rewritten at the same size by another client
 * after a sync, which the index sees by its ETag, whichever the direction.
 */
import { describe, expect, it } from 'vitest';
import type { SyncAction, SyncDirection } from '../../shared/sync';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { entryLines, useSyncBed, writeTree } from './sync-helpers';
import { runScenario } from './sync-scenario';

const s3 = s3OrSkip();

describe.skipIf(!s3)(s3Title('sync: one way'), { concurrent: true }, () => {
  const bed = useSyncBed(s3 as S3ServerInfo, 'sync-one-way');

  it('upload only, deletions off: new and changed files go up, remote-only objects stay', async () => {
    await runScenario(bed(), 'up-keep', { direction: 'upload', deleteMissing: false, conflicts: 'newer' });
  });

  it('upload only, deletions on: the bucket folder becomes the local folder (ignored objects stay)', async () => {
    await runScenario(bed(), 'up-delete', { direction: 'upload', deleteMissing: true, conflicts: 'newer' });
  });

  it('download only, deletions off: new and changed objects come down, local-only files stay', async () => {
    await runScenario(bed(), 'down-keep', { direction: 'download', deleteMissing: false, conflicts: 'newer' });
  });

  it('download only, deletions on: the local folder becomes the bucket folder (ignored files stay)', async () => {
    await runScenario(bed(), 'down-delete', { direction: 'download', deleteMissing: true, conflicts: 'newer' });
  });

  it.each<[SyncDirection, SyncAction]>([
    ['upload', 'upload'],
    ['download', 'download'],
    ['both', 'download'],
  ])(
    'sizeTime, %s: an object rewritten at the same size since the last sync is seen (%s)',
    async (direction, action) => {
      const { h, sync, bucket } = bed();
      const { prefix, local } = await bed().place(`same-size-${direction}`);
      await writeTree(local, { 'doc.txt': { bytes: 'version 1\n', mtimeMs: Date.now() - 3_600_000 } });
      await h.put(bucket, `${prefix}doc.txt`, 'version 1\n');
      const pair = await bed().createPair({ prefix, local }, { direction });
      expect(entryLines((await sync.plan(pair.id)).entries)).toEqual([]);

      await h.put(bucket, `${prefix}doc.txt`, 'version 9\n');
      expect(entryLines((await sync.plan(pair.id)).entries)).toEqual([['doc.txt', action, 'changed', null]]);
    },
  );
});
