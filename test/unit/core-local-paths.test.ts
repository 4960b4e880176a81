import { access, mkdir, mkdtemp, readdir, realpath, rm, symlink, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardSaveDialog } from '../../electron/core/local-save';
import {
  createTargetDirPreparer,
  isWithin,
  realPathToBe,
  refuseInsideDataDir,
  safeLocalPath,
} from '../../electron/core/transfers/local-paths';

const HOSTILE = [
  '../x',
  'a/../../x',
  '/etc/passwd',
  'C:\\x',
  'c:x',
  'C:/Windows/win.ini',
  'a\\..\\b',
  '..\\..\\x',
  'a/\0/b',
  'nul\0.txt',
  'con',
  'CON',
  'aux.txt',
  'dir/com1.log',
  'lpt9',
  'nul ',
  'NUL.',
  'name.',
  'name ',
  'a/./b',
  './a',
  '.',
  '..',
  'a/..',
  'a//b',
  '//server/share/x',
  '',
  '/',
  'tab\there',
  `${'x'.repeat(256)}.txt`,
  `dir/${'é'.repeat(200)}`,
  'a/b/../../../../etc/shadow',
];

describe('safeLocalPath', () => {
  for (const platform of ['linux', 'win32'] as const) {
    const p = platform === 'win32' ? path.win32 : path.posix;
    const root = platform === 'win32' ? 'C:\\Users\\me\\Downloads' : '/home/me/Downloads';

    it(`refuses hostile keys with a reason (${platform})`, () => {
      for (const key of HOSTILE) {
        const result = safeLocalPath(root, key, { platform });
        expect(result, JSON.stringify(key)).toMatchObject({ ok: false });
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(5);
      }
    });

    it(`keeps ordinary keys inside the root (${platform})`, () => {
      const ok = ['a.txt', 'photos/2024/img 1.jpg', 'ünïcødé/ファイル.txt', '.hidden', 'a..b', 'folder/', 'x/..y'];
      for (const key of ok) {
        const result = safeLocalPath(root, key, { platform });
        expect(result.ok, key).toBe(true);
        if (result.ok) {
          const rel = p.relative(root, result.path);
          expect(rel.startsWith('..') || p.isAbsolute(rel), key).toBe(false);
        }
      }
    });
  }

  it('allows characters only Windows refuses on other systems, never on Windows', () => {
    expect(safeLocalPath('/r', 'logs/12:30:00.txt', { platform: 'linux' })).toEqual({
      ok: true,
      path: '/r/logs/12:30:00.txt',
    });
    expect(safeLocalPath('C:\\r', 'logs/12:30:00.txt', { platform: 'win32' }).ok).toBe(false);
    expect(safeLocalPath('C:\\r', 'what?.txt', { platform: 'win32' }).ok).toBe(false);
  });

  it('never resolves outside the root for generated hostile combinations', () => {
    const parts = ['..', '.', '', 'a', '\\', 'C:', '/', 'con', 'x.', '\0', '%2e%2e', '…'];
    const root = '/srv/dl';
    for (const a of parts)
      for (const b of parts)
        for (const c of parts) {
          const key = `${a}/${b}${c}/${c}${a}`;
          const result = safeLocalPath(root, key, { platform: 'linux' });
          if (result.ok) expect(isWithin(root, result.path) && result.path !== root, key).toBe(true);
          const win = safeLocalPath('C:\\dl', key.replaceAll('/', '\\'), { platform: 'win32' });
          if (win.ok) expect(path.win32.relative('C:\\dl', win.path).startsWith('..'), key).toBe(false);
        }
  });
});

describe('preparing target folders', () => {
  let root: string;
  let outside: string;
  const prepareTargetDir = (r: string, target: string): Promise<void> => createTargetDirPreparer()('batch', r, target);

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'qs-paths-root-'));
    outside = await mkdtemp(path.join(os.tmpdir(), 'qs-paths-out-'));
    await symlink(outside, path.join(root, 'escape'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('creates the folders a target needs', async () => {
    await prepareTargetDir(root, path.join(root, 'a', 'b', 'c.txt'));
    await expect(mkdir(path.join(root, 'a', 'b'))).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('refuses a symlinked folder that leads outside the root', async () => {
    const safe = safeLocalPath(root, 'escape/secret.txt');
    expect(safe.ok).toBe(true); // lexically fine: only the file system knows
    if (!safe.ok) return;
    await expect(prepareTargetDir(root, safe.path)).rejects.toMatchObject({ code: 'InvalidKey' });
    await expect(prepareTargetDir(root, path.join(root, 'escape', 'deeper', 'x.txt'))).rejects.toMatchObject({
      code: 'InvalidKey',
    });
    // Refused before anything was made behind the link.
    expect(await readdir(outside)).toEqual([]);
  });

  it('refuses a target outside the root', async () => {
    await expect(prepareTargetDir(root, path.join(outside, 'x.txt'))).rejects.toMatchObject({ code: 'InvalidKey' });
  });

  it('checks a folder once per batch, and again after a refusal', async () => {
    const prepare = createTargetDirPreparer();
    const dir = path.join(root, 'once');
    await prepare('one', root, path.join(dir, 'a.txt'));
    await rm(dir, { recursive: true });
    await prepare('one', root, path.join(dir, 'b.txt')); // the same batch: not made again
    await expect(access(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    await prepare('two', root, path.join(dir, 'c.txt')); // another batch checks and makes it
    await access(dir);

    const link = path.join(root, 'was-a-link');
    await symlink(outside, link);
    await expect(prepare('one', root, path.join(link, 'x.txt'))).rejects.toMatchObject({ code: 'InvalidKey' });
    await unlink(link);
    await prepare('one', root, path.join(link, 'x.txt'));
    await access(link);
  });
});

describe("the app's data folder is never a place for the person's files", () => {
  let dataDir: string;
  let elsewhere: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-paths-data-'));
    elsewhere = await mkdtemp(path.join(os.tmpdir(), 'qs-paths-else-'));
    await symlink(dataDir, path.join(elsewhere, 'link'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(elsewhere, { recursive: true, force: true });
  });

  it('realPathToBe follows links in the part that exists and keeps the rest', async () => {
    const realData = await realpath(dataDir);
    expect(await realPathToBe(path.join(elsewhere, 'link', 'x', 'y'))).toBe(path.join(realData, 'x', 'y'));
    expect(await realPathToBe(path.join(elsewhere, 'new'))).toBe(path.join(await realpath(elsewhere), 'new'));
  });

  it.each([
    ['inside it', (d: string, _e: string) => path.join(d, 'x', 'y')],
    ['it', (d: string, _e: string) => d],
    ['through a link', (_d: string, e: string) => path.join(e, 'link', 'x')],
  ])('refuses a folder %s with AccessDenied, creating nothing', async (_name, target) => {
    const t = target(dataDir, elsewhere);
    await expect(refuseInsideDataDir(dataDir, t, 'download folder')).rejects.toMatchObject({
      code: 'AccessDenied',
      message: expect.stringMatching(/inside the app's own data folder.*choose another/),
    });
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('allows a folder elsewhere', async () => {
    await expect(
      refuseInsideDataDir(dataDir, path.join(elsewhere, 'a', 'b'), 'download folder'),
    ).resolves.toBeUndefined();
  });

  it("the save dialog's choice is checked before anything is written", async () => {
    const host = guardSaveDialog({ chooseSavePath: async () => path.join(elsewhere, 'link', 'f.txt') }, dataDir);
    await expect(host.chooseSavePath?.('f.txt')).rejects.toMatchObject({ code: 'AccessDenied' });
    const fine = guardSaveDialog({ chooseSavePath: async () => path.join(elsewhere, 'f.txt') }, dataDir);
    await expect(fine.chooseSavePath?.('f.txt')).resolves.toBe(path.join(elsewhere, 'f.txt'));
    const cancelled = guardSaveDialog({ chooseSavePath: async () => null }, dataDir);
    await expect(cancelled.chooseSavePath?.('f.txt')).resolves.toBeNull();
    expect(await readdir(dataDir)).toEqual([]);
  });
});
