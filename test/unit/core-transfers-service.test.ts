import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, RequestOf, ResponseOf } from '../../shared/contract';
import type { AppError, Result } from '../../shared/errors';
import { NO_UPLOAD_OPTIONS, type UploadObjectOptions } from '../../shared/properties';
import type { TransfersSnapshot } from '../../shared/transfers';
import { createCore, type Core } from '../../electron/core/create-core';
import { SOURCE_WORKER_ENTRY } from '../support/source-worker';
import type { HostServices } from '../../electron/core/host-services';
import { createKeyFileVault } from '../../electron/core/key-file-vault';
import { JOURNAL_FILE } from '../../electron/core/transfers/journal';
import { FakeEngine, until } from './fakes/fake-engine';

const SECRET = 'service-test-secret-0123456789abcdef';

let dataDir: string;
let work: string;
let core: Core;
let engine: FakeEngine;
let accountId: string;
let snapshots: TransfersSnapshot[];

async function start(host: HostServices = {}): Promise<void> {
  engine = new FakeEngine();
  core = await createCore({
    dataDir,
    vault: await createKeyFileVault(dataDir),
    workerEntry: SOURCE_WORKER_ENTRY,
    host,
    info: { host: 'web', version: 'test' },
    engine,
  });
  snapshots = [];
  core.onEvent('transfers:progress', (s) => snapshots.push(s));
}

async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = (await core.invoke(channel, request)) as Result<ResponseOf<C>>;
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function failure<C extends Channel>(channel: C, request: RequestOf<C>): Promise<AppError> {
  const result = await core.invoke(channel, request);
  if (result.ok) throw new Error(`${channel} succeeded`);
  return result.error;
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-service-data-'));
  work = await mkdtemp(path.join(os.tmpdir(), 'qs-service-work-'));
  await start();
  const account = await call('accounts:create', {
    account: {
      kind: 's3',
      name: 'Test',
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      accessKeyId: 'AKIASERVICETEST',
      secretAccessKey: SECRET,
      addressingStyle: 'path',
      checksumMode: 'when_required',
    },
  });
  accountId = account.id;
});

afterEach(async () => {
  await core.dispose();
  await rm(dataDir, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

describe('transfers through the core', () => {
  it('uploads a dropped folder as jobs keyed by relative path, with credentials only in the task', async () => {
    const folder = path.join(work, 'photos');
    await mkdir(path.join(folder, 'trip'), { recursive: true });
    await writeFile(path.join(folder, 'a.jpg'), 'aaa');
    await writeFile(path.join(folder, 'trip', 'b.png'), 'bb');
    await writeFile(path.join(folder, 'trip', 'c.txt'), 'c');
    const started = await call('transfers:upload', {
      accountId,
      bucket: 'bucket.with.dots',
      prefix: 'backup/',
      batchId: 'batch-1',
      conflict: 'overwrite',
      sources: [{ kind: 'path', path: folder }],
    });
    expect(started).toEqual({ batchId: 'batch-1', stagePaths: [] });
    await until(() => engine.active.size === 3, 'three tasks');
    const tasks = [...engine.active.values()].map((r) => r.task);
    expect(tasks.map((t) => t.key).sort()).toEqual([
      'backup/photos/a.jpg',
      'backup/photos/trip/b.png',
      'backup/photos/trip/c.txt',
    ]);
    for (const task of tasks) {
      expect(task.credentials).toMatchObject({
        secretAccessKey: SECRET,
        accessKeyId: 'AKIASERVICETEST',
        pathStyle: true,
      });
    }
    for (const run of [...engine.active.values()]) run.succeed();
    await until(() => snapshots.some((s) => s.finishedBatches.length > 0), 'batch finished');
    expect(snapshots.flatMap((s) => s.finishedBatches)).toMatchObject([{ label: 'Folder photos', done: 3 }]);
    const page = await call('transfers:list', { filter: 'done', offset: 0, limit: 10 });
    expect(page.total).toBe(3);
    expect(page.jobs.map((j) => j.name).sort()).toEqual(['photos/a.jpg', 'photos/trip/b.png', 'photos/trip/c.txt']);
    expect(await readFile(path.join(dataDir, JOURNAL_FILE), 'utf8')).not.toContain(SECRET);
  });

  it('takes browser-held files through one-time stage paths', async () => {
    const started = await call('transfers:upload', {
      accountId,
      bucket: 'bucket',
      prefix: '',
      batchId: 'batch-2',
      conflict: 'overwrite',
      sources: [
        { kind: 'browser', relativePath: 'docs/one.txt', size: 3, lastModified: 0 },
        { kind: 'browser', relativePath: 'docs/two.txt', size: 0, lastModified: 0 },
      ],
    });
    expect(started.stagePaths).toHaveLength(2);
    for (const p of started.stagePaths) expect(p).toMatch(/^\/upload\/[0-9a-f]{32}$/);
    const [first, second] = started.stagePaths.map((p) => p.slice('/upload/'.length));
    expect(engine.runs).toHaveLength(0);
    await core.receiveStagedUpload(first!, Readable.from([Buffer.from('abc')]));
    await until(() => engine.active.size === 1, 'first staged job runs');
    const task = [...engine.active.values()][0]!.task;
    expect(task).toMatchObject({ key: 'docs/one.txt', source: { size: 3 }, contentType: 'text/plain; charset=utf-8' });
    if (task.kind === 'upload') expect(await readFile(task.source.path, 'utf8')).toBe('abc');
    await expect(core.receiveStagedUpload(first!, Readable.from([]))).rejects.toMatchObject({ code: 'InvalidRequest' });
    await expect(core.receiveStagedUpload(second!, Readable.from([Buffer.from('x')]))).rejects.toMatchObject({
      code: 'InvalidRequest',
    });
    await core.receiveStagedUpload(second!, Readable.from([]));
    await until(() => engine.active.size === 2, 'second staged job runs');
  });

  it('never uploads the app data folder and refuses relative paths', async () => {
    const request = (p: string): RequestOf<'transfers:upload'> => ({
      accountId,
      bucket: 'bucket',
      prefix: '',
      batchId: `b-${p.length}`,
      sources: [{ kind: 'path', path: p }],
    });
    expect(await failure('transfers:upload', request(dataDir))).toMatchObject({ code: 'AccessDenied' });
    expect(await failure('transfers:upload', request(path.join(dataDir, 'secrets.json')))).toMatchObject({
      code: 'AccessDenied',
    });
    expect(await failure('transfers:upload', request('relative/x'))).toMatchObject({ code: 'InvalidRequest' });
    expect(await failure('transfers:upload', { ...request(work), accountId: 'nobody' })).toMatchObject({
      code: 'AccountNotFound',
    });
  });

  it('refuses a path handle that reaches the core unresolved (only the Electron host resolves them)', async () => {
    const handle = 'a'.repeat(32);
    const unresolved = { code: 'InvalidRequest', message: expect.stringMatching(/handle reached the app unresolved/) };
    expect(
      await failure('transfers:upload', {
        accountId,
        bucket: 'bucket',
        prefix: '',
        batchId: 'h1',
        sources: [{ kind: 'handle', handle }],
      }),
    ).toMatchObject(unresolved);
    expect(
      await failure('transfers:download', {
        accountId,
        bucket: 'bucket',
        basePrefix: '',
        keys: ['x'],
        targetDir: { handle },
        batchId: 'h2',
      }),
    ).toMatchObject(unresolved);
    // Not even a handle-shaped string passes the schema unless it is one.
    expect(
      await failure('transfers:upload', {
        accountId,
        bucket: 'bucket',
        prefix: '',
        batchId: 'h3',
        sources: [{ kind: 'handle', handle: '/etc/passwd' }],
      }),
    ).toMatchObject({ code: 'InvalidRequest' });
    const listed = await call('transfers:list', { filter: 'all', offset: 0, limit: 10 });
    expect(listed.total).toBe(0);
  });

  it('downloads into the chosen folder, asks the host for one, and refuses without a dialog', async () => {
    expect(
      await failure('transfers:download', {
        accountId,
        bucket: 'bucket',
        basePrefix: '',
        keys: ['a.txt'],
        targetDir: null,
        batchId: 'd0',
      }),
    ).toMatchObject({ code: 'NotSupported' });
    const target = path.join(work, 'downloads');
    const started = await call('transfers:download', {
      accountId,
      bucket: 'bucket',
      basePrefix: 'docs/',
      keys: ['docs/a.txt', 'docs/../../etc/passwd'],
      targetDir: target,
      batchId: 'd1',
      conflict: 'overwrite',
    });
    expect(started).toEqual({ kind: 'started', batchId: 'd1', targetDir: target });
    await until(() => engine.active.size === 1, 'download runs');
    expect([...engine.active.values()][0]!.task).toMatchObject({
      kind: 'download',
      key: 'docs/a.txt',
      target: path.join(target, 'a.txt'),
    });
    const skipped = await call('transfers:list', { filter: 'done', offset: 0, limit: 10 });
    expect(skipped.jobs).toMatchObject([
      { state: 'skipped', key: 'docs/../../etc/passwd', error: { code: 'InvalidKey' } },
    ]);
    expect(
      await failure('transfers:download', {
        accountId,
        bucket: 'bucket',
        basePrefix: '',
        keys: ['x'],
        targetDir: dataDir,
        batchId: 'd2',
      }),
    ).toMatchObject({ code: 'AccessDenied' });

    await core.dispose();
    let asked = '';
    await start({
      chooseFolder: async (purpose) => {
        asked = purpose;
        return null;
      },
    });
    expect(
      await call('transfers:download', {
        accountId,
        bucket: 'b',
        basePrefix: '',
        keys: ['x'],
        targetDir: null,
        batchId: 'd3',
      }),
    ).toEqual({ kind: 'cancelled' });
    expect(asked).toBe('download');
  });

  it('applies settings live and reports the downloads folder', async () => {
    expect(engine.rateLimits.at(-1)).toEqual({ up: 0, down: 0 });
    const updated = await call('settings:update', { transfers: { uploadBytesPerSecond: 1024, jobsInParallel: 2 } });
    expect(updated.transfers).toMatchObject({ uploadBytesPerSecond: 1024, jobsInParallel: 2 });
    expect(engine.rateLimits.at(-1)).toEqual({ up: 1024, down: 0 });
    expect(await call('settings:get', {})).toEqual(updated);
    expect(await failure('settings:update', { transfers: { jobsInParallel: 0 } })).toMatchObject({
      code: 'InvalidRequest',
    });
    const info = await call('app:info', {});
    expect(path.isAbsolute(info.downloadsDir)).toBe(true);
  });

  it('resumes after the core restarts, with control over the router', async () => {
    const file = path.join(work, 'big.bin');
    await writeFile(file, Buffer.alloc(1000));
    await call('transfers:upload', {
      accountId,
      bucket: 'bucket',
      prefix: '',
      batchId: 'r1',
      conflict: 'overwrite',
      sources: [{ kind: 'path', path: file }],
    });
    await until(() => engine.active.size === 1, 'running');
    const run = [...engine.active.values()][0]!;
    run.checkpoint({
      kind: 'upload',
      uploadId: 'u-1',
      partSize: 5 * 1024 * 1024,
      source: { size: 1000, mtimeMs: 1 },
      parts: [],
    });
    await core.dispose(); // the engine is disposed: the job stays "running" in the journal
    expect(engine.disposed).toBe(true);
    await start();
    await until(() => engine.active.size === 1, 'resumed');
    expect([...engine.active.values()][0]!.task).toMatchObject({ resume: { uploadId: 'u-1' } });
    expect(await call('transfers:control', { action: 'pause', target: { batchId: 'r1' } })).toEqual({ affected: 1 });
    expect(await call('transfers:control', { action: 'cancel', target: { all: true } })).toEqual({ affected: 1 });
    expect(await call('transfers:clear', { includeFailed: false })).toEqual({ removed: 1 });
  });

  it('gives every job of an upload call its options, kept through a restart', async () => {
    const folder = path.join(work, 'tagged');
    await mkdir(folder);
    await writeFile(path.join(folder, 'a.bin'), 'aaa');
    await writeFile(path.join(folder, 'b.bin'), 'bb');
    const plain = path.join(work, 'plain.bin');
    await writeFile(plain, 'p');
    const options: UploadObjectOptions = {
      tags: [{ key: 'project', value: 'q 1' }],
      acl: 'public-read',
      encryption: { algorithm: 'verenc', kmsKeyId: 'qkms:6f1c2d3e-0000-4000-8000-000000000001' },
      storageClass: 'STANDARD',
    };
    await call('transfers:upload', {
      accountId,
      bucket: 'bucket',
      prefix: '',
      batchId: 'o1',
      conflict: 'overwrite',
      sources: [{ kind: 'path', path: folder }],
      options,
    });
    // The same batch extended by a call without options: that job has none.
    await call('transfers:upload', {
      accountId,
      bucket: 'bucket',
      prefix: '',
      batchId: 'o1',
      conflict: 'overwrite',
      sources: [{ kind: 'path', path: plain }],
    });
    await until(() => engine.active.size === 3, 'three tasks');
    const optionsByKey = (): Record<string, unknown> =>
      Object.fromEntries(
        [...engine.active.values()].map((r) => [r.task.key, r.task.kind === 'upload' ? r.task.options : null]),
      );
    const expected = { 'tagged/a.bin': options, 'tagged/b.bin': options, 'plain.bin': NO_UPLOAD_OPTIONS };
    expect(optionsByKey()).toEqual(expected);

    await core.dispose(); // the jobs stay "running" in the journal
    await start();
    await until(() => engine.active.size === 3, 'resumed');
    expect(optionsByKey()).toEqual(expected);
    expect(await readFile(path.join(dataDir, JOURNAL_FILE), 'utf8')).not.toContain(SECRET);
  });
});
