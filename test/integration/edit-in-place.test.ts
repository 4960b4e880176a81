/**
 * Open and edit in place against a real radosgw: the core downloads the object into its edit
 * cache and hands the path to the host (a fake openWithSystem that records it); while editing,
 * each save of the real file on disk arrives in the bucket exactly once, a save over an object
 * someone else changed waits as a conflict (nothing overwritten) until it is resolved, and a
 * stopped session (stopped by the person, or by removing its account) uploads nothing and leaves
 * its copy only if the copy holds unsent changes. Every wait is on a core event, never on a timer.
 */
import { randomBytes } from 'node:crypto';
import { watch } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { access, mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditSession, KeptEditCopy } from '../../shared/channels/edits';
import type { Channel } from '../../shared/contract';
import type { AccountSummary } from '../../shared/models';
import type { Core } from '../../electron/core/create-core';
import { testAccountInput } from '../servers/s3-target';
import type { HostServices } from '../../electron/core/host-services';
import { newCore, startHarness, unwrap, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { listAllJobs, sha256 } from './transfer-helpers';

const s3 = s3OrSkip();
/** Between the two halves of a slow save (the session waits 400 ms of quiet before uploading). */
const SLOW_WRITER_PAUSE_MS = 150;

describe.skipIf(!s3)(s3Title('core: open and edit in place'), () => {
  const info = s3 as S3ServerInfo;
  let h: Harness;
  let bucket: string;
  const opened: string[] = [];
  /** The host's services: a fake opener that records what it was asked to open. */
  const host: HostServices = {
    openWithSystem: async (file) => {
      opened.push(file);
      return null;
    },
  };
  let sessions: EditSession[] = [];
  /** What the last event that reported kept copies said. */
  let kept: KeptEditCopy[] = [];
  const waiters = new Set<() => void>();

  beforeAll(async () => {
    h = await startHarness(info, { host });
    h.core.onEvent('edits:changed', (event) => {
      sessions = event.sessions;
      if (event.kept) kept = event.kept;
      for (const check of [...waiters]) check();
    });
    bucket = await h.newBucket('edit');
  });
  afterAll(async () => {
    await h?.dispose();
  });

  /** Resolves with the session once an edits:changed event shows it as `ready` wants. */
  const until = (id: string, ready: (s: EditSession) => boolean): Promise<EditSession> =>
    new Promise((resolve) => {
      const check = (): void => {
        const found = sessions.find((s) => s.id === id);
        if (found && ready(found)) {
          waiters.delete(check);
          resolve(found);
        }
      };
      waiters.add(check);
      check();
    });

  const object = (key: string) => ({ accountId: h.accountId, bucket, key });
  const cacheRoot = (): string => path.join(h.dataDir, 'edit-cache');
  const uploadJobs = async (key: string) =>
    (await listAllJobs(h.core)).filter((j) => j.direction === 'upload' && j.key === key && j.state === 'done');
  const expectObject = async (key: string, bytes: Buffer): Promise<void> =>
    expect(sha256(await h.get(bucket, key))).toBe(sha256(bytes));
  const exists = (file: string): Promise<boolean> =>
    access(file).then(
      () => true,
      () => false,
    );
  const listed = async (): Promise<string[]> => (await h.call('edits:list', {})).sessions.map((s) => s.id);

  /**
   * An editor still open saves the stopped session's copy again (recreating its deleted folder):
   * the save stays local. A session still running is the witness: its save, made after, arrives.
   */
  async function expectSaveStaysLocal(file: string, key: string, before: Buffer): Promise<void> {
    const witnessKey = `witness-${path.basename(file)}`;
    await h.put(bucket, witnessKey, 'w\n');
    const witness = await h.call('edits:start', object(witnessKey));
    const witnessFile = opened.at(-1)!;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, 'after\n');
    await writeFile(witnessFile, 'w2\n');
    await until(witness.id, (s) => s.uploads === 1);
    await expectObject(key, before);
    const uploads = (await listAllJobs(h.core)).filter((j) => j.direction === 'upload' && j.key === key);
    expect(uploads).toHaveLength(0);
  }

  it('opens an object: downloaded into the edit cache through the queue and handed to the host', async () => {
    const bytes = Buffer.from('a picture, say\n'.repeat(1000));
    await h.put(bucket, 'docs/photo.jpg', bytes);
    await h.call('edits:open', object('docs/photo.jpg'));
    const file = opened.at(-1)!;
    expect(path.basename(file)).toBe('photo.jpg');
    expect(path.relative(cacheRoot(), file).startsWith('..')).toBe(false);
    expect(sha256(await readFile(file))).toBe(sha256(bytes));
    const downloads = (await listAllJobs(h.core)).filter(
      (j) => j.direction === 'download' && j.key === 'docs/photo.jpg',
    );
    expect(downloads.map((j) => j.state)).toEqual(['done']);
  });

  it('uploads every save once, and only once the save is written completely', async () => {
    const key = 'notes/todo.txt';
    const first = Buffer.from('buy milk\n');
    await h.put(bucket, key, first);
    const started = await h.call('edits:start', object(key));
    expect(started.state).toBe('watching');
    const file = opened.at(-1)!;
    expect(sha256(await readFile(file))).toBe(sha256(first));

    const second = Buffer.from('buy milk\nand bread\n');
    await writeFile(file, second);
    await until(started.id, (s) => s.uploads === 1 && s.state === 'uploaded');
    await expectObject(key, second);

    // A save written in two steps by a slow writer: the OS reports the half-written file, and the
    // rest follows a moment later (the pause is the stimulus, shorter than the watcher's 400 ms of
    // stability), long enough for a watcher that does not wait for the write to finish to upload half.
    const third = Buffer.from('buy milk\nand bread\nand a newspaper, and some coffee beans\n'.repeat(50));
    const half = Math.floor(third.length / 2);
    const handle = await open(file, 'r+');
    const seen = watch(file);
    const halfSeen = new Promise((resolve) => seen.once('change', resolve));
    await handle.write(third, 0, half, 0);
    await halfSeen;
    seen.close();
    await delay(SLOW_WRITER_PAUSE_MS);
    await handle.write(third, half, third.length - half, half);
    await handle.close();
    await until(started.id, (s) => s.uploads === 2 && s.state === 'uploaded');
    await expectObject(key, third);
    expect(await uploadJobs(key)).toHaveLength(2);
  });

  it('a save over an object someone else changed waits as a conflict; each answer does what it says', async () => {
    const key = 'shared/plan.md';
    await h.put(bucket, key, '# plan\n');
    const { id } = await h.call('edits:start', object(key));
    const file = opened.at(-1)!;

    // Overwrite: theirs is replaced by mine.
    await h.put(bucket, key, '# their plan\n');
    const mine = Buffer.from('# my plan\n');
    await writeFile(file, mine);
    await until(id, (s) => s.state === 'conflict');
    await expectObject(key, Buffer.from('# their plan\n'));
    await h.call('edits:resolve', { sessionId: id, choice: 'overwrite' });
    await until(id, (s) => s.state === 'uploaded' && s.uploads === 1);
    await expectObject(key, mine);

    // Keep both: mine goes next to theirs, and later saves go to mine.
    await h.put(bucket, key, '# their second plan\n');
    const mine2 = Buffer.from('# my second plan\n');
    await writeFile(file, mine2);
    await until(id, (s) => s.state === 'conflict');
    await h.call('edits:resolve', { sessionId: id, choice: 'keepBoth' });
    const kept = await until(id, (s) => s.state === 'uploaded' && s.uploads === 2);
    expect(kept.key).toBe('shared/plan (edited).md');
    await expectObject(key, Buffer.from('# their second plan\n'));
    await expectObject('shared/plan (edited).md', mine2);

    // Discard: the copy becomes the server's version again; nothing is uploaded.
    const theirs = Buffer.from('# their edit of my copy\n');
    await h.put(bucket, kept.key, theirs);
    await writeFile(file, '# my third plan\n');
    await until(id, (s) => s.state === 'conflict');
    await h.call('edits:resolve', { sessionId: id, choice: 'discard' });
    await until(id, (s) => s.state === 'watching');
    expect(sha256(await readFile(file))).toBe(sha256(theirs));
    await expectObject(kept.key, theirs);
    expect(await uploadJobs(kept.key)).toHaveLength(1);
  });

  it('stop editing closes the watcher and deletes the unchanged copy: a later save uploads nothing', async () => {
    const key = 'stopped.txt';
    await h.put(bucket, key, 'before\n');
    const { id } = await h.call('edits:start', object(key));
    const file = opened.at(-1)!;
    await h.call('edits:stop', { sessionId: id });
    expect(await listed()).not.toContain(id);
    expect(await exists(file)).toBe(false);
    expect(await exists(path.dirname(file))).toBe(false);
    await expectSaveStaysLocal(file, key, Buffer.from('before\n'));
  });

  it("stopping a session whose saves were all uploaded deletes its copy and the copy's folder", async () => {
    const key = 'synced/report.txt';
    await h.put(bucket, key, 'draft\n');
    const { id } = await h.call('edits:start', object(key));
    const file = opened.at(-1)!;
    const final = Buffer.from('final\n');
    await writeFile(file, final);
    await until(id, (s) => s.state === 'uploaded' && s.uploads === 1);
    kept = [];
    await h.call('edits:stop', { sessionId: id });
    expect(await exists(file)).toBe(false);
    expect(await exists(path.dirname(file))).toBe(false);
    expect(await exists(cacheRoot())).toBe(true);
    expect(kept).toEqual([]);
    await expectObject(key, final);
  });

  it('stopping a session with an unsent change keeps the copy byte-identical and says where', async () => {
    const key = 'unsent/letter.txt';
    await h.put(bucket, key, 'dear\n');
    const { id } = await h.call('edits:start', object(key));
    const file = opened.at(-1)!;
    // Someone else changes the object, so the save waits (unsent) as a conflict.
    await h.put(bucket, key, 'their letter\n');
    const mine = randomBytes(64 * 1024);
    await writeFile(file, mine);
    await until(id, (s) => s.state === 'conflict');
    await h.call('edits:stop', { sessionId: id });
    expect(await listed()).not.toContain(id);
    expect(sha256(await readFile(file))).toBe(sha256(mine));
    expect(kept).toEqual([{ accountId: h.accountId, bucket, key, file }]);
    await expectObject(key, Buffer.from('their letter\n'));
  });

  it('removing an account ends its sessions: the copy goes, a later save uploads nothing', async () => {
    const key = 'removed-account.txt';
    await h.put(bucket, key, 'before\n');
    const other = await h.call('accounts:create', { account: testAccountInput(info, 'to remove') });
    const { id } = await h.call('edits:start', { accountId: other.id, bucket, key });
    const file = opened.at(-1)!;
    expect(sessions.map((s) => s.id)).toContain(id);
    await h.call('accounts:remove', { id: other.id });
    // The event the UI follows no longer shows the session, nor does the list.
    expect(sessions.map((s) => s.id)).not.toContain(id);
    expect(await listed()).not.toContain(id);
    expect(await exists(file)).toBe(false);
    await expectSaveStaysLocal(file, key, Buffer.from('before\n'));
  });

  it('quitting cancels an edit upload still running: nothing resumes when the app starts again', async () => {
    const key = 'quit.bin';
    await h.put(bucket, key, 'before\n');
    const { core, dataDir } = await newCore(host);
    let reopened: Core | null = null;
    try {
      const call = async <T>(channel: Channel, request: unknown): Promise<T> =>
        unwrap<T>(await core.invoke(channel, request), channel);
      const account = await call<AccountSummary>('accounts:create', { account: testAccountInput(info, 'quit') });
      // Slow uploads, so the save is still on its way when the app quits.
      await call('settings:update', { transfers: { uploadBytesPerSecond: 256 * 1024 } });
      const running = new Promise<void>((resolve) =>
        core.onEvent('transfers:progress', (s) => {
          if (s.changed.some((j) => j.key === key && j.direction === 'upload' && j.state === 'running')) resolve();
        }),
      );
      await call('edits:start', { accountId: account.id, bucket, key });
      await writeFile(opened.at(-1)!, randomBytes(2 * 1024 * 1024));
      await running;
      await core.dispose();

      reopened = (await newCore(host, undefined, dataDir)).core;
      const uploads = (await listAllJobs(reopened)).filter((j) => j.key === key && j.direction === 'upload');
      expect(uploads.map((j) => j.state)).toEqual(['cancelled']);
      await expectObject(key, Buffer.from('before\n'));
    } finally {
      await reopened?.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to open where the host cannot (the browser host), before downloading anything', async () => {
    const open = host.openWithSystem!;
    delete host.openWithSystem;
    try {
      const before = (await listAllJobs(h.core)).length;
      const error = await h.fail('edits:open', object('docs/photo.jpg'));
      expect(error).toEqual({
        code: 'NotSupported',
        message: 'The browser app cannot open files in other applications; it downloads them instead.',
      });
      expect(await listAllJobs(h.core)).toHaveLength(before);
    } finally {
      host.openWithSystem = open;
    }
  });
});

describe('core: edit in place on the local sandbox', () => {
  it('edits a sample file: the save arrives in the sandbox', async () => {
    const opened: string[] = [];
    const { core, dataDir } = await newCore({
      openWithSystem: async (file) => {
        opened.push(file);
        return null;
      },
    });
    try {
      const account = await core.openSandbox();
      const object = { accountId: account.id, bucket: 'documents', key: 'budget.csv' };
      const uploaded = new Promise<void>((resolve) =>
        core.onEvent('edits:changed', ({ sessions }) => {
          if (sessions.some((s) => s.uploads === 1)) resolve();
        }),
      );
      const session = unwrap<EditSession>(await core.invoke('edits:start', object), 'edits:start');
      expect(session.state).toBe('watching');
      const mine = Buffer.from('month,income\nApril,5000\n');
      await writeFile(opened[0]!, mine);
      await uploaded;
      const { stream } = await core.openObjectStream(object);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      expect(sha256(Buffer.concat(chunks))).toBe(sha256(mine));
    } finally {
      await core.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
