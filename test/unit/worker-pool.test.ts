/**
 * The worker pool and its worker thread without a storage server: that the TypeScript worker
 * (test/support/source-worker.ts) starts under vitest, and how failures, stalls and pauses come
 * back as outcomes (a refused port, a server that never answers). The bundled workers are
 * started by test/integration/web-bundle.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_UPLOAD_OPTIONS } from '../../shared/properties';
import type { DownloadTask, EngineTuning, UploadTask, WorkerCredentials } from '../../shared/transfer-protocol';
import type { TaskEvents } from '../../electron/core/transfers/engine';
import { createWorkerPool } from '../../electron/core/transfers/worker-pool';
import { SOURCE_WORKER_ENTRY } from '../support/source-worker';

describe('the source worker entry', () => {
  it('names the tsx bootstrap and the TypeScript worker, both present', async () => {
    const { access } = await import('node:fs/promises');
    await access(SOURCE_WORKER_ENTRY.script);
    await access(new URL((SOURCE_WORKER_ENTRY.workerData as { tsEntry: string }).tsEntry));
  });
});

const tuning: EngineTuning = {
  partsInParallel: 2,
  maxAttempts: 2,
  stallTimeoutMs: 300,
  baseBackoffMs: 1,
  maxBackoffMs: 5,
};

const credentials = (endpoint: string): WorkerCredentials => ({
  kind: 's3',
  endpoint,
  region: 'us-east-1',
  accessKeyId: 'AKIDTEST',
  secretAccessKey: 'secret-that-must-not-leak',
  addressingStyle: 'path',
  checksumMode: 'when_required',
  pathStyle: true,
});

function recorder(): TaskEvents & { retries: string[]; progress: number[] } {
  const retries: string[] = [];
  const progress: number[] = [];
  return {
    retries,
    progress,
    onProgress: (done) => progress.push(done),
    onCheckpoint: () => {},
    onRetrying: (info) => retries.push(`${info.attempt}/${info.maxAttempts} ${info.reason.code}`),
    onNotice: () => {},
  };
}

// Each worker thread compiles the engine and the SDK through tsx first: seconds on a busy box.
describe('worker pool (no server)', { timeout: 60_000 }, () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-pool-'));
    file = path.join(dir, 'a.bin');
    await writeFile(file, Buffer.alloc(64 * 1024, 1));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const task = (endpoint: string, jobId: string): UploadTask => ({
    kind: 'upload',
    jobId,
    credentials: credentials(endpoint),
    tuning,
    bucket: 'b',
    key: 'a.bin',
    source: { path: file, size: 64 * 1024, mtimeMs: 0 },
    multipartThreshold: 64 * 1024 * 1024,
    partSize: 16 * 1024 * 1024,
    contentType: null,
    options: NO_UPLOAD_OPTIONS,
    wholeFileMd5: false,
    resume: null,
  });

  it('reports retries and fails with the real cause after maxAttempts (refused port)', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));

    const engine = createWorkerPool({ entry: SOURCE_WORKER_ENTRY, threads: 1 });
    const events = recorder();
    const outcome = await engine.run(task(`http://127.0.0.1:${port}`, 'refused'), events).outcome;
    await engine.dispose();
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.error.code).toBe('NetworkError');
    expect(outcome.error.message).toMatch(/gave up after 2 attempts/);
    expect(JSON.stringify(outcome)).not.toContain('secret-that-must-not-leak');
    expect(events.retries).toEqual(['2/2 NetworkError']);
  });

  it('an idle pool, its worker started with it included, does not keep the process alive', async () => {
    const pool = new URL('../../electron/core/transfers/worker-pool.ts', import.meta.url).href;
    const entry = new URL('../support/source-worker.ts', import.meta.url).href;
    const code = [
      `const { createWorkerPool } = await import(${JSON.stringify(pool)});`,
      `const { SOURCE_WORKER_ENTRY } = await import(${JSON.stringify(entry)});`,
      'console.log(createWorkerPool({ entry: SOURCE_WORKER_ENTRY }).workers());',
    ].join('\n');
    // A script file: with `-e`, Node ends the process when the code is done, workers or not.
    const script = path.join(dir, 'idle-pool.mjs');
    await writeFile(script, code);
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    // A worker holding the event loop would leave the child running until the timeout kills it.
    expect(child.signal).toBeNull();
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout.trim()).toBe('1');
  });

  it('starts one worker with the pool, another only for a large transfer while each worker has one', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const refused = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise((resolve) => probe.close(resolve));
    const hung = http.createServer(() => {});
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const silent = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;

    const engine = createWorkerPool({ entry: SOURCE_WORKER_ENTRY, threads: 2 });
    try {
      expect(engine.workers()).toBe(1);
      // One task after another: the one worker runs them all.
      for (const id of ['one', 'two']) {
        expect((await engine.run(task(refused, id), recorder()).outcome).kind).toBe('failed');
        expect(engine.workers()).toBe(1);
      }
      const slow = { ...tuning, stallTimeoutMs: 60_000 };
      // Small files share the one worker however many run at once.
      const small = ['s1', 's2', 's3'].map((id) => engine.run({ ...task(silent, id), tuning: slow }, recorder()));
      expect(engine.workers()).toBe(1);
      // A download of unknown size is large: the first joins the busy worker, which then has one…
      const large = (id: string): DownloadTask => ({
        kind: 'download',
        jobId: id,
        credentials: credentials(silent),
        tuning: slow,
        bucket: 'b',
        key: 'big.bin',
        target: path.join(dir, `${id}.bin`),
        expected: { size: null, etag: null },
        chunkSize: 8 * 1024 * 1024,
        resume: null,
      });
      const a = engine.run(large('a'), recorder());
      expect(engine.workers()).toBe(1);
      // …so the next large one starts a second worker, and no more than `threads`.
      const b = engine.run(large('b'), recorder());
      expect(engine.workers()).toBe(2);
      const c = engine.run(large('c'), recorder());
      expect(engine.workers()).toBe(2);
      const all = [...small, a, b, c];
      for (const t of all) t.cancel();
      expect((await Promise.all(all.map((t) => t.outcome))).map((o) => o.kind)).toEqual(all.map(() => 'cancelled'));
    } finally {
      await engine.dispose();
      hung.closeAllConnections();
      await new Promise((resolve) => hung.close(resolve));
    }
    expect(engine.workers()).toBe(0);
  });

  describe('against a server that never answers', () => {
    let server: http.Server;
    let endpoint: string;
    beforeAll(async () => {
      server = http.createServer(() => {
        // read nothing, answer nothing
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('aborts stalled requests, retries them, then fails with Timeout', async () => {
      const engine = createWorkerPool({ entry: SOURCE_WORKER_ENTRY });
      const events = recorder();
      const outcome = await engine.run(task(endpoint, 'stalled'), events).outcome;
      await engine.dispose();
      expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'Timeout' } });
      expect(events.retries).toEqual(['2/2 Timeout']);
    });

    it('pauses a running task, and dispose settles the rest as paused', async () => {
      const engine = createWorkerPool({ entry: SOURCE_WORKER_ENTRY, threads: 2 });
      const slow = { ...tuning, stallTimeoutMs: 60_000 };
      const a = engine.run({ ...task(endpoint, 'pause-me'), tuning: slow }, recorder());
      const b = engine.run({ ...task(endpoint, 'dispose-me'), tuning: slow }, recorder());
      const again = engine.run({ ...task(endpoint, 'pause-me'), tuning: slow }, recorder());
      expect(await again.outcome).toMatchObject({ kind: 'failed', error: { code: 'InvalidRequest' } });
      a.pause();
      expect(await a.outcome).toEqual({ kind: 'paused' });
      await engine.dispose();
      expect(await b.outcome).toEqual({ kind: 'paused' });
    });
  });
});
