import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UploadObjectOptions } from '../../shared/properties';
import type { UploadCheckpoint } from '../../shared/transfer-protocol';
import type { TransferState } from '../../shared/transfers';
import { JobStore } from '../../electron/core/transfers/job-store';
import { JOURNAL_FILE } from '../../electron/core/transfers/journal';
import type { JobRecord } from '../../electron/core/transfers/types';
import { jobRecord } from './fakes/job-record';

let dataDir: string;
let counter = 0;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-jobstore-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function record(overrides: Partial<JobRecord> = {}): JobRecord {
  const id = `job-${++counter}`;
  return jobRecord({ id, createdAt: new Date(1_700_000_000_000 + counter).toISOString(), ...overrides });
}

const part = (n: number) => ({ partNumber: n, etag: `"e${n}"`, size: 5, md5: `m${n}` });
const checkpoint = (parts: number[], uploadId = 'up-1'): UploadCheckpoint => ({
  kind: 'upload',
  uploadId,
  partSize: 5,
  source: { size: 100, mtimeMs: 1 },
  parts: parts.map(part),
});

const journalPath = (): string => path.join(dataDir, JOURNAL_FILE);

describe('job store journal', () => {
  it('persists jobs, state changes and checkpoints (as deltas) and reloads them', async () => {
    const store = await JobStore.open(dataDir);
    store.putBatch({
      id: 'b1',
      direction: 'upload',
      accountId: 'acc',
      bucket: 'bucket',
      place: 'bucket/in',
      conflict: 'ask',
      targetDir: null,
      roots: [],
      createdAt: new Date().toISOString(),
    });
    const a = record();
    const b = record();
    store.add(a);
    store.add(b);
    store.setState(a, 'running');
    store.checkpoint(a, checkpoint([]), 0);
    store.checkpoint(a, checkpoint([1]), 5);
    store.checkpoint(a, checkpoint([1, 2]), 10);
    store.setState(b, 'failed', { error: { code: 'NetworkError', message: 'gone' } });
    await store.close();

    const lines = (await readFile(journalPath(), 'utf8')).trim().split('\n');
    expect(lines.filter((l) => l.includes('"t":"cpd"'))).toHaveLength(2);

    const again = await JobStore.open(dataDir);
    expect(again.get(a.id)).toMatchObject({ state: 'running', bytesDone: 10, checkpoint: checkpoint([1, 2]) });
    expect(again.get(b.id)?.error).toEqual({ code: 'NetworkError', message: 'gone' });
    expect(again.batches.get('b1')?.place).toBe('bucket/in');
    expect([...again.all()].map((j) => j.id)).toEqual([a.id, b.id]);
    expect(again.counts.running).toBe(1);
    expect(again.count('failed')).toBe(1);
    await again.close();
    // Opening compacts: one line per record (plus the version line).
    expect((await readFile(journalPath(), 'utf8')).trim().split('\n')).toHaveLength(4);
  });

  it('writes a whole checkpoint when the upload changes, and replays deltas idempotently', async () => {
    const store = await JobStore.open(dataDir);
    const a = record();
    store.add(a);
    store.checkpoint(a, checkpoint([1, 2]), 10);
    store.checkpoint(a, checkpoint([], 'up-2'), 0);
    store.checkpoint(a, checkpoint([1], 'up-2'), 5);
    await store.close();
    // A replayed delta (as after a compaction that raced with it) changes nothing.
    const delta = (await readFile(journalPath(), 'utf8')).trim().split('\n').at(-1) ?? '';
    await appendFile(journalPath(), `${delta}\n`);
    const again = await JobStore.open(dataDir);
    expect(again.get(a.id)?.checkpoint).toEqual(checkpoint([1], 'up-2'));
    await again.close();
  });

  it("keeps a job's upload options through reloads and compaction", async () => {
    const options: UploadObjectOptions = {
      tags: [
        { key: 'project name', value: 'a+b=c d' },
        { key: 'ключ', value: 'значение' },
      ],
      acl: 'public-read',
      encryption: { algorithm: 'verenc', kmsKeyId: 'qkms:6f1c2d3e-0000-4000-8000-000000000001' },
      storageClass: 'STANDARD_IA',
    };
    const store = await JobStore.open(dataDir);
    const a = record({ uploadOptions: options });
    const b = record();
    store.add(a);
    store.add(b);
    store.setState(a, 'running');
    store.checkpoint(a, checkpoint([1]), 5);
    await store.close();

    const again = await JobStore.open(dataDir); // replays the appended lines, then compacts
    expect(again.get(a.id)?.uploadOptions).toEqual(options);
    expect(again.get(b.id)?.uploadOptions).toBeNull();
    await again.close();
    const third = await JobStore.open(dataDir); // reads the compacted file
    expect(third.get(a.id)).toMatchObject({ uploadOptions: options, checkpoint: checkpoint([1]) });
    await third.close();
  });

  it('ignores a partial last line, as a crash mid-write leaves it', async () => {
    const store = await JobStore.open(dataDir);
    const a = record();
    store.add(a);
    store.setState(a, 'running');
    await store.close();
    await appendFile(journalPath(), `{"t":"set","id":"${a.id}","f":{"state":"do`);
    const again = await JobStore.open(dataDir);
    expect(again.get(a.id)?.state).toBe('running');
    again.setState(again.get(a.id)!, 'done');
    await again.close();
    const third = await JobStore.open(dataDir);
    expect(third.get(a.id)?.state).toBe('done');
    await third.close();
  });

  it('loads whatever a crash at any byte leaves', async () => {
    const store = await JobStore.open(dataDir);
    const jobs = Array.from({ length: 5 }, () => record());
    for (const job of jobs) store.add(job);
    for (const job of jobs) {
      store.setState(job, 'running');
      store.checkpoint(job, checkpoint([1]), 5);
      store.checkpoint(job, checkpoint([1, 2]), 10);
      store.setState(job, 'done', { checkpoint: null, finishedAt: new Date().toISOString() });
    }
    await store.close();
    const full = await readFile(journalPath());
    // Uncompacted history: the appended lines, as they were before the next open compacted them.
    const size = full.length;
    for (const cut of [1, 7, Math.floor(size / 3), Math.floor(size / 2) + 3, size - 2, size - 1]) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'qs-jobstore-cut-'));
      await writeFile(path.join(dir, JOURNAL_FILE), full.subarray(0, cut));
      const loaded = await JobStore.open(dir);
      for (const job of loaded.all()) expect(jobs.map((j) => j.id)).toContain(job.id);
      await loaded.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('compacts a long journal while it keeps appending', async () => {
    const store = await JobStore.open(dataDir, { compactAfterLines: 500 });
    const a = record();
    store.add(a);
    for (let i = 0; i < 2000; i++) store.update(a, { notice: `n${i}` });
    await store.flush();
    const lines = (await readFile(journalPath(), 'utf8')).trim().split('\n');
    expect(lines.length).toBeLessThan(1000);
    await store.close();
    const again = await JobStore.open(dataDir);
    expect(again.get(a.id)?.notice).toBe('n1999');
    await again.close();
  });

  it('removes jobs and batches left empty', async () => {
    const store = await JobStore.open(dataDir);
    store.putBatch({
      id: 'b2',
      direction: 'download',
      accountId: 'acc',
      bucket: 'bucket',
      place: '/tmp',
      conflict: 'ask',
      targetDir: '/tmp',
      roots: [],
      createdAt: new Date().toISOString(),
    });
    const a = record({ batchId: 'b2', state: 'done' });
    const b = record({ batchId: 'b2' });
    store.add(a);
    store.add(b);
    store.remove(new Set([a]));
    expect(store.batches.has('b2')).toBe(true);
    store.remove(new Set([b]));
    expect(store.batches.has('b2')).toBe(false);
    await store.close();
    const again = await JobStore.open(dataDir);
    expect(again.size).toBe(0);
    expect(again.batches.size).toBe(0);
    await again.close();
  });
});

describe('job store paging over 100,000 jobs', () => {
  it('pages any filter at any offset in a few milliseconds and keeps counts right', async () => {
    const store = await JobStore.open(dataDir);
    const states: TransferState[] = ['queued', 'done', 'failed', 'running', 'done', 'skipped', 'paused'];
    const jobs: JobRecord[] = [];
    for (let i = 0; i < 100_000; i++) {
      const job = record({ state: states[i % states.length]! });
      jobs.push(job);
      store.add(job);
    }
    // State changes after the fact move jobs between filters.
    for (let i = 0; i < 100_000; i += 10) store.setState(jobs[i]!, 'failed');
    const expected = (filter: 'active' | 'failed' | 'done') =>
      jobs.filter((j) =>
        filter === 'failed'
          ? j.state === 'failed'
          : filter === 'active'
            ? ['queued', 'running', 'paused', 'conflict'].includes(j.state)
            : ['done', 'skipped', 'cancelled'].includes(j.state),
      );
    for (const filter of ['active', 'failed', 'done'] as const) {
      const all = expected(filter);
      expect(store.count(filter)).toBe(all.length);
      const offset = Math.floor(all.length / 2);
      expect(store.page(filter, offset, 100).map((j) => j.id)).toEqual(
        all.slice(offset, offset + 100).map((j) => j.id),
      );
    }

    const timings: number[] = [];
    for (let round = 0; round < 200; round++) {
      const filter = (['all', 'active', 'failed', 'done'] as const)[round % 4]!;
      const offset = Math.floor((round / 200) * store.count(filter));
      const started = performance.now();
      const page = store.page(filter, offset, 100);
      timings.push(performance.now() - started);
      expect(page.length).toBeGreaterThan(0);
    }
    timings.sort((x, y) => x - y);
    const median = timings[100]!;
    const worst = timings.at(-1)!;
    expect(median).toBeLessThan(5);
    expect(worst).toBeLessThan(50);

    // A state change is O(log n), not a scan.
    const started = performance.now();
    for (let i = 1; i < 100_000; i += 10) store.setState(jobs[i]!, 'cancelled');
    expect(performance.now() - started).toBeLessThan(2000);
    await store.close();
    expect((await stat(journalPath())).size).toBeGreaterThan(0);
  }, 60_000);
});
