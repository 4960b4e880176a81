/** Browsing through the core against the real server: paging, folders, search, details. */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectEntry, Page, SearchPage } from '../../shared/models';
import { putMany, startHarness, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';

const s3 = s3OrSkip();

describe.skipIf(!s3)(s3Title('core: listing, folders, search'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;

  beforeAll(async () => {
    h = await startHarness(info);
    bucket = await h.newBucket('objects');
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('pages through more than 1000 keys: every key exactly once', async () => {
    const keys = Array.from({ length: 1100 }, (_, i) => `many/item-${String(i).padStart(5, '0')}.txt`);
    await putMany(h.sdk, bucket, keys);
    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const page: Page<ObjectEntry> = await h.call('objects:list', {
        accountId: h.accountId,
        bucket,
        prefix: 'many/',
        continuationToken: token,
        pageSize: 400,
      });
      expect(page.items.length).toBeLessThanOrEqual(400);
      seen.push(...page.items.map((e) => e.key));
      token = page.nextToken;
      pages += 1;
    } while (token !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(keys.length);
    expect(new Set(seen).size).toBe(keys.length);
    expect([...seen].sort()).toEqual(keys);

    // The default page size is 1000: two pages.
    const first = await h.call('objects:list', { accountId: h.accountId, bucket, prefix: 'many/' });
    expect(first.items).toHaveLength(1000);
    expect(first.nextToken).not.toBeNull();
    const second = await h.call('objects:list', {
      accountId: h.accountId,
      bucket,
      prefix: 'many/',
      continuationToken: first.nextToken,
    });
    expect(second.items).toHaveLength(100);
    expect(second.nextToken).toBeNull();
  });

  it('shows a folder view: subfolders first, then objects, the placeholder hidden', async () => {
    for (const key of ['docs/', 'docs/readme.md', 'docs/a/x.txt', 'docs/b/', 'docs/b/y.txt', 'docs/z.txt', 'top.txt'])
      await h.put(bucket, key, key.endsWith('/') ? '' : key);
    const root = await h.call('objects:list', { accountId: h.accountId, bucket, prefix: '' });
    expect(root.items.map((e) => [e.kind, e.key, e.name])).toEqual([
      ['folder', 'docs/', 'docs'],
      ['folder', 'many/', 'many'],
      ['object', 'top.txt', 'top.txt'],
    ]);
    const docs = await h.call('objects:list', { accountId: h.accountId, bucket, prefix: 'docs/' });
    expect(docs.items.map((e) => e.key)).toEqual(['docs/a/', 'docs/b/', 'docs/readme.md', 'docs/z.txt']);
    const readme = docs.items.find((e) => e.key === 'docs/readme.md') as ObjectEntry;
    expect(readme).toMatchObject({
      kind: 'object',
      name: 'readme.md',
      size: 'docs/readme.md'.length,
      etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
    });
    expect(Date.parse(readme.lastModified ?? '')).not.toBeNaN();
    expect(
      (await h.call('objects:list', { accountId: h.accountId, bucket, prefix: 'docs/b/' })).items.map((e) => e.key),
    ).toEqual(['docs/b/y.txt']);
  });

  it('creates a folder once, then refuses it (and an implicit folder) as AlreadyExists', async () => {
    expect(await h.call('objects:createFolder', { accountId: h.accountId, bucket, key: 'new folder/' })).toBeNull();
    const head = await h.call('objects:head', { accountId: h.accountId, bucket, key: 'new folder/' });
    expect(head.size).toBe(0);
    const root = await h.call('objects:list', { accountId: h.accountId, bucket, prefix: '' });
    expect(root.items.filter((e) => e.kind === 'folder').map((e) => e.key)).toContain('new folder/');
    expect((await h.call('objects:list', { accountId: h.accountId, bucket, prefix: 'new folder/' })).items).toEqual([]);
    expect(await h.fail('objects:createFolder', { accountId: h.accountId, bucket, key: 'new folder/' })).toMatchObject({
      code: 'AlreadyExists',
    });
    // docs/a/ has no placeholder, only a key under it.
    expect(await h.fail('objects:createFolder', { accountId: h.accountId, bucket, key: 'docs/a/' })).toMatchObject({
      code: 'AlreadyExists',
    });
  });

  it('searches by name under a prefix, deep in subfolders, matching folders once', async () => {
    const keys = [
      'search/a/report-2024/x.txt',
      'search/a/report-2024/y.txt',
      'search/a/b/c/d/annual REPORT.pdf',
      'search/a/b/notes.txt',
      'search/report-top.txt',
      'elsewhere/report.txt',
    ];
    for (const key of keys) await h.put(bucket, key, key);
    const result = await h.call('objects:search', {
      accountId: h.accountId,
      bucket,
      prefix: 'search/',
      query: 'report',
    });
    expect(result.items.map((e) => [e.kind, e.key])).toEqual([
      ['object', 'search/a/b/c/d/annual REPORT.pdf'],
      ['folder', 'search/a/report-2024/'],
      ['object', 'search/report-top.txt'],
    ]);
    expect(result.scanned).toBe(5);
    expect(result.nextToken).toBeNull();
    // A name match, not a prefix match: "notes" is found inside a/b/.
    const notes = await h.call('objects:search', { accountId: h.accountId, bucket, prefix: 'search/', query: 'NOTES' });
    expect(notes.items.map((e) => e.key)).toEqual(['search/a/b/notes.txt']);
  });

  it('continues a search across pages of 1000 keys', async () => {
    const all: string[] = [];
    let token: string | null = null;
    let scanned = 0;
    do {
      const page: SearchPage = await h.call('objects:search', {
        accountId: h.accountId,
        bucket,
        prefix: 'many/',
        query: 'item-0105',
        continuationToken: token,
      });
      all.push(...page.items.map((e) => e.key));
      scanned += page.scanned;
      token = page.nextToken;
    } while (token !== null);
    expect(scanned).toBe(1100);
    expect(all).toEqual([
      'many/item-01050.txt',
      'many/item-01051.txt',
      'many/item-01052.txt',
      'many/item-01053.txt',
      'many/item-01054.txt',
      'many/item-01055.txt',
      'many/item-01056.txt',
      'many/item-01057.txt',
      'many/item-01058.txt',
      'many/item-01059.txt',
    ]);
  });

  it('returns object details, and NoSuchKey for a missing object', async () => {
    await h.sdk.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'details/file.json',
        Body: '{"a":1}',
        ContentType: 'application/json',
        CacheControl: 'max-age=60',
        ContentDisposition: 'attachment; filename="file.json"',
        Metadata: { owner: 'tests', purpose: 'details' },
      }),
    );
    const details = await h.call('objects:head', { accountId: h.accountId, bucket, key: 'details/file.json' });
    expect(details).toMatchObject({
      key: 'details/file.json',
      size: 7,
      contentType: 'application/json',
      cacheControl: 'max-age=60',
      contentDisposition: 'attachment; filename="file.json"',
      metadata: { owner: 'tests', purpose: 'details' },
      etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
    });
    expect(Date.parse(details.lastModified ?? '')).not.toBeNaN();
    expect(await h.fail('objects:head', { accountId: h.accountId, bucket, key: 'details/missing.json' })).toMatchObject(
      { code: 'NoSuchKey' },
    );
  });
});
