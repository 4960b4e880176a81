/**
 * Accounts through the core against the real server: a working account tests ok, and each
 * kind of bad configuration is reported with its own specific cause.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountStore } from '../../electron/core/account-store';
import { createKeyFileVault } from '../../electron/core/key-file-vault';
import type { AccountSummary, ConnectionTestResult } from '../../shared/models';
import type { AccountInput } from '../../shared/schemas';
import { startHarness, uniqueName, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';

const s3 = s3OrSkip();

/** A loopback listener that only counts connections: any request made to it would show. */
async function countingListener(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const srv = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => new Promise((resolve) => srv.close(() => resolve())),
  };
}

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

  it('never sends a stored secret to another endpoint, addressing style or key id: the secret is asked for again', async () => {
    const listener = await countingListener();
    try {
      const endpointChanged = `The endpoint changed (${new URL(info.endpoint).origin} → ${listener.url}): enter the secret key again. A stored secret is only ever sent to the endpoint it was entered for.`;
      for (const channel of ['accounts:test', 'accounts:update'] as const) {
        expect(await h.fail(channel, { id: h.accountId, patch: { endpoint: `${listener.url}/` } })).toEqual({
          code: 'SecretRequired',
          message: endpointChanged,
        });
        expect(await h.fail(channel, { id: h.accountId, patch: { addressingStyle: 'virtual' } })).toMatchObject({
          code: 'SecretRequired',
          message: expect.stringContaining('The addressing style changed (path → virtual)'),
        });
        expect(
          await h.fail(channel, { id: h.accountId, patch: { accessKeyId: 'QSOTHERACCESSKEY0001', name: 'x' } }),
        ).toMatchObject({
          code: 'SecretRequired',
          message: 'The access key ID changed: enter the secret key that belongs to it.',
        });
        // The kind never changes: refused by the schema, with its own sentence.
        expect(await h.core.invoke(channel, { id: h.accountId, patch: { kind: 'quicksync' } })).toEqual({
          ok: false,
          error: {
            code: 'InvalidRequest',
            message: 'The kind of an account cannot change: remove the account and add it again. (patch.kind)',
          },
        });
      }
      expect(listener.connections()).toBe(0);
      // Nothing was saved: the account is as it was, and still works.
      const [account] = (await h.call('accounts:list', {})).filter((a) => a.id === h.accountId);
      expect(account).toMatchObject({
        endpoint: info.endpoint.replace(/\/+$/, ''),
        addressingStyle: 'path',
        name: 'Test server',
      });
      expect(await h.call('accounts:test', { id: h.accountId })).toMatchObject({ bucketCount: expect.any(Number) });
      // With the secret given again, the same patch is tested where it points (the listener hangs up).
      await h.fail('accounts:test', {
        id: h.accountId,
        patch: { endpoint: listener.url, secretAccessKey: 'typed-again' },
      });
      expect(listener.connections()).toBeGreaterThan(0);
    } finally {
      await listener.close();
    }
  });

  it('with the secret entered again, a changed endpoint or addressing style is tested and saved', async () => {
    const offline = await h.call('accounts:create', {
      account: { ...draft, name: 'Moved', endpoint: `http://127.0.0.1:${await closedPort()}` },
    });
    expect(await h.fail('accounts:update', { id: offline.id, patch: { endpoint: info.endpoint } })).toMatchObject({
      code: 'SecretRequired',
    });
    const patch = { endpoint: info.endpoint, secretAccessKey: info.secretAccessKey };
    expect(await h.call('accounts:test', { id: offline.id, patch })).toMatchObject({ bucketCount: expect.any(Number) });
    expect(await h.call('accounts:update', { id: offline.id, patch })).toMatchObject({ hasSecret: true });
    expect((await h.call('buckets:list', { accountId: offline.id })).items.length).toBeGreaterThanOrEqual(0);

    // Listing buckets needs no bucket host: virtual-hosted style works for the test and the save.
    const virtual = { addressingStyle: 'virtual' as const, secretAccessKey: info.secretAccessKey };
    expect(await h.call('accounts:test', { id: offline.id, patch: virtual })).toMatchObject({
      bucketCount: expect.any(Number),
    });
    expect(await h.call('accounts:update', { id: offline.id, patch: virtual })).toMatchObject({
      addressingStyle: 'virtual',
    });
    // Bound anew: going back to path style without the secret is refused in turn.
    expect(await h.fail('accounts:update', { id: offline.id, patch: { addressingStyle: 'path' } })).toMatchObject({
      code: 'SecretRequired',
      message: expect.stringContaining('(virtual → path)'),
    });
    // A rename, a region or checksum change keeps the secret.
    expect(
      await h.call('accounts:update', {
        id: offline.id,
        patch: { name: 'Renamed', region: info.region, checksumMode: 'when_supported' },
      }),
    ).toMatchObject({ name: 'Renamed', hasSecret: true });
    expect(await h.call('accounts:test', { id: offline.id })).toMatchObject({ bucketCount: expect.any(Number) });
    await h.call('accounts:remove', { id: offline.id });
  });

  it('never sends a stored QuickSync token to another API base; refuses a plain-http one elsewhere', async () => {
    const listener = await countingListener();
    try {
      const session = await h.call('accounts:create', {
        account: {
          ...draft,
          kind: 'quicksync',
          name: 'Share',
          endpoint: 'https://api.quicksync.me/v1',
          accessKeyId: 'c0a8e7f2-1111-4222-8333-944455556666',
          secretAccessKey: 'qs-session-token',
        },
      });
      expect(session.keyHint).toBe('…666');
      expect(JSON.stringify(session)).not.toContain('c0a8e7f2-1111-4222-8333-944455556666');
      for (const channel of ['accounts:test', 'accounts:update'] as const)
        expect(await h.fail(channel, { id: session.id, patch: { endpoint: `${listener.url}/v1` } })).toEqual({
          code: 'SecretRequired',
          message: `The API base changed (https://api.quicksync.me/v1 → ${listener.url}/v1): paste the session token again. A stored token is only ever sent to the API base it was entered for.`,
        });
      expect(listener.connections()).toBe(0);
      expect(
        await h.fail('accounts:update', {
          id: session.id,
          patch: { endpoint: 'http://api.quicksync.me/v1', secretAccessKey: 'qs-session-token' },
        }),
      ).toEqual({
        code: 'InvalidRequest',
        message:
          'The API base http://api.quicksync.me would carry the session token in clear: use https://. (patch.endpoint)',
      });
      expect((await h.call('accounts:list', {})).find((a) => a.id === session.id)?.endpoint).toBe(
        'https://api.quicksync.me/v1',
      );
      await h.call('accounts:remove', { id: session.id });
    } finally {
      await listener.close();
    }
  });

  it('lets only the name of the local sandbox change', async () => {
    // The sandbox's account as the core writes it (its server need not run for this).
    const store = createAccountStore(h.dataDir, await createKeyFileVault(h.dataDir));
    const sandbox = await store.create({ ...draft, kind: 'sandbox', name: 'Local sandbox', encryptNames: false });
    for (const patch of [{ endpoint: 'http://127.0.0.1:1' }, { region: 'elsewhere' }, { secretAccessKey: 'x' }])
      for (const channel of ['accounts:update', 'accounts:test'] as const)
        expect(await h.fail(channel, { id: sandbox.id, patch })).toEqual({
          code: 'InvalidRequest',
          message: `Only the name of the local sandbox can change: the app manages its connection. (patch.${Object.keys(patch)[0]})`,
        });
    expect(await h.call('accounts:update', { id: sandbox.id, patch: { name: 'My sandbox' } })).toMatchObject({
      name: 'My sandbox',
      endpoint: sandbox.endpoint,
    });
    await h.call('accounts:remove', { id: sandbox.id });
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
