/**
 * Regenerates docs/screenshot.png (light) and docs/screenshot-dark.png: the browser host
 * with the sandbox in a temp data dir, a bucket with folders open, a file's details shown.
 * Run: `npm run screenshot` (after `npm run build`; BUNDLE=dev runs the sources).
 */
import { chromium } from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { startCliHost } from './hosts';
import { AppPage } from './pages/app-page';

const OUT_DIR = path.resolve('docs');

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-screenshot-'));
const host = await startCliHost(dataDir, ['--sandbox']);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
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
  console.log(`wrote ${path.join(OUT_DIR, 'screenshot.png')} and screenshot-dark.png`);
} finally {
  await browser.close();
  await host.stop();
  await rm(dataDir, { recursive: true, force: true });
}
