/**
 * Crash: a host process (fixtures/crash-host.ts) uploads to QuickSync; once two parts are stored
 * and their tags are in the journal (the next two held at the server), it is killed with SIGKILL.
 * Started again on the same data directory it resumes by itself from the saved tags (the API has
 * no list-parts): the same file is completed byte for byte, no part it had a tag for is sent
 * again (counted at the server), and no second upload is started.
 */
import { watch } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICKSYNC_BUCKET } from '../../shared/quicksync';
import { MiB } from '../../shared/transfers';
import { JOURNAL_FILE } from '../../electron/core/transfers/journal';
import { startQuickSyncTestServer, type QuickSyncTestServer } from '../servers/quicksync-server';
import { quickSyncAccountInput } from '../servers/quicksync-target';
import { startCrashHost, type RunningHost } from './fixtures/run-crash-host';
import { expectNoViolations } from './quicksync-harness';
import { makeRandomFile, sha256 } from './transfer-helpers';

const PART = MiB;
const SIZE = 9 * PART + 54_321;
const PARTS = 10;
const LANES = 2;
const WAIT_MS = 60_000;

/** Resolves once the file's text satisfies `done`, checked now and whenever its folder changes. */
function waitForText(file: string, done: (text: string) => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = watch(path.dirname(file));
    const finish = (error: Error | null): void => {
      clearTimeout(timer);
      watcher.close();
      if (error) reject(error);
      else resolve();
    };
    const check = (): void => {
      void readFile(file, 'utf8').then(
        (text) => done(text) && finish(null),
        () => {},
      );
    };
    const timer = setTimeout(() => finish(new Error(`Timed out waiting for ${what}`)), WAIT_MS);
    watcher.on('change', check);
    check();
  });
}

describe('QuickSync: resume after the host was killed', () => {
  let qs: QuickSyncTestServer;
  let dir: string;
  let host: RunningHost | null = null;

  beforeAll(async () => {
    qs = await startQuickSyncTestServer();
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-quicksync-crash-'));
  });
  afterAll(async () => {
    if (host && host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
    await qs?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('SIGKILL mid-upload, restart: the same file completes, no part with a saved tag sent again', async () => {
    const server = qs.server;
    const file = path.join(dir, 'payload.bin');
    const hash = await makeRandomFile(file, SIZE);
    const dataDir = path.join(dir, 'data');
    const stdin = {
      account: quickSyncAccountInput(qs, 'Crash test'),
      // The held parts must still be in flight, not retried, when the kill comes.
      settings: { quicksyncPartSizeBytes: PART, partsInParallel: LANES, stallTimeoutMs: 120_000 },
    };
    const stored = (fileKey: string): number => server.stats.partsReceived.get(fileKey) ?? 0;

    // First run: parts 1 and 2 are let through, the next two wait at the server.
    const first = server.faults.holdParts();
    host = startCrashHost(dataDir, file, QUICKSYNC_BUCKET, stdin);
    const early = host.exited.then((code) => {
      throw new Error(`the host exited (${code}) before it was killed: ${host?.stderr()}`);
    });
    early.catch(() => {});
    await Promise.race([early, server.waitFor(() => server.stats.partsHeld === LANES, WAIT_MS, 'parts held')]);
    const second = server.faults.holdParts();
    first();
    const [upload] = [...server.files.values()];
    const fileKey = upload!.fileKey;
    await Promise.race([
      early,
      server.waitFor(
        () => stored(fileKey) === LANES && server.stats.partsHeld === LANES,
        WAIT_MS,
        'two parts stored, two held',
      ),
    ]);
    // The tags of the stored parts are in the journal: that is what the kill must not lose.
    const tags = [1, 2].map((n) => upload!.parts.get(n)!.tag);
    await waitForText(
      path.join(dataDir, JOURNAL_FILE),
      (text) => tags.every((t) => text.includes(t)),
      'the saved tags in the journal',
    );
    host.child.kill('SIGKILL');
    expect(await host.exited).toBeNull();
    expect(host.lines.find((l) => l.type === 'started')?.firstRun).toBe(true);

    // The held parts reach the server after all, but the killed host never learnt their tags.
    second();
    await server.waitFor(() => server.stats.partsHeld === 0, WAIT_MS, 'the held parts released');
    const before = {
      stored: stored(fileKey),
      bytes: server.stats.bytesReceived,
      initiates: server.stats.requests.initiate,
    };

    // Second run: same data dir, nothing queued by the host, the core resumes on start.
    host = startCrashHost(dataDir, file, QUICKSYNC_BUCKET, stdin);
    expect(await host.exited, host.stderr()).toBe(0);
    expect(host.lines.find((l) => l.type === 'started')?.firstRun).toBe(false);
    expect(host.lines.some((l) => l.type === 'queued')).toBe(false);
    const finished = host.lines.find((l) => l.type === 'finished');
    expect(finished?.jobs?.map((j) => [j.state, j.bytesDone, j.error])).toEqual([['done', SIZE, null]]);

    expect(server.stats.requests.initiate).toBe(before.initiates);
    expect([...server.files.keys()]).toEqual([fileKey]);
    expect(server.files.get(fileKey)?.completed).toBe(true);
    expect(sha256(server.files.get(fileKey)!.content!)).toBe(hash);
    // Parts 3 to 10 only, once each: the bytes of the two saved parts were not sent again.
    expect(stored(fileKey) - before.stored).toBe(PARTS - LANES);
    expect(server.stats.bytesReceived - before.bytes).toBe(SIZE - LANES * PART);
    expectNoViolations(qs);
  }, 180_000);
});
