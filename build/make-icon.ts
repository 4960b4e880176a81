/**
 * Renders build/icon.svg to build/icon.png (512×512, transparent corners) in Debian's
 * Chromium. Run after editing the SVG: `npx tsx build/make-icon.ts`; the PNG is committed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const SIZE = 512;
const svgPath = fileURLToPath(new URL('./icon.svg', import.meta.url));
const pngPath = fileURLToPath(new URL('./icon.png', import.meta.url));

const svg = await readFile(svgPath, 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(
    `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${SIZE}px;height:${SIZE}px}</style>${svg}`,
  );
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  await writeFile(pngPath, png);
  console.log(`wrote ${pngPath} (${png.length} bytes)`);
} finally {
  await browser.close();
}
