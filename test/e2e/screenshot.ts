/**
 * Regenerates docs/screenshot.png (light), docs/screenshot-dark.png, docs/screenshot-preview.png
 * (Quick Look on the sandbox's sample image), docs/screenshot-sync.png (a folder sync plan: a
 * temp folder compared both ways with the sandbox's documents bucket) and docs/screenshot-de.png
 * (the app in German, as a browser that prefers German shows it): the browser host with the
 * sandbox in a temp data dir, a bucket with folders open, a file's details shown.
 * Run: `npm run screenshot` (after `npm run build`; BUNDLE=dev runs the sources).
 */
import { chromium } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { startCliHost } from './hosts';
import { AppPage } from './pages/app-page';
import { SyncPage } from './pages/sync-page';

const OUT_DIR = path.resolve('docs');

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-screenshot-'));
const syncDir = await mkdtemp(path.join(os.tmpdir(), 'qs-screenshot-sync-'));
const host = await startCliHost(dataDir, ['--sandbox']);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    locale: 'en-US',
  });
  const page = await context.newPage();
  const app = new AppPage(page);
  await app.open(host.appUrl);
  await app.sidebar.selectAccount('Local sandbox');
  await app.sidebar.selectBucket('documents');
  await app.browser.expectNames(['reports', 'README.md']);
  await app.browser.select('README.md');
  const details = page.getByRole('complementary', { name: 'Details' });
  await details.getByRole('term').filter({ hasText: 'Size' }).waitFor();
  // Park the pointer where it highlights nothing.
  await page.mouse.move(640, 799);
  await mkdir(OUT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(OUT_DIR, 'screenshot.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(OUT_DIR, 'screenshot-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  // Quick Look: Space on the sample image, shown once it has decoded.
  await app.sidebar.selectBucket('photos');
  await app.browser.select('fractal.jpg');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('dialog[open] img');
    return img !== null && img.complete && img.naturalWidth > 0;
  });
  await page.mouse.move(640, 799);
  await page.screenshot({ path: path.join(OUT_DIR, 'screenshot-preview.png') });
  await page.keyboard.press('Escape');

  // A folder sync plan: a local "Projects" folder beside the documents bucket, both ways.
  // (Outside the data dir: the app never syncs a folder inside its own data folder.)
  const projects = path.join(syncDir, 'Projects');
  const localFiles: Record<string, string> = {
    'README.md': '# Projects\n\nEdited on this computer.\n',
    'design/mockup.png': 'p'.repeat(48_213),
    'design/palette.json': '{ "accent": "#2563eb" }\n',
    'budget 2026.xlsx': 'x'.repeat(18_442),
    'meeting notes/2026-01-12.md': '- ship folder sync\n',
    '.DS_Store': 'ignored',
  };
  for (const [relative, body] of Object.entries(localFiles)) {
    await mkdir(path.dirname(path.join(projects, relative)), { recursive: true });
    await writeFile(path.join(projects, relative), body);
  }
  await app.sidebar.selectBucket('documents');
  const sync = new SyncPage(page);
  await sync.create({ folder: projects, bucket: 'documents', prefix: '', direction: 'Both ways' });
  await sync.compare();
  await sync.row(sync.list('Changes'), 'design/mockup.png').click();
  await page.mouse.move(640, 799);
  await page.screenshot({ path: path.join(OUT_DIR, 'screenshot-sync.png') });

  // The same view in German: a context whose browser prefers German (navigator.languages).
  const german = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
  const dePage = await german.newPage();
  await new AppPage(dePage).open(host.appUrl);
  await dePage
    .getByRole('list', { name: 'Konten' })
    .getByRole('button', { name: 'Lokale Sandbox', exact: true })
    .click();
  await dePage.getByRole('list', { name: 'Buckets' }).getByRole('button', { name: 'documents', exact: true }).click();
  const deGrid = dePage.getByRole('grid', { name: 'Objekte' });
  await deGrid.getByRole('gridcell', { name: 'README.md', exact: true }).click();
  await dePage.getByRole('complementary', { name: 'Details' }).getByRole('term').filter({ hasText: 'Größe' }).waitFor();
  await dePage.mouse.move(640, 799);
  await dePage.screenshot({ path: path.join(OUT_DIR, 'screenshot-de.png') });
  console.log(
    `wrote ${path.join(OUT_DIR, 'screenshot.png')}, screenshot-dark.png, screenshot-preview.png, screenshot-sync.png and screenshot-de.png`,
  );
} finally {
  await browser.close();
  await host.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(syncDir, { recursive: true, force: true });
}
