/**
 * QuickSync through the real core and its worker threads, against the stateful test server
 * behind the contract validator: uploads of 0 B, 1 B, exactly one part and several parts with an
 * odd last one round-trip byte for byte (listed, detailed, downloaded, deleted); a dropped folder
 * becomes files named by their relative paths; QS Share names are stored encrypted and shown
 * decrypted; the download host never sees the bearer token; nothing breaks the document.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICKSYNC_BUCKET } from '../../shared/quicksync';
import { MiB } from '../../shared/transfers';
import { decryptName } from '../../electron/core/providers/quicksync/name-crypto';
import { expectNoViolations, onlyDone, startQuickSyncHarness, type QuickSyncHarness } from './quicksync-harness';
import { makeRandomFile, sha256, sha256File } from './transfer-helpers';

const PART = MiB;

describe('QuickSync transfers through the queue', () => {
  let h: QuickSyncHarness;

  beforeAll(async () => {
    h = await startQuickSyncHarness();
    await h.settings({ partsInParallel: 3 });
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it.each([
    ['empty', 0, 1],
    ['one-byte', 1, 1],
    ['one-part', PART, 1],
    ['odd-last-part', 3 * PART + 12_345, 4],
  ])('round-trips %s (%i bytes in %i parts): list, details, download, delete', async (label, size, parts) => {
    const source = path.join(h.work, 'up', `${label}.bin`);
    const hash = await makeRandomFile(source, size);
    const before = { ...h.qs.server.stats.requests };

    const job = onlyDone(await h.finished(await h.upload([source])));
    expect([job.name, job.key, job.bucket, job.bytesDone, job.bytesTotal]).toEqual([
      `${label}.bin`,
      `${label}.bin`,
      QUICKSYNC_BUCKET,
      size,
      size,
    ]);
    // One initiate, one PUT per part, one completion: nothing sent twice.
    expect(h.qs.server.stats.requests.initiate - before.initiate).toBe(1);
    expect(h.qs.server.stats.requests.part - before.part).toBe(parts);
    expect(h.qs.server.stats.requests.complete - before.complete).toBe(1);

    const listed = (await h.files()).find((f) => f.name === `${label}.bin`);
    expect(listed).toMatchObject({ size, totalParts: parts, completed: true, nameWasEncrypted: false });
    const fileKey = listed!.fileKey;
    const stored = h.qs.server.files.get(fileKey)!;
    expect(stored.fileName).toBe(`${label}.bin`);
    expect(sha256(stored.content!)).toBe(hash);
    expect(await h.call('quicksync:details', { accountId: h.accountId, fileKey })).toEqual(listed);

    const target = path.join(h.work, 'down', label);
    const downloads = h.qs.server.stats.downloads;
    const down = onlyDone(await h.finished(await h.download([fileKey], target)));
    expect([down.name, down.key, down.bytesDone]).toEqual([`${label}.bin`, fileKey, size]);
    expect(await sha256File(path.join(target, `${label}.bin`))).toBe(hash);
    expect(h.qs.server.stats.downloads).toBe(downloads + 1);

    const deleted = await h.call('quicksync:delete', {
      accountId: h.accountId,
      fileKeys: [fileKey],
      operationId: `delete-${label}`,
    });
    expect(deleted).toEqual({ succeeded: 1, failed: [] });
    expect(h.qs.server.files.has(fileKey)).toBe(false);
    expect((await h.files(true)).some((f) => f.fileKey === fileKey)).toBe(false);
  });

  it('uploads a dropped folder as files named by their paths, and downloads them into those folders', async () => {
    const root = path.join(h.work, 'photos');
    const hashes = {
      'photos/a.jpg': await makeRandomFile(path.join(root, 'a.jpg'), 2 * PART + 1),
      'photos/trip/b.png': await makeRandomFile(path.join(root, 'trip', 'b.png'), 777),
    };
    const jobs = await h.finished(await h.upload([root]), 2);
    expect(jobs.map((j) => [j.name, j.state]).sort()).toEqual([
      ['photos/a.jpg', 'done'],
      ['photos/trip/b.png', 'done'],
    ]);
    const files = (await h.files()).filter((f) => f.name.startsWith('photos/'));
    expect(files.map((f) => f.name)).toEqual(['photos/a.jpg', 'photos/trip/b.png']);

    const target = path.join(h.work, 'folder-down');
    const down = await h.finished(
      await h.download(
        files.map((f) => f.fileKey),
        target,
      ),
      2,
    );
    expect(down.every((j) => j.state === 'done')).toBe(true);
    for (const [name, hash] of Object.entries(hashes)) expect(await sha256File(path.join(target, name))).toBe(hash);
  });

  it('never sends the bearer token to the download host and keeps to the document throughout', () => {
    expect(h.qs.server.stats.downloads).toBeGreaterThan(0);
    expect(h.qs.server.stats.authorizationRefused).toBe(0);
    expectNoViolations(h.qs);
  });
});

describe('QuickSync with QS Share name encryption', () => {
  let h: QuickSyncHarness;

  beforeAll(async () => {
    h = await startQuickSyncHarness({ encryptNames: true });
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('stores the name encrypted with the session id and shows it decrypted', async () => {
    const source = path.join(h.work, 'report.pdf');
    const hash = await makeRandomFile(source, 2 * PART + 99);
    onlyDone(await h.finished(await h.upload([source])));

    const [stored] = [...h.qs.server.files.values()];
    expect(stored!.fileName).toMatch(/^U2FsdGVkX1/);
    expect(stored!.fileName).not.toContain('report');
    expect(decryptName(stored!.fileName!, h.qs.sessionId)).toBe('report.pdf');

    const listed = await h.files();
    expect(listed.map((f) => [f.fileKey, f.name, f.nameWasEncrypted, f.size])).toEqual([
      [stored!.fileKey, 'report.pdf', true, 2 * PART + 99],
    ]);

    // Downloaded under its decrypted name.
    const target = path.join(h.work, 'down');
    onlyDone(await h.finished(await h.download([stored!.fileKey], target)));
    expect(await sha256File(path.join(target, 'report.pdf'))).toBe(hash);
  });

  it('shows a name it cannot decrypt (another session’s) as stored', async () => {
    const other = h.qs.server.addSession({ creatorId: 'another-creator' });
    const plainAccount = await h.addAccount('Other session', {
      token: other.token,
      sessionId: other.sessionId,
      encryptNames: true,
    });
    const source = path.join(h.work, 'secret.txt');
    await makeRandomFile(source, 10);
    onlyDone(await h.finished(await h.upload([source], plainAccount)));
    const stored = [...h.qs.server.files.values()].find((f) => f.creatorId === 'another-creator')!;
    // A session of the same creator with another id cannot read the name: it shows the stored text.
    const sameCreator = h.qs.server.addSession({ creatorId: 'another-creator' });
    const reader = await h.addAccount('Same owner, new session', {
      token: sameCreator.token,
      sessionId: sameCreator.sessionId,
    });
    const [listed] = await h.files(false, reader);
    expect(listed).toMatchObject({ fileKey: stored.fileKey, name: stored.fileName, nameWasEncrypted: false });
    expectNoViolations(h.qs);
  });
});
