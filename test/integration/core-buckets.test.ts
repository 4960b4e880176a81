/** Buckets through the core against the real server: create, list, delete and their refusals. */
import { CreateBucketCommand, DeleteBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkClient, startHarness, uniqueName, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';

const s3 = s3OrSkip();

describe.skipIf(!s3)(s3Title('core: buckets'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  const created: string[] = [];

  beforeAll(async () => {
    h = await startHarness(info);
  });
  afterAll(async () => {
    for (const bucket of created) await h?.call('buckets:delete', { accountId: h.accountId, bucket }).catch(() => {});
    await h?.dispose();
  });

  it('creates, lists and deletes buckets', async () => {
    const names = [uniqueName('a'), uniqueName('b')];
    for (const name of names) {
      const bucket = await h.call('buckets:create', { accountId: h.accountId, name });
      created.push(name);
      expect(bucket.name).toBe(name);
      expect(Date.parse(bucket.createdAt ?? '')).not.toBeNaN();
    }
    const listed = await h.call('buckets:list', { accountId: h.accountId });
    expect(listed.nextToken).toBeNull();
    for (const name of names) expect(listed.items.map((b) => b.name)).toContain(name);
    expect(listed.items.every((b) => b.createdAt === null || !Number.isNaN(Date.parse(b.createdAt)))).toBe(true);

    for (const name of names)
      expect(await h.call('buckets:delete', { accountId: h.accountId, bucket: name })).toBeNull();
    created.length = 0;
    const after = await h.call('buckets:list', { accountId: h.accountId });
    for (const name of names) expect(after.items.map((b) => b.name)).not.toContain(name);
  });

  it('creates a bucket with object lock enabled', async () => {
    const name = uniqueName('lock');
    await h.call('buckets:create', { accountId: h.accountId, name, objectLock: true });
    created.push(name);
    const { GetObjectLockConfigurationCommand } = await import('@aws-sdk/client-s3');
    const lock = await h.sdk.send(new GetObjectLockConfigurationCommand({ Bucket: name }));
    expect(lock.ObjectLockConfiguration?.ObjectLockEnabled).toBe('Enabled');
  });

  it('refuses to delete a bucket that is not empty, with a clear message', async () => {
    const bucket = await h.newBucket('full');
    await h.put(bucket, 'keep.txt', 'x');
    expect(await h.fail('buckets:delete', { accountId: h.accountId, bucket })).toMatchObject({
      code: 'BucketNotEmpty',
      message: 'The bucket is not empty: delete its objects first.',
      detail: expect.stringMatching(/BucketNotEmpty · HTTP 409/),
    });
  });

  it('reports a missing bucket as NoSuchBucket', async () => {
    expect(await h.fail('buckets:delete', { accountId: h.accountId, bucket: uniqueName('gone') })).toMatchObject({
      code: 'NoSuchBucket',
    });
    expect(
      await h.fail('objects:list', { accountId: h.accountId, bucket: uniqueName('gone'), prefix: '' }),
    ).toMatchObject({ code: 'NoSuchBucket' });
  });

  it.skipIf(!s3?.other)(
    "reports a name taken by another user as BucketAlreadyExists, and the other user's bucket as AccessDenied",
    async () => {
      const other = sdkClient(info, info.other!);
      const name = uniqueName('theirs');
      await other.send(new CreateBucketCommand({ Bucket: name }));
      try {
        expect(await h.fail('buckets:create', { accountId: h.accountId, name })).toMatchObject({
          code: 'BucketAlreadyExists',
        });
        expect(await h.fail('objects:list', { accountId: h.accountId, bucket: name, prefix: '' })).toMatchObject({
          code: 'AccessDenied',
        });
      } finally {
        await other.send(new DeleteBucketCommand({ Bucket: name }));
        other.destroy();
      }
    },
  );
});
