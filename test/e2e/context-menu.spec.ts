// Context menus in the browser host against radosgw: by mouse on rows (one, many, a folder) and
// on the list's empty area, by keyboard (the context-menu key and Shift+F10) with arrows, Enter
// and Escape, on a bucket in the sidebar and on a transfer job. S3 and the clipboard are the oracles.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TransfersPanel, dropPaths } from './pages/transfers-page';
import { openAccount, openAccountBucket, openBucket } from './radosgw-account';

const SEED = {
  'top.txt': 'top',
  'second.txt': 'second',
  'docs/readme.md': '# readme',
};

// Reading the clipboard back is the test's oracle; the app itself only ever writes to it.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const menu = (page: Page): Locator => page.getByRole('menu');
const menuItem = (page: Page, name: string): Locator => menu(page).getByRole('menuitem', { name, exact: true });
const clipboard = (page: Page): Promise<string> => page.evaluate(() => navigator.clipboard.readText());
/** The names of the open menu's items, in order (`enabled`: only those not greyed out). */
const itemNames = (page: Page, enabled = false): Promise<string[]> =>
  menu(page)
    .getByRole('menuitem')
    .evaluateAll(
      (items, onlyEnabled) =>
        items
          .filter((i) => !onlyEnabled || i.getAttribute('aria-disabled') !== 'true')
          .map((i) => i.getAttribute('aria-label') ?? ''),
      enabled,
    );
/** The open menu has these items in this order (other features add their own between them). */
async function expectItems(page: Page, expected: string[]): Promise<void> {
  await expect(menu(page)).toBeVisible();
  expect((await itemNames(page)).filter((name) => expected.includes(name))).toEqual(expected);
}

test.describe('context menus', () => {
  test('by mouse: a row, a multi-selection, a folder and the empty area', async ({ app, page, host, s3, seed }) => {
    const bucket = await seed.bucket(undefined, SEED);
    await openAccountBucket(app, page, host, s3, bucket);
    const grid = app.browser.grid;

    // A right-click on a row outside the selection selects it first, then its menu opens at the pointer.
    await app.browser.row('top.txt').click({ button: 'right' });
    await expect(menu(page)).toBeVisible();
    await expect(menu(page)).toHaveCount(1);
    await expect(app.browser.row('top.txt')).toHaveAttribute('aria-selected', 'true');
    await expectItems(page, [
      'Open',
      'Quick Look',
      'Download…',
      'Share link…',
      'Copy key',
      'Copy s3:// URI',
      'Copy public URL',
      'Rename…',
      'Copy to…',
      'Move to…',
      'Delete…',
      'Show versions',
      'Properties',
    ]);
    await menuItem(page, 'Copy key').click();
    await expect(menu(page)).toBeHidden();
    await expect.poll(() => clipboard(page)).toBe('top.txt');
    await expect(grid).toBeFocused();

    // A folder: no share link, and the reason is shown beside the greyed-out item.
    await app.browser.row('docs').click({ button: 'right' });
    const share = menuItem(page, 'Share link…');
    await expect(share).toHaveAttribute('aria-disabled', 'true');
    await expect(share).toHaveAccessibleDescription('Folders have no share link');
    await expect(share.getByText('Folders have no share link')).toBeVisible();
    await menuItem(page, 'Copy s3:// URI').click();
    await expect.poll(() => clipboard(page)).toBe(`s3://${bucket}/docs/`);

    // A right-click on another row while a menu is up: that row's menu replaces it.
    await app.browser.row('docs').click({ button: 'right' });
    await expect(menuItem(page, 'Share link…')).toHaveAttribute('aria-disabled', 'true');
    // (at the row's start: the menu, opened at the middle of the row above, covers the rest)
    await app.browser.row('top.txt').click({ button: 'right', position: { x: 20, y: 10 } });
    await expect(menu(page)).toHaveCount(1);
    await expect(menuItem(page, 'Share link…')).not.toHaveAttribute('aria-disabled', 'true');
    await expect(app.browser.row('top.txt')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Escape');
    await expect(menu(page)).toBeHidden();
    await expect(grid).toBeFocused();

    // Properties: the details pane, its open tab focused.
    await app.browser.row('top.txt').click({ button: 'right' });
    await menuItem(page, 'Properties').click();
    const details = page.getByRole('complementary', { name: 'Details' });
    await expect(details.getByRole('tab', { selected: true })).toBeFocused();

    // A right-click inside the selection keeps it: the menu acts on both, and Delete… deletes both.
    await app.browser.select('top.txt');
    await app.browser.select('second.txt', true);
    await app.browser.row('top.txt').click({ button: 'right' });
    await expect(app.browser.row('second.txt')).toHaveAttribute('aria-selected', 'true');
    await expect(menuItem(page, 'Rename…')).toHaveAccessibleDescription('Select one item');
    await menuItem(page, 'Copy 2 keys').click();
    await expect.poll(async () => (await clipboard(page)).split('\n').sort()).toEqual(['second.txt', 'top.txt']);
    await app.browser.row('second.txt').click({ button: 'right' });
    await menuItem(page, 'Delete…').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => seed.keys(bucket)).toEqual(['docs/readme.md']);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The empty area below the rows: the folder's own menu.
    const box = await grid.boundingBox();
    if (box === null) throw new Error('the grid is not visible');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height - 20, { button: 'right' });
    await expectItems(page, ['New folder…', 'Upload files…', 'Upload folder…', 'Refresh']);
    await menuItem(page, 'New folder…').click();
    const newFolder = page.getByRole('dialog', { name: 'New folder' });
    await expect(newFolder.getByRole('textbox', { name: 'Folder name' })).toBeFocused();
    await newFolder.getByRole('textbox', { name: 'Folder name' }).fill('made-by-menu');
    await newFolder.getByRole('button', { name: 'Create folder' }).click();
    await expect.poll(() => seed.keys(bucket)).toEqual(['docs/readme.md', 'made-by-menu/']);
  });

  test('by keyboard: the context-menu key and Shift+F10 at the focused row', async ({ app, page, host, s3, seed }) => {
    const bucket = await seed.bucket(undefined, SEED);
    await openAccountBucket(app, page, host, s3, bucket);
    const grid = app.browser.grid;
    await app.browser.select('top.txt');
    await expect(grid).toBeFocused();

    // The context-menu key: one menu, its first item focused; arrows move, Enter runs.
    await page.keyboard.press('ContextMenu');
    await expect(menu(page)).toHaveCount(1);
    await expect(menuItem(page, 'Open')).toBeFocused();
    // Arrows step through the enabled items (greyed-out ones are skipped), End and Home jump.
    const enabled = await itemNames(page, true);
    expect(enabled).toContain('Rename…');
    await page.keyboard.press('End');
    await expect(menuItem(page, enabled.at(-1) ?? '')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(menuItem(page, 'Open')).toBeFocused();
    for (const name of enabled.slice(1, enabled.indexOf('Rename…') + 1)) {
      await page.keyboard.press('ArrowDown');
      await expect(menuItem(page, name)).toBeFocused();
    }
    await page.keyboard.press('Enter');
    await expect(menu(page)).toBeHidden();
    const rename = page.getByRole('dialog', { name: 'Rename “top.txt”' });
    const newName = rename.getByRole('textbox', { name: 'New name' });
    await expect(newName).toBeFocused();
    await newName.fill('renamed.txt');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await expect(rename).toBeHidden();
    await expect.poll(() => seed.keys(bucket)).toEqual(['docs/readme.md', 'renamed.txt', 'second.txt']);

    // Shift+F10 on the focused row; typeahead finds an item; Escape closes and the grid has the focus again.
    await app.browser.select('second.txt');
    await page.keyboard.press('Shift+F10');
    await expect(menu(page)).toHaveCount(1);
    await expect(menuItem(page, 'Open')).toBeFocused();
    await page.keyboard.type('Mo');
    await expect(menuItem(page, 'Move to…')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu(page)).toBeHidden();
    await expect(grid).toBeFocused();
    await expect(app.browser.row('second.txt')).toHaveAttribute('aria-selected', 'true');

    // Enter on "Copy key" from the keyboard-opened menu.
    await page.keyboard.press('ContextMenu');
    await page.keyboard.type('Copy k');
    await expect(menuItem(page, 'Copy key')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => clipboard(page)).toBe('second.txt');
    await expect(grid).toBeFocused();
  });

  test('a bucket in the sidebar, by mouse and by keyboard', async ({ app, page, host, s3, seed }) => {
    const bucket = await seed.bucket(undefined, SEED);
    await openAccount(app, host, s3);
    await app.sidebar.bucket(bucket).click({ button: 'right' });
    await expectItems(page, [
      'Open',
      'Bucket properties…',
      'Incomplete uploads…',
      'Copy name',
      'Copy s3:// URI',
      'Delete bucket…',
    ]);
    await menuItem(page, 'Copy name').click();
    await expect.poll(() => clipboard(page)).toBe(bucket);
    await expect(app.sidebar.bucket(bucket)).toBeFocused();

    await page.keyboard.press('Shift+F10');
    await expect(menuItem(page, 'Open')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(app.browser.grid).toBeVisible();
    await app.browser.expectNames(['docs', 'second.txt', 'top.txt']);

    await app.sidebar.bucket(bucket).click({ button: 'right' });
    await menuItem(page, 'Bucket properties…').click();
    await expect(page.getByRole('dialog', { name: new RegExp(bucket) })).toBeVisible();
  });

  test('a transfer job', async ({ app, page, host, s3, seed }) => {
    const local = await mkdtemp(path.join(os.tmpdir(), 'qs-e2e-menu-'));
    try {
      const file = path.join(local, 'note.txt');
      await writeFile(file, 'a note');
      const bucket = await seed.bucket(undefined, { 'docs/readme.md': '# readme' });
      await openAccount(app, host, s3);
      await openBucket(app, page, bucket);
      await app.browser.openFolder('docs');
      await app.browser.expectNames(['readme.md']);
      await dropPaths(page, app.browser.grid, [file]);
      const transfers = new TransfersPanel(page);
      await transfers.open();
      await transfers.expectFinished(1);

      await transfers.job('note.txt').click({ button: 'right' });
      await expectItems(page, ['Pause', 'Resume', 'Retry', 'Cancel', 'Show in bucket', 'Copy key']);
      await expect(menuItem(page, 'Pause')).toHaveAccessibleDescription(
        'Only a running or waiting transfer can be paused',
      );
      await expect(menuItem(page, 'Cancel')).toHaveAccessibleDescription('This transfer has ended');
      await menuItem(page, 'Copy key').click();
      await expect.poll(() => clipboard(page)).toBe('docs/note.txt');

      // "Show in bucket" from elsewhere goes back to the job's folder.
      await app.browser.crumb(bucket).click();
      await app.browser.expectNames(['docs']);
      await transfers.job('note.txt').click({ button: 'right' });
      await menuItem(page, 'Show in bucket').click();
      await app.browser.expectNames(['note.txt', 'readme.md']);
    } finally {
      await rm(local, { recursive: true, force: true });
    }
  });
});
