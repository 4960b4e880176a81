// Open in the browser host: a page cannot hand a file to another application, so opening a file
// (double-click or Enter) offers its download instead, and says why. The desktop app's Open is
// in electron.spec.ts; the core's edit sessions in test/integration/edit-in-place.test.ts.
import { expect, test } from './fixtures';
import { openAccount, openBucket } from './radosgw-account';

const WHY = 'The browser app cannot open files in other applications; it downloads them instead.';

test.describe('open in the browser app', () => {
  test('double-click, Enter or Open in the menu on a file offers its download, with the reason', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    const body = `notes ${Date.now()}\n`;
    const bucket = await seed.bucket(undefined, { 'docs/notes.txt': body, 'docs/inner/x.txt': 'x' });
    await openAccount(app, host, s3);
    await openBucket(app, page, bucket);
    await app.browser.openFolder('docs');

    const downloading = page.waitForEvent('download');
    await app.browser.row('notes.txt').dblclick();
    const download = await downloading;
    await expect(page.getByRole('status').filter({ hasText: WHY })).toBeVisible();
    expect(download.suggestedFilename()).toBe('notes.txt');
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(body);

    // Enter does the same; a folder still opens.
    const again = page.waitForEvent('download');
    await app.browser.select('notes.txt');
    await page.keyboard.press('Enter');
    expect((await again).suggestedFilename()).toBe('notes.txt');
    // In the context menu, Edit is greyed out with the reason; Open does what a double-click does.
    await app.browser.row('notes.txt').click({ button: 'right' });
    const menu = page.getByRole('menu');
    const edit = menu.getByRole('menuitem', { name: 'Edit', exact: true });
    await expect(edit).toHaveAttribute('aria-disabled', 'true');
    await expect(edit).toHaveAccessibleDescription('Only the desktop app can open files in other applications');
    const viaMenu = page.waitForEvent('download');
    await menu.getByRole('menuitem', { name: 'Open', exact: true }).click();
    expect((await viaMenu).suggestedFilename()).toBe('notes.txt');

    await app.browser.row('inner').dblclick();
    await app.browser.expectNames(['x.txt']);
  });
});
