/**
 * A QuickSync account through the core: Test connection validates the token and an expired one
 * says so plainly (there and in a transfer); its files are the one list of quicksync:* (the
 * provider's `sessionFiles`), the bucket and object channels are refused like everything else
 * QuickSync cannot do, before anything is sent; a redirect is never followed with the token.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notSupportedMessage } from '../../shared/capabilities';
import { QUICKSYNC_BUCKET } from '../../shared/quicksync';
import { MiB } from '../../shared/transfers';
import { SESSION_EXPIRED_MESSAGE } from '../../electron/core/providers/quicksync/problem-details';
import { quickSyncAccountInput } from '../servers/quicksync-target';
import { expectNoViolations, onlyDone, startQuickSyncHarness, type QuickSyncHarness } from './quicksync-harness';
import { makeRandomFile } from './transfer-helpers';

const NOT_SUPPORTED = { code: 'NotSupported' };

describe('QuickSync accounts and browsing', () => {
  let h: QuickSyncHarness;
  let fileKeys: string[];

  beforeAll(async () => {
    h = await startQuickSyncHarness();
    for (const [name, size] of [
      ['b.txt', 10],
      ['a.bin', 2 * MiB + 5],
      ['c.dat', 1],
    ] as const) {
      const file = path.join(h.work, name);
      await makeRandomFile(file, size);
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

  it('lists its files (in name order) and their details through quicksync:*, its one API for files', async () => {
    const files = await h.call('quicksync:list', { accountId: h.accountId, includeIncomplete: false });
    expect(files.map((f) => [f.name, f.size, f.completed])).toEqual([
      ['a.bin', 2 * MiB + 5, true],
      ['b.txt', 10, true],
      ['c.dat', 1, true],
    ]);
    const details = await h.call('quicksync:details', { accountId: h.accountId, fileKey: files[0]!.fileKey });
    expect(details).toEqual(files[0]);
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
    const buckets = { code: 'NotSupported', message: notSupportedMessage('buckets') };
    expect(await h.fail('buckets:list', { accountId: h.accountId, continuationToken: null })).toEqual(buckets);
    expect(await h.fail('objects:list', { ...account, prefix: '', continuationToken: null })).toEqual(buckets);
    const file = { ...account, key: fileKeys[0]! };
    expect(await h.fail('objects:head', file)).toEqual(buckets);
    expect(await h.fail('objects:download', file)).toEqual(buckets);
    expect(await h.fail('objects:delete', { ...account, keys: [fileKeys[0]!], operationId: randomUUID() })).toEqual(
      buckets,
    );
    await expect(h.core.openObjectStream(file)).rejects.toMatchObject(buckets);
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

  it('never follows a redirect with the token', async () => {
    h.qs.server.faults.redirectNext('list');
    const error = await h.fail('quicksync:list', { accountId: h.accountId, includeIncomplete: false });
    expect(error).toMatchObject({ code: 'ServerError', message: expect.stringMatching(/redirect \(HTTP 307\)/) });
    expect(h.qs.server.stats.redirectsFollowed).toBe(0);
    expect(h.qs.server.stats.authorizationRefused).toBe(0);
  });

  it('deletes files through quicksync:delete (an unknown key counts as gone)', async () => {
    const summary = await h.call('quicksync:delete', {
      accountId: h.accountId,
      fileKeys: [fileKeys[1]!, 'no-such-file'],
      operationId: randomUUID(),
    });
    expect(summary).toEqual({ succeeded: 2, failed: [] });
    expect(h.qs.server.files.has(fileKeys[1]!)).toBe(false);
    expectNoViolations(h.qs);
  });
});
