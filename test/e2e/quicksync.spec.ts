// A QuickSync account end to end, through the browser host in Debian's Chromium against the
// stateful QuickSync test server behind its OpenAPI contract validator (the fixture fails the
// test on any request or response that breaks the document): add the account in the form,
// drop a real file, see it complete and listed, download it byte for byte, delete it.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { AppPage } from './pages/app-page';
import { QuickSyncFiles, fillQuickSyncAccount } from './pages/quicksync-page';
import { TransfersPanel, dropPaths } from './pages/transfers-page';
import type { QuickSyncTestServer } from '../servers/quicksync-server';

const MiB = 1024 * 1024;
const SHOTS = '/tmp';
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Settings → Transfers: the QuickSync part size, in MiB. */
async function setQuickSyncPartSize(page: Page, mib: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const form = dialog.getByRole('form', { name: 'Transfer settings' });
  await form.getByRole('textbox', { name: 'QuickSync part size (MiB)' }).fill(mib);
  await form.getByRole('button', { name: 'Save transfer settings' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
}

/**
 * Adds the account through the form, tests the connection, saves; the account opens on its files.
 * `screenshot`: where to keep a picture of the filled form.
 */
async function addAccount(
  app: AppPage,
  qs: QuickSyncTestServer,
  encryptNames: boolean,
  screenshot?: string,
): Promise<void> {
  await app.accounts.startAdding();
  await fillQuickSyncAccount(app.accounts.dialog, {
    name: 'QuickSync',
    apiBase: qs.apiBase,
    sessionId: qs.sessionId,
    token: qs.token,
    encryptNames,
  });
  // What applies to S3 only is not asked.
  await expect(app.accounts.dialog.getByRole('textbox', { name: 'Region' })).toHaveCount(0);
  await expect(app.accounts.dialog.getByRole('combobox', { name: 'Addressing style' })).toHaveCount(0);
  await expect(await app.accounts.testConnection()).toHaveText(/^Connected: the session token is valid, \d+ ms$/);
  if (screenshot !== undefined) await app.page.screenshot({ path: path.join(SHOTS, screenshot) });
  await app.accounts.save();
}

test.describe('QuickSync', () => {
  let local: string;

  test.beforeEach(async () => {
    local = await mkdtemp(path.join(os.tmpdir(), 'qs-e2e-quicksync-'));
  });
  test.afterEach(async () => {
    await rm(local, { recursive: true, force: true });
  });

  test('adds an account, uploads a dropped file, lists, downloads and deletes it', async ({
    app,
    page,
    quicksync: qs,
  }) => {
    test.setTimeout(120_000);
    const name = 'report é.pdf';
    const source = path.join(local, name);
    const body = randomBytes(2 * MiB + 12_345);
    await writeFile(source, body);

    await addAccount(app, qs, true, 'qs-account-form.png');
    await setQuickSyncPartSize(page, '1');
    const files = new QuickSyncFiles(page);
    // The account's one place; no buckets to list or create.
    await expect(page.getByRole('list', { name: 'Places' }).getByRole('button', { name: 'Files' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create bucket' })).toHaveCount(0);
    await expect(files.grid).toContainText('No files yet');
    for (const hidden of ['New folder', 'Rename', 'Copy to…', 'Move to…', 'Share link', 'Upload options'])
      await expect(page.getByRole('button', { name: hidden, exact: true })).toHaveCount(0);

    // A real file from the file manager: it joins the queue, completes, and the list shows it.
    await dropPaths(page, files.grid, [source]);
    const transfers = new TransfersPanel(page);
    await transfers.open();
    await transfers.expectFinished(1);
    await expect(files.row(name)).toBeVisible(); // listed again when the batch ended, no refresh needed
    expect(await files.cells(name)).toEqual(['report é.pdf', '2.1 MB', '3', 'Complete']);

    // The server holds the bytes in three parts of 1 MiB, under a name encrypted for QS Share.
    const stored = [...qs.server.files.values()];
    expect(stored).toHaveLength(1);
    expect(stored[0]?.totalParts).toBe(3);
    expect(stored[0]?.fileName).toMatch(/^U2FsdGVkX1/);
    expect(sha256(stored[0]?.content ?? Buffer.alloc(0))).toBe(sha256(body));

    // Details: no tags, permissions, versions or lock tabs, just what QuickSync knows.
    await files.select(name);
    await expect(files.details.getByRole('heading', { name })).toBeVisible();
    await expect(files.detail('Name')).toHaveText('Encrypted for QS Share');
    await expect(files.detail('Parts')).toHaveText('3');
    await expect(files.detail('File key')).toHaveText(stored[0]?.fileKey ?? '');
    await expect(files.details.getByRole('tab')).toHaveCount(0);
    await page.mouse.move(640, 799);
    await page.screenshot({ path: path.join(SHOTS, 'qs-files-view.png') });

    // Download through the same dialog as S3 objects, into a folder: byte for byte.
    const target = path.join(local, 'downloaded');
    await mkdir(target);
    await page.getByRole('main').getByRole('button', { name: 'Download', exact: true }).click();
    const download = page.getByRole('dialog', { name: `Download “${name}”` });
    await download.getByRole('textbox', { name: 'Download to folder' }).fill(target);
    await download.getByRole('button', { name: 'Download', exact: true }).click();
    await expect(download).toBeHidden();
    await transfers.expectFinished(2);
    expect(await readdir(target)).toEqual([name]);
    expect(sha256(await readFile(path.join(target, name)))).toBe(sha256(body));
    expect(qs.server.stats.authorizationRefused).toBe(0);

    // Delete: gone from the list and from the server.
    await files.select(name);
    expect(await files.deleteSelection()).toBe('Deleted 1 item.');
    await expect(files.row(name)).toHaveCount(0);
    await expect(files.grid).toContainText('No files yet');
    expect(qs.server.files.size).toBe(0);
  });

  test('an upload started elsewhere shows among incomplete uploads, to delete only', async ({
    app,
    page,
    quicksync: qs,
  }) => {
    // Initiated directly on the server, as another client would: this app has no journal for it.
    const started = await fetch(`${qs.directApiBase}/buckets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${qs.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ totalParts: 2, originalSizeInBytes: 10, encryptedName: 'half.bin' }),
    });
    expect(started.status).toBe(200);

    await addAccount(app, qs, false);
    const files = new QuickSyncFiles(page);
    await expect(files.grid).toContainText('No files yet'); // hidden by default
    await files.showIncomplete(true);
    await expect(files.row('half.bin')).toBeVisible();
    expect((await files.cells('half.bin')).slice(0, 4)).toEqual(['half.bin', '10 B', '2', 'Incomplete']);
    const resume = files.row('half.bin').getByRole('button', { name: 'Resume half.bin' });
    await expect(resume).toBeDisabled();
    await expect(resume).toHaveAccessibleDescription('Started elsewhere: it can only be deleted.');
    await files.select('half.bin');
    await expect(files.detail('State')).toHaveText('Incomplete');
    await page.screenshot({ path: path.join(SHOTS, 'qs-incomplete-uploads.png') });

    await files.row('half.bin').getByRole('button', { name: 'Delete half.bin' }).click();
    expect(await files.confirmDeletion()).toBe('Deleted 1 item.');
    await expect(files.row('half.bin')).toHaveCount(0);
    expect(qs.server.files.size).toBe(0);
  });

  test('an expired session token says so in Test connection', async ({ app, quicksync: qs }) => {
    qs.server.expireSession(qs.token);
    await app.accounts.startAdding();
    await fillQuickSyncAccount(app.accounts.dialog, {
      name: 'Expired',
      apiBase: qs.apiBase,
      sessionId: qs.sessionId,
      token: qs.token,
      encryptNames: false,
    });
    await expect(await app.accounts.testConnection()).toHaveText(/^Session expired: paste a new session token/);
  });
});
