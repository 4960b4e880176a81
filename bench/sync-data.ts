/**
 * The sync benchmark's tree: files of mixed sizes in 20 × 10 folders, the same for a seed on every
 * machine (sizes from a seeded PRNG, bytes from an AES-CTR keystream of the seed).
 * Mostly small, as real trees are: 70 % of 1 B–16 KiB (uniform), 29.5 % of 16–128 KiB and 0.5 %
 * of 1–8 MiB (log-uniform): 410 MB for 10,000 files with seed 14.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MiB } from '../shared/transfers';
import { seededRandom } from '../test/servers/fault-proxy';

const KiB = 1024;

export interface SyncTree {
  files: number;
  bytes: number;
  /** Files per size band, in the order of BANDS. */
  perBand: number[];
}

/** [share of the files, smallest, largest, log-uniform]. */
const BANDS: [share: number, min: number, max: number, log: boolean][] = [
  [0.7, 1, 16 * KiB, false],
  [0.295, 16 * KiB, 128 * KiB, true],
  [0.005, 1 * MiB, 8 * MiB, true],
];
export const BAND_LABELS = ['1 B–16 KiB', '16–128 KiB', '1–8 MiB'];

/** Writes the tree under `root` (which must be empty or missing). */
export function writeSyncTree(root: string, files: number, seed: number): SyncTree {
  const random = seededRandom(seed);
  const key = createHash('sha256').update(`qs-bench-sync-${seed}`).digest().subarray(0, 16);
  const zeros = Buffer.alloc(8 * MiB);
  const perBand = BANDS.map(() => 0);
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    // The band, drawn by its share; then the size within it.
    const pick = random();
    let band = 0;
    for (let acc = 0; band < BANDS.length - 1 && pick >= acc + (BANDS[band]?.[0] ?? 0); band++) {
      acc += BANDS[band]?.[0] ?? 0;
    }
    const [, min, max, log] = BANDS[band] ?? BANDS[0]!;
    const r = random();
    const size = Math.round(log ? min * (max / min) ** r : min + (max - min) * r);
    const iv = Buffer.alloc(16);
    iv.writeUInt32BE(i, 12);
    const body = createCipheriv('aes-128-ctr', key, iv).update(zeros.subarray(0, size));
    const dir = join(root, `d${String(i % 20).padStart(2, '0')}`, `s${Math.floor(i / 20) % 10}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f-${String(i).padStart(5, '0')}.bin`), body);
    perBand[band] = (perBand[band] ?? 0) + 1;
    bytes += size;
  }
  return { files, bytes, perBand };
}
