/**
 * The local sandbox (fauxqs, in process): starts once, listens on 127.0.0.1 only, has one
 * account, and its sample buckets are browsable through the core. Needs no external server.
 */
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../shared/models';
import type { Core } from '../../electron/core/create-core';
import { newCore, unwrap } from './core-harness';

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

  it('restarts on a new port after dispose, updating the same account', async () => {
    const port = Number(new URL(account.endpoint).port);
    await core.dispose();
    expect(await canConnect('127.0.0.1', port)).toBe(false);
    const { createCore } = await import('../../electron/core/create-core');
    const { createKeyFileVault } = await import('../../electron/core/key-file-vault');
    core = await createCore({
      dataDir,
      vault: await createKeyFileVault(dataDir),
      host: {},
      info: { host: 'web', version: 'test' },
    });
    const reopened = await core.openSandbox();
    expect(reopened.id).toBe(account.id);
    const accounts = await call<AccountSummary[]>('accounts:list', {});
    expect(accounts).toEqual([reopened]);
    expect((await call<{ items: unknown[] }>('buckets:list', { accountId: reopened.id })).items).toHaveLength(3);
  });
});
