/**
 * A pair's sync index: saved whole and private, read back exactly (fractional mtimes, null
 * ETags, unicode paths), a missing or damaged file reads as empty, 100,000 entries save and
 * load fast, and an id that is not a plain name never becomes a path.
 */
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexFile, loadIndex, removeIndex, saveIndex } from '../../electron/core/sync/sync-index';
import type { IndexEntry } from '../../electron/core/sync/types';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-sync-index-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** CPU time this process spent since `since` (ms): what the code costs, whatever else loads the machine. */
const cpuMsSince = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

describe('sync index', () => {
  it('lives under <dataDir>/sync/ and refuses ids that are not plain names', () => {
    expect(indexFile(dataDir, 'pair-1_A')).toBe(path.join(dataDir, 'sync', 'pair-1_A.index.json'));
    for (const bad of ['', '../x', 'a/b', 'a\\b', '.', 'x'.repeat(129)]) {
      expect(() => indexFile(dataDir, bad), bad).toThrow(/not valid/);
    }
  });

  it('saves and loads every entry exactly, in a private file', async () => {
    const file = indexFile(dataDir, 'p1');
    const index = new Map<string, IndexEntry>([
      [
        'a.txt',
        { size: 5, mtimeMs: 1_733_520_000_123.4375, etag: 'd41d8cd98f00b204e9800998ecf8427e', byContent: true },
      ],
      ['dir/über ñ 日本.bin', { size: 0, mtimeMs: 0, etag: '0123456789abcdef0123456789abcdef-3', byContent: false }],
      ['quicksync/file', { size: 123, mtimeMs: -1000.5, etag: null, byContent: false }],
    ]);
    await saveIndex(file, index);
    expect(await loadIndex(file)).toEqual(index);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    // Written whole: no temp file left beside it.
    expect(await readdir(path.dirname(file))).toEqual(['p1.index.json']);
    await saveIndex(file, new Map());
    expect((await loadIndex(file)).size).toBe(0);
    await removeIndex(file);
    await removeIndex(file);
    expect((await loadIndex(file)).size).toBe(0);
  });

  it('reads a missing, damaged or foreign file as an empty index', async () => {
    const file = indexFile(dataDir, 'p2');
    expect((await loadIndex(file)).size).toBe(0);
    await mkdir(path.dirname(file), { recursive: true });
    const bad = [
      '',
      '{',
      'null',
      '[]',
      '{"version":2,"rows":[]}',
      '{"version":1,"rows":{}}',
      '{"version":1,"rows":[["a",1,2,null],["b",-1,2,null]]}',
      '{"version":1,"rows":[["a",1,2]]}',
      '{"version":1,"rows":[["a","1",2,null]]}',
      '{"version":1,"rows":[[1,1,2,null]]}',
      '{"version":1,"rows":[["a",1,2,5]]}',
    ];
    for (const text of bad) {
      await writeFile(file, text);
      expect((await loadIndex(file)).size, text).toBe(0);
    }
    // A folder where the file should be is no index either.
    await rm(file);
    await mkdir(file);
    expect((await loadIndex(file)).size).toBe(0);
  });

  it('saves and loads 100,000 entries in well under a second', async () => {
    const file = indexFile(dataDir, 'big');
    const index = new Map<string, IndexEntry>();
    for (let i = 0; i < 100_000; i++) {
      index.set(`folder-${i % 100}/sub-${i % 7}/file-${i}.dat`, {
        size: i * 13,
        mtimeMs: 1_700_000_000_000 + i + 0.25,
        etag: i % 10 === 0 ? `${'ab'.repeat(16)}-${i % 9}` : 'cd'.repeat(16),
        byContent: i % 2 === 0,
      });
    }
    let started = performance.now();
    let cpu = process.cpuUsage();
    await saveIndex(file, index);
    const save = { ms: performance.now() - started, cpuMs: cpuMsSince(cpu) };
    started = performance.now();
    cpu = process.cpuUsage();
    const loaded = await loadIndex(file);
    const load = { ms: performance.now() - started, cpuMs: cpuMsSince(cpu) };
    expect(loaded).toEqual(index);
    console.info(
      `sync index: 100,000 entries, ${((await stat(file)).size / 1e6).toFixed(1)} MB, save ${save.ms.toFixed(0)} ms (${save.cpuMs.toFixed(0)} ms CPU), load ${load.ms.toFixed(0)} ms (${load.cpuMs.toFixed(0)} ms CPU)`,
    );
    expect(save.cpuMs).toBeLessThan(1000);
    expect(load.cpuMs).toBeLessThan(1000);
  });
});
