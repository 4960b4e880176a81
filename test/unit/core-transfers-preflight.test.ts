/** Pre-flight on its own: source checks, target folders, conflicts by policy, "keep both" names. */
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobStore } from '../../electron/core/transfers/job-store';
import { createPreflight, type Step } from '../../electron/core/transfers/preflight';
import type { Existing, ProviderTransfers } from '../../electron/core/transfers/provider-transfers';
import type { JobRecord } from '../../electron/core/transfers/types';
import { batchRecord, jobRecord } from './fakes/job-record';

let dir: string;
let store: JobStore;
/** Keys that "exist" in the bucket. */
let remote: Map<string, Existing>;
let probed: string[];
let resized: [string, number][];
let preflight: (job: JobRecord) => Promise<Step>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'qs-preflight-'));
  store = await JobStore.open(path.join(dir, 'data'));
  remote = new Map();
  probed = [];
  resized = [];
  const transfers = {
    existing: async (_bucket: string, key: string) => {
      probed.push(key);
      return remote.get(key) ?? null;
    },
  } as Partial<ProviderTransfers> as ProviderTransfers;
  preflight = createPreflight({
    store,
    transfersFor: async () => transfers,
    stagingPath: (jobId) => path.join(dir, 'staging', jobId),
    resized: (job, size) => resized.push([job.id, size]),
  });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function source(name: string, size: number): Promise<string> {
  const file = path.join(dir, 'src', name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, Buffer.alloc(size, 1));
  return file;
}

function add(job: JobRecord, conflict: 'ask' | 'skip' | 'overwrite' | 'rename' = 'ask'): JobRecord {
  store.putBatch(batchRecord({ id: job.batchId, conflict, ...(job.direction === 'download' && { targetDir: dir }) }));
  store.add(job);
  return job;
}

describe('pre-flight of uploads', () => {
  it('reads the source file and reports a size that changed since the job was made', async () => {
    const file = await source('a.bin', 42);
    const job = add(jobRecord({ id: 'a', localPath: file, bytesTotal: 40 }));
    const step = await preflight(job);
    const { mtimeMs, ino } = await stat(file);
    const { mtimeNs } = await stat(file, { bigint: true });
    // Size, mtime and inode go to the worker, which then need not stat the file again (its
    // checks by plain stat must find the same mtimeMs); the nanoseconds go on the object.
    expect(step).toEqual({ kind: 'run', source: { path: file, size: 42, mtimeMs, ino, mtimeNs } });
    expect(resized).toEqual([['a', 42]]);
    expect(probed).toEqual(['in/a.bin']);
  });

  it('reads a browser upload from its staged bytes', async () => {
    await mkdir(path.join(dir, 'staging'), { recursive: true });
    await writeFile(path.join(dir, 'staging', 's'), 'hello');
    const job = add(jobRecord({ id: 's', localPath: null, stage: 'ready', bytesTotal: 5 }));
    const step = await preflight(job);
    expect(step).toMatchObject({ kind: 'run', source: { path: path.join(dir, 'staging', 's'), size: 5 } });
    // The staging file's time is when the bytes arrived: nothing to record on the object.
    expect(step.kind === 'run' && step.source !== null && 'mtimeNs' in step.source).toBe(false);
    expect(resized).toEqual([]);
  });

  it('refuses a source that is gone or not a file, naming it', async () => {
    const gone = add(jobRecord({ id: 'g', localPath: path.join(dir, 'nope.bin') }));
    await expect(preflight(gone)).rejects.toMatchObject({
      code: 'LocalIOError',
      message: expect.stringContaining(`${path.join(dir, 'nope.bin')} cannot be read`),
    });
    const folder = add(jobRecord({ id: 'f', localPath: dir }));
    await expect(preflight(folder)).rejects.toMatchObject({
      code: 'LocalIOError',
      message: `${dir} is not a regular file.`,
    });
    const none = add(jobRecord({ id: 'n', localPath: null }));
    await expect(preflight(none)).rejects.toMatchObject({ code: 'LocalIOError' });
  });

  it('asks, skips or runs by the batch policy when the object exists', async () => {
    const file = await source('a.bin', 100);
    remote.set('in/a.bin', { size: 7, lastModified: null });
    const ask = add(jobRecord({ id: 'a1', batchId: 'ask', localPath: file, key: 'in/a.bin' }), 'ask');
    expect(await preflight(ask)).toEqual({ kind: 'conflict', existing: { size: 7, lastModified: null } });
    const skip = add(jobRecord({ id: 'a2', batchId: 'skip', localPath: file, key: 'in/a.bin' }), 'skip');
    expect(await preflight(skip)).toMatchObject({ kind: 'skip' });
    probed = [];
    const over = add(jobRecord({ id: 'a3', batchId: 'over', localPath: file, key: 'in/a.bin' }), 'overwrite');
    expect(await preflight(over)).toMatchObject({ kind: 'run' });
    // A job's own answer beats the policy; a resumed job (checkpoint) is never asked again.
    const answered = add(
      jobRecord({ id: 'a4', batchId: 'ask', localPath: file, key: 'in/a.bin', decision: 'overwrite' }),
    );
    expect(await preflight(answered)).toMatchObject({ kind: 'run' });
    const resumed = add(
      jobRecord({
        id: 'a5',
        batchId: 'ask',
        localPath: file,
        key: 'in/a.bin',
        checkpoint: { kind: 'upload', uploadId: 'u', partSize: 5, source: { size: 100, mtimeMs: 1 }, parts: [] },
      }),
    );
    expect(await preflight(resumed)).toMatchObject({ kind: 'run' });
    expect(probed).toEqual([]);
  });

  it('keeps both under the first free "name (n).ext", and remembers it', async () => {
    const file = await source('report.pdf', 10);
    for (const k of ['docs/report.pdf', 'docs/report (1).pdf']) remote.set(k, { size: 1, lastModified: null });
    const job = add(jobRecord({ id: 'r', localPath: file, key: 'docs/report.pdf', name: 'docs/report.pdf' }), 'rename');
    expect(await preflight(job)).toMatchObject({ kind: 'run' });
    expect(job).toMatchObject({ key: 'docs/report (2).pdf', name: 'docs/report (2).pdf', decision: 'overwrite' });
    expect(probed).toEqual(['docs/report.pdf', 'docs/report (1).pdf', 'docs/report (2).pdf']);
  });
});

describe('pre-flight of downloads', () => {
  it('makes the target folder and runs when nothing is there', async () => {
    const target = path.join(dir, 'deep', 'er', 'a.txt');
    const job = add(jobRecord({ id: 'd', direction: 'download', localPath: target }));
    expect(await preflight(job)).toEqual({ kind: 'run', source: null });
    expect((await stat(path.dirname(target))).isDirectory()).toBe(true);
    expect(probed).toEqual([]); // the bucket is not asked about local files
  });

  it('finds an existing local file and keeps both by renaming the file, not the key', async () => {
    const target = path.join(dir, 'a.txt');
    await writeFile(target, 'old!');
    const ask = add(jobRecord({ id: 'd1', batchId: 'ask', direction: 'download', localPath: target, key: 'x/a.txt' }));
    expect(await preflight(ask)).toMatchObject({ kind: 'conflict', existing: { size: 4 } });
    const keep = add(
      jobRecord({ id: 'd2', batchId: 'keep', direction: 'download', localPath: target, key: 'x/a.txt', name: 'a.txt' }),
      'rename',
    );
    expect(await preflight(keep)).toMatchObject({ kind: 'run' });
    expect(keep).toMatchObject({ key: 'x/a.txt', localPath: path.join(dir, 'a (1).txt'), name: 'a (1).txt' });
  });
});
