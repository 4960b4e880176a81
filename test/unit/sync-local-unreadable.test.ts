/**
 * A folder the walk cannot read is a problem with its reason, and the walk goes on. The test
 * runs as root in CI, where no permission keeps a folder from being read, so the one `readdir`
 * of the folder named `locked` fails as the system would fail it (EACCES); the rest is real.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readdir = ((dir: string, options: unknown, callback: (error: NodeJS.ErrnoException | null) => void) => {
    if (path.basename(dir) !== 'locked') return (fs.readdir as (...args: unknown[]) => void)(dir, options, callback);
    const error: NodeJS.ErrnoException = Object.assign(new Error(`EACCES: permission denied, scandir '${dir}'`), {
      code: 'EACCES',
      syscall: 'scandir',
      path: dir,
    });
    process.nextTick(() => callback(error));
  }) as typeof fs.readdir;
  return { ...fs, default: { ...fs, readdir }, readdir };
});

const { ignoreMatcher } = await import('../../electron/core/sync/ignore-rules');
const { walkLocal } = await import('../../electron/core/sync/local-tree');

describe('local tree: an unreadable folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qs-sync-unreadable-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is reported with the reason, and the walk goes on', async () => {
    await writeFile(path.join(dir, 'ok.txt'), 'x');
    await mkdir(path.join(dir, 'locked'));
    await writeFile(path.join(dir, 'locked', 'hidden.txt'), 'x');
    const tree = await walkLocal(dir, { ignored: ignoreMatcher(''), signal: new AbortController().signal });
    expect([...tree.files.keys()]).toEqual(['ok.txt']);
    expect(tree.problems).toEqual([
      {
        path: 'locked',
        error: { code: 'LocalIOError', message: 'Permission denied on this computer.', detail: 'EACCES scandir' },
      },
    ]);
  });
});
