/**
 * Folder sync both ways, against radosgw: conflicts resolved by "newer wins" and by answers,
 * each with deleteMissing off and on, on the scenario tree (sync-scenario.ts); and a deletion
 * on one side of a file changed on the other since the last sync, which is never a deletion.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { cleanRun, entryLines, localHashes, remoteHashes, sorted, useSyncBed, writeTree } from './sync-helpers';
import { runScenario } from './sync-scenario';
import { sha256 } from './transfer-helpers';

const s3 = s3OrSkip();

describe.skipIf(!s3)(s3Title('sync: both ways'), { concurrent: true }, () => {
  const bed = useSyncBed(s3 as S3ServerInfo, 'sync-both-ways');

  it('newer wins, deletions off: what is gone on one side comes back from the other', async () => {
    await runScenario(bed(), 'both-newer-keep', { direction: 'both', deleteMissing: false, conflicts: 'newer' });
  });

  it('newer wins, deletions on: what was deleted on one side since the last sync is deleted on the other', async () => {
    await runScenario(bed(), 'both-newer-delete', { direction: 'both', deleteMissing: true, conflicts: 'newer' });
  });

  it('ask, deletions off: conflicts wait as "skip" until answered; the unanswered one stays', async () => {
    await runScenario(bed(), 'both-ask-keep', { direction: 'both', deleteMissing: false, conflicts: 'ask' });
  });

  it('ask, deletions on', async () => {
    await runScenario(bed(), 'both-ask-delete', { direction: 'both', deleteMissing: true, conflicts: 'ask' });
  });

  it('never deletes a file changed on the other side since the last sync: it is copied back instead', async () => {
    const { h, sync, bucket } = bed();
    const { prefix, local } = await bed().place('no-delete-changed');
    const old = Date.now() - 3_600_000;
    await writeTree(local, {
      'gone-here-changed-there.txt': { bytes: 'base\n', mtimeMs: old },
      'gone-there-changed-here.txt': { bytes: 'base\n', mtimeMs: old },
    });
    await h.put(bucket, `${prefix}gone-here-changed-there.txt`, 'base\n');
    await h.put(bucket, `${prefix}gone-there-changed-here.txt`, 'base\n');
    const pair = await bed().createPair({ prefix, local }, { direction: 'both', deleteMissing: true });
    expect(entryLines((await sync.plan(pair.id)).entries)).toEqual([]);

    await rm(path.join(local, 'gone-here-changed-there.txt'));
    await h.put(bucket, `${prefix}gone-here-changed-there.txt`, 'changed there\n');
    await writeTree(local, {
      'gone-there-changed-here.txt': { bytes: 'changed here\n', mtimeMs: Date.now() + 600_000 },
    });
    await h.sdk.send(new DeleteObjectCommand({ Bucket: bucket, Key: `${prefix}gone-there-changed-here.txt` }));

    const plan = await sync.plan(pair.id);
    expect(entryLines(plan.entries)).toEqual([
      ['gone-here-changed-there.txt', 'download', 'new', null],
      ['gone-there-changed-here.txt', 'upload', 'new', null],
    ]);
    expect(await sync.run(pair.id, plan.summary.planId)).toMatchObject(cleanRun({ uploaded: 1, downloaded: 1 }));
    const both = [
      ['gone-here-changed-there.txt', sha256(Buffer.from('changed there\n'))],
      ['gone-there-changed-here.txt', sha256(Buffer.from('changed here\n'))],
    ];
    expect(sorted(await localHashes(local))).toEqual(both);
    expect(sorted(await remoteHashes(h, bucket, prefix))).toEqual(both);
    expect(entryLines((await sync.plan(pair.id)).entries)).toEqual([]);
  });
});
