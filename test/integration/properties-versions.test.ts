/**
 * Versioning and versions against the real server, checked with aws-cli both ways: status,
 * the merged listing (versions and delete markers, folders, one key, pages), opening and
 * sharing an old version, restore (CopyObject and multipart copy) and delete of a version.
 */
import { randomBytes } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectVersion, VersionPage } from '../../shared/properties';
import type { ObjectSource } from '../../electron/core/host-services';
import { awsCli, type AwsCli } from './aws-cli';
import { putMany, startHarness, type Harness } from './core-harness';
import { destroyVersionedBucket, propertiesTarget, sha256 } from './properties-helpers';

const { s3, title } = propertiesTarget();
const MiB = 1024 * 1024;

interface CliVersions {
  Versions?: { Key: string; VersionId: string; IsLatest: boolean; Size: number }[];
  DeleteMarkers?: { Key: string; VersionId: string; IsLatest: boolean }[];
  CommonPrefixes?: { Prefix: string }[];
}

describe.skipIf(!s3)(title('properties: versioning and versions (core and aws-cli)'), () => {
  let h: Harness;
  let cli: AwsCli;
  let bucket: string;
  const linked: ObjectSource[] = [];
  const versioned: string[] = [];

  beforeAll(async () => {
    h = await startHarness(s3!, {
      // The browser host's one-time link: the core hands the source over, the route streams it.
      host: {
        createDownloadLink: (source) => {
          linked.push(source);
          return `/download/${linked.length}`;
        },
      },
      copyTuning: { multipartThreshold: 8 * MiB, partSize: 5 * MiB, concurrency: 4 },
    });
    cli = awsCli(s3!);
    bucket = await h.newBucket('versions');
    versioned.push(bucket);
  });
  afterAll(async () => {
    for (const b of versioned) await destroyVersionedBucket(h.sdk, b).catch(() => {});
    await h?.dispose();
  });

  const put = async (key: string, body: string | Buffer, metadata?: Record<string, string>): Promise<string> =>
    (await h.sdk.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, Metadata: metadata }))).VersionId!;
  const cliIds = async (args: string[]): Promise<string[]> => {
    const out = await cli.s3api<CliVersions>('list-object-versions', '--bucket', bucket, ...args);
    return [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])].map((v) => `${v.Key}@${v.VersionId}`).sort();
  };
  const ids = (versions: ObjectVersion[]): string[] => versions.map((v) => `${v.key}@${v.versionId}`);

  it('versioning status: Unversioned, Enabled by the core, Suspended by aws-cli', async () => {
    const base = { accountId: h.accountId, bucket };
    expect(await h.call('versioning:get', base)).toBe('Unversioned');
    expect(await cli.s3api('get-bucket-versioning', '--bucket', bucket)).toBeNull();

    expect(await h.call('versioning:put', { ...base, status: 'Enabled' })).toBe('Enabled');
    expect(await cli.s3api('get-bucket-versioning', '--bucket', bucket)).toMatchObject({ Status: 'Enabled' });

    await cli.s3api('put-bucket-versioning', '--bucket', bucket, '--versioning-configuration', 'Status=Suspended');
    expect(await h.call('versioning:get', base)).toBe('Suspended');
    expect(await h.call('versioning:put', { ...base, status: 'Enabled' })).toBe('Enabled');
  });

  it('lists versions and delete markers merged, newest first per key, with folders and per key', async () => {
    const one = await put('docs/report.txt', 'one', { rev: '1' });
    const two = await put('docs/report.txt', 'two!', { rev: '2' });
    const three = await put('docs/report.txt', 'three', { rev: '3' });
    const other = await put('docs/other.txt', 'other');
    await put('docs/sub/deep.txt', 'deep');
    // aws-cli writes the delete marker.
    const marker = (
      await cli.s3api<{ VersionId: string }>('delete-object', '--bucket', bucket, '--key', 'docs/report.txt')
    ).VersionId;

    const page = await h.call('versions:list', { accountId: h.accountId, bucket, prefix: 'docs/' });
    expect(page.folders).toEqual(['docs/sub/']);
    expect(page.nextToken).toBeNull();
    expect(ids(page.versions)).toEqual([
      `docs/other.txt@${other}`,
      `docs/report.txt@${marker}`,
      `docs/report.txt@${three}`,
      `docs/report.txt@${two}`,
      `docs/report.txt@${one}`,
    ]);
    expect(page.versions.map((v) => [v.isLatest, v.isDeleteMarker, v.size])).toEqual([
      [true, false, 5],
      [true, true, null],
      [false, false, 5],
      [false, false, 4],
      [false, false, 3],
    ]);
    expect(page.versions.every((v) => v.lastModified !== null && !Number.isNaN(Date.parse(v.lastModified)))).toBe(true);
    // The same versions aws-cli lists.
    expect([...ids(page.versions)].sort()).toEqual(await cliIds(['--prefix', 'docs/', '--delimiter', '/']));

    const only = await h.call('versions:list', {
      accountId: h.accountId,
      bucket,
      prefix: 'ignored/',
      key: 'docs/report.txt',
    });
    expect(only).toEqual({ folders: [], versions: page.versions.slice(1), nextToken: null });
  });

  it('opens, downloads and restores the oldest version; restoring the current one changes nothing', async () => {
    const versions = (
      await h.call('versions:list', { accountId: h.accountId, bucket, prefix: '', key: 'docs/report.txt' })
    ).versions;
    const oldest = versions.at(-1)!;
    const base = { accountId: h.accountId, bucket, key: 'docs/report.txt' };

    expect(await h.call('objects:head', { ...base, versionId: oldest.versionId })).toMatchObject({
      size: 3,
      versionId: oldest.versionId,
      metadata: { rev: '1' },
    });
    const download = await h.call('objects:download', { ...base, versionId: oldest.versionId });
    expect(download.kind).toBe('link');
    const source = linked.at(-1)!;
    expect(source).toEqual({ ...base, versionId: oldest.versionId });
    const opened = await h.core.openObjectStream(source);
    const chunks: Buffer[] = [];
    for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('one');

    // Tags on the old version come back with it.
    await h.call('tags:putObject', { ...base, versionId: oldest.versionId, tags: [{ key: 'era', value: 'first' }] });
    expect(await h.call('versions:restore', { ...base, versionId: oldest.versionId })).toBeNull();
    expect((await h.get(bucket, 'docs/report.txt')).toString()).toBe('one');
    const current = await h.call('objects:head', base);
    expect(current.metadata).toEqual({ rev: '1' });
    expect(current.versionId).not.toBe(oldest.versionId);
    expect(await h.call('tags:getObject', base)).toEqual([{ key: 'era', value: 'first' }]);

    const after = await h.call('versions:list', { accountId: h.accountId, bucket, prefix: '', key: 'docs/report.txt' });
    expect(after.versions).toHaveLength(versions.length + 1);
    expect(after.versions[0]).toMatchObject({ versionId: current.versionId, isLatest: true, isDeleteMarker: false });
    expect(await cliIds(['--prefix', 'docs/report.txt'])).toEqual([...ids(after.versions)].sort());

    // Restoring what is already current adds nothing.
    await h.call('versions:restore', { ...base, versionId: current.versionId! });
    expect(
      (await h.call('versions:list', { accountId: h.accountId, bucket, prefix: '', key: 'docs/report.txt' })).versions,
    ).toHaveLength(after.versions.length);
  });

  it('restores a large version through the multipart copy, bytes compared by SHA-256', async () => {
    const big = randomBytes(12 * MiB + 5);
    const bigVersion = await put('media/clip.bin', big, { kind: 'original' });
    await put('media/clip.bin', 'small replacement');
    await h.call('versions:restore', { accountId: h.accountId, bucket, key: 'media/clip.bin', versionId: bigVersion });
    expect(sha256(await h.get(bucket, 'media/clip.bin'))).toBe(sha256(big));
    const head = await cli.s3api<{ ETag: string; Metadata: Record<string, string> }>(
      'head-object',
      '--bucket',
      bucket,
      '--key',
      'media/clip.bin',
    );
    expect(head.ETag).toMatch(/-3"$/);
    expect(head.Metadata).toEqual({ kind: 'original' });
  });

  it('deletes one version for good; aws-cli no longer lists it', async () => {
    const before = (
      await h.call('versions:list', { accountId: h.accountId, bucket, prefix: '', key: 'docs/report.txt' })
    ).versions;
    const victim = before.find((v) => !v.isLatest && !v.isDeleteMarker)!;
    expect(
      await h.call('versions:delete', {
        accountId: h.accountId,
        bucket,
        key: 'docs/report.txt',
        versionId: victim.versionId,
      }),
    ).toBeNull();
    const after = await h.call('versions:list', { accountId: h.accountId, bucket, prefix: '', key: 'docs/report.txt' });
    expect(ids(after.versions)).toEqual(ids(before.filter((v) => v !== victim)));
    expect(await cliIds(['--prefix', 'docs/report.txt'])).not.toContain(`docs/report.txt@${victim.versionId}`);
  });

  it('pages through more than 1000 versions with the opaque token: each exactly once', async () => {
    const paged = await h.newBucket('versions-paged');
    versioned.push(paged);
    await h.call('versioning:put', { accountId: h.accountId, bucket: paged, status: 'Enabled' });
    const keys = Array.from({ length: 1003 }, (_, i) => `p/${String(i).padStart(4, '0')}`);
    await putMany(h.sdk, paged, keys);
    await putMany(h.sdk, paged, ['p/0001']);

    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const page: VersionPage = await h.call('versions:list', {
        accountId: h.accountId,
        bucket: paged,
        prefix: 'p/',
        continuationToken: token,
      });
      seen.push(...ids(page.versions));
      token = page.nextToken;
      pages += 1;
    } while (token !== null && pages < 5);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(1004);
    expect(new Set(seen).size).toBe(1004);

    // One key among many: its two versions, and no token (the listing moved past it).
    const one = await h.call('versions:list', { accountId: h.accountId, bucket: paged, prefix: '', key: 'p/0001' });
    expect(one.versions).toHaveLength(2);
    expect(one.nextToken).toBeNull();

    expect(
      await h.fail('versions:list', { accountId: h.accountId, bucket: paged, prefix: '', continuationToken: 'bogus' }),
    ).toMatchObject({ code: 'InvalidRequest', message: expect.stringMatching(/page token is not valid/) });
  });
});
