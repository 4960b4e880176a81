// The object list's grid view against radosgw, in Chromium through the browser host: thumbnails
// of real images appear, the second visit takes them from the core's disk cache (no image bytes
// fetched again), and a 10,000-image folder keeps a bounded number of tiles in the DOM, scrolls
// to its end, and asks for thumbnails of the tiles in view only.
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { gradientPng } from '../../electron/core/sandbox-seed';
import { expect, test } from './fixtures';
import { openAccountBucket, openBucket } from './radosgw-account';
import type { S3Seed } from './s3-seed';

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#e76f51"/></svg>';

/** The request of every invoke of `channel` the page sent (read from its WebSocket frames). */
function sentRequests(page: Page, channel: string): { key?: string }[] {
  const requests: { key?: string }[] = [];
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      const message = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8')) as {
        channel?: string;
        request?: { key?: string };
      };
      if (message.channel === channel && message.request) requests.push(message.request);
    });
  });
  return requests;
}

/** Every fetch of an object's bytes for a preview or thumbnail (the one-time /preview/ links). */
function previewFetches(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/preview/')) urls.push(request.url());
  });
  return urls;
}

const objectsGrid = (page: Page): Locator => page.getByRole('grid', { name: 'Objects' });
const tile = (page: Page, name: string): Locator => objectsGrid(page).getByRole('gridcell', { name, exact: true });

/** Waits until the tile shows a decoded thumbnail. */
async function expectThumbnail(page: Page, name: string): Promise<void> {
  const img = tile(page, name).locator('img');
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
}

/** The names of the tiles inside the scroll body's visible area. */
function tilesInView(page: Page): Promise<string[]> {
  return objectsGrid(page).evaluate((grid) => {
    const body = grid.querySelector('[role="rowgroup"]')!.getBoundingClientRect();
    return Array.from(grid.querySelectorAll('[role="gridcell"]'))
      .filter((cell) => {
        const r = cell.getBoundingClientRect();
        return r.bottom > body.top && r.top < body.bottom;
      })
      .map((cell) => cell.getAttribute('title') ?? '');
  });
}

/** The 10,000-image folder: seeded once and kept (like the listing benchmark's), as seeding takes a minute. */
const MANY_BUCKET = 'e2e-grid-10k';
const MANY_KEYS = Array.from({ length: 10_000 }, (_, i) => `img-${String(i).padStart(5, '0')}.png`);
const MANY_MARKER = '.seeded-10000';
const isImage = (name: string): boolean => name.endsWith('.png');

async function ensureManyImages(seed: S3Seed): Promise<void> {
  if (await seed.exists(MANY_BUCKET, MANY_MARKER)) return;
  await seed.client.send(new CreateBucketCommand({ Bucket: MANY_BUCKET })).catch((e: { name?: string }) => {
    if (e.name !== 'BucketAlreadyOwnedByYou') throw e;
  });
  const body = gradientPng(8, 8, [20, 60, 120], [240, 200, 90]);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < MANY_KEYS.length; i = next++) {
      await seed.client.send(
        new PutObjectCommand({ Bucket: MANY_BUCKET, Key: MANY_KEYS[i], Body: body, ContentType: 'image/png' }),
      );
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  await seed.client.send(new PutObjectCommand({ Bucket: MANY_BUCKET, Key: MANY_MARKER, Body: '', ContentLength: 0 }));
}

test.describe('grid view', () => {
  test('shows thumbnails of real images, and the second visit takes them from the disk cache', async ({
    app,
    page,
    host,
    s3,
    seed,
    dataDir,
  }) => {
    const bucket = await seed.bucket();
    await seed.client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'beach.png',
        Body: gradientPng(96, 64, [0, 119, 182], [255, 209, 102]),
        ContentType: 'image/png',
      }),
    );
    await seed.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'drawing.svg', Body: SVG, ContentType: 'image/svg+xml' }),
    );
    await seed.client.send(new PutObjectCommand({ Bucket: bucket, Key: 'notes.txt', Body: 'hello\n' }));
    await seed.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'album/inside.png', Body: gradientPng(4, 4, [0, 0, 0], [9, 9, 9]) }),
    );
    const previews = sentRequests(page, 'objects:preview');
    const fetches = previewFetches(page);

    await openAccountBucket(app, page, host, s3, bucket);
    await page.getByRole('button', { name: 'Grid', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Grid', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expectThumbnail(page, 'beach.png');
    await expectThumbnail(page, 'drawing.svg');
    // A folder and a text file keep their icons.
    await expect(tile(page, 'album').locator('svg')).toBeVisible();
    await expect(tile(page, 'notes.txt').locator('img')).toHaveCount(0);
    expect(previews.map((r) => r.key).sort()).toEqual(['beach.png', 'drawing.svg']);
    expect(fetches).toHaveLength(2);
    // Two small WebP files in the data folder, named by hashes (no key in sight).
    const cached = await readdir(path.join(dataDir, 'thumbnails'));
    expect(cached.sort()).toHaveLength(2);
    for (const name of cached) expect(name).toMatch(/^[0-9a-f]{64}\.webp$/);

    // The same tile model as the table: keys move the focus, Enter opens a folder.
    await tile(page, 'album').click();
    await expect(tile(page, 'album')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(tile(page, 'inside.png')).toBeVisible();
    await page.keyboard.press('Backspace');
    await expect(tile(page, 'beach.png')).toBeVisible();

    // A new page (nothing in memory): the grid is remembered, the thumbnails come from the disk cache.
    const cacheAsks = sentRequests(page, 'thumbnails:get');
    previews.length = 0;
    fetches.length = 0;
    await app.reload();
    await app.sidebar.selectAccount('radosgw');
    await openBucket(app, page, bucket);
    await expectThumbnail(page, 'beach.png');
    await expectThumbnail(page, 'drawing.svg');
    expect(cacheAsks.length).toBeGreaterThan(0);
    expect(previews).toEqual([]);
    expect(fetches).toEqual([]);
  });

  test('a 10,000-image folder: a bounded DOM, scrolling to the end, thumbnails for the tiles in view only', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    test.setTimeout(240_000);
    await ensureManyImages(seed);
    const previews = sentRequests(page, 'objects:preview');

    await openAccountBucket(app, page, host, s3, MANY_BUCKET);
    await page.getByRole('button', { name: 'Grid', exact: true }).click();
    await expect(objectsGrid(page)).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
    await expect(page.getByText('10,001 items loaded')).toBeVisible(); // and the marker

    const top = (await tilesInView(page)).filter(isImage);
    expect(top.length).toBeGreaterThan(4);
    for (const name of top) await expectThumbnail(page, name);
    const cells = objectsGrid(page).getByRole('gridcell');
    expect(await cells.count()).toBeLessThan(400);

    await tile(page, top[0]!).click();
    await page.keyboard.press('End');
    await expect(tile(page, 'img-09999.png')).toBeInViewport();
    await expect(tile(page, 'img-09999.png')).toHaveAttribute('aria-selected', 'true');
    const end = (await tilesInView(page)).filter(isImage);
    for (const name of end) await expectThumbnail(page, name);
    expect(await cells.count()).toBeLessThan(400);

    // What was in view was asked for, each once, and nothing between the two screens (a row of slack
    // at each edge: the virtualizer may count a row that only touches the edge).
    const asked = previews.map((r) => r.key ?? '');
    expect(new Set(asked).size).toBe(asked.length);
    for (const name of [...top, ...end]) expect(asked).toContain(name);
    const index = (name: string): number => Number(/\d+/.exec(name)?.[0]);
    const lastOfTop = Math.max(...top.map(index));
    const firstOfEnd = Math.min(...end.map(index));
    const slack = 16;
    expect(asked.filter((k) => index(k) > lastOfTop + slack && index(k) < firstOfEnd - slack)).toEqual([]);
    expect(asked.length).toBeLessThanOrEqual(top.length + end.length + 2 * slack);
  });
});
