// Transfers end to end, through the browser host in Debian's Chromium against radosgw: real file
// and folder drops, live progress, pause and resume, the listing, and a folder download that
// must come back byte for byte.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { TransfersPanel, downloadSelectionTo, dropPaths, setTransferSettings } from './pages/transfers-page';
import { openAccount, openBucket } from './radosgw-account';

const MiB = 1024 * 1024;

/** The local tree the test drops: one large file, and a folder with subfolders, an empty file and a non-ASCII name. */
const FOLDER_FILES: Record<string, number> = {
  'album/cover.jpg': 300 * 1024,
  'album/day 1/photo é.png': MiB + 3,
  'album/notes/readme.txt': 1234,
  'album/notes/empty.txt': 0,
};
const BIG = 'big.bin';
/** Three parts of 5 MiB at 2 MiB/s: about six seconds, long enough to watch, pause and resume. */
const BIG_SIZE = 12 * MiB + 7;

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

async function writeTree(root: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const files: Record<string, number> = { ...FOLDER_FILES, [BIG]: BIG_SIZE };
  for (const [relative, size] of Object.entries(files)) {
    const file = path.join(root, relative);
    await mkdir(path.dirname(file), { recursive: true });
    const body = randomBytes(size);
    await writeFile(file, body);
    hashes.set(relative, sha256(body));
  }
  return hashes;
}

/** Every file below `root`, "/"-separated, with its SHA-256. */
async function hashTree(root: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    hashes.set(path.relative(root, full).split(path.sep).join('/'), sha256(await readFile(full)));
  }
  return hashes;
}

test.describe('transfers', () => {
  let local: string;

  test.beforeEach(async () => {
    local = await mkdtemp(path.join(os.tmpdir(), 'qs-e2e-transfers-'));
  });
  test.afterEach(async () => {
    await rm(local, { recursive: true, force: true });
  });

  test('drops a file and a folder, pauses and resumes, lists them, downloads them intact', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    test.setTimeout(240_000);
    const source = path.join(local, 'source');
    const sent = await writeTree(source);
    const bucket = await seed.bucket();
    await openAccount(app, host, s3);
    await setTransferSettings(page, { uploadLimitMiBps: '2', multipartFromMiB: '5', partSizeMiB: '5' });
    await openBucket(app, page, bucket);
    const transfers = new TransfersPanel(page);

    // A real file from the file manager: progress moves while it uploads.
    await dropPaths(page, app.browser.grid, [path.join(source, BIG)]);
    await transfers.open();
    await expect.poll(() => transfers.percent(BIG), { timeout: 30_000 }).toBeGreaterThan(0);
    const seen = await transfers.percent(BIG);
    await expect.poll(() => transfers.percent(BIG)).toBeGreaterThan(seen);

    // Pause, then resume: it finishes from where it was.
    await transfers
      .job(BIG)
      .getByRole('button', { name: `Pause ${BIG}` })
      .click();
    await expect(transfers.job(BIG)).toContainText('Paused');
    await transfers
      .job(BIG)
      .getByRole('button', { name: `Resume ${BIG}` })
      .click();
    await expect(transfers.job(BIG)).toContainText('Done', { timeout: 60_000 });
    await expect(transfers.progress(BIG)).toHaveAttribute('aria-valuenow', '100');

    // A real folder: its tree arrives under the folder shown.
    await dropPaths(page, app.browser.grid, [path.join(source, 'album')]);
    const folderFiles = Object.keys(FOLDER_FILES).length;
    await transfers.expectFinished(1 + folderFiles);

    // The listing, reloaded, shows what arrived; S3 agrees key for key.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await app.browser.expectNames(['album', BIG]);
    expect(await seed.keys(bucket)).toEqual([...Object.keys(FOLDER_FILES), BIG].sort());

    // Dropped onto a folder row, a file goes into that folder.
    const extra = path.join(local, 'extra.txt');
    await writeFile(extra, 'into the album\n');
    await dropPaths(page, app.browser.row('album'), [extra]);
    await transfers.expectFinished(2 + folderFiles);
    expect(await seed.exists(bucket, 'album/extra.txt')).toBe(true);
    sent.set('album/extra.txt', sha256(Buffer.from('into the album\n')));

    // Download the folder and the big file through the browser host's folder field.
    const target = path.join(local, 'downloaded');
    await mkdir(target);
    await app.browser.select('album');
    await app.browser.select(BIG, true);
    await downloadSelectionTo(page, target);
    await transfers.expectFinished(2 * (2 + folderFiles));
    const received = await hashTree(target);
    expect(Object.fromEntries([...received].sort())).toEqual(Object.fromEntries([...sent].sort()));
  });

  test('a drop while no bucket is open is refused with a message', async ({ app, page, host, s3, seed }) => {
    await seed.bucket();
    await openAccount(app, host, s3);
    const file = path.join(local, 'lonely.txt');
    await writeFile(file, 'nowhere to go\n');
    await dropPaths(page, page.getByRole('heading', { name: 'Choose a bucket' }), [file]);
    await expect(app.alert(/Open a bucket first/)).toBeVisible();
  });
});
