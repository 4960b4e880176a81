/**
 * Share links against the real server, fetched with plain fetch (no SDK): the bytes, the
 * suggested download name, one version of an object, and refusal of tampered and expired links.
 */
import { randomBytes } from 'node:crypto';
import { PutBucketVersioningCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARE_MAX_SECONDS, SHARE_MIN_SECONDS } from '../../shared/properties';
import { createShareLink } from '../../electron/core/providers/s3/share';
import { buildClient } from '../../electron/core/providers/s3/client';
import { testAccountInput } from '../servers/s3-target';
import { startHarness, type Harness } from './core-harness';
import { destroyVersionedBucket, sha256 } from './properties-helpers';
import { s3OrSkip, s3Title } from './s3-context';

const s3 = s3OrSkip();

describe.skipIf(!s3)(s3Title('properties: share links (presigned GET)'), () => {
  let h: Harness;
  let bucket: string;
  let versioned: string | null = null;

  beforeAll(async () => {
    h = await startHarness(s3!);
    bucket = await h.newBucket('share');
  });
  afterAll(async () => {
    if (versioned) await destroyVersionedBucket(h.sdk, versioned);
    await h?.dispose();
  });

  it('a link serves the exact bytes to anyone, until the time it states', async () => {
    const bytes = randomBytes(256 * 1024 + 7);
    await h.put(bucket, 'reports/q3 résumé+final.pdf', bytes);
    const started = Date.now();
    const link = await h.call('share:create', {
      accountId: h.accountId,
      bucket,
      key: 'reports/q3 résumé+final.pdf',
      expiresInSeconds: 3600,
      downloadName: null,
    });
    expect(Date.parse(link.expiresAt) - started).toBeGreaterThanOrEqual(3600 * 1000 - 1000);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(3600 * 1000);
    const url = new URL(link.url);
    expect(url.origin).toBe(s3!.endpoint);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(url.searchParams.get('X-Amz-Credential')).toContain(s3!.accessKeyId);
    // The secret never appears in a link.
    expect(link.url).not.toContain(s3!.secretAccessKey);

    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    expect(sha256(new Uint8Array(await res.arrayBuffer()))).toBe(sha256(bytes));
    expect(res.headers.get('content-disposition')).toBeNull();
  });

  it('a download name shows in Content-Disposition, with the exact UTF-8 name', async () => {
    await h.put(bucket, 'x/data.bin', 'named');
    const link = await h.call('share:create', {
      accountId: h.accountId,
      bucket,
      key: 'x/data.bin',
      expiresInSeconds: SHARE_MIN_SECONDS,
      downloadName: 'Résumé 2024 (final).pdf',
    });
    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('named');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="R_sum_ 2024 (final).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%202024%20%28final%29.pdf`,
    );
  });

  it('a tampered link is refused with 403', async () => {
    await h.put(bucket, 'secret.txt', 'not for you');
    const link = await h.call('share:create', {
      accountId: h.accountId,
      bucket,
      key: 'secret.txt',
      expiresInSeconds: SHARE_MAX_SECONDS,
      downloadName: null,
    });
    const url = new URL(link.url);
    // Another object under the same signature.
    const otherKey = new URL(link.url.replace('/secret.txt?', '/other.txt?'));
    expect((await fetch(otherKey)).status).toBe(403);
    // A longer lifetime than was signed.
    url.searchParams.set('X-Amz-Expires', String(SHARE_MAX_SECONDS - 1));
    expect((await fetch(url)).status).toBe(403);
    // A changed signature.
    const signature = new URL(link.url);
    const sig = signature.searchParams.get('X-Amz-Signature') ?? '';
    signature.searchParams.set('X-Amz-Signature', `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`);
    expect((await fetch(signature)).status).toBe(403);
    expect((await fetch(link.url)).status).toBe(200);
  });

  it('an expired link is refused with 403 (signed an hour ago for 15 minutes)', async () => {
    await h.put(bucket, 'old.txt', 'old');
    // The core's own client for the account, with the signing clock set an hour back.
    const client = buildClient(testAccountInput(s3!, 'share'), { pathStyle: true });
    const link = await createShareLink(
      client,
      { bucket, key: 'old.txt', expiresInSeconds: SHARE_MIN_SECONDS, downloadName: null },
      new Date(Date.now() - 3600 * 1000),
    );
    expect(Date.parse(link.expiresAt)).toBeLessThan(Date.now());
    expect((await fetch(link.url)).status).toBe(403);
    client.destroy();
  });

  it('refuses lifetimes outside 15 minutes to 7 days, and a missing object', async () => {
    const base = { accountId: h.accountId, bucket, key: 'old.txt', downloadName: null };
    expect(await h.fail('share:create', { ...base, expiresInSeconds: SHARE_MIN_SECONDS - 1 })).toMatchObject({
      code: 'InvalidRequest',
    });
    expect(await h.fail('share:create', { ...base, expiresInSeconds: SHARE_MAX_SECONDS + 1 })).toMatchObject({
      code: 'InvalidRequest',
    });
    expect(
      await h.fail('share:create', { ...base, key: 'nothing-here.txt', expiresInSeconds: SHARE_MIN_SECONDS }),
    ).toMatchObject({ code: 'NoSuchKey' });
  });

  it('a link to one version serves that version, not the current one', async () => {
    versioned = await h.newBucket('share-versions');
    await h.sdk.send(
      new PutBucketVersioningCommand({ Bucket: versioned, VersioningConfiguration: { Status: 'Enabled' } }),
    );
    const first = await h.sdk.send(new PutObjectCommand({ Bucket: versioned, Key: 'doc.txt', Body: 'version one' }));
    await h.sdk.send(new PutObjectCommand({ Bucket: versioned, Key: 'doc.txt', Body: 'version two' }));
    const link = await h.call('share:create', {
      accountId: h.accountId,
      bucket: versioned,
      key: 'doc.txt',
      versionId: first.VersionId!,
      expiresInSeconds: SHARE_MIN_SECONDS,
      downloadName: null,
    });
    expect(await (await fetch(link.url)).text()).toBe('version one');
  });
});
