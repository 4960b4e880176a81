/**
 * The secret sweep on its own: first that it finds a secret wherever it hides (binary files,
 * nested folders), then over everything this run has recorded so far. Every other file of the
 * suite ends with the same sweep (harness.ts sweepTest), so the last file to run, whichever it
 * is, has swept the whole run.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sweep, sweepForSecrets } from './harness';

describe('secret sweep', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('finds a secret inside a binary file deep in a folder, and nothing when it is absent', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'qs-security-sweep-'));
    dirs.push(root);
    const secret = randomBytes(16).toString('hex');
    await mkdir(path.join(root, 'a', 'b'), { recursive: true });
    await writeFile(
      path.join(root, 'a', 'b', 'blob.bin'),
      Buffer.concat([randomBytes(4096), Buffer.from(secret), randomBytes(4096)]),
    );
    await writeFile(path.join(root, 'clean.txt'), 'nothing to see');
    expect(await sweep([{ label: 'planted', value: secret }], [root])).toEqual([
      { secret: 'planted', file: path.join(root, 'a', 'b', 'blob.bin') },
    ]);
    expect(await sweep([{ label: 'other', value: randomBytes(16).toString('hex') }], [root])).toEqual([]);
  });

  it('finds no secret of this run in anything recorded so far', async () => {
    expect(await sweepForSecrets()).toEqual([]);
  });
});
