/**
 * The local sandbox (fauxqs, in process): starts once, listens on 127.0.0.1 only, has one
 * account, and its sample buckets are browsable through the core. It answers only requests to
 * its own Host, from no web page, signed with its data folder's random key. Needs no external server.
 */
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../shared/models';
import { createAccountStore, type AccountStore } from '../../electron/core/account-store';
import type { Core } from '../../electron/core/create-core';
import { SOURCE_WORKER_ENTRY } from '../support/source-worker';
import { createKeyFileVault } from '../../electron/core/key-file-vault';
import { SANDBOX_ACCESS_KEY_ID } from '../../electron/core/sandbox';
import { SANDBOX_SAMPLES } from '../../electron/core/sandbox-samples';
import { newCore, unwrap } from './core-harness';

/** The secret every sandbox had before it was random (published in the source). */
const OLD_PUBLIC_SECRET = 'sandbox-secret-not-checked-by-the-emulator';

/** The data folder's accounts, read as the core reads them (for the sandbox's stored secret). */
async function storeOf(dataDir: string): Promise<AccountStore> {
  return createAccountStore(dataDir, await createKeyFileVault(dataDir));
}

/** A raw request to the sandbox on 127.0.0.1: its status and body. */
function raw(
  port: number,
  method: string,
  target: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** An SDK client for the sandbox's port, as any S3 tool would make one. */
const s3 = (endpoint: string, secretAccessKey: string): S3Client =>
  new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey },
  });

/** Resolves true if a TCP connection to host:port opens, false if it is refused or fails. */
function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Local addresses of the listening TCP sockets on the port, from /proc/net/tcp{,6} (Linux). */
async function listeningAddresses(port: number): Promise<string[]> {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A = LISTEN
      const [addr, portHex] = local.split(':');
      if (addr && portHex && parseInt(portHex, 16) === port) found.push(addr);
    }
  }
  return found;
}

describe('core: local sandbox', () => {
  let core: Core;
  let dataDir: string;
  let account: AccountSummary;
  const call = async <T>(channel: string, request: unknown): Promise<T> =>
    unwrap<T>(await core.invoke(channel, request), channel);

  beforeAll(async () => {
    ({ core, dataDir } = await newCore());
    account = await core.openSandbox();
  });
  afterAll(async () => {
    await core?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('starts once, with a single sandbox account on a loopback endpoint', async () => {
    expect(account).toMatchObject({ kind: 'sandbox', name: 'Local sandbox', addressingStyle: 'path', hasSecret: true });
    expect(account.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const again = await call<AccountSummary>('sandbox:open', {});
    expect(again).toEqual(account);
    const both = await Promise.all([core.openSandbox(), core.openSandbox()]);
    expect(both).toEqual([account, account]);
    const accounts = await call<AccountSummary[]>('accounts:list', {});
    expect(accounts.filter((a) => a.kind === 'sandbox')).toEqual([account]);
  });

  it('listens on 127.0.0.1 only', async () => {
    const port = Number(new URL(account.endpoint).port);
    expect(await canConnect('127.0.0.1', port)).toBe(true);
    if (process.platform === 'linux') expect(await listeningAddresses(port)).toEqual(['0100007F']); // 127.0.0.1, little-endian hex
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal && i.family === 'IPv4')
      .map((i) => i!.address);
    for (const address of external) expect(await canConnect(address, port)).toBe(false);
  });

  it('lists the sample buckets, folders and files through the core', async () => {
    const buckets = await call<{ items: { name: string }[] }>('buckets:list', { accountId: account.id });
    expect(buckets.items.map((b) => b.name).sort()).toEqual(['backups', 'documents', 'photos']);
    const photos = await call<{ items: { kind: string; key: string }[] }>('objects:list', {
      accountId: account.id,
      bucket: 'photos',
      prefix: '',
    });
    expect(photos.items.filter((e) => e.kind === 'folder').map((e) => e.key)).toEqual(['2024/', '2025/']);
    expect(photos.items.filter((e) => e.kind === 'object').length).toBeGreaterThan(0);
    const reports = await call<{ items: { key: string }[] }>('objects:list', {
      accountId: account.id,
      bucket: 'documents',
      prefix: 'reports/2025/',
    });
    expect(reports.items.length).toBeGreaterThan(0);
    const backups = await call<{ items: unknown[] }>('objects:list', {
      accountId: account.id,
      bucket: 'backups',
      prefix: '',
    });
    expect(backups.items).toEqual([]);
    const readme = await call<{ size: number; contentType: string }>('objects:head', {
      accountId: account.id,
      bucket: 'documents',
      key: 'README.md',
    });
    expect(readme).toMatchObject({ contentType: 'text/markdown' });
    expect(readme.size).toBeGreaterThan(0);
  });

  it('seeds the committed sample files (image, video, text, Markdown, JSON, PDF) byte for byte', async () => {
    const client = s3(account.endpoint, await (await storeOf(dataDir)).readSecret(account.id));
    try {
      expect(new Set(SANDBOX_SAMPLES.map((s) => s.contentType.split('/')[1]))).toEqual(
        new Set(['jpeg', 'webm', 'markdown', 'plain', 'json', 'pdf']),
      );
      for (const sample of SANDBOX_SAMPLES) {
        const committed = await readFile(path.join('electron/core/sandbox-samples', sample.file));
        expect(committed.length, sample.file).toBeLessThan(1024 * 1024);
        const got = await client.send(new GetObjectCommand({ Bucket: sample.bucket, Key: sample.key }));
        expect(got.ContentType, sample.key).toBe(sample.contentType);
        expect(Buffer.from(await got.Body!.transformToByteArray()).equals(committed), sample.key).toBe(true);
      }
    } finally {
      client.destroy();
    }
  });

  it('supports the browser operations: folders, copy, delete', async () => {
    expect(await call('objects:createFolder', { accountId: account.id, bucket: 'backups', key: 'daily/' })).toBeNull();
    expect(
      await call('objects:copy', {
        accountId: account.id,
        bucket: 'documents',
        targetBucket: 'backups',
        items: [{ source: 'reports/', target: 'daily/reports/' }],
        move: false,
        operationId: 'sb-1',
      }),
    ).toEqual({
      succeeded: 4,
      failed: [],
    });
    expect(
      await call('objects:delete', { accountId: account.id, bucket: 'backups', keys: ['daily/'], operationId: 'sb-2' }),
    ).toEqual({ succeeded: 5, failed: [] });
    expect(await call('objects:list', { accountId: account.id, bucket: 'backups', prefix: '' })).toEqual({
      items: [],
      nextToken: null,
    });
  });

  it('refuses what its emulator would misread (a PUT ?acl would overwrite the object), and the object stays intact', async () => {
    const target = { accountId: account.id, bucket: 'documents', key: 'README.md' };
    const before = await call<{ size: number; etag: string }>('objects:head', target);
    const refusals: [string, unknown, RegExp][] = [
      ['acl:put', { ...target, change: { canned: 'public-read' } }, /permissions \(ACLs\): not supported/],
      ['tags:putObject', { ...target, tags: [{ key: 'a', value: 'b' }] }, /Object tags: not supported/],
      ['tags:getBucket', { accountId: account.id, bucket: 'documents' }, /Bucket tags: not supported/],
      ['versions:list', { accountId: account.id, bucket: 'documents', prefix: '' }, /Versioning: not supported/],
      [
        'objects:updateProperties',
        {
          ...target,
          headers: {
            contentType: 'text/plain',
            cacheControl: null,
            contentDisposition: null,
            contentEncoding: null,
            contentLanguage: null,
            expires: null,
          },
          metadata: {},
          storageClass: null,
        },
        /metadata: not supported/,
      ],
      [
        'transfers:upload',
        {
          accountId: account.id,
          bucket: 'documents',
          prefix: '',
          batchId: 'sb-tags',
          sources: [{ kind: 'path', path: os.tmpdir() }],
          options: { tags: [{ key: 'a', value: 'b' }], acl: null, encryption: null, storageClass: null },
        },
        /Object tags: not supported/,
      ],
    ];
    for (const [channel, request, message] of refusals) {
      const result = await core.invoke(channel, request);
      expect(result.ok, channel).toBe(false);
      if (!result.ok)
        expect(result.error, channel).toMatchObject({ code: 'NotSupported', message: expect.stringMatching(message) });
    }
    expect(await call('objects:head', target)).toMatchObject({ size: before.size, etag: before.etag });
    const link = await call<{ url: string }>('share:create', { ...target, expiresInSeconds: 900, downloadName: null });
    expect((await fetch(link.url)).status).toBe(200);
  });

  it('keeps a random secret for this data folder in the vault, never the old public one', async () => {
    const secret = await (await storeOf(dataDir)).readSecret(account.id);
    expect(secret).not.toBe(OLD_PUBLIC_SECRET);
    expect(secret).toMatch(/^[\w-]{40}$/);
    expect(await readFile(path.join(dataDir, 'accounts.json'), 'utf8')).not.toContain(secret);
    expect(await readFile(path.join(dataDir, 'secrets.json'), 'utf8')).not.toContain(secret);
    const other = await newCore();
    try {
      const theirs = await other.core.openSandbox();
      expect(await (await storeOf(other.dataDir)).readSecret(theirs.id)).not.toBe(secret);
    } finally {
      await other.core.dispose();
      await rm(other.dataDir, { recursive: true, force: true });
    }
  });

  it('answers only signed requests to its own Host from no web page: 403 AccessDenied, and nothing changes', async () => {
    const port = Number(new URL(account.endpoint).port);
    const secret = await (await storeOf(dataDir)).readSecret(account.id);
    const presign = (key: string, options: { secret?: string; endpoint?: string; signingDate?: Date } = {}) =>
      getSignedUrl(
        s3(options.endpoint ?? account.endpoint, options.secret ?? secret),
        new PutObjectCommand({ Bucket: 'backups', Key: key }),
        { expiresIn: 300, ...(options.signingDate && { signingDate: options.signingDate }) },
      );
    const pathOf = (url: string): string => url.slice(url.indexOf('/', 'http://'.length));
    const own = { host: `127.0.0.1:${port}` };
    const attacks: [string, string, Record<string, string>][] = [
      // Signed for the rebound name, so only the Host check can refuse it.
      [
        'foreign Host',
        pathOf(await presign('attack-host.txt', { endpoint: `http://rebound.example:${port}` })),
        { host: `rebound.example:${port}` },
      ],
      ['Origin', pathOf(await presign('attack-origin.txt')), { ...own, origin: 'http://evil.example' }],
      ['unsigned', '/backups/attack-unsigned.txt', own],
      ['wrong secret', pathOf(await presign('attack-secret.txt', { secret: 'not-the-sandbox-secret' })), own],
      [
        'expired link',
        pathOf(await presign('attack-expired.txt', { signingDate: new Date(Date.now() - 3_600_000) })),
        own,
      ],
      [
        'another key in a signed link',
        pathOf(await presign('attack-tampered-a.txt')).replace('attack-tampered-a', 'attack-tampered-b'),
        own,
      ],
      [
        'forged header signature',
        '/backups/attack-forged.txt',
        {
          ...own,
          'x-amz-date': new Date()
            .toISOString()
            .replace(/[-:]/g, '')
            .replace(/\.\d{3}/, ''),
          'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
          authorization: `AWS4-HMAC-SHA256 Credential=${SANDBOX_ACCESS_KEY_ID}/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${'0'.repeat(64)}`,
        },
      ],
    ];
    for (const [what, target, headers] of attacks) {
      const answer = await raw(port, 'PUT', target, headers, 'attack');
      expect(answer.status, what).toBe(403);
      expect(answer.body, what).toContain('<Code>AccessDenied</Code>');
    }
    const wrongClient = s3(account.endpoint, 'not-the-sandbox-secret');
    await expect(
      wrongClient.send(new PutObjectCommand({ Bucket: 'backups', Key: 'attack-sdk.txt', Body: 'attack' })),
    ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    wrongClient.destroy();
    const backups = await call<{ items: unknown[] }>('objects:list', {
      accountId: account.id,
      bucket: 'backups',
      prefix: '',
    });
    expect(backups.items).toEqual([]);

    // The same requests, properly made, pass: the refusals above are the door, not a broken test.
    expect((await raw(port, 'PUT', pathOf(await presign('control.txt')), own, 'ok')).status).toBe(200);
    const client = s3(`http://localhost:${port}`, secret);
    expect(await client.send(new HeadObjectCommand({ Bucket: 'backups', Key: 'control.txt' }))).toMatchObject({
      ContentLength: 2,
    });
    client.destroy();
    expect(
      await call('objects:delete', {
        accountId: account.id,
        bucket: 'backups',
        keys: ['control.txt'],
        operationId: 'sb-3',
      }),
    ).toEqual({ succeeded: 1, failed: [] });
  });

  it('restarts on a new port after dispose, updating the same account', async () => {
    const port = Number(new URL(account.endpoint).port);
    const secret = await (await storeOf(dataDir)).readSecret(account.id);
    await core.dispose();
    expect(await canConnect('127.0.0.1', port)).toBe(false);
    const { createCore } = await import('../../electron/core/create-core');
    const { createKeyFileVault } = await import('../../electron/core/key-file-vault');
    core = await createCore({
      dataDir,
      vault: await createKeyFileVault(dataDir),
      workerEntry: SOURCE_WORKER_ENTRY,
      host: {},
      info: { host: 'web', version: 'test' },
    });
    const reopened = await core.openSandbox();
    expect(reopened.id).toBe(account.id);
    const accounts = await call<AccountSummary[]>('accounts:list', {});
    expect(accounts).toEqual([reopened]);
    expect((await call<{ items: unknown[] }>('buckets:list', { accountId: reopened.id })).items).toHaveLength(3);
    expect(await (await storeOf(dataDir)).readSecret(account.id)).toBe(secret);
  });

  it('replaces the old public secret of an earlier data folder with a random one', async () => {
    await core.dispose();
    const { createCore } = await import('../../electron/core/create-core');
    const store = await storeOf(dataDir);
    await store.update(account.id, { secretAccessKey: OLD_PUBLIC_SECRET });
    core = await createCore({
      dataDir,
      vault: await createKeyFileVault(dataDir),
      workerEntry: SOURCE_WORKER_ENTRY,
      host: {},
      info: { host: 'web', version: 'test' },
    });
    const reopened = await core.openSandbox();
    expect(reopened.id).toBe(account.id);
    const secret = await store.readSecret(account.id);
    expect(secret).not.toBe(OLD_PUBLIC_SECRET);
    expect(secret).toMatch(/^[\w-]{40}$/);
    expect((await call<{ items: unknown[] }>('buckets:list', { accountId: reopened.id })).items).toHaveLength(3);
  });
});
