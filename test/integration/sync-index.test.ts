/**
 * The index is a cache, never the truth: after a sync, the index files deleted between runs
 * (`<dataDir>/sync/*`) change nothing in the outcome — the next compare is empty — only how
 * much it had to look at (`fromIndex` 0 without, every file with). Tried for size+time and for
 * content (which then hashes every file again).
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncCompare } from '../../shared/sync';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { cleanRun, entryLines, useSyncBed, writeTree } from './sync-helpers';

const s3 = s3OrSkip();
const FILES = 60;

describe.skipIf(!s3)(s3Title('sync: the index deleted between runs'), () => {
  const bed = useSyncBed(s3 as S3ServerInfo, 'sync-index');

  it.each<[SyncCompare]>([['sizeTime'], ['content']])('compare %s: same outcome, only slower', async (compare) => {
    const { h, sync } = bed();
    const { prefix, local } = await bed().place(compare);
    await writeTree(
      local,
      Object.fromEntries(
        Array.from({ length: FILES }, (_, i) => [`dir-${i % 6}/file ${i}.txt`, `content ${i}\n`.repeat(i * 100)]),
      ),
    );
    const pair = await bed().createPair({ prefix, local }, { compare });
    const first = await sync.plan(pair.id);
    expect(first.summary.counts.upload.files).toBe(FILES);
    expect(await sync.run(pair.id, first.summary.planId)).toMatchObject(cleanRun({ uploaded: FILES }));

    const warm = (await sync.plan(pair.id)).summary;
    expect([warm.sections, warm.unchanged, warm.fromIndex]).toEqual([
      { changes: 0, deletions: 0, conflicts: 0 },
      FILES,
      FILES,
    ]);

    const indexDir = path.join(h.dataDir, 'sync');
    expect(await readdir(indexDir)).toContain(`${pair.id}.index.json`);
    await rm(indexDir, { recursive: true, force: true });
    const cold = await sync.plan(pair.id);
    expect([entryLines(cold.entries), cold.summary.unchanged, cold.summary.fromIndex]).toEqual([[], FILES, 0]);

    // The cold compare wrote the index again.
    const rewarmed = (await sync.plan(pair.id)).summary;
    expect([rewarmed.unchanged, rewarmed.fromIndex]).toEqual([FILES, FILES]);
    console.info(
      `sync index (${compare}, ${FILES} files): with ${warm.compareMs} ms, without ${cold.summary.compareMs} ms`,
    );
  });
});
