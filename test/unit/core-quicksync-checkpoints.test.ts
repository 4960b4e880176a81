/**
 * QuickSync upload checkpoints in the transfer journal: the saved part tags are all a resume
 * has (the API cannot list parts), so they must survive as deltas, replays and restarts.
 */
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuickSyncUploadCheckpoint } from '../../shared/transfer-protocol';
import { JobStore } from '../../electron/core/transfers/job-store';
import { checkpointDelta, JOURNAL_FILE } from '../../electron/core/transfers/journal';
import { checkpointBytes } from '../../electron/core/transfers/queue';
import type { JobRecord } from '../../electron/core/transfers/types';
import { jobRecord } from './fakes/job-record';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-qscheckpoints-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const job = (): JobRecord =>
  jobRecord({
    id: 'job-1',
    name: 'photos/a.jpg',
    bucket: 'files',
    key: 'photos/a.jpg',
    localPath: '/tmp/a.jpg',
    state: 'running',
    bytesTotal: 12,
  });

const checkpoint = (parts: number[], fileKey = 'file-1', tag = (n: number) => `t${n}`): QuickSyncUploadCheckpoint => ({
  kind: 'quicksync-upload',
  fileKey,
  uploadId: `up-of-${fileKey}`,
  partSize: 5,
  source: { size: 12, mtimeMs: 1 },
  parts: parts.map((n) => ({ partNumber: n, tag: tag(n), size: n === 3 ? 2 : 5 })),
});

const journalLines = async (): Promise<string[]> =>
  (await readFile(path.join(dataDir, JOURNAL_FILE), 'utf8')).trim().split('\n');

describe('QuickSync checkpoints in the journal', () => {
  it('adds tags as deltas and reloads the exact checkpoint, replays included', async () => {
    const store = await JobStore.open(dataDir);
    const a = job();
    store.add(a);
    store.checkpoint(a, checkpoint([]), 0);
    store.checkpoint(a, checkpoint([2]), 5);
    store.checkpoint(a, checkpoint([1, 2]), 10);
    await store.close();
    const deltas = (await journalLines()).filter((l) => l.includes('"t":"cpd"'));
    expect(deltas).toHaveLength(2);
    expect(JSON.parse(deltas[1]!)).toEqual({
      t: 'cpd',
      id: a.id,
      tags: [{ partNumber: 1, tag: 't1', size: 5 }],
      b: 10,
    });
    // A replayed delta (as after a compaction that raced with it) changes nothing.
    await appendFile(path.join(dataDir, JOURNAL_FILE), `${deltas[1]!}\n`);
    const again = await JobStore.open(dataDir);
    expect(again.get(a.id)).toMatchObject({ bytesDone: 10, checkpoint: checkpoint([1, 2]) });
    await again.close();
  });

  it('writes a whole checkpoint for another file, another plan or a changed tag', () => {
    expect(checkpointDelta(checkpoint([1]), checkpoint([1, 2]))).toEqual({
      tags: [{ partNumber: 2, tag: 't2', size: 5 }],
    });
    expect(checkpointDelta(checkpoint([1]), checkpoint([1, 2], 'file-2'))).toBeNull();
    expect(checkpointDelta(checkpoint([1]), { ...checkpoint([1, 2]), partSize: 6 })).toBeNull();
    expect(checkpointDelta(checkpoint([1]), { ...checkpoint([1, 2]), source: { size: 12, mtimeMs: 2 } })).toBeNull();
    expect(
      checkpointDelta(
        checkpoint([1]),
        checkpoint([1, 2], 'file-1', (n) => `other${n}`),
      ),
    ).toBeNull();
    expect(checkpointDelta(checkpoint([1, 2]), checkpoint([1]))).toBeNull();
    // Never mixed with S3's parts.
    const s3 = {
      kind: 'upload' as const,
      uploadId: 'up-of-file-1',
      partSize: 5,
      source: { size: 12, mtimeMs: 1 },
      parts: [],
    };
    expect(checkpointDelta(s3, checkpoint([1]))).toBeNull();
  });

  it('counts the bytes its saved parts stand for', () => {
    expect(checkpointBytes(checkpoint([]))).toBe(0);
    expect(checkpointBytes(checkpoint([1, 3]))).toBe(7);
  });
});
