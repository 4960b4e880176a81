/**
 * Sync interop with the tools people switch from: a tree synced by `aws s3 sync` or `rclone sync`
 * is in sync for ours (compared by size and time, and by content), and a tree ours synced is in
 * sync for them (their dry runs find nothing to copy), both ways. The tree has a multipart file:
 * every client splits it (aws-cli and rclone with 5 MiB parts, ours with 9 MiB parts above a
 * 5 MiB threshold), so multipart ETags of all three are compared by content. 9 MiB is no part
 * size anyone guesses, and radosgw ignores partNumber on HEAD: only the whole file's MD5 our sync
 * records (as rclone does) tells ours and rclone that the object holds the file's bytes. A new
 * file at the end shows the dry runs do report a difference when there is one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncCompare, SyncDirection, SyncPlanSummary } from '../../shared/sync';
import { MiB } from '../../shared/transfers';
import { rcloneMtime } from '../../electron/worker/upload-options';
import { awsCli, awsCliSkipReason, type AwsCli } from './aws-cli';
import { RCLONE_REMOTE, rclone, rcloneSkipReason, type Rclone } from './rclone';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { cleanRun, localHashes, remoteHashes, sorted, startSyncBed, writeTree, type SyncBed } from './sync-helpers';
import { updateTransferSettings } from './transfer-helpers';

const s3 = s3OrSkip();
const peersMissing = s3 ? (awsCliSkipReason() ?? rcloneSkipReason()) : null;

/** The peers' parts (aws-cli "5MB" and rclone "5M" are both MiB). */
const PEER_PART = '5MB';
/** Ours: a part size nothing can tell from the object on radosgw. */
const OUR_PART = 9 * MiB;
/** Two days back, with a fraction of a second: files older than any upload, as they usually are. */
const OLD = Date.now() - 2 * 86_400_000 + 0.25;

const TREE = {
  'a.txt': { bytes: 'hello', mtimeMs: OLD },
  'empty.bin': { bytes: '', mtimeMs: OLD },
  'space name.txt': { bytes: 'with a space', mtimeMs: OLD - 1000 },
  'docs/readme.md': { bytes: '# readme\n', mtimeMs: OLD },
  'docs/deep/nested/data.json': { bytes: '{"n":1}', mtimeMs: OLD - 60_000 },
  'ünïcödé/naïve café.txt': { bytes: 'unicode', mtimeMs: OLD },
  'media/small.bin': { bytes: randomBytes(100 * 1024), mtimeMs: OLD },
  'media/big.bin': { bytes: randomBytes(12 * MiB + 12_345), mtimeMs: OLD },
};
const FILES = Object.keys(TREE).length;

describe.skipIf(!s3 || peersMissing !== null)(s3Title('sync: interop with aws s3 sync and rclone sync'), () => {
  const info = s3 as S3ServerInfo;
  let bed: SyncBed;
  let aws: AwsCli;
  let rc: Rclone;
  /** The tree every client syncs from. */
  let source: string;

  beforeAll(async () => {
    bed = await startSyncBed(info, 'sync-interop');
    const config = path.join(bed.dir, 'aws-config');
    await writeFile(
      config,
      `[default]\ns3 =\n  multipart_threshold = ${PEER_PART}\n  multipart_chunksize = ${PEER_PART}\n`,
    );
    aws = awsCli(info, config);
    rc = rclone(info);
    await updateTransferSettings(bed.h, { multipartThresholdBytes: 5 * MiB, partSizeBytes: OUR_PART });
    source = await bed.folder('source');
    await writeTree(source, TREE);
  });
  afterAll(async () => {
    rc?.dispose();
    await bed?.dispose();
  });

  const s3Url = (prefix: string): string => `s3://${bed.bucket}/${prefix}`;
  const remote = (prefix: string): string => `${RCLONE_REMOTE}:${bed.bucket}/${prefix}`;
  const rcloneS3 = ['--s3-upload-cutoff', '5M', '--s3-chunk-size', '5M'];

  /** What `aws s3 sync --dryrun` would do (one "(dryrun) …" line per file). */
  const awsDryRun = async (from: string, to: string): Promise<string[]> =>
    (await aws.s3('sync', '--dryrun', '--no-progress', from, to))
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  /** What `rclone sync --dry-run` would do: its "Skipped …" notices (copies, deletions, times). */
  const rcloneDryRun = async (from: string, to: string): Promise<string[]> =>
    (await rc.run('sync', '--dry-run', ...rcloneS3, from, to)).stderr
      .split('\n')
      .filter((line) => line.includes('Skipped'));

  /** A new pair, its first comparison (no index yet), and the pair forgotten again. */
  const firstPlan = async (
    localFolder: string,
    prefix: string,
    direction: SyncDirection,
    compare: SyncCompare,
  ): Promise<SyncPlanSummary> => {
    const { h, sync, bucket } = bed;
    const pair = await sync.createPair({ accountId: h.accountId, bucket, prefix, localFolder }, { direction, compare });
    try {
      return (await sync.plan(pair.id)).summary;
    } finally {
      await sync.call('sync:remove', { pairId: pair.id });
    }
  };
  /** Nothing to do: every file compared the same, none answered by an index. */
  const expectInSync = async (localFolder: string, prefix: string, direction: SyncDirection): Promise<void> => {
    for (const compare of ['sizeTime', 'content'] as const) {
      const summary = await firstPlan(localFolder, prefix, direction, compare);
      const moved = Object.fromEntries(Object.entries(summary.counts).filter(([, c]) => c.files > 0));
      expect({ compare, moved, sections: summary.sections, problems: summary.problems }).toEqual({
        compare,
        moved: {},
        sections: { changes: 0, deletions: 0, conflicts: 0 },
        problems: [],
      });
      expect([compare, summary.unchanged, summary.fromIndex]).toEqual([compare, FILES, 0]);
    }
  };
  const expectSameBytes = async (localFolder: string, prefix: string): Promise<void> => {
    expect(sorted(await remoteHashes(bed.h, bed.bucket, prefix))).toEqual(sorted(await localHashes(source)));
    expect(sorted(await localHashes(localFolder))).toEqual(sorted(await localHashes(source)));
  };

  it('a tree uploaded by `aws s3 sync` is in sync for ours, by size and time and by content', async () => {
    await aws.s3('sync', '--no-progress', source, s3Url('p1'));
    await expectSameBytes(source, 'p1/');
    await expectInSync(source, 'p1/', 'upload');
  });

  it('a tree uploaded by `rclone sync` is in sync for ours, by size and time and by content', async () => {
    await rc.run('sync', ...rcloneS3, source, remote('p2'));
    await expectSameBytes(source, 'p2/');
    await expectInSync(source, 'p2/', 'upload');
  });

  it('a tree ours uploaded is in sync for `aws s3 sync`, `rclone sync` and ours with no index (by the mtime and MD5 it records)', async () => {
    const { h, sync, bucket } = bed;
    const pair = await sync.createPair({ accountId: h.accountId, bucket, prefix: 'p3/', localFolder: source });
    const { summary } = await sync.plan(pair.id);
    expect(summary.counts.upload.files).toBe(FILES);
    expect(await sync.run(pair.id, summary.planId)).toMatchObject(cleanRun({ uploaded: FILES }));
    await expectSameBytes(source, 'p3/');
    // The multipart upload (9 MiB and the rest) carries the file's time and MD5 as rclone writes them.
    const big = await h.sdk.send(new HeadObjectCommand({ Bucket: bucket, Key: 'p3/media/big.bin' }));
    const { mtimeNs } = await stat(path.join(source, 'media', 'big.bin'), { bigint: true });
    const md5chksum = createHash('md5').update(TREE['media/big.bin'].bytes).digest('base64');
    expect([big.ETag?.endsWith('-2"'), big.Metadata]).toEqual([true, { mtime: rcloneMtime(mtimeNs), md5chksum }]);
    await sync.call('sync:remove', { pairId: pair.id });

    expect(await awsDryRun(source, s3Url('p3'))).toEqual([]);
    // Size and the x-amz-meta-mtime ours wrote match: rclone would not even touch a time.
    expect(await rcloneDryRun(source, remote('p3'))).toEqual([]);
    // A new pair has no index: by content, the multipart file is told by its recorded MD5.
    await expectInSync(source, 'p3/', 'upload');
  });

  it('trees downloaded by `aws s3 sync` and `rclone sync` are in sync for ours', async () => {
    const byAws = await bed.folder('by-aws');
    await aws.s3('sync', '--no-progress', s3Url('p1'), byAws);
    await expectSameBytes(byAws, 'p1/');
    await expectInSync(byAws, 'p1/', 'download');

    const byRclone = await bed.folder('by-rclone');
    await rc.run('sync', remote('p2'), byRclone);
    await expectSameBytes(byRclone, 'p2/');
    await expectInSync(byRclone, 'p2/', 'download');
  });

  it('a tree ours downloaded is in sync for `aws s3 sync` and `rclone sync`', async () => {
    const { h, sync, bucket } = bed;
    const byOurs = await bed.folder('by-ours');
    const pair = await sync.createPair(
      { accountId: h.accountId, bucket, prefix: 'p3/', localFolder: byOurs },
      { direction: 'download' },
    );
    const { summary } = await sync.plan(pair.id);
    expect(summary.counts.download.files).toBe(FILES);
    expect(await sync.run(pair.id, summary.planId)).toMatchObject(cleanRun({ downloaded: FILES }));
    await expectSameBytes(byOurs, 'p3/');
    await sync.call('sync:remove', { pairId: pair.id });
    // Every file has its object's time to the millisecond, as the listing gives it.
    const listed = await h.sdk.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'p3/' }));
    const times = await Promise.all(
      (listed.Contents ?? []).map(async ({ Key, LastModified }) => {
        const file = path.join(byOurs, ...(Key ?? '').slice('p3/'.length).split('/'));
        return [(await stat(file)).mtimeMs - (LastModified?.getTime() ?? NaN), Key];
      }),
    );
    expect(times).toEqual((listed.Contents ?? []).map(({ Key }) => [0, Key]));

    expect(await awsDryRun(s3Url('p3'), byOurs)).toEqual([]);
    // Same sizes and MD5s where rclone has them (single-part ETags).
    await rc.run('check', '--one-way', remote('p3'), byOurs);
    // Nothing to copy or delete. Where a file's time is not the object's x-amz-meta-mtime,
    // rclone compares MD5s (the multipart file's by the md5chksum ours recorded) and, when they
    // match, would only set the file's time.
    const rcloneWould = await rcloneDryRun(remote('p3'), byOurs);
    expect(rcloneWould.filter((line) => !line.includes('Skipped update modification time'))).toEqual([]);
  });

  it('the dry runs do report a difference: a file added to the tree', async () => {
    await writeFile(path.join(source, 'added.txt'), 'new');
    const awsWould = await awsDryRun(source, s3Url('p3'));
    expect(awsWould).toHaveLength(1);
    // aws-cli names the file relative to the working directory.
    expect(awsWould[0]).toMatch(
      new RegExp(`^\\(dryrun\\) upload: \\S*/source/added\\.txt to ${s3Url('p3')}/added\\.txt$`),
    );
    const rcloneWould = await rcloneDryRun(source, remote('p3'));
    expect(rcloneWould).toHaveLength(1);
    expect(rcloneWould[0]).toContain('added.txt: Skipped copy as --dry-run is set');
  });
});
