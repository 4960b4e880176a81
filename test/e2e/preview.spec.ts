// Quick Look on files in radosgw: each viewer shows its file, arrows walk the folder, Escape
// closes, and an HTML file and an SVG carrying script are shown without anything running.
// The binary fixtures in preview-fixtures/ were made with ffmpeg (testsrc: a 96x64 VP8 WebM of
// 3 s, a 120x80 PNG) and a two-page PDF written by hand.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { openAccountBucket } from './radosgw-account';

const fixture = (name: string): Promise<Buffer> =>
  readFile(path.join(path.dirname(fileURLToPath(import.meta.url)), 'preview-fixtures', name));

/** A loopback listener: any request to it means some previewed content ran or loaded something. */
async function listener(): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const attack = (beacon: string, mark: string): string =>
  `window.parent.__pwned = '${mark}'; window.top.__pwned = '${mark}'; document.title = 'pwned'; ` +
  `fetch('${beacon}/${mark}'); new Image().src = '${beacon}/${mark}-img'; alert('${mark}');`;

test('Quick Look previews each kind, walks the folder and runs no content', async ({ app, page, host, s3, seed }) => {
  const beacon = await listener();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const served = new Map<string, { type: string; csp: string }>();
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/preview/'))
      served.set(response.url(), {
        type: response.headers()['content-type'] ?? '',
        csp: response.headers()['content-security-policy'] ?? '',
      });
  });

  const bucket = await seed.bucket();
  const objects: Record<string, string | Buffer> = {
    'a-picture.png': await fixture('picture.png'),
    'b-code.ts': 'export function greet(name: string): string {\n  return `Hello, ${name}`;\n}\n',
    'c-readme.md':
      '# Hello docs\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n' +
      `<img src="x" onerror="${attack(beacon.url, 'md')}">\n\n[bad](javascript:alert(1))\n`,
    'd-data.json': '{"name":"qstorage","list":[1,2,3]}',
    'e-two-pages.pdf': await fixture('two-pages.pdf'),
    'f-clip.webm': await fixture('clip.webm'),
    'g-page.html': `<!doctype html><h1>hi</h1><script>${attack(beacon.url, 'html')}</script>`,
    'h-drawing.svg':
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">' +
      `<rect width="40" height="40" fill="green"/><script>${attack(beacon.url, 'svg')}</script>` +
      `<image href="${beacon.url}/svg-image" width="1" height="1"/></svg>`,
    'i-archive.bin': 'not previewable',
  };
  for (const [key, body] of Object.entries(objects))
    await seed.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

  try {
    await openAccountBucket(app, page, host, s3, bucket);
    const quickLook = page.getByRole('dialog');

    // Image: Space on the focused row opens it, and the picture decodes.
    await app.browser.select('a-picture.png');
    await page.keyboard.press('Space');
    await expect(quickLook).toBeVisible();
    await expect(quickLook.getByRole('heading', { name: 'a-picture.png' })).toBeVisible();
    const picture = quickLook.locator('img');
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);

    // Code: highlighted tokens, coloured from the theme.
    await page.keyboard.press('ArrowRight');
    await expect(quickLook.getByRole('heading', { name: 'b-code.ts' })).toBeVisible();
    const code = quickLook.locator('pre[data-highlighted="true"]');
    await expect(code).toContainText('export function greet');
    expect(await code.locator('span[style*="color"]').count()).toBeGreaterThan(5);

    // Markdown: rendered (GFM table), raw HTML escaped, the javascript: link dropped.
    await page.keyboard.press('ArrowDown');
    await expect(quickLook.getByRole('heading', { name: 'Hello docs' })).toBeVisible();
    await expect(quickLook.locator('article table td').first()).toHaveText('1');
    await expect(quickLook.locator('article')).toContainText('<img src="x" onerror=');
    await expect(quickLook.locator('article img')).toHaveCount(0);
    expect(await quickLook.locator('article a').getAttribute('href')).toBe('');

    // JSON: pretty-printed.
    await page.keyboard.press('ArrowRight');
    const json = quickLook.locator('pre[data-highlighted="true"]');
    await expect(json).toContainText('qstorage');
    expect(await json.textContent()).toContain('{\n  "name": "qstorage",\n  "list": [\n    1,');

    // PDF: a page drawn to the canvas, page count and navigation.
    await page.keyboard.press('ArrowRight');
    await expect(quickLook.getByTestId('pdf-page')).toHaveText('Page 1 of 2');
    const canvas = quickLook.locator('canvas[data-drawn="true"]');
    await expect(canvas).toBeVisible();
    const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 2]! > 128) count++; // the blue bar
      return count;
    });
    expect(inked).toBeGreaterThan(100);
    await quickLook.getByRole('button', { name: 'Next page' }).click();
    await expect(quickLook.getByTestId('pdf-page')).toHaveText('Page 2 of 2');
    await quickLook.locator('[data-autofocus]').focus();

    // Video: streamed by range, it plays.
    await page.keyboard.press('ArrowRight');
    const video = quickLook.locator('video');
    await expect(video).toBeVisible();
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0.3);
    await quickLook.locator('[data-autofocus]').focus();

    // HTML: shown as its source text, never run.
    await page.keyboard.press('ArrowRight');
    await expect(quickLook.getByRole('heading', { name: 'g-page.html' })).toBeVisible();
    await expect(quickLook.locator('pre')).toContainText('<script>window.parent.__pwned');

    // SVG: an <img>, where its script cannot run and it loads nothing.
    await page.keyboard.press('ArrowRight');
    const drawing = quickLook.locator('img[alt="h-drawing.svg"]');
    await expect.poll(() => drawing.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40);

    // Anything else: the details and Download.
    await page.keyboard.press('ArrowRight');
    await expect(quickLook.getByText('There is no preview for this kind of file.')).toBeVisible();
    await expect(quickLook.getByRole('button', { name: 'Download' })).toBeVisible();
    await page.keyboard.press('ArrowLeft');
    await expect(quickLook.getByRole('heading', { name: 'h-drawing.svg' })).toBeVisible();

    // Escape closes; focus is back on the list, on the last file shown.
    await page.keyboard.press('Escape');
    await expect(quickLook).toHaveCount(0);
    await expect(app.browser.grid).toBeFocused();
    await expect(app.browser.row('h-drawing.svg')).toHaveAttribute('aria-selected', 'true');
    // Space opens and closes it again.
    await page.keyboard.press('Space');
    await expect(quickLook.getByRole('heading', { name: 'h-drawing.svg' })).toBeVisible();
    await page.keyboard.press('Space');
    await expect(quickLook).toHaveCount(0);

    // Nothing ran: no dialog, no marker, no title change, no request to the listener.
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.title()).toBe('QStorage Desktop');
    expect(beacon.hits).toEqual([]);
    // And the links served the HTML as text and everything sandboxed.
    const answers = [...served.values()];
    expect(answers.length).toBeGreaterThan(5);
    for (const answer of answers) expect(answer.csp).toBe("sandbox; default-src 'none'");
    expect(answers.map((a) => a.type)).toContain('image/svg+xml');
    expect(answers.filter((a) => a.type.startsWith('text/html'))).toEqual([]);
  } finally {
    await new Promise((resolve) => beacon.server.close(resolve));
  }
});
