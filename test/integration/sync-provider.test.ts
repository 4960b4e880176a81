/**
 * What folder sync asks of an S3 account, against the real server: the recursive listing of a
 * prefix across pages (more than 1,000 keys, a folder marker, unquoted ETags, times), the layout
 * of a multipart object uploaded in 5 MiB parts (radosgw ignores partNumber on HEAD, so the
 * content compare finds the part size by the usual sizes, or by rclone's whole-file MD5 in the
 * metadata), and deleting 1,200 keys in DeleteObjects batches. QuickSync, on its test server
 * behind the contract validator: finished files only, named by display name, without ETag or
 * time; deletions one request per file, one already gone counting as deleted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeUpload,
  initiateUpload,
  uploadPart,
  type QuickSyncSession,
} from '../../electron/core/providers/quicksync/api';
import { quickSyncTransfers } from '../../electron/core/providers/quicksync/transfers';
import { s3Transfers } from '../../electron/core/providers/s3/transfers';
import { contentComparer } from '../../electron/core/sync/content-compare';
import { ignoreMatcher } from '../../electron/core/sync/ignore-rules';
import { listRemote } from '../../electron/core/sync/remote-tree';
import type { ProviderTransfers, SyncListingItem } from '../../electron/core/transfers/provider-transfers';
import { QUICKSYNC_BUCKET } from '../../shared/quicksync';
import { startQuickSyncTestServer, type QuickSyncTestServer } from '../servers/quicksync-server';
import { putMany, startHarness, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { uploadInParts } from './sync-helpers';

const s3 = s3OrSkip();
const MiB = 1024 * 1024;
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');

async function collect(items: AsyncIterable<SyncListingItem>): Promise<SyncListingItem[]> {
  const out: SyncListingItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe.skipIf(!s3)(s3Title('sync: provider listing, part layout and deletion (S3)'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;
  let transfers: ProviderTransfers;
  let dir: string;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    h = await startHarness(info);
    bucket = await h.newBucket('sync-provider');
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-sync-provider-'));
    transfers = s3Transfers({
      account: {
        kind: 's3',
        endpoint: info.endpoint,
        region: info.region,
        accessKeyId: info.accessKeyId,
        addressingStyle: 'path',
        checksumMode: 'when_required',
      },
      readSecret: async () => info.secretAccessKey,
      client: async () => h.sdk,
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await h?.dispose();
  });

  it('lists every object under the prefix across pages, folder markers included, ETags unquoted', async () => {
    const many = Array.from({ length: 1100 }, (_, i) => `tree/many/${String(i).padStart(4, '0')}.txt`);
    await putMany(h.sdk, bucket, many);
    await h.put(bucket, 'tree/sub/', '');
    await h.put(bucket, 'tree/sub/ünï cødé.txt', 'unicode');
    await h.put(bucket, 'tree/.DS_Store', 'junk');
    await h.put(bucket, 'tree-sibling.txt', 'outside the prefix');
    const before = Date.now();

    const items = await collect(await transfers.syncListing(bucket, 'tree/', signal));
    expect(items.map((i) => i.key).sort()).toEqual(
      [...many, 'tree/sub/', 'tree/sub/ünï cødé.txt', 'tree/.DS_Store'].sort(),
    );
    const unicode = items.find((i) => i.key === 'tree/sub/ünï cødé.txt')!;
    expect(unicode).toMatchObject({ size: 7, etag: md5(Buffer.from('unicode')) });
    expect(unicode.name).toBeUndefined();
    // S3 times have whole seconds; the server's clock is this machine's.
    expect(Math.abs(unicode.lastModifiedMs - before)).toBeLessThan(60_000);
    const first = items.find((i) => i.key === many[0])!;
    expect(first.etag).toBe(md5(Buffer.from(many[0]!)));

    const progress: number[] = [];
    const tree = await listRemote(transfers, bucket, 'tree/', {
      ignored: ignoreMatcher(''),
      signal,
      onProgress: (n) => progress.push(n),
    });
    expect(tree.files.size).toBe(1101);
    expect(tree.files.has('sub/ünï cødé.txt')).toBe(true);
    expect(tree.files.get('many/0000.txt')?.key).toBe('tree/many/0000.txt');
    expect(tree.ignored).toBe(1);
    expect(tree.problems).toEqual([]);
    expect(progress).toEqual([1000, 1103]);
  });

  it('stops listing once cancelled', async () => {
    const controller = new AbortController();
    const listing = await transfers.syncListing(bucket, 'tree/', controller.signal);
    controller.abort();
    await expect(collect(listing)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('tells the layout of a multipart object, and the content compare finds it unchanged without a download', async () => {
    const body = randomBytes(12 * MiB + 321);
    const file = path.join(dir, 'big.bin');
    await writeFile(file, body);
    const local = { path: 'big.bin', absolute: file, size: body.length, mtimeMs: 0 };
    const etag5 = await uploadInParts(h.sdk, bucket, 'mp/five.bin', body, 5 * MiB);
    expect(etag5).toMatch(/^[0-9a-f]{32}-3$/);

    const layout = await transfers.partLayout(bucket, 'mp/five.bin', signal);
    // A service that answers HEAD ?partNumber=1 tells part 1 and the count; radosgw 16 answers
    // for the whole object without a count, which must not read as a part size.
    if (layout.partsCount === null) expect(layout.partSize).toBeNull();
    else expect(layout).toMatchObject({ partSize: 5 * MiB, partsCount: 3 });
    expect(layout.md5).toBeNull();

    let hashed = 0;
    const same = contentComparer(transfers, bucket, { signal, onHashed: (n) => (hashed += n) });
    const remote = (key: string, etag: string) => ({
      path: 'big.bin',
      key,
      size: body.length,
      etag,
      lastModifiedMs: 0,
    });
    expect(await same(local, remote('mp/five.bin', etag5))).toBe(true);
    expect(hashed).toBe(body.length);

    // 7 MiB parts: no usual size makes that ETag, but rclone's MD5 in the metadata tells.
    const etag7 = await uploadInParts(h.sdk, bucket, 'mp/seven.bin', body, 7 * MiB, {
      md5chksum: createHash('md5').update(body).digest('base64'),
    });
    expect(await transfers.partLayout(bucket, 'mp/seven.bin', signal)).toMatchObject({ md5: md5(body) });
    expect(await same(local, remote('mp/seven.bin', etag7))).toBe(true);

    // One changed byte: different, whichever way it was found.
    const changed = Buffer.from(body);
    changed[9 * MiB] = changed[9 * MiB]! ^ 1;
    await writeFile(file, changed);
    expect(await same(local, remote('mp/five.bin', etag5))).toBe(false);
    expect(await same(local, remote('mp/seven.bin', etag7))).toBe(false);
  });

  it('deletes 1,200 keys in batches, one already gone counting as deleted', async () => {
    const keys = Array.from({ length: 1200 }, (_, i) => `del/${String(i).padStart(4, '0')}.txt`);
    await putMany(h.sdk, bucket, keys);
    await h.put(bucket, 'del-keep.txt', 'kept');
    const asked = [...keys, 'del/never-existed.txt'];
    const result = await transfers.syncDelete(bucket, asked, signal);
    expect(result.failed).toEqual([]);
    expect(result.deleted.sort()).toEqual([...asked].sort());
    expect(await h.allKeys(bucket, 'del')).toEqual(['del-keep.txt']);
  });
});

describe('sync: provider listing, part layout and deletion (QuickSync)', () => {
  let server: QuickSyncTestServer;
  let session: QuickSyncSession;
  let transfers: ProviderTransfers;
  const signal = new AbortController().signal;

  /** A file uploaded through the API itself, finished or left unfinished. */
  async function seed(name: string, body: Buffer, finish = true): Promise<string> {
    const { uploadId, fileKey } = await initiateUpload(session, {
      totalParts: 1,
      originalSizeInBytes: body.length,
      encryptedName: name,
    });
    const tag = await uploadPart(session, { fileKey, uploadId, partNumber: 1, body, length: body.length });
    if (finish) await completeUpload(session, { fileKey, tags: [tag] });
    return fileKey;
  }

  beforeAll(async () => {
    server = await startQuickSyncTestServer();
    session = { apiBase: server.apiBase, token: server.token, sessionId: server.sessionId };
    transfers = quickSyncTransfers({
      account: { endpoint: server.apiBase, accessKeyId: server.sessionId, encryptNames: false },
      session,
    });
  });
  afterAll(async () => {
    // The test server answers DELETE with 200, which the document leaves out: a warning, not ours.
    expect(server.violations.filter((v) => v.severity === 'error')).toEqual([]);
    await server.stop();
  });

  it('lists finished files by display name, without ETag or time; deletes them one by one', async () => {
    const photo = await seed('photos/a.jpg', Buffer.from('jpeg bytes'));
    const text = await seed('b.txt', Buffer.from('hello'));
    await seed('unfinished.bin', Buffer.from('half'), false);

    const items = await collect(await transfers.syncListing(QUICKSYNC_BUCKET, '', signal));
    expect(items.sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      [
        { key: photo, name: 'photos/a.jpg', size: 10, etag: null, lastModifiedMs: 0 },
        { key: text, name: 'b.txt', size: 5, etag: null, lastModifiedMs: 0 },
      ].sort((a, b) => a.key.localeCompare(b.key)),
    );
    const tree = await listRemote(transfers, QUICKSYNC_BUCKET, '', { ignored: ignoreMatcher(''), signal });
    expect([...tree.files.keys()].sort()).toEqual(['b.txt', 'photos/a.jpg']);

    expect(await transfers.partLayout(QUICKSYNC_BUCKET, photo, signal)).toEqual({
      partSize: null,
      partsCount: null,
      md5: null,
    });

    const first = await transfers.syncDelete(QUICKSYNC_BUCKET, [photo, text], signal);
    expect(first).toEqual({ deleted: expect.arrayContaining([photo, text]), failed: [] });
    expect(await transfers.syncDelete(QUICKSYNC_BUCKET, [photo], signal)).toEqual({ deleted: [photo], failed: [] });
    expect(await collect(await transfers.syncListing(QUICKSYNC_BUCKET, '', signal))).toEqual([]);
  });
});
