/**
 * Batch operations through the core against the real server: delete (objects and folders),
 * copy, rename and move (objects and folders), multipart copy, progress events and cancel.
 */
import { createHash, randomBytes } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationProgress } from '../../shared/models';
import { putMany, startHarness, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';

const s3 = s3OrSkip();
const MiB = 1024 * 1024;
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe.skipIf(!s3)(s3Title('core: delete, copy, move'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;
  let opCounter = 0;
  const nextOp = (): string => `op-${++opCounter}`;
  const eventsOf = (id: string): OperationProgress[] => h.progress.filter((p) => p.operationId === id);

  beforeAll(async () => {
    // Small multipart-copy thresholds so the >= 5 GiB path runs on a 12 MiB object.
    h = await startHarness(info, { copyTuning: { multipartThreshold: 8 * MiB, partSize: 5 * MiB, concurrency: 8 } });
    bucket = await h.newBucket('batch');
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('deletes objects and a whole folder, with progress and an exact summary', async () => {
    const folder = ['del/folder/', 'del/folder/a.txt', 'del/folder/sub/b.txt', 'del/folder/sub/deeper/c.txt'];
    const loose = ['del/one.txt', 'del/two.txt'];
    for (const key of [...folder, ...loose, 'del/keep.txt', 'del/folder-sibling.txt']) await h.put(bucket, key, key);
    const id = nextOp();
    // del/folder/a.txt is listed explicitly and is also inside the folder: deleted once.
    const summary = await h.call('objects:delete', {
      accountId: h.accountId,
      bucket,
      keys: [...loose, 'del/folder/a.txt', 'del/folder/'],
      operationId: id,
    });
    expect(summary).toEqual({ succeeded: 6, failed: [] });
    expect((await h.allKeys(bucket, 'del/')).sort()).toEqual(['del/folder-sibling.txt', 'del/keep.txt']);
    const events = eventsOf(id);
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toEqual({ operationId: id, done: 6, total: 6, failed: 0 });
  });

  it('deletes a folder of more than 1000 keys, and cancels a big delete on request', async () => {
    const keys = Array.from({ length: 1150 }, (_, i) => `big/${String(i).padStart(4, '0')}`);
    await putMany(h.sdk, bucket, keys);
    const id = nextOp();
    const summary = await h.call('objects:delete', { accountId: h.accountId, bucket, keys: ['big/'], operationId: id });
    expect(summary).toEqual({ succeeded: 1150, failed: [] });
    expect(await h.allKeys(bucket, 'big/')).toEqual([]);
    const events = eventsOf(id);
    expect(events.some((e) => e.total === null)).toBe(true); // while the folder was walked
    expect(events.at(-1)).toMatchObject({ done: 1150, total: 1150 });

    // Cancel as soon as the first batch is reported: the rest must stay.
    await putMany(h.sdk, bucket, keys);
    const cancelId = nextOp();
    const stop = h.core.onEvent('operations:progress', (p) => {
      if (p.operationId === cancelId && p.done > 0) void h.core.invoke('operations:cancel', { operationId: cancelId });
    });
    const error = await h.fail('objects:delete', {
      accountId: h.accountId,
      bucket,
      keys: ['big/'],
      operationId: cancelId,
    });
    stop();
    expect(error.code).toBe('Cancelled');
    expect(error.message).toMatch(/1000 objects were already deleted/);
    expect(await h.allKeys(bucket, 'big/')).toHaveLength(150);
  });

  it('copies an object and renames (moves) one', async () => {
    const body = randomBytes(4096);
    await h.put(bucket, 'cp/source.bin', body);
    const copy = await h.call('objects:copy', {
      accountId: h.accountId,
      bucket,
      items: [{ source: 'cp/source.bin', target: 'cp/copy.bin' }],
      move: false,
      operationId: nextOp(),
    });
    expect(copy).toEqual({ succeeded: 1, failed: [] });
    expect(sha256(await h.get(bucket, 'cp/copy.bin'))).toBe(sha256(body));
    expect(await h.allKeys(bucket, 'cp/')).toContain('cp/source.bin');

    const rename = await h.call('objects:copy', {
      accountId: h.accountId,
      bucket,
      items: [{ source: 'cp/copy.bin', target: 'cp/renamed.bin' }],
      move: true,
      operationId: nextOp(),
    });
    expect(rename).toEqual({ succeeded: 1, failed: [] });
    expect((await h.allKeys(bucket, 'cp/')).sort()).toEqual(['cp/renamed.bin', 'cp/source.bin']);
    expect(sha256(await h.get(bucket, 'cp/renamed.bin'))).toBe(sha256(body));
  });

  it('copies and moves a folder with everything under it, rebased', async () => {
    const keys = ['tree/', 'tree/a.txt', 'tree/sub/', 'tree/sub/b.txt', 'tree/sub/deep/c.txt'];
    for (const key of keys) await h.put(bucket, key, key.endsWith('/') ? '' : `content of ${key}`);
    const copyId = nextOp();
    const copied = await h.call('objects:copy', {
      accountId: h.accountId,
      bucket,
      items: [{ source: 'tree/', target: 'tree-copy/' }],
      move: false,
      operationId: copyId,
    });
    expect(copied).toEqual({ succeeded: 5, failed: [] });
    expect((await h.allKeys(bucket, 'tree-copy/')).sort()).toEqual(
      keys.map((k) => k.replace(/^tree\//, 'tree-copy/')).sort(),
    );
    expect((await h.get(bucket, 'tree-copy/sub/deep/c.txt')).toString()).toBe('content of tree/sub/deep/c.txt');
    expect(eventsOf(copyId).at(-1)).toEqual({ operationId: copyId, done: 5, total: 5, failed: 0 });

    const moved = await h.call('objects:copy', {
      accountId: h.accountId,
      bucket,
      items: [{ source: 'tree-copy/', target: 'archive/tree/' }],
      move: true,
      operationId: nextOp(),
    });
    expect(moved).toEqual({ succeeded: 5, failed: [] });
    expect(await h.allKeys(bucket, 'tree-copy/')).toEqual([]);
    expect((await h.allKeys(bucket, 'archive/tree/')).sort()).toEqual(keys.map((k) => `archive/${k}`).sort());
    expect(await h.allKeys(bucket, 'tree/')).toHaveLength(5); // the original copy source is untouched
  });

  it('copies into another bucket', async () => {
    const other = await h.newBucket('batch-target');
    await h.put(bucket, 'x/cross.txt', 'across buckets');
    const result = await h.call('objects:copy', {
      accountId: h.accountId,
      bucket,
      targetBucket: other,
      items: [{ source: 'x/cross.txt', target: 'x/cross.txt' }],
      move: true,
      operationId: nextOp(),
    });
    expect(result).toEqual({ succeeded: 1, failed: [] });
    expect((await h.get(other, 'x/cross.txt')).toString()).toBe('across buckets');
    expect(await h.allKeys(bucket, 'x/')).toEqual([]);
  });

  it('reports a missing source exactly and does not delete anything for it on move', async () => {
    await h.put(bucket, 'mix/present.txt', 'here');
    const result = await h.call('objects:copy', {
      accountId: h.accountId,
      bucket,
      items: [
        { source: 'mix/present.txt', target: 'mix/present-moved.txt' },
        { source: 'mix/absent.txt', target: 'mix/absent-moved.txt' },
      ],
      move: true,
      operationId: nextOp(),
    });
    expect(result.succeeded).toBe(1);
    expect(result.failed).toEqual([{ key: 'mix/absent.txt', code: 'NoSuchKey', message: expect.any(String) }]);
    expect((await h.allKeys(bucket, 'mix/')).sort()).toEqual(['mix/present-moved.txt']);
  });

  it('refuses a copy onto itself and a folder into itself, before doing anything', async () => {
    expect(
      await h.fail('objects:copy', {
        accountId: h.accountId,
        bucket,
        items: [{ source: 'tree/a.txt', target: 'tree/a.txt' }],
        move: false,
        operationId: nextOp(),
      }),
    ).toMatchObject({ code: 'InvalidKey', message: expect.stringMatching(/onto itself/) });
    expect(
      await h.fail('objects:copy', {
        accountId: h.accountId,
        bucket,
        items: [{ source: 'tree/', target: 'tree/sub/inner/' }],
        move: true,
        operationId: nextOp(),
      }),
    ).toMatchObject({ code: 'InvalidKey', message: expect.stringMatching(/into itself/) });
    expect(await h.allKeys(bucket, 'tree/')).toHaveLength(5);
  });

  it('copies a large object in parts (UploadPartCopy), byte for byte, keeping its headers', async () => {
    const body = randomBytes(12 * MiB + 123);
    await h.sdk.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'large/big.bin',
        Body: body,
        ContentType: 'application/x-test',
        Metadata: { origin: 'core-batch' },
      }),
    );
    const result = await h.call('objects:copy', {
      accountId: h.accountId,
      bucket,
      items: [{ source: 'large/big.bin', target: 'large/big copy.bin' }],
      move: false,
      operationId: nextOp(),
    });
    expect(result).toEqual({ succeeded: 1, failed: [] });
    const head = await h.sdk.send(new HeadObjectCommand({ Bucket: bucket, Key: 'large/big copy.bin' }));
    expect(head.ContentLength).toBe(body.length);
    expect(head.ETag).toMatch(/-3"$/); // three parts: 5 + 5 + 2 MiB
    expect(head.ContentType).toBe('application/x-test');
    expect(head.Metadata).toEqual({ origin: 'core-batch' });
    expect(sha256(await h.get(bucket, 'large/big copy.bin'))).toBe(sha256(body));
  });
});
