/**
 * Batched durability of a download's chunks: a datasync only every N bytes or T ms, a chunk
 * recorded (done + checkpoint) only by a datasync that started after it was written, a drain
 * for a kept temp file, and no datasync of its own at the end (the one before rename covers it).
 */
import type { FileHandle } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { durableChunks } from '../../electron/worker/durable-chunks';

/** A file handle whose datasyncs finish when the test says so. */
function fakeHandle() {
  const syncs: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const fh = {
    datasync: () => new Promise<void>((resolve, reject) => syncs.push({ resolve, reject })),
  } as unknown as FileHandle;
  return { fh, syncs };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('download durability, batched', () => {
  it('syncs once enough bytes wait, and records only chunks written before that sync began', async () => {
    const { fh, syncs } = fakeHandle();
    const done = new Set<number>();
    const checkpoints: number[][] = [];
    const durable = durableChunks(fh, done, () => checkpoints.push([...done].sort()), { bytes: 100, ms: 60_000 });
    durable.add(0, 40);
    durable.add(1, 40);
    expect(syncs).toHaveLength(0); // 80 bytes: below the batch
    durable.add(2, 40);
    expect(syncs).toHaveLength(1);
    durable.add(3, 40); // written while that datasync runs: not covered by it
    syncs[0]!.resolve();
    await tick();
    expect(checkpoints).toEqual([[0, 1, 2]]);
    expect(syncs).toHaveLength(1); // 40 bytes wait for the next batch or the timer
    const drained = durable.drain();
    await tick();
    expect(syncs).toHaveLength(2);
    syncs[1]!.resolve();
    await drained;
    expect(checkpoints).toEqual([
      [0, 1, 2],
      [0, 1, 2, 3],
    ]);
  });

  it('syncs after the time limit when few bytes arrive', async () => {
    const { fh, syncs } = fakeHandle();
    const done = new Set<number>();
    const durable = durableChunks(fh, done, () => {}, { bytes: 1 << 30, ms: 30 });
    durable.add(0, 10);
    expect(syncs).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(syncs).toHaveLength(1);
    syncs[0]!.resolve();
    await durable.settle();
    expect([...done]).toEqual([0]);
  });

  it('drain (a stop keeps the temp file) syncs and records every written chunk', async () => {
    const { fh, syncs } = fakeHandle();
    const done = new Set<number>();
    const checkpoints: number[][] = [];
    const durable = durableChunks(fh, done, () => checkpoints.push([...done].sort()), { bytes: 1000, ms: 60_000 });
    durable.add(4, 10);
    durable.add(7, 10);
    const drained = durable.drain();
    await tick();
    syncs[0]!.resolve();
    await drained;
    expect(checkpoints).toEqual([[4, 7]]);
  });

  it('finish adds waiting chunks without a datasync or a checkpoint', async () => {
    const { fh, syncs } = fakeHandle();
    const done = new Set<number>();
    let checkpoints = 0;
    const durable = durableChunks(fh, done, () => checkpoints++, { bytes: 1000, ms: 60_000 });
    durable.add(0, 10);
    durable.add(1, 10);
    await durable.finish();
    expect([syncs.length, checkpoints, [...done]]).toEqual([0, 0, [0, 1]]);
  });

  it('a failed datasync records nothing and is thrown by drain and finish', async () => {
    const { fh, syncs } = fakeHandle();
    const done = new Set<number>();
    const durable = durableChunks(fh, done, () => {}, { bytes: 10, ms: 60_000 });
    durable.add(0, 10);
    syncs[0]!.reject(new Error('EIO'));
    await expect(durable.drain()).rejects.toThrow('EIO');
    await expect(durable.finish()).rejects.toThrow('EIO');
    expect(done.size).toBe(0);
  });
});
