/**
 * A QuickSync account through the core's ordinary channels: Test connection validates the token
 * and an expired one says so plainly (there and in a transfer); the browsing handlers answer with
 * the one pseudo-bucket and its completed files; what QuickSync cannot do is refused before
 * anything is sent; single-file downloads work by link and by save dialog; a redirect is never
 * followed with the token.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICKSYNC_BUCKET } from '../../shared/quicksync';
import { MiB } from '../../shared/transfers';
import type { HostServices, ObjectSource } from '../../electron/core/host-services';
import { SESSION_EXPIRED_MESSAGE } from '../../electron/core/quicksync/problem-details';
import { quickSyncAccountInput } from '../servers/quicksync-target';
import { expectNoViolations, onlyDone, startQuickSyncHarness, type QuickSyncHarness } from './quicksync-harness';
import { makeRandomFile, sha256 } from './transfer-helpers';

const NOT_SUPPORTED = { code: 'NotSupported' };

describe('QuickSync accounts and browsing', () => {
  const links: ObjectSource[] = [];
  const host: HostServices = {};
  let h: QuickSyncHarness;
  const hashes = new Map<string, string>();
  let fileKeys: string[];

  beforeAll(async () => {
    h = await startQuickSyncHarness({ host });
    for (const [name, size] of [
      ['b.txt', 10],
      ['a.bin', 2 * MiB + 5],
      ['c.dat', 1],
    ] as const) {
      const file = path.join(h.work, name);
      hashes.set(name, await makeRandomFile(file, size));
      onlyDone(await h.finished(await h.upload([file])));
    }
    fileKeys = (await h.files()).map((f) => f.fileKey);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('tests the connection with the token: one list of files', async () => {
    expect(await h.call('accounts:test', { id: h.accountId })).toMatchObject({ bucketCount: 1 });
    const draft = quickSyncAccountInput(h.qs, 'Draft');
    expect(await h.call('accounts:test', { account: draft })).toMatchObject({ bucketCount: 1 });
    const summary = (await h.call('accounts:list', {})).find((a) => a.id === h.accountId);
    expect(summary).toMatchObject({ kind: 'quicksync', endpoint: h.qs.apiBase, hasSecret: true, encryptNames: false });
    expect(JSON.stringify(summary)).not.toContain(h.qs.token);
  });

  it('says "session expired" for an expired or unknown token, in Test connection and in a transfer', async () => {
    const session = h.qs.server.addSession();
    const accountId = await h.addAccount('Soon expired', { token: session.token, sessionId: session.sessionId });
    h.qs.server.expireSession(session.token);
    const expired = { code: 'SessionExpired', message: SESSION_EXPIRED_MESSAGE };
    expect(await h.fail('accounts:test', { id: accountId })).toMatchObject(expired);
    const unknown = quickSyncAccountInput({ ...h.qs, token: 'not-a-token' }, 'Typo');
    expect(await h.fail('accounts:test', { account: unknown })).toMatchObject(expired);
    // Testing a saved account with a new token (the edit form) uses the new one.
    const fresh = h.qs.server.addSession();
    expect(await h.call('accounts:test', { id: accountId, patch: { secretAccessKey: fresh.token } })).toMatchObject({
      bucketCount: 1,
    });

    const file = path.join(h.work, 'late.bin');
    await makeRandomFile(file, 100);
    const [job] = await h.finished(await h.upload([file], accountId));
    expect([job?.state, job?.error?.code, job?.error?.message]).toEqual(['failed', ...Object.values(expired)]);
    expect(await h.fail('quicksync:list', { accountId, includeIncomplete: false })).toMatchObject(expired);
  });

  it('answers the browsing channels with the one pseudo-bucket and its files', async () => {
    expect(await h.call('buckets:list', { accountId: h.accountId, continuationToken: null })).toEqual({
      items: [{ name: QUICKSYNC_BUCKET, createdAt: null }],
      nextToken: null,
    });
    const list = (continuationToken: string | null) =>
      h.call('objects:list', {
        accountId: h.accountId,
        bucket: QUICKSYNC_BUCKET,
        prefix: '',
        continuationToken,
        pageSize: 2,
      });
    const first = await list(null);
    expect(first.items.map((o) => [o.kind, o.name])).toEqual([
      ['object', 'a.bin'],
      ['object', 'b.txt'],
    ]);
    expect(first.nextToken).not.toBeNull();
    const second = await list(first.nextToken);
    expect(second).toMatchObject({ items: [{ name: 'c.dat', size: 1 }], nextToken: null });
    expect(first.items.map((o) => o.key)).toEqual(fileKeys.slice(0, 2));

    const head = await h.call('objects:head', { accountId: h.accountId, bucket: QUICKSYNC_BUCKET, key: fileKeys[0]! });
    expect(head).toMatchObject({ key: fileKeys[0], size: 2 * MiB + 5 });
    expect(
      await h.fail('objects:list', { accountId: h.accountId, bucket: 'other', prefix: '', continuationToken: null }),
    ).toMatchObject({ code: 'NoSuchBucket' });
  });

  it('refuses what QuickSync cannot do, before sending anything', async () => {
    const requests = Object.values(h.qs.server.stats.requests).reduce((a, b) => a + b, 0);
    const account = { accountId: h.accountId, bucket: QUICKSYNC_BUCKET };
    expect(await h.fail('objects:createFolder', { ...account, key: 'new/' })).toMatchObject({
      code: 'NotSupported',
      message: 'Folders: not supported by this service.',
    });
    expect(
      await h.fail('objects:search', { ...account, prefix: '', query: 'a', continuationToken: null }),
    ).toMatchObject(NOT_SUPPORTED);
    const copy = { ...account, items: [{ source: fileKeys[0]!, target: 'x' }], move: false, operationId: randomUUID() };
    expect(await h.fail('objects:copy', copy)).toMatchObject(NOT_SUPPORTED);
    expect(await h.fail('buckets:create', { accountId: h.accountId, name: 'more' })).toMatchObject(NOT_SUPPORTED);
    expect(await h.fail('buckets:delete', account)).toMatchObject(NOT_SUPPORTED);
    expect(await h.fail('tags:getObject', { ...account, key: fileKeys[0]! })).toMatchObject(NOT_SUPPORTED);
    expect(await h.fail('acl:get', { ...account, key: null })).toMatchObject(NOT_SUPPORTED);
    expect(await h.fail('multipart:list', { ...account, prefix: '', continuationToken: null })).toMatchObject(
      NOT_SUPPORTED,
    );
    const tagged = { tags: [{ key: 'k', value: 'v' }], acl: null, encryption: null, storageClass: null };
    const upload = {
      ...account,
      prefix: '',
      batchId: randomUUID(),
      sources: [{ kind: 'path' as const, path: h.work }],
    };
    expect(await h.fail('transfers:upload', { ...upload, options: tagged })).toMatchObject(NOT_SUPPORTED);
    expect(Object.values(h.qs.server.stats.requests).reduce((a, b) => a + b, 0)).toBe(requests);
  });

  it('downloads one file by a one-time link (browser host) and by a save dialog (desktop host)', async () => {
    const source = { accountId: h.accountId, bucket: QUICKSYNC_BUCKET, key: fileKeys[0]! };
    host.createDownloadLink = (s) => {
      links.push(s);
      return `/download/${links.length}`;
    };
    expect(await h.call('objects:download', source)).toEqual({ kind: 'link', url: '/download/1' });
    const object = await h.core.openObjectStream(links[0]!);
    expect([object.name, object.size]).toEqual(['a.bin', 2 * MiB + 5]);
    const chunks: Buffer[] = [];
    for await (const chunk of object.stream as Readable) chunks.push(chunk as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(hashes.get('a.bin'));

    const target = path.join(h.work, 'saved-a.bin');
    host.chooseSavePath = async (suggested) => {
      expect(suggested).toBe('a.bin');
      return target;
    };
    expect(await h.call('objects:download', source)).toEqual({ kind: 'saved', path: target, bytes: 2 * MiB + 5 });
    expect(sha256(await readFile(target))).toBe(hashes.get('a.bin'));
    delete host.chooseSavePath;
    delete host.createDownloadLink;
  });

  it('never follows a redirect with the token', async () => {
    h.qs.server.faults.redirectNext('list');
    const error = await h.fail('quicksync:list', { accountId: h.accountId, includeIncomplete: false });
    expect(error).toMatchObject({ code: 'ServerError', message: expect.stringMatching(/redirect \(HTTP 307\)/) });
    expect(h.qs.server.stats.redirectsFollowed).toBe(0);
    expect(h.qs.server.stats.authorizationRefused).toBe(0);
  });

  it('deletes files through objects:delete (an unknown key counts as gone)', async () => {
    const summary = await h.call('objects:delete', {
      accountId: h.accountId,
      bucket: QUICKSYNC_BUCKET,
      keys: [fileKeys[1]!, 'no-such-file'],
      operationId: randomUUID(),
    });
    expect(summary).toEqual({ succeeded: 2, failed: [] });
    expect(h.qs.server.files.has(fileKeys[1]!)).toBe(false);
    expectNoViolations(h.qs);
  });
});
