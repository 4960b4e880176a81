/**
 * Tags through the core against the real server, checked with aws-cli both ways: object tags,
 * bucket tags, their removal, and tags:editMany over objects and folders (limits, progress).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationProgress } from '../../shared/models';
import type { Tag } from '../../shared/properties';
import { awsCli, type AwsCli } from './aws-cli';
import { putMany, startHarness, type Harness } from './core-harness';
import { propertiesTarget } from './properties-helpers';

const { s3, title } = propertiesTarget();

interface CliTagging {
  TagSet: { Key: string; Value: string }[];
}
const cliTags = (out: CliTagging): Tag[] => out.TagSet.map((t) => ({ key: t.Key, value: t.Value }));
const sorted = (tags: Tag[]): Tag[] => [...tags].sort((a, b) => a.key.localeCompare(b.key));

describe.skipIf(!s3)(title('properties: tags (core and aws-cli)'), () => {
  let h: Harness;
  let cli: AwsCli;
  let bucket: string;

  beforeAll(async () => {
    h = await startHarness(s3!);
    cli = awsCli(s3!);
    bucket = await h.newBucket('tags');
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('object tags: what the core writes aws-cli reads, and the other way round', async () => {
    await h.put(bucket, 'docs/report.pdf', 'report');
    const base = { accountId: h.accountId, bucket, key: 'docs/report.pdf' };
    expect(await h.call('tags:getObject', base)).toEqual([]);

    const tags = [
      { key: 'project', value: 'Apollo 11' },
      { key: 'owner', value: 'team@example.com' },
      { key: 'état', value: 'brouillon +1 = 2/3 _ : .' },
    ];
    expect(await h.call('tags:putObject', { ...base, tags })).toBeNull();
    const read = await cli.s3api<CliTagging>('get-object-tagging', '--bucket', bucket, '--key', 'docs/report.pdf');
    expect(sorted(cliTags(read))).toEqual(sorted(tags));

    await cli.s3api(
      'put-object-tagging',
      '--bucket',
      bucket,
      '--key',
      'docs/report.pdf',
      '--tagging',
      JSON.stringify({ TagSet: [{ Key: 'from-cli', Value: 'yes' }] }),
    );
    expect(await h.call('tags:getObject', base)).toEqual([{ key: 'from-cli', value: 'yes' }]);

    // An empty list removes them all.
    expect(await h.call('tags:putObject', { ...base, tags: [] })).toBeNull();
    expect(cliTags(await cli.s3api('get-object-tagging', '--bucket', bucket, '--key', 'docs/report.pdf'))).toEqual([]);
    expect(await h.call('tags:getObject', base)).toEqual([]);
  });

  it('refuses tag sets S3 would refuse, before sending anything', async () => {
    await h.put(bucket, 'limits.txt', 'x');
    const base = { accountId: h.accountId, bucket, key: 'limits.txt' };
    const eleven = Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(await h.fail('tags:putObject', { ...base, tags: eleven })).toMatchObject({
      code: 'InvalidRequest',
      message: expect.stringMatching(/At most 10 tags per object: remove 1\./),
    });
    expect(await h.fail('tags:putObject', { ...base, tags: [{ key: 'aws:x', value: '1' }] })).toMatchObject({
      code: 'InvalidRequest',
      message: expect.stringMatching(/reserved/),
    });
    expect(await h.call('tags:getObject', base)).toEqual([]);
  });

  it('bucket tags: round trip both ways, none reads as an empty list, and removal', async () => {
    const base = { accountId: h.accountId, bucket };
    expect(await h.call('tags:getBucket', base)).toEqual([]);
    // Removing tags that do not exist is a no-op, not an error.
    expect(await h.call('tags:putBucket', { ...base, tags: [] })).toBeNull();

    const tags = Array.from({ length: 12 }, (_, i) => ({ key: `cost-center-${i}`, value: `cc ${i}` }));
    expect(await h.call('tags:putBucket', { ...base, tags })).toBeNull();
    expect(sorted(cliTags(await cli.s3api('get-bucket-tagging', '--bucket', bucket)))).toEqual(sorted(tags));

    await cli.s3api(
      'put-bucket-tagging',
      '--bucket',
      bucket,
      '--tagging',
      JSON.stringify({ TagSet: [{ Key: 'env', Value: 'test' }] }),
    );
    expect(await h.call('tags:getBucket', base)).toEqual([{ key: 'env', value: 'test' }]);

    expect(await h.call('tags:putBucket', { ...base, tags: [] })).toBeNull();
    expect(await h.call('tags:getBucket', base)).toEqual([]);
    await cli.s3apiFails('get-bucket-tagging', '--bucket', bucket);
    // The bucket itself is still there (a DELETE ?tagging misread as DeleteBucket would have removed it).
    await cli.s3api('head-bucket', '--bucket', bucket);
  });

  it('edits the tags of many objects: set and remove, folders expanded, limits reported per object', async () => {
    const tag = (key: string, tags: Tag[]) => h.call('tags:putObject', { accountId: h.accountId, bucket, key, tags });
    await h.put(bucket, 'many/a.txt', 'a');
    await tag('many/a.txt', [
      { key: 'keep', value: '1' },
      { key: 'status', value: 'old' },
      { key: 'drop', value: 'x' },
    ]);
    await h.put(bucket, 'many/folder/', '');
    await h.put(bucket, 'many/folder/b.txt', 'b');
    await h.put(bucket, 'many/folder/sub/c.txt', 'c');
    await h.put(bucket, 'many/full.txt', 'full');
    await tag(
      'many/full.txt',
      Array.from({ length: 10 }, (_, i) => ({ key: `t${i}`, value: String(i) })),
    );
    await h.put(bucket, 'many/untouched.txt', 'u');

    const operationId = 'tags-many-1';
    const summary = await h.call('tags:editMany', {
      accountId: h.accountId,
      bucket,
      keys: ['many/a.txt', 'many/folder/', 'many/full.txt', 'many/a.txt'],
      set: [
        { key: 'status', value: 'reviewed' },
        { key: 'batch', value: '7' },
      ],
      remove: ['drop'],
      operationId,
    });
    expect(summary.succeeded).toBe(3);
    expect(summary.failed).toEqual([
      {
        key: 'many/full.txt',
        code: 'InvalidRequest',
        message: 'Not changed: At most 10 tags per object: remove 2.',
      },
    ]);

    const tagsOf = async (key: string): Promise<Tag[]> =>
      cliTags(await cli.s3api('get-object-tagging', '--bucket', bucket, '--key', key));
    expect(sorted(await tagsOf('many/a.txt'))).toEqual(
      sorted([
        { key: 'keep', value: '1' },
        { key: 'status', value: 'reviewed' },
        { key: 'batch', value: '7' },
      ]),
    );
    for (const key of ['many/folder/b.txt', 'many/folder/sub/c.txt'])
      expect(sorted(await tagsOf(key))).toEqual(
        sorted([
          { key: 'status', value: 'reviewed' },
          { key: 'batch', value: '7' },
        ]),
      );
    // The folder placeholder is not an object to tag; the full object and the unlisted one are unchanged.
    expect(await tagsOf('many/folder/')).toEqual([]);
    expect(await tagsOf('many/full.txt')).toHaveLength(10);
    expect(await tagsOf('many/untouched.txt')).toEqual([]);

    const events: OperationProgress[] = h.progress.filter((p) => p.operationId === operationId);
    expect(events.at(-1)).toEqual({ operationId, done: 4, total: 4, failed: 1 });
  });

  it('cancels a tag edit on request: the objects not reached keep their tags', async () => {
    const keys = Array.from({ length: 200 }, (_, i) => `cancel/${String(i).padStart(3, '0')}.txt`);
    await putMany(h.sdk, bucket, keys);
    const operationId = 'tags-cancel-1';
    const stop = h.core.onEvent('operations:progress', (p) => {
      if (p.operationId === operationId && p.done > 0) void h.core.invoke('operations:cancel', { operationId });
    });
    const error = await h.fail('tags:editMany', {
      accountId: h.accountId,
      bucket,
      keys: ['cancel/'],
      set: [{ key: 'x', value: '1' }],
      remove: [],
      operationId,
    });
    stop();
    expect(error.code).toBe('Cancelled');
    const done = Number(/the tags of (\d+) objects? were already changed/.exec(error.message)?.[1]);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(keys.length);
    const tagged = await Promise.all(
      keys.map(async (key) => (await h.call('tags:getObject', { accountId: h.accountId, bucket, key })).length > 0),
    );
    expect(tagged.filter(Boolean)).toHaveLength(done);
  });
});
