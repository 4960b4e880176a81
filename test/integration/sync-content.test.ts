/**
 * Compare by content against radosgw: multipart objects whose local files are identical but
 * newer are changed for sizeTime and the same for content, so nothing is uploaded (counted at a
 * proxy) — parts of 5 and 8 MiB (the usual sizes), and of 6 MiB with rclone's whole-file MD5 in
 * the metadata. radosgw ignores partNumber on HEAD, so 6 MiB parts without that checksum cannot
 * be told and count as different. Bytes that differ at the same size are found by content only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiB } from '../../shared/transfers';
import { startFaultProxy, type FaultProxy } from '../servers/fault-proxy';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { cleanRun, entryLines, startSyncBed, uploadInParts, writeTree, type SyncBed } from './sync-helpers';
import { endpointTarget, proxiedAccount, sha256 } from './transfer-helpers';

const s3 = s3OrSkip();

describe.skipIf(!s3)(s3Title('sync: compare by content'), () => {
  const info = s3 as S3ServerInfo;
  let bed: SyncBed;
  let proxy: FaultProxy;
  let viaProxy: string;

  beforeAll(async () => {
    bed = await startSyncBed(info, 'sync-content');
    proxy = await startFaultProxy({ target: endpointTarget(info.endpoint) });
    viaProxy = await proxiedAccount(bed.h, info, proxy.url);
  });
  afterAll(async () => {
    await bed?.dispose();
    await proxy?.close();
  });

  const head = async (key: string) => {
    const out = await bed.h.sdk.send(new HeadObjectCommand({ Bucket: bed.bucket, Key: key }));
    return [out.ETag, out.LastModified?.toISOString()];
  };
  const puts = (from: number): string[] =>
    proxy.stats.requests
      .slice(from)
      .filter((r) => r.method === 'PUT' || r.method === 'POST')
      .map((r) => `${r.method} ${decodeURIComponent(r.path)}`);

  it('identical multipart and single-part files with a newer mtime: sizeTime uploads, content uploads nothing', async () => {
    const { h, sync, bucket } = bed;
    const prefix = 'same/';
    const local = await bed.folder('same');
    const files: Record<string, [Buffer, number]> = {
      'twenty.bin': [randomBytes(20 * MiB), 5 * MiB],
      'eight.bin': [randomBytes(17 * MiB + 3), 8 * MiB],
      'six with checksum.bin': [randomBytes(13 * MiB + 12_345), 6 * MiB],
      'six, nothing tells.bin': [randomBytes(13 * MiB + 12_345), 6 * MiB],
      'small.txt': [Buffer.from('single part\n'), 0],
    };
    for (const [name, [bytes, partSize]] of Object.entries(files)) {
      const md5chksum = createHash('md5').update(bytes).digest('base64');
      const metadata = name.includes('checksum') ? { md5chksum } : undefined;
      if (partSize) await uploadInParts(h.sdk, bucket, prefix + name, bytes, partSize, metadata);
      else await h.put(bucket, prefix + name, bytes);
    }
    expect((await head(`${prefix}twenty.bin`))[0]).toMatch(/-4"$/);
    expect((await head(`${prefix}eight.bin`))[0]).toMatch(/-3"$/);
    expect((await head(`${prefix}six with checksum.bin`))[0]).toMatch(/-3"$/);
    const newer = Date.now() + 3_600_000;
    await writeTree(
      local,
      Object.fromEntries(Object.entries(files).map(([n, [b]]) => [n, { bytes: b, mtimeMs: newer }])),
    );
    const before = await Promise.all(Object.keys(files).map((n) => head(prefix + n)));

    const pair = await sync.createPair({ accountId: viaProxy, bucket, prefix, localFolder: local });
    expect(entryLines((await sync.plan(pair.id)).entries)).toEqual(
      Object.keys(files)
        .sort()
        .map((name) => [name, 'upload', 'changed', null]),
    );

    await sync.call('sync:update', { pairId: pair.id, settings: { compare: 'content' } });
    const from = proxy.stats.requests.length;
    const plan = await sync.plan(pair.id);
    expect(entryLines(plan.entries)).toEqual([['six, nothing tells.bin', 'upload', 'changed', null]]);
    expect([plan.summary.unchanged, plan.summary.fromIndex]).toEqual([4, 0]);
    // The run sends the one file nothing could tell, and no byte of the others.
    expect(await sync.run(pair.id, plan.summary.planId)).toMatchObject(cleanRun({ uploaded: 1 }));
    expect(new Set(puts(from))).toEqual(new Set([`PUT /${bucket}/${prefix}six, nothing tells.bin`]));
    const kept = Object.keys(files).map((n, i) => [n, before[i]] as const);
    for (const [name, was] of kept.filter(([n]) => !n.startsWith('six,')))
      expect(await head(prefix + name), name).toEqual(was);

    // Every verdict and the upload were indexed: the next compare hashes nothing.
    const again = await sync.plan(pair.id);
    expect([entryLines(again.entries), again.summary.unchanged, again.summary.fromIndex]).toEqual([[], 5, 5]);
  });

  /** A 20 MiB multipart object and a local file of the same size, older, one byte different. */
  async function sameSizeDifferent(name: string) {
    const prefix = `${name}/`;
    const local = await bed.folder(name);
    const theirs = randomBytes(20 * MiB);
    const mine = Buffer.from(theirs);
    mine[12 * MiB] = (mine[12 * MiB]! + 1) % 256;
    await writeTree(local, { 'twenty.bin': { bytes: mine, mtimeMs: Date.now() - 3_600_000 } });
    await uploadInParts(bed.h.sdk, bed.bucket, `${prefix}twenty.bin`, theirs, 5 * MiB);
    return { prefix, local, mine };
  }

  it('a multipart object with other bytes at the same size: content uploads it, sizeTime cannot see it', async () => {
    const { h, sync, bucket } = bed;
    const { prefix, local, mine } = await sameSizeDifferent('differs');
    const pair = await sync.createPair(
      { accountId: viaProxy, bucket, prefix, localFolder: local },
      { compare: 'content' },
    );
    const plan = await sync.plan(pair.id);
    expect(entryLines(plan.entries)).toEqual([['twenty.bin', 'upload', 'changed', null]]);
    expect(await sync.run(pair.id, plan.summary.planId)).toMatchObject(cleanRun({ uploaded: 1 }));
    expect(sha256(await h.get(bucket, `${prefix}twenty.bin`))).toBe(sha256(mine));
    expect(entryLines((await sync.plan(pair.id)).entries)).toEqual([]);

    const blind = await sameSizeDifferent('blind');
    const sizeTime = await sync.createPair({
      accountId: viaProxy,
      bucket,
      prefix: blind.prefix,
      localFolder: blind.local,
    });
    expect(entryLines((await sync.plan(sizeTime.id)).entries)).toEqual([]);
  });

  it('switched from sizeTime to content, a compare does not trust what sizeTime judged the same', async () => {
    const { sync, bucket } = bed;
    const { prefix, local } = await sameSizeDifferent('switched');
    const pair = await sync.createPair({ accountId: viaProxy, bucket, prefix, localFolder: local });
    expect(entryLines((await sync.plan(pair.id)).entries)).toEqual([]);
    await sync.call('sync:update', { pairId: pair.id, settings: { compare: 'content' } });
    expect(entryLines((await sync.plan(pair.id)).entries)).toEqual([['twenty.bin', 'upload', 'changed', null]]);
  });

  it('download, content: an object changed at the same size is downloaded', async () => {
    const { h, sync, bucket } = bed;
    const prefix = 'down/';
    const local = await bed.folder('down');
    await writeTree(local, { 'doc.txt': { bytes: 'version one\n', mtimeMs: Date.now() - 3_600_000 } });
    await h.put(bucket, `${prefix}doc.txt`, 'version two\n');
    const pair = await sync.createPair(
      { accountId: h.accountId, bucket, prefix, localFolder: local },
      { direction: 'download', compare: 'content' },
    );
    const plan = await sync.plan(pair.id);
    expect(entryLines(plan.entries)).toEqual([['doc.txt', 'download', 'changed', null]]);
    expect(await sync.run(pair.id, plan.summary.planId)).toMatchObject(cleanRun({ downloaded: 1 }));
    expect(await readFile(path.join(local, 'doc.txt'), 'utf8')).toBe('version two\n');
  });
});
