/**
 * objects:updateProperties (copy in place) against the real server, checked with aws-cli:
 * content headers, user metadata and storage class change; bytes, tags and a public-read ACL
 * survive, on the CopyObject path and on the multipart-copy path (forced on a 12 MiB object).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_USERS_URI, type ContentHeaders } from '../../shared/properties';
import { awsCli, type AwsCli } from './aws-cli';
import { startHarness, type Harness } from './core-harness';
import { propertiesTarget, sha256 } from './properties-helpers';

const { s3, title } = propertiesTarget();
const MiB = 1024 * 1024;

interface CliHead {
  ContentLength: number;
  ETag: string;
  ContentType?: string;
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  Expires?: string;
  StorageClass?: string;
  Metadata: Record<string, string>;
}
interface CliTagging {
  TagSet: { Key: string; Value: string }[];
}
interface CliAcl {
  Grants: { Grantee: { Type: string; URI?: string }; Permission: string }[];
}

const HEADERS: ContentHeaders = {
  contentType: 'text/markdown; charset=utf-8',
  cacheControl: 'public, max-age=3600',
  contentDisposition: 'attachment; filename="notes.md"',
  contentEncoding: 'identity',
  contentLanguage: 'en-GB',
  expires: '2031-01-31T12:00:00Z',
};
const NO_HEADERS: ContentHeaders = {
  contentType: null,
  cacheControl: null,
  contentDisposition: null,
  contentEncoding: null,
  contentLanguage: null,
  expires: null,
};

describe.skipIf(!s3)(title('properties: metadata and content headers by copy in place (core and aws-cli)'), () => {
  let h: Harness;
  let cli: AwsCli;
  let bucket: string;

  beforeAll(async () => {
    // The multipart copy (>= 5 GiB in production) runs from 8 MiB here, in 5 MiB parts.
    h = await startHarness(s3!, { copyTuning: { multipartThreshold: 8 * MiB, partSize: 5 * MiB, concurrency: 4 } });
    cli = awsCli(s3!);
    bucket = await h.newBucket('meta');
  });
  afterAll(async () => {
    await h?.dispose();
  });

  const head = (key: string): Promise<CliHead> => cli.s3api<CliHead>('head-object', '--bucket', bucket, '--key', key);
  const publicRead = async (key: string): Promise<boolean> =>
    (await cli.s3api<CliAcl>('get-object-acl', '--bucket', bucket, '--key', key)).Grants.some(
      (g) => g.Grantee.URI === ALL_USERS_URI && g.Permission === 'READ',
    );
  const tagsOf = async (key: string): Promise<string[]> =>
    (await cli.s3api<CliTagging>('get-object-tagging', '--bucket', bucket, '--key', key)).TagSet.map(
      (t) => `${t.Key}=${t.Value}`,
    ).sort();

  /** An object with tags, a public-read ACL and some metadata, as aws-cli writes it. */
  async function seed(key: string, bytes: Buffer): Promise<void> {
    await h.put(bucket, key, bytes);
    await cli.s3api(
      'copy-object',
      '--bucket',
      bucket,
      '--key',
      key,
      '--copy-source',
      `${bucket}/${key}`,
      '--metadata-directive',
      'REPLACE',
      '--content-type',
      'text/plain',
      '--metadata',
      JSON.stringify({ 'old-name': 'old value' }),
    );
    await cli.s3api(
      'put-object-tagging',
      '--bucket',
      bucket,
      '--key',
      key,
      '--tagging',
      JSON.stringify({
        TagSet: [
          { Key: 'project', Value: 'apollo' },
          { Key: 'stage', Value: 'draft' },
        ],
      }),
    );
    await cli.s3api('put-object-acl', '--bucket', bucket, '--key', key, '--acl', 'public-read');
  }

  async function checkEdit(key: string, bytes: Buffer, multipart: boolean): Promise<void> {
    await seed(key, bytes);
    // What aws-cli wrote, the core reads.
    expect(await h.call('objects:head', { accountId: h.accountId, bucket, key })).toMatchObject({
      contentType: 'text/plain',
      metadata: { 'old-name': 'old value' },
    });

    const details = await h.call('objects:updateProperties', {
      accountId: h.accountId,
      bucket,
      key,
      headers: HEADERS,
      metadata: { author: 'Ada Lovelace', 'review-state': 'approved' },
      storageClass: 'STANDARD',
    });
    expect(details).toMatchObject({
      key,
      size: bytes.length,
      contentType: HEADERS.contentType,
      cacheControl: HEADERS.cacheControl,
      contentDisposition: HEADERS.contentDisposition,
      contentEncoding: HEADERS.contentEncoding,
      contentLanguage: HEADERS.contentLanguage,
      metadata: { author: 'Ada Lovelace', 'review-state': 'approved' },
    });
    expect(Date.parse(details.expires ?? '')).toBe(Date.parse(HEADERS.expires!));

    // What the core wrote, aws-cli reads.
    const after = await head(key);
    expect(after).toMatchObject({
      ContentLength: bytes.length,
      ContentType: HEADERS.contentType,
      CacheControl: HEADERS.cacheControl,
      ContentDisposition: HEADERS.contentDisposition,
      ContentEncoding: HEADERS.contentEncoding,
      ContentLanguage: HEADERS.contentLanguage,
      Metadata: { author: 'Ada Lovelace', 'review-state': 'approved' },
    });
    expect(Date.parse(after.Expires ?? '')).toBe(Date.parse(HEADERS.expires!));
    // A multipart copy has a multipart ETag ("md5-N"): proof of which path ran.
    expect(/-\d+"$/.test(after.ETag)).toBe(multipart);

    // Nothing else was lost: bytes, tags, the public-read grant.
    expect(sha256(await h.get(bucket, key))).toBe(sha256(bytes));
    expect(await tagsOf(key)).toEqual(['project=apollo', 'stage=draft']);
    expect(await publicRead(key)).toBe(true);
  }

  it('changes headers and metadata with CopyObject; bytes, tags and the public-read ACL survive', async () => {
    await checkEdit('docs/notes.md', Buffer.from('# Notes\n\nSome text.\n'), false);
  });

  it('does the same through the multipart copy for a large object, bytes compared by SHA-256', async () => {
    await checkEdit('big/archive.bin', randomBytes(12 * MiB + 123), true);
  });

  it('null headers are removed, a null storage class is kept, and metadata may be emptied', async () => {
    await seed('plain.txt', Buffer.from('plain'));
    const details = await h.call('objects:updateProperties', {
      accountId: h.accountId,
      bucket,
      key: 'plain.txt',
      headers: { ...NO_HEADERS, cacheControl: 'no-store' },
      metadata: {},
      storageClass: null,
    });
    expect(details).toMatchObject({ cacheControl: 'no-store', contentDisposition: null, metadata: {} });
    const after = await head('plain.txt');
    expect(after.Metadata).toEqual({});
    expect(after.CacheControl).toBe('no-store');
    expect(after.ContentLanguage).toBeUndefined();
    expect(after.StorageClass ?? 'STANDARD').toBe('STANDARD');
    expect(await tagsOf('plain.txt')).toEqual(['project=apollo', 'stage=draft']);
  });

  it('explains a storage class the service does not offer, and changes nothing', async () => {
    await seed('class.txt', Buffer.from('class'));
    const error = await h.fail('objects:updateProperties', {
      accountId: h.accountId,
      bucket,
      key: 'class.txt',
      headers: HEADERS,
      metadata: {},
      storageClass: 'DEEP_FREEZER',
    });
    expect(error).toMatchObject({
      code: 'InvalidRequest',
      message: 'The service refused the storage class "DEEP_FREEZER": it may not offer it. Nothing was changed.',
    });
    expect((await head('class.txt')).Metadata).toEqual({ 'old-name': 'old value' });
  });

  it('refuses metadata S3 would refuse before anything is copied', async () => {
    const base = { accountId: h.accountId, bucket, key: 'docs/notes.md', headers: HEADERS, storageClass: null };
    expect(await h.fail('objects:updateProperties', { ...base, metadata: { 'bad name': 'x' } })).toMatchObject({
      code: 'InvalidRequest',
    });
    expect(await h.fail('objects:updateProperties', { ...base, metadata: { name: 'café' } })).toMatchObject({
      code: 'InvalidRequest',
      message: expect.stringMatching(/plain ASCII/),
    });
    expect(await h.fail('objects:updateProperties', { ...base, metadata: { big: 'x'.repeat(2100) } })).toMatchObject({
      code: 'InvalidRequest',
    });
  });
});
