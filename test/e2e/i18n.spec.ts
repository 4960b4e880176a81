// The app in German: Chromium says it prefers German (navigator.languages), so the UI, its
// plurals, dates and sizes follow; Settings switches to English at once and remembers it.
import { expect, test } from './fixtures';
import { testAccountInput } from '../servers/s3-target';

test.use({ locale: 'de-DE' });

test.describe('the app in German', () => {
  test('follows the system language, and Settings switches to English at once', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    // 1500 bytes: "1,5 KB" in German, "1.5 KB" in English.
    const bucket = await seed.bucket(undefined, { 'a.txt': 'a'.repeat(1500), 'b.txt': 'b', 'c.txt': 'c' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');

    expect((await host.invoke('accounts:create', { account: testAccountInput(s3, 'radosgw') })).ok).toBe(true);
    await app.reload();
    await page.getByRole('list', { name: 'Konten' }).getByRole('button', { name: 'radosgw', exact: true }).click();
    await page.getByRole('list', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true }).click();
    const grid = page.getByRole('grid', { name: 'Objekte' });
    await expect(grid).toBeVisible();

    // The toolbar, a plural and a size in German.
    await expect(page.getByRole('button', { name: 'Neuer Ordner' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Dateien hochladen' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /^3 Objekte geladen$/ })).toBeVisible();
    const row = grid.getByRole('row').filter({ has: page.getByRole('gridcell', { name: 'a.txt', exact: true }) });
    await expect(row).toContainText('1,5 KB');
    // "06.12.2026, 20:31": day, month, year and time the German way.
    await expect(row).toContainText(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);

    // A dialog in German.
    await page.getByRole('button', { name: 'Neuer Ordner' }).click();
    const dialog = page.getByRole('dialog', { name: 'Neuer Ordner' });
    await expect(dialog.getByRole('textbox', { name: 'Ordnername' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Ordner erstellen' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(dialog).toBeHidden();

    // Settings → Language → English: the words change without a reload.
    await page.getByRole('button', { name: 'Einstellungen' }).click();
    const settings = page.getByRole('dialog', { name: 'Einstellungen' });
    await expect(settings.getByRole('combobox', { name: 'Sprache' })).toHaveValue('system');
    await settings.getByRole('combobox', { name: 'Sprache' }).selectOption({ label: 'English' });
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('button', { name: 'New folder' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /^3 items loaded$/ })).toBeVisible();
    const rowEn = page
      .getByRole('grid', { name: 'Objects' })
      .getByRole('row')
      .filter({ has: page.getByRole('gridcell', { name: 'a.txt', exact: true }) });
    await expect(rowEn).toContainText('1.5 KB');

    // The choice is kept: after a reload the app is still in English.
    await app.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('list', { name: 'Accounts' })).toBeVisible();
  });
});
