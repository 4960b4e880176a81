/**
 * The incomplete-uploads bucket tool against radosgw: uploads started by another client (the
 * plain SDK) are listed, paged with small pages, filtered by prefix and aborted; aborting one
 * that is already gone counts as success. First the functions with an SDK client, then the
 * same through the core's multipart:list|abort channels.
 */
import {
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../shared/models';
import type { IncompleteUpload } from '../../shared/transfers';
import { abortUploads, listIncompleteUploads } from '../../electron/core/providers/s3/multipart-uploads';
import { startHarness, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';

const s3 = s3OrSkip();

/** Starts three uploads under `prefix` (one with a part already sent) and one outside it. */
async function startUploads(sdk: S3Client, bucket: string, prefix: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const key of [`${prefix}a.bin`, `${prefix}deeper/b.bin`, `${prefix}c ü.bin`, `elsewhere/${prefix}d.bin`]) {
    const out = await sdk.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    ids.set(key, out.UploadId ?? '');
  }
  const withPart = `${prefix}a.bin`;
  await sdk.send(
    new UploadPartCommand({
      Bucket: bucket,
      Key: withPart,
      UploadId: ids.get(withPart),
      PartNumber: 1,
      Body: Buffer.alloc(64 * 1024, 7),
    }),
  );
  const parts = await sdk.send(new ListPartsCommand({ Bucket: bucket, Key: withPart, UploadId: ids.get(withPart) }));
  expect(parts.Parts).toHaveLength(1);
  return ids;
}

/** Every page of the listing, following nextToken; fails on a loop. */
async function listAll(list: (token: string | null) => Promise<Page<IncompleteUpload>>): Promise<{
  items: IncompleteUpload[];
  pages: number;
}> {
  const items: IncompleteUpload[] = [];
  let token: string | null = null;
  let pages = 0;
  do {
    const page: Page<IncompleteUpload> = await list(token);
    items.push(...page.items);
    token = page.nextToken;
    if (++pages > 50) throw new Error('the listing did not end');
  } while (token !== null);
  return { items, pages };
}

/** What the server itself still holds, asked without our code. */
async function serverUploads(sdk: S3Client, bucket: string): Promise<string[]> {
  const out = await sdk.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  return (out.Uploads ?? []).map((u) => u.Key ?? '').sort();
}

describe.skipIf(!s3)(s3Title('core: incomplete multipart uploads tool'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;

  beforeAll(async () => {
    h = await startHarness(info);
    bucket = await h.newBucket('multipart');
  });
  afterAll(async () => {
    if (h && bucket) {
      // Nothing may stay behind even when a test failed halfway.
      const left = await listIncompleteUploads(h.sdk, { bucket, prefix: '', continuationToken: null });
      if (left.items.length > 0) await abortUploads(h.sdk, bucket, left.items);
    }
    await h?.dispose();
  });

  it('lists, pages, filters and aborts uploads started by another client', async () => {
    const prefix = 'fn/';
    const ids = await startUploads(h.sdk, bucket, prefix);
    const expected = [...ids.keys()].filter((k) => k.startsWith(prefix)).sort();

    const whole = await listIncompleteUploads(h.sdk, { bucket, prefix, continuationToken: null });
    expect(whole.nextToken).toBeNull();
    expect(whole.items.map((u) => u.key).sort()).toEqual(expected);
    for (const u of whole.items) {
      expect(u.uploadId).toBe(ids.get(u.key));
      expect(Date.parse(u.initiated ?? '')).toBeGreaterThan(Date.now() - 10 * 60_000);
      expect(u.initiator).not.toBeNull();
    }

    // One upload per page: three pages, the same uploads, none twice.
    const paged = await listAll((token) =>
      listIncompleteUploads(h.sdk, { bucket, prefix, continuationToken: token, pageSize: 1 }),
    );
    expect(paged.items.map((u) => `${u.key} ${u.uploadId}`).sort()).toEqual(
      whole.items.map((u) => `${u.key} ${u.uploadId}`).sort(),
    );
    expect(paged.pages).toBeGreaterThanOrEqual(3);

    // The whole bucket includes the upload outside the prefix.
    const all = await listAll((token) =>
      listIncompleteUploads(h.sdk, { bucket, prefix: '', continuationToken: token }),
    );
    expect(all.items.map((u) => u.key).sort()).toEqual([...ids.keys()].sort());

    const summary = await abortUploads(h.sdk, bucket, whole.items);
    expect(summary).toEqual({ succeeded: 3, failed: [] });
    expect((await listIncompleteUploads(h.sdk, { bucket, prefix, continuationToken: null })).items).toEqual([]);
    expect(await serverUploads(h.sdk, bucket)).toEqual([`elsewhere/${prefix}d.bin`]);

    // Already gone (aborted just now): success, not a failure. A wrong bucket fails per upload.
    expect(await abortUploads(h.sdk, bucket, whole.items.slice(0, 2))).toEqual({ succeeded: 2, failed: [] });
    const missingBucket = await abortUploads(h.sdk, `${bucket}-missing`, [{ key: 'x', uploadId: 'y' }]);
    expect(missingBucket.succeeded).toBe(0);
    expect(missingBucket.failed).toEqual([{ key: 'x', code: 'NoSuchBucket', message: expect.any(String) }]);

    const rest = await listIncompleteUploads(h.sdk, { bucket, prefix: '', continuationToken: null });
    expect(await abortUploads(h.sdk, bucket, rest.items)).toEqual({ succeeded: 1, failed: [] });
    expect(await serverUploads(h.sdk, bucket)).toEqual([]);
  });

  it('does the same through the core: multipart:list and multipart:abort', async () => {
    const prefix = 'core/';
    const ids = await startUploads(h.sdk, bucket, prefix);
    const list = (token: string | null, p = prefix): Promise<Page<IncompleteUpload>> =>
      h.call('multipart:list', { accountId: h.accountId, bucket, prefix: p, continuationToken: token });

    const listed = await listAll((token) => list(token));
    expect(listed.items.map((u) => u.key).sort()).toEqual([...ids.keys()].filter((k) => k.startsWith(prefix)).sort());
    for (const u of listed.items) expect(u.uploadId).toBe(ids.get(u.key));

    const bad = await h.fail('multipart:list', {
      accountId: h.accountId,
      bucket,
      prefix,
      continuationToken: 'core/a.bin',
    });
    expect(bad.code).toBe('InvalidRequest');

    const summary = await h.call('multipart:abort', {
      accountId: h.accountId,
      bucket,
      uploads: listed.items.map(({ key, uploadId }) => ({ key, uploadId })),
    });
    expect(summary).toEqual({ succeeded: 3, failed: [] });
    expect((await list(null)).items).toEqual([]);

    const rest = (await listAll((token) => list(token, ''))).items;
    expect(rest.map((u) => u.key)).toEqual([`elsewhere/${prefix}d.bin`]);
    const again = await h.call('multipart:abort', {
      accountId: h.accountId,
      bucket,
      uploads: [...rest, ...listed.items].map(({ key, uploadId }) => ({ key, uploadId })),
    });
    expect(again).toEqual({ succeeded: 4, failed: [] });
    expect(await serverUploads(h.sdk, bucket)).toEqual([]);
  });
});
