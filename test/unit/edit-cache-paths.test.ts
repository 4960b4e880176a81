/** The edit cache's paths: whatever the key says, the copy stays inside the cache, under a safe name. */
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFileName, editCachePath, editCacheRoot, removeCachedCopy } from '../../electron/core/edits/cache-paths';
import { utf8Length } from '../../shared/keys';
import { localNameProblem } from '../../shared/local-names';

const HOSTILE_KEYS = [
  '../../../etc/passwd',
  '/etc/passwd',
  'a/../../b.txt',
  'C:\\Windows\\system32\\evil.dll',
  '..',
  'folder/.',
  'folder/..',
  'con.txt',
  'NUL  .log',
  'lpt².txt',
  'report.pdf. . ',
  'name\u0001with\u001fcontrols.txt',
  'a<b>c:"d"|e?f*g.txt',
  '\\\\server\\share\\x.txt',
  `${'é'.repeat(600)}.txt`,
  `${'x'.repeat(1000)}`,
];

describe('edit cache paths', () => {
  for (const platform of ['linux', 'win32'] as const) {
    const p = platform === 'win32' ? path.win32 : path.posix;
    const dataDir = platform === 'win32' ? 'C:\\Users\\me\\AppData\\QStorage' : '/home/me/.config/qstorage';
    const root = editCacheRoot(dataDir, { platform });

    it(`keeps every hostile key's copy strictly inside the cache (${platform})`, () => {
      for (const key of HOSTILE_KEYS) {
        const file = editCachePath(dataDir, { accountId: 'acc', bucket: 'b', key }, { platform });
        const rel = p.relative(root, file);
        expect(rel.startsWith('..') || p.isAbsolute(rel), key).toBe(false);
        // account / bucket / key folders, then the file.
        expect(rel.split(p.sep), key).toHaveLength(4);
        const name = p.basename(file);
        expect(localNameProblem(name, true), key).toBeNull();
        expect(utf8Length(name), key).toBeLessThanOrEqual(200);
      }
    });
  }

  it('names the copy after the key so its application recognises it', () => {
    expect(cacheFileName('docs/2026/report.pdf')).toBe('report.pdf');
    expect(cacheFileName('con.txt')).toBe('_con.txt');
    expect(cacheFileName('folder/..')).toBe('download');
    const long = cacheFileName(`${'é'.repeat(600)}.txt`);
    expect(long.endsWith('.txt')).toBe(true);
    expect(utf8Length(long)).toBeLessThanOrEqual(200);
  });

  it('gives different objects different copies, and the same object the same one', () => {
    const of = (accountId: string, bucket: string, key: string) =>
      editCachePath('/data', { accountId, bucket, key }, { platform: 'linux' });
    const a = of('acc', 'b', 'x/report.pdf');
    expect(of('acc', 'b', 'x/report.pdf')).toBe(a);
    expect(
      new Set([a, of('acc', 'b', 'y/report.pdf'), of('acc', 'c', 'x/report.pdf'), of('acd', 'b', 'x/report.pdf')]).size,
    ).toBe(4);
  });

  it('deletes a copy and its folder, and nothing outside the cache, even through a symbolic link', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-edit-cache-'));
    try {
      const copy = editCachePath(dataDir, { accountId: 'acc', bucket: 'b', key: 'x/report.pdf' });
      await mkdir(path.dirname(copy), { recursive: true });
      await writeFile(copy, 'mine');
      const outside = path.join(dataDir, 'accounts.json');
      await writeFile(outside, 'keep');
      const linked = editCachePath(dataDir, { accountId: 'acc', bucket: 'b', key: 'link.json' });
      await mkdir(path.dirname(linked), { recursive: true });
      await symlink(outside, linked);

      await expect(removeCachedCopy(dataDir, outside)).rejects.toMatchObject({ code: 'AccessDenied' });
      await expect(removeCachedCopy(dataDir, linked)).rejects.toMatchObject({ code: 'AccessDenied' });
      await expect(removeCachedCopy(dataDir, editCacheRoot(dataDir))).rejects.toMatchObject({ code: 'AccessDenied' });
      expect(await readFile(outside, 'utf8')).toBe('keep');

      await removeCachedCopy(dataDir, copy);
      expect(await readdir(path.dirname(path.dirname(copy)))).toEqual([path.basename(path.dirname(linked))]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
