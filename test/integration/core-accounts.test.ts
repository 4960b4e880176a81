/**
 * Accounts through the core against the real server: a working account tests ok, and each
 * kind of bad configuration is reported with its own specific cause.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary, ConnectionTestResult } from '../../shared/models';
import type { AccountInput } from '../../shared/schemas';
import { startHarness, uniqueName, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';

const s3 = s3OrSkip();

/** A loopback port with nothing listening on it (bound, then closed). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe.skipIf(!s3)(s3Title('core: accounts and connection tests'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let draft: AccountInput;

  beforeAll(async () => {
    h = await startHarness(info);
    draft = {
      kind: 's3',
      name: 'Draft',
      endpoint: info.endpoint,
      region: info.region,
      accessKeyId: info.accessKeyId,
      secretAccessKey: info.secretAccessKey,
      addressingStyle: 'path',
      checksumMode: 'when_required',
    };
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('lists the account without its secret, and stores no secret in accounts.json', async () => {
    const accounts = await h.call('accounts:list', {});
    expect(accounts).toHaveLength(1);
    const [account] = accounts as [AccountSummary];
    expect(account).toMatchObject({
      id: h.accountId,
      kind: 's3',
      hasSecret: true,
      keyHint: `${info.accessKeyId.slice(0, 4)}…${info.accessKeyId.slice(-3)}`,
    });
    expect(JSON.stringify(accounts)).not.toContain(info.secretAccessKey);
    expect(await readFile(path.join(h.dataDir, 'accounts.json'), 'utf8')).not.toContain(info.secretAccessKey);
    expect(await readFile(path.join(h.dataDir, 'secrets.json'), 'utf8')).not.toContain(info.secretAccessKey);
  });

  it('tests a saved account and a draft: ok, with a bucket count and latency', async () => {
    const bucket = await h.newBucket('acct');
    const saved = (await h.call('accounts:test', { id: h.accountId })) as ConnectionTestResult;
    expect(saved.bucketCount).toBeGreaterThanOrEqual(1);
    expect(saved.latencyMs).toBeGreaterThanOrEqual(0);
    const drafted = await h.call('accounts:test', { account: draft });
    expect(drafted.bucketCount).toBe(saved.bucketCount);
    const listed = await h.call('buckets:list', { accountId: h.accountId });
    expect(listed.items.map((b) => b.name)).toContain(bucket);
  });

  it('reports a wrong secret as SignatureDoesNotMatch (draft, and saved account with a patch)', async () => {
    const wrong = { ...draft, secretAccessKey: `${info.secretAccessKey}x` };
    expect(await h.fail('accounts:test', { account: wrong })).toMatchObject({
      code: 'SignatureDoesNotMatch',
      message: 'The secret key is wrong for this access key.',
      detail: expect.stringMatching(/HTTP 403/),
    });
    expect(
      await h.fail('accounts:test', { id: h.accountId, patch: { secretAccessKey: 'not-the-secret' } }),
    ).toMatchObject({ code: 'SignatureDoesNotMatch' });
    // The saved account itself is untouched by a patched test.
    expect(await h.call('accounts:test', { id: h.accountId })).toMatchObject({ bucketCount: expect.any(Number) });
  });

  it('reports an unknown access key as InvalidAccessKeyId', async () => {
    expect(await h.fail('accounts:test', { account: { ...draft, accessKeyId: 'QSUNKNOWNACCESSKEY99' } })).toMatchObject(
      {
        code: 'InvalidAccessKeyId',
        message: 'This access key ID is not known to the service.',
      },
    );
  });

  it('reports an unreachable endpoint as NetworkError naming the host', async () => {
    const port = await closedPort();
    const error = await h.fail('accounts:test', { account: { ...draft, endpoint: `http://127.0.0.1:${port}` } });
    expect(error.code).toBe('NetworkError');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('reports https spoken to a plain-http server as a TLS error', async () => {
    const error = await h.fail('accounts:test', {
      account: { ...draft, endpoint: info.endpoint.replace(/^http:/, 'https:') },
    });
    expect(error.code).toBe('TlsError');
    expect(error.message).toMatch(/http:\/\//);
  });

  it('updates an account (the secret is replaced, the client rebuilt) and removes it', async () => {
    const created = await h.call('accounts:create', {
      account: { ...draft, name: 'Temporary', secretAccessKey: 'wrong-at-first' },
    });
    expect(await h.fail('buckets:list', { accountId: created.id })).toMatchObject({ code: 'SignatureDoesNotMatch' });
    const updated = await h.call('accounts:update', {
      id: created.id,
      patch: { secretAccessKey: info.secretAccessKey, name: 'Fixed' },
    });
    expect(updated).toMatchObject({ id: created.id, name: 'Fixed', hasSecret: true });
    expect((await h.call('buckets:list', { accountId: created.id })).items.length).toBeGreaterThanOrEqual(0);
    expect(await h.call('accounts:remove', { id: created.id })).toBeNull();
    expect(await h.fail('buckets:list', { accountId: created.id })).toMatchObject({ code: 'AccountNotFound' });
  });

  it('refuses an invalid bucket name before any request is made', async () => {
    // The account points at a closed port: any request would fail with NetworkError.
    const port = await closedPort();
    const offline = await h.call('accounts:create', {
      account: { ...draft, name: 'Offline', endpoint: `http://127.0.0.1:${port}` },
    });
    expect(await h.fail('buckets:create', { accountId: offline.id, name: 'Bad_Name' })).toMatchObject({
      code: 'InvalidBucketName',
      message: 'Bucket names may contain only lowercase letters, digits, dots (.) and hyphens (-).',
    });
    expect(await h.fail('buckets:create', { accountId: offline.id, name: '192.168.1.1' })).toMatchObject({
      code: 'InvalidBucketName',
    });
    // ...and a valid name does reach the network.
    expect(await h.fail('buckets:create', { accountId: offline.id, name: uniqueName('ok') })).toMatchObject({
      code: 'NetworkError',
    });
  });

  it('refuses malformed requests with InvalidRequest', async () => {
    expect(await h.fail('accounts:create', { account: { ...draft, endpoint: 'ftp://x' } })).toMatchObject({
      code: 'InvalidRequest',
    });
    expect(
      await h.fail('objects:list', { accountId: h.accountId, bucket: 'b', prefix: '', pageSize: 0 }),
    ).toMatchObject({ code: 'InvalidRequest' });
  });

  it('answers app:info with the vault kind and where downloads go', async () => {
    const info = await h.call('app:info', {});
    expect(info).toEqual({
      host: 'web',
      version: 'test',
      platform: process.platform,
      downloadsDir: expect.any(String),
      secretStorage: { kind: 'aes-gcm-keyfile', warning: null },
    });
    expect([os.homedir(), path.join(os.homedir(), 'Downloads')]).toContain(info.downloadsDir);
  });
});
