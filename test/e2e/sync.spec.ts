// Folder sync end to end, through the browser host in Debian's Chromium against radosgw: a pair
// made in the UI on a temp folder (typed path), its plan, the run, one change seen as exactly one
// upload, a plan that survives a reload and whose part not run stays the plan, deletions that
// only run after their own confirmation, and a plan of 100,000 entries whose list keeps only a
// window of rows in the page.
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { S3ServerInfo } from '../servers/s3-server';
import { expect, test } from './fixtures';
import type { RunningHost } from './hosts';
import type { AppPage } from './pages/app-page';
import { SyncPage, type NewPair } from './pages/sync-page';
import { openAccountBucket } from './radosgw-account';
import type { S3Seed } from './s3-seed';

const PREFIX = 'backup/';

/** The files the first test syncs (a unicode name among them), and one the default rules ignore. */
const FILES: Record<string, Buffer> = {
  'notes.txt': Buffer.from('first version\n'),
  'photos/day 1/café ünïcødé.jpg': randomBytes(200 * 1024 + 17),
  'empty.txt': Buffer.alloc(0),
};
const IGNORED = '.DS_Store';

async function writeFiles(root: string, files: Record<string, Buffer>): Promise<void> {
  for (const [relative, body] of Object.entries(files)) {
    const file = path.join(root, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
  }
}

async function objectBytes(seed: S3Seed, bucket: string, key: string): Promise<Buffer> {
  const answer = await seed.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from((await answer.Body?.transformToByteArray()) ?? []);
}

/** Opens the pair's bucket in the app and makes the pair in the UI (its folder typed). */
async function openPair(
  { app, page, host, s3 }: { app: AppPage; page: Page; host: RunningHost; s3: S3ServerInfo },
  pair: NewPair,
): Promise<SyncPage> {
  await openAccountBucket(app, page, host, s3, pair.bucket);
  const sync = new SyncPage(page);
  await sync.create(pair);
  return sync;
}

test.describe('folder sync', () => {
  let local: string;

  test.beforeEach(async () => {
    local = await mkdtemp(path.join(os.tmpdir(), 'qs-e2e-sync-'));
  });
  test.afterEach(async () => {
    await rm(local, { recursive: true, force: true });
  });

  test('creates a pair, shows the plan, syncs it, and a changed file is exactly one upload', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    test.setTimeout(180_000);
    await writeFiles(local, { ...FILES, [IGNORED]: Buffer.from('junk') });
    const bucket = await seed.bucket();
    const sync = await openPair({ app, page, host, s3 }, { folder: local, bucket, prefix: 'backup' });
    await expect(page.getByRole('list', { name: 'Folder sync' }).getByRole('button')).toHaveAccessibleName(
      `${path.basename(local)} ↔ ${bucket}/backup`,
    );

    await sync.compare();
    await expect(sync.stat('Uploads')).toContainText('3 files');
    await expect(sync.stat('Ignored')).toHaveText('1 file');
    await expect(sync.stat('Deletions')).toHaveText('0 files');
    await expect(sync.tab('Changes')).toHaveText('Changes3');
    const changes = sync.list('Changes');
    for (const relative of Object.keys(FILES)) await expect(sync.row(changes, relative)).toBeVisible();
    await expect(sync.row(changes, IGNORED)).toHaveCount(0);

    expect(await sync.sync()).toBe('Last sync: 3 uploaded, 0 downloaded, 0 deleted.');
    for (const [relative, body] of Object.entries(FILES)) {
      expect((await objectBytes(seed, bucket, `${PREFIX}${relative}`)).equals(body), relative).toBe(true);
    }
    expect(await seed.exists(bucket, `${PREFIX}${IGNORED}`)).toBe(false);

    // Nothing changed: nothing to do.
    await sync.compare();
    await expect(sync.stat('Uploads')).toHaveText('0 files');
    await expect(sync.stat('Unchanged')).toHaveText('3 files');

    // One file changed: exactly one upload.
    const changed = Buffer.from('second version, longer\n');
    await writeFile(path.join(local, 'notes.txt'), changed);
    await sync.compare();
    await expect(sync.stat('Uploads')).toContainText('1 file');
    await expect(sync.tab('Changes')).toHaveText('Changes1');
    await expect(sync.row(changes, 'notes.txt')).toContainText('Changed');
    expect(await sync.sync()).toBe('Last sync: 1 uploaded, 0 downloaded, 0 deleted.');
    expect((await objectBytes(seed, bucket, `${PREFIX}notes.txt`)).equals(changed)).toBe(true);
  });

  test('the plan survives a reload; Sync selected leaves the rest as the plan, and Sync runs it', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    test.setTimeout(180_000);
    const files = { 'a.txt': Buffer.from('a'), 'b.txt': Buffer.from('bb'), 'c.txt': Buffer.from('ccc') };
    await writeFiles(local, files);
    const bucket = await seed.bucket();
    const sync = await openPair({ app, page, host, s3 }, { folder: local, bucket, prefix: PREFIX });
    await sync.compare();
    await expect(sync.tab('Changes')).toHaveText('Changes3');
    const made = await sync.planTime();

    // The page reloads: the core still holds the plan, and the view shows it again.
    await page.reload();
    await page.getByRole('list', { name: 'Folder sync' }).getByRole('button').click();
    await expect(sync.tab('Changes')).toHaveText('Changes3');
    expect(await sync.planTime()).toBe(made);

    // One of the three runs; the other two are the plan now.
    const changes = sync.list('Changes');
    await sync.row(changes, 'b.txt').click();
    const before = await sync.runTime();
    await sync.view.getByRole('button', { name: 'Sync selected' }).click();
    expect(await sync.waitForRun(before)).toBe('Last sync: 1 uploaded, 0 downloaded, 0 deleted.');
    await expect(sync.tab('Changes')).toHaveText('Changes2');
    await expect(sync.stat('Uploads')).toContainText('2 files');
    await expect(sync.row(changes, 'a.txt')).toBeVisible();
    await expect(sync.row(changes, 'b.txt')).toHaveCount(0);
    expect(await seed.keys(bucket)).toEqual([`${PREFIX}b.txt`]);

    // Sync runs what is left, and no plan remains.
    expect(await sync.sync()).toBe('Last sync: 2 uploaded, 0 downloaded, 0 deleted.');
    await expect(sync.summary).toBeHidden();
    await expect(sync.view.getByText('Compare to see what would be uploaded')).toBeVisible();
    for (const [relative, body] of Object.entries(files))
      expect((await objectBytes(seed, bucket, `${PREFIX}${relative}`)).equals(body), relative).toBe(true);
  });

  test('deletions are listed apart and run only after their own confirmation', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    test.setTimeout(180_000);
    await writeFiles(local, { 'keep.txt': Buffer.from('keep'), 'old.txt': Buffer.from('to be deleted: 24 bytes') });
    const bucket = await seed.bucket();
    const sync = await openPair(
      { app, page, host, s3 },
      { folder: local, bucket, prefix: PREFIX, deleteMissing: true },
    );
    await sync.compare();
    expect(await sync.sync()).toBe('Last sync: 2 uploaded, 0 downloaded, 0 deleted.');

    await unlink(path.join(local, 'old.txt'));
    await writeFile(path.join(local, 'new.txt'), 'new');
    await sync.compare();
    await expect(sync.stat('Uploads')).toContainText('1 file');
    await expect(sync.stat('Deletions')).toContainText('1 file');
    await expect(sync.tab('Deletions')).toHaveText('Deletions1');

    // Sync uploads, and deletes nothing.
    expect(await sync.sync()).toBe('Last sync: 1 uploaded, 0 downloaded, 0 deleted.');
    expect(await seed.exists(bucket, `${PREFIX}old.txt`)).toBe(true);

    await sync.compare();
    await sync.tab('Deletions').click();
    await expect(sync.row(sync.list('Deletions'), 'old.txt')).toContainText('Gone on the other side');
    const before = await sync.runTime();
    await sync.view.getByRole('button', { name: 'Delete 1 file…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete 1 file?' });
    await expect(confirm).toContainText(`Delete 1 file (23 B) from ${bucket}/backup?`);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    expect(await seed.exists(bucket, `${PREFIX}old.txt`)).toBe(true);

    await sync.view.getByRole('button', { name: 'Delete 1 file…' }).click();
    await confirm.getByRole('button', { name: 'Delete 1 file' }).click();
    expect(await sync.waitForRun(before)).toBe('Last sync: 0 uploaded, 0 downloaded, 1 deleted.');
    expect(await seed.keys(bucket)).toEqual([`${PREFIX}keep.txt`, `${PREFIX}new.txt`]);
  });

  test('a local deletion is confirmed as deleted, not trashed, in the browser app', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    test.setTimeout(180_000);
    await writeFiles(local, { 'stray.txt': Buffer.from('not in the bucket') });
    const bucket = await seed.bucket(undefined, { [`${PREFIX}kept.txt`]: 'kept' });
    const sync = await openPair(
      { app, page, host, s3 },
      { folder: local, bucket, prefix: PREFIX, direction: 'Download only', deleteMissing: true },
    );
    await sync.compare();
    await expect(sync.tab('Deletions')).toHaveText('Deletions1');
    await sync.tab('Deletions').click();

    const before = await sync.runTime();
    await sync.view.getByRole('button', { name: 'Delete 1 file…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete 1 file?' });
    await expect(confirm).toContainText(`Delete 1 file (17 B) from ${local}?`);
    await expect(confirm).toContainText('The local files are deleted, not moved to the trash');
    await confirm.getByRole('button', { name: 'Delete 1 file' }).click();
    expect(await sync.waitForRun(before)).toBe('Last sync: 0 uploaded, 0 downloaded, 1 deleted.');
    await expect(readFile(path.join(local, 'stray.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
    // The download is still the plan: running the deletions left it.
    await expect(sync.tab('Changes')).toHaveText('Changes1');
  });

  test('both ways: a conflict waits for its answer, then syncs with the rest', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    test.setTimeout(180_000);
    const mine = Buffer.from('the version on this computer\n');
    await writeFiles(local, { 'shared.txt': mine, 'local-only.txt': Buffer.from('local') });
    const theirs = 'the version in the bucket\n';
    const bucket = await seed.bucket(undefined, {
      [`${PREFIX}shared.txt`]: theirs.repeat(2),
      [`${PREFIX}remote-only.txt`]: theirs,
    });
    const sync = await openPair(
      { app, page, host, s3 },
      { folder: local, bucket, prefix: PREFIX, direction: 'Both ways', conflicts: 'Ask me' },
    );
    await sync.compare();
    await expect(sync.stat('Uploads')).toContainText('1 file');
    await expect(sync.stat('Downloads')).toContainText('1 file');
    await expect(sync.stat('Conflicts')).toContainText('1 file');

    await sync.tab('Conflicts').click();
    const answer = sync.list('Conflicts').getByRole('combobox', { name: 'Answer for shared.txt' });
    await expect(answer).toHaveValue('skip');
    await answer.selectOption({ label: 'Upload local' });
    await expect(answer).toHaveValue('upload');

    expect(await sync.sync()).toBe('Last sync: 2 uploaded, 1 downloaded, 0 deleted.');
    expect((await objectBytes(seed, bucket, `${PREFIX}shared.txt`)).equals(mine)).toBe(true);
    expect(await readFile(path.join(local, 'remote-only.txt'), 'utf8')).toBe(theirs);
  });

  test('a plan of 100,000 entries keeps a window of rows in the page and reaches the last with End', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    test.setTimeout(300_000);
    const COUNT = 100_000;
    const name = (i: number): string =>
      `d${String(Math.floor(i / 1000)).padStart(3, '0')}/f${String(i).padStart(6, '0')}`;
    for (let d = 0; d < COUNT / 1000; d++) await mkdir(path.join(local, name(d * 1000), '..'), { recursive: true });
    for (let i = 0; i < COUNT; i += 2000) {
      await Promise.all(
        Array.from({ length: Math.min(2000, COUNT - i) }, (_, j) => writeFile(path.join(local, name(i + j)), '')),
      );
    }
    const bucket = await seed.bucket();
    const sync = await openPair({ app, page, host, s3 }, { folder: local, bucket, prefix: 'many/' });
    await sync.compare();
    await expect(sync.tab('Changes')).toHaveText('Changes100,000');
    const list = sync.list('Changes');
    await expect(list).toHaveAttribute('aria-rowcount', String(COUNT + 1));
    await expect(sync.row(list, name(0))).toBeVisible();
    const rows = async (): Promise<number> => list.getByRole('row').count();
    expect(await rows()).toBeLessThan(200);

    await sync.row(list, name(0)).click();
    await list.press('End');
    const last = sync.row(list, name(COUNT - 1));
    await expect(last).toBeVisible();
    await expect(last).toHaveAttribute('aria-selected', 'true');
    await expect(last).toHaveAttribute('aria-rowindex', String(COUNT + 1));
    expect(await rows()).toBeLessThan(200);

    // Shift+Home selects all of it without loading it: "Sync 100,000 selected".
    await list.press('Shift+Home');
    await expect(sync.view.getByRole('button', { name: 'Sync 100,000 selected' })).toBeEnabled();
  });
});
