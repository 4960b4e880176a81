import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstFreeNumber, numberedName, withLastSegment } from '../../electron/core/transfers/conflicts';
import { contentTypeFor, DEFAULT_CONTENT_TYPE } from '../../electron/core/transfers/content-types';
import { expandDownloads, relativeKey, type ListedObject } from '../../electron/core/transfers/download-sources';
import type { DownloadItem } from '../../electron/core/transfers/provider-transfers';
import { createStaging } from '../../electron/core/transfers/staging';
import { walkSource, type WalkEntry } from '../../electron/core/transfers/upload-sources';
import { createSettingsStore, SETTINGS_FILE } from '../../electron/core/settings-store';
import { DEFAULT_TRANSFER_SETTINGS } from '../../shared/transfers';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'qs-sources-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('upload sources', () => {
  it('walks a folder depth first, keeping relative paths, and reports what it cannot read', async () => {
    const root = path.join(dir, 'photos');
    await mkdir(path.join(root, 'a', 'b'), { recursive: true });
    await mkdir(path.join(root, 'empty'));
    await writeFile(path.join(root, 'top.jpg'), 'top');
    await writeFile(path.join(root, 'a', 'one.txt'), '1');
    await writeFile(path.join(root, 'a', 'b', 'two.txt'), '22');
    await symlink(path.join(dir, 'missing'), path.join(root, 'dangling'));
    await symlink(root, path.join(root, 'a', 'loop'));
    execFileSync('mkfifo', [path.join(root, 'pipe')]);

    const entries = await collect(walkSource(root));
    expect(entries[0]).toEqual({ kind: 'root', name: 'photos', folder: true });
    const files = entries.filter((e): e is Extract<WalkEntry, { kind: 'file' }> => e.kind === 'file');
    expect(files.map((f) => [f.relative, f.size]).sort()).toEqual([
      ['photos/a/b/two.txt', 2],
      ['photos/a/one.txt', 1],
      ['photos/top.jpg', 3],
    ]);
    const errors = entries.filter((e): e is Extract<WalkEntry, { kind: 'error' }> => e.kind === 'error');
    expect(errors.map((e) => e.relative).sort()).toEqual(['photos/a/loop', 'photos/dangling', 'photos/pipe']);
    for (const e of errors) expect(e.error.code).toBe('LocalIOError');
    expect(errors.find((e) => e.relative === 'photos/a/loop')?.error.message).toMatch(/links back/);
  });

  it('walks a single file, a missing path, and leaves out excluded folders', async () => {
    const file = path.join(dir, 'report.pdf');
    await writeFile(file, 'pdf');
    expect(await collect(walkSource(file))).toMatchObject([
      { kind: 'root', name: 'report.pdf', folder: false },
      { kind: 'file', relative: 'report.pdf', size: 3 },
    ]);
    expect(await collect(walkSource(path.join(dir, 'nope')))).toMatchObject([
      { kind: 'root' },
      { kind: 'error', error: { code: 'LocalIOError' } },
    ]);
    const secretDir = path.join(dir, 'tree', 'appdata');
    await mkdir(secretDir, { recursive: true });
    await writeFile(path.join(secretDir, 'secrets.json'), 'x');
    await writeFile(path.join(dir, 'tree', 'ok.txt'), 'x');
    await symlink(secretDir, path.join(dir, 'tree', 'via-link'));
    const real = await import('node:fs/promises').then((fs) => fs.realpath(secretDir));
    const entries = await collect(walkSource(path.join(dir, 'tree'), { exclude: (p) => p.startsWith(real) }));
    expect(entries.filter((e) => e.kind === 'file').map((e) => (e as { relative: string }).relative)).toEqual([
      'tree/ok.txt',
    ]);
    expect(entries.filter((e) => e.kind === 'error')).toHaveLength(2);
  });

  it('streams: the first entries of a large folder arrive before the walk ends', async () => {
    const root = path.join(dir, 'many');
    await mkdir(root);
    await Promise.all(Array.from({ length: 500 }, (_, i) => writeFile(path.join(root, `f${i}`), '')));
    const walk = walkSource(root);
    let seen = 0;
    for await (const entry of walk) {
      if (entry.kind === 'file') seen++;
      if (seen === 10) break; // closes the directory handle
    }
    expect(seen).toBe(10);
  });
});

describe('download sources', () => {
  const listing: Record<string, ListedObject[][]> = {
    'docs/': [
      [
        { key: 'docs/', size: 0, etag: '"d"' },
        { key: 'docs/a.txt', size: 1, etag: '"a"' },
        { key: 'docs/sub/', size: 0, etag: '"s"' },
      ],
      [
        { key: 'docs/sub/b.txt', size: 2, etag: '"b"' },
        { key: 'docs/../../evil', size: 3, etag: '"e"' },
        { key: 'docs/con', size: 3, etag: '"c"' },
        { key: 'docs//x', size: 3, etag: '"x"' },
      ],
    ],
  };
  const list = async function* (prefix: string): AsyncIterable<ListedObject[]> {
    if (prefix === 'boom/') throw Object.assign(new Error('denied'), { $metadata: { httpStatusCode: 403 } });
    for (const page of listing[prefix] ?? []) yield page;
  };

  it('expands folders by listing, keeps files, and marks unsafe keys with the reason', async () => {
    const root = '/dl';
    const items = await collect(
      expandDownloads(['docs/', 'top.bin', '/abs', 'boom/'], '', root, list, new AbortController().signal),
    );
    const byKey = new Map(items.map((i) => [i.key, i]));
    expect(byKey.get('docs/')).toMatchObject({ kind: 'folder', path: '/dl/docs' });
    expect(byKey.get('docs/a.txt')).toMatchObject({ kind: 'file', path: '/dl/docs/a.txt', size: 1, etag: '"a"' });
    expect(byKey.get('docs/sub/')).toMatchObject({ kind: 'folder', path: '/dl/docs/sub' });
    expect(byKey.get('docs/sub/b.txt')).toMatchObject({ kind: 'file', path: '/dl/docs/sub/b.txt' });
    expect(byKey.get('top.bin')).toMatchObject({ kind: 'file', path: '/dl/top.bin', size: null, etag: null });
    for (const key of ['docs/../../evil', 'docs/con', 'docs//x', '/abs']) {
      expect(byKey.get(key)?.kind, key).toBe('unsafe');
    }
    expect(byKey.get('boom/')).toMatchObject({ kind: 'error', error: { code: 'AccessDenied' } });
    for (const item of items as DownloadItem[]) {
      if (item.kind === 'file' || item.kind === 'folder') expect(item.path.startsWith('/dl/')).toBe(true);
    }
  });

  it('makes paths relative to the base prefix', async () => {
    expect(relativeKey('a/b/c.txt', 'a/', 'a/b/')).toBe('b/c.txt');
    expect(relativeKey('x/y.txt', 'a/', 'x/')).toBe('x/y.txt');
    expect(relativeKey('deep/x/y.txt', 'a/', 'deep/x/')).toBe('x/y.txt');
    const items = await collect(expandDownloads(['docs/'], 'docs/', '/dl', list, new AbortController().signal));
    // The base folder's own marker is the chosen folder itself: no item.
    expect(items.find((i) => i.key === 'docs/')).toBeUndefined();
    expect(items.find((i) => i.key === 'docs/a.txt')).toMatchObject({ path: '/dl/a.txt' });
  });
});

describe('conflict names and content types', () => {
  it('numbers names before the extension', async () => {
    expect(numberedName('report.pdf', 1)).toBe('report (1).pdf');
    expect(numberedName('archive.tar.gz', 2)).toBe('archive.tar (2).gz');
    expect(numberedName('.bashrc', 1)).toBe('.bashrc (1)');
    expect(numberedName('README', 3)).toBe('README (3)');
    expect(withLastSegment('a/b/report.pdf', (n) => numberedName(n, 1))).toBe('a/b/report (1).pdf');
    expect(await firstFreeNumber(async (n) => n < 4)).toBe(4);
  });

  it('knows common types and falls back to octet-stream', () => {
    expect(contentTypeFor('a/b/photo.JPG')).toBe('image/jpeg');
    expect(contentTypeFor('notes.txt')).toBe('text/plain; charset=utf-8');
    expect(contentTypeFor('movie.mp4')).toBe('video/mp4');
    expect(contentTypeFor('data.unknownext')).toBe(DEFAULT_CONTENT_TYPE);
    expect(contentTypeFor('x.constructor')).toBe(DEFAULT_CONTENT_TYPE);
    expect(contentTypeFor('.gitignore')).toBe(DEFAULT_CONTENT_TYPE);
    expect(contentTypeFor('dir.d/Makefile')).toBe(DEFAULT_CONTENT_TYPE);
  });
});

describe('staging', () => {
  it('stores exactly the announced bytes once; a wrong count can be sent again', async () => {
    const staging = createStaging(dir);
    const id = staging.register('job-1', 5);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    await expect(staging.receive(id, Readable.from([Buffer.from('abc')]))).rejects.toMatchObject({
      code: 'InvalidRequest',
    });
    await expect(staging.receive(id, Readable.from([Buffer.from('abcdefg')]))).rejects.toMatchObject({
      code: 'InvalidRequest',
    });
    expect(await staging.receive(id, Readable.from([Buffer.from('ab'), Buffer.from('cde')]))).toBe('job-1');
    expect(await readFile(staging.fileFor('job-1'), 'utf8')).toBe('abcde');
    await expect(staging.receive(id, Readable.from([]))).rejects.toMatchObject({ code: 'InvalidRequest' });
    await expect(staging.receive('../../etc/passwd', Readable.from([]))).rejects.toMatchObject({
      code: 'InvalidRequest',
    });
    await staging.discard('job-1');
    await expect(readFile(staging.fileFor('job-1'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a second stream while the first is arriving, and forgets discarded ids', async () => {
    const staging = createStaging(dir);
    const id = staging.register('job-2', 3);
    const slow = new Readable({ read() {} });
    const first = staging.receive(id, slow);
    await expect(staging.receive(id, Readable.from([Buffer.from('xyz')]))).rejects.toThrow(/already arriving/);
    slow.push('xyz');
    slow.push(null);
    await first;
    const other = staging.register('job-3', 1);
    await staging.discard('job-3');
    await expect(staging.receive(other, Readable.from([Buffer.from('x')]))).rejects.toMatchObject({
      code: 'InvalidRequest',
    });
    await staging.sweep((jobId) => jobId !== 'job-2');
    await expect(readFile(staging.fileFor('job-2'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('settings store', () => {
  it('starts from defaults, persists updates, and tells listeners', async () => {
    const store = await createSettingsStore(dir);
    expect(store.get()).toEqual({ transfers: DEFAULT_TRANSFER_SETTINGS });
    const seen: number[] = [];
    store.onChange((s) => seen.push(s.transfers.jobsInParallel));
    await store.update({ transfers: { jobsInParallel: 8, uploadBytesPerSecond: 1000 } });
    expect(seen).toEqual([8]);
    const again = await createSettingsStore(dir);
    expect(again.get().transfers).toMatchObject({ jobsInParallel: 8, uploadBytesPerSecond: 1000, partsInParallel: 4 });
  });

  it('keeps the valid fields of a damaged file and defaults the rest', async () => {
    await writeFile(
      path.join(dir, SETTINGS_FILE),
      JSON.stringify({ transfers: { jobsInParallel: 999, partsInParallel: 2, bogus: 1, resumeOnStart: 'yes' } }),
    );
    expect((await createSettingsStore(dir)).get().transfers).toEqual({
      ...DEFAULT_TRANSFER_SETTINGS,
      partsInParallel: 2,
    });
    await writeFile(path.join(dir, SETTINGS_FILE), '{not json');
    expect((await createSettingsStore(dir)).get().transfers).toEqual(DEFAULT_TRANSFER_SETTINGS);
  });
});
