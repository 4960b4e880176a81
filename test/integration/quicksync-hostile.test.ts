/**
 * Hostile QuickSync inputs against the real test server (through its contract validator):
 * file keys that would change what the URL names ("..", "/") are refused as InvalidKey before any
 * request, on every channel that takes one; download links (and their redirects) to a local or
 * private address other than the API's own host are refused, and a listener at that address
 * proves nothing reached it; allowed redirects are followed up to five hops.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '../../electron/core/errors';
import {
  completeUpload,
  initiateUpload,
  openDownload,
  uploadPart,
  type QuickSyncSession,
} from '../../electron/core/providers/quicksync/api';
import { expectNoViolations, startQuickSyncHarness, type QuickSyncHarness } from './quicksync-harness';

/** A listener that counts every connection made to it. */
async function trap(host: string): Promise<{ origin: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server = http.createServer((_req, res) => res.end('trap'));
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const CONTENT = Buffer.from('hostile inputs: the file itself is harmless\n');

describe('QuickSync: hostile keys and download links', () => {
  let h: QuickSyncHarness;
  let session: QuickSyncSession;
  let fileKey: string;
  let otherLoopback: Awaited<ReturnType<typeof trap>>;
  let sameLoopback: Awaited<ReturnType<typeof trap>>;

  const download = async (): Promise<Buffer> => {
    const body = await openDownload(session, fileKey);
    const chunks: Buffer[] = [];
    for await (const chunk of body.stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const refusal = (): Promise<unknown> => openDownload(session, fileKey).then(() => null, toAppError);

  beforeAll(async () => {
    h = await startQuickSyncHarness();
    session = { apiBase: h.qs.apiBase, token: h.qs.token, sessionId: h.qs.sessionId };
    const upload = await initiateUpload(session, {
      totalParts: 1,
      originalSizeInBytes: CONTENT.length,
      encryptedName: 'hostile.txt',
    });
    fileKey = upload.fileKey;
    const tag = await uploadPart(session, {
      fileKey,
      uploadId: upload.uploadId,
      partNumber: 1,
      body: CONTENT,
      length: CONTENT.length,
    });
    await completeUpload(session, { fileKey, tags: [tag] });
    otherLoopback = await trap('127.0.0.2');
    sameLoopback = await trap('127.0.0.1');
  });
  afterAll(async () => {
    await otherLoopback?.close();
    await sameLoopback?.close();
    await h?.dispose();
  });

  it('refuses ".", "..", "/" and control characters as InvalidKey on every channel, and sends nothing', async () => {
    const before = { ...h.qs.server.stats.requests };
    for (const key of ['.', '..', 'a/b', '../x', 'a\\b', 'a\u0007b']) {
      const details = await h.fail('quicksync:details', { accountId: h.accountId, fileKey: key });
      expect(details, key).toMatchObject({ code: 'InvalidKey', message: expect.stringMatching(/QuickSync file key/) });
      const deleted = await h.fail('quicksync:delete', { accountId: h.accountId, fileKeys: [key], operationId: 'x' });
      expect(deleted, key).toMatchObject({ code: 'InvalidKey' });
    }
    expect(
      await h.fail('quicksync:delete', { accountId: h.accountId, fileKeys: [fileKey, '..'], operationId: 'y' }),
    ).toEqual({
      code: 'InvalidKey',
      message: '".." is not a QuickSync file key: "." and ".." would address something other than a file. (fileKeys.1)',
    });
    expect(h.qs.server.stats.requests).toEqual(before);
    expect((await h.files()).map((f) => f.fileKey)).toEqual([fileKey]);
  });

  it('refuses a link to another loopback address, and nothing connects to it', async () => {
    h.qs.server.faults.linkOriginNext(otherLoopback.origin);
    expect(await refusal()).toEqual({
      code: 'ServerError',
      message:
        'The QuickSync API gave a download link to a local or private address (127.0.0.2), which was not opened.',
      detail: `host: ${new URL(otherLoopback.origin).host}`,
    });
    expect(otherLoopback.connections()).toBe(0);
  });

  it('refuses a link to a name that resolves to loopback (localhost), checked at connect time', async () => {
    const port = new URL(sameLoopback.origin).port;
    h.qs.server.faults.linkOriginNext(`http://localhost:${port}`);
    expect(await refusal()).toMatchObject({
      code: 'ServerError',
      message: expect.stringMatching(
        /^The QuickSync API gave a download link to a local or private address \((127\.0\.0\.1|::1)\), which was not opened\.$/,
      ),
    });
    expect(sameLoopback.connections()).toBe(0);
  });

  it('refuses a redirect from the allowed link to a loopback address on another host', async () => {
    h.qs.server.faults.redirectNextDownloads(1, `${otherLoopback.origin}/stolen`);
    expect(await refusal()).toMatchObject({
      code: 'ServerError',
      message:
        'The QuickSync download link redirected to a local or private address (127.0.0.2), which was not opened.',
    });
    expect(otherLoopback.connections()).toBe(0);
  });

  it('refuses it through the core as well (a download job)', async () => {
    h.qs.server.faults.linkOriginNext(otherLoopback.origin);
    const [job] = await h.finished(await h.download([fileKey], path.join(h.work, 'refused')));
    expect(job).toMatchObject({
      state: 'failed',
      error: { code: 'ServerError', message: expect.stringMatching(/local or private address \(127\.0\.0\.2\)/) },
    });
    expect(otherLoopback.connections()).toBe(0);
  });

  it('follows redirects on the API’s own host, up to five hops', async () => {
    h.qs.server.faults.redirectNextDownloads(5);
    expect(await download()).toEqual(CONTENT);
    h.qs.server.faults.redirectNextDownloads(6);
    expect(await refusal()).toEqual({
      code: 'ServerError',
      message: 'The QuickSync download link redirected more than 5 times, so it was not followed further.',
    });
    expect(await download()).toEqual(CONTENT);
    expect(h.qs.server.stats.authorizationRefused).toBe(0);
  });

  it('keeps to the document throughout', () => {
    expectNoViolations(h.qs);
  });
});
