// Drag to move (and, with the copy modifier, copy) and Calculate size, through the browser host
// in Chromium against radosgw: real HTML5 drags of rows onto a folder row and a breadcrumb, the
// objects checked on the server byte for byte, Undo, and a folder of known size counted.
import { createHash, randomBytes } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openAccountBucket } from './radosgw-account';
import type { S3Seed } from './s3-seed';

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

async function serverHash(seed: S3Seed, bucket: string, key: string): Promise<string> {
  const out = await seed.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return sha256(await out.Body!.transformToByteArray());
}

/** A drag by the mouse, with `modifier` held once the drag has started (pressing it earlier would change the selection). */
async function dragWith(page: Page, source: Locator, target: Locator, modifier: string): Promise<void> {
  await source.hover();
  await page.mouse.down();
  const box = (await source.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2 + 10, box.y + box.height / 2 + 10, { steps: 3 });
  await page.keyboard.down(modifier);
  const to = (await target.boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up(modifier);
}

/** Known sizes: 7 objects (the "size/sub/" folder marker counts as one of 0 bytes), 15,096 bytes. */
const SIZE_FOLDER: Record<string, number> = {
  'size/one.bin': 1000,
  'size/two.bin': 2000,
  'size/three.bin': 3000,
  'size/four.bin': 4096,
  'size/empty.txt': 0,
  'size/sub/': 0,
  'size/sub/deep.bin': 5000,
};

test('rows dragged onto a folder move, Undo brings them back, a copy-drag onto a breadcrumb copies', async ({
  app,
  page,
  host,
  s3,
  seed,
}) => {
  const bodies = { 'a.txt': randomBytes(1500), 'b.txt': randomBytes(2500), 'photos/keep.txt': randomBytes(700) };
  const bucket = await seed.bucket();
  for (const [key, body] of Object.entries(bodies)) {
    await seed.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  }
  const hashes = Object.fromEntries(Object.entries(bodies).map(([k, v]) => [k, sha256(v)]));
  await openAccountBucket(app, page, host, s3, bucket);
  const browser = app.browser;
  await browser.expectNames(['a.txt', 'b.txt', 'photos']);

  // A folder dragged onto itself is refused, saying why.
  await browser.row('photos').hover();
  await page.mouse.down();
  await page.mouse.move(0, 0); // out of the row and back: a real drag, ended over the folder itself
  await browser.row('photos').hover();
  await expect(page.locator('.drop-hint')).toHaveText('“photos” cannot be moved onto itself.');
  await page.mouse.up();

  // Two selected rows dragged onto the folder row move there.
  await browser.select('a.txt');
  await browser.select('b.txt', true);
  await browser.row('a.txt').dragTo(browser.row('photos'));
  const moved = page.getByRole('status').filter({ hasText: 'Moved 2 items to “photos”.' });
  await expect(moved).toBeVisible();
  await expect(browser.row('a.txt')).toHaveCount(0);
  await expect(browser.row('b.txt')).toHaveCount(0);
  expect(await seed.keys(bucket)).toEqual(['photos/a.txt', 'photos/b.txt', 'photos/keep.txt']);
  expect(await serverHash(seed, bucket, 'photos/a.txt')).toBe(hashes['a.txt']);
  expect(await serverHash(seed, bucket, 'photos/b.txt')).toBe(hashes['b.txt']);

  // Undo moves exactly those two back.
  await moved.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Moved 2 items back.' })).toBeVisible();
  await browser.expectNames(['a.txt', 'b.txt']);
  expect(await seed.keys(bucket)).toEqual(['a.txt', 'b.txt', 'photos/keep.txt']);
  expect(await serverHash(seed, bucket, 'a.txt')).toBe(hashes['a.txt']);
  expect(await serverHash(seed, bucket, 'b.txt')).toBe(hashes['b.txt']);

  // Inside the folder, a drag with the copy modifier (Ctrl on Linux) onto the bucket's crumb copies.
  await browser.openFolder('photos');
  await browser.expectNames(['keep.txt']);
  await dragWith(page, browser.row('keep.txt'), browser.crumb(bucket), 'Control');
  await expect(page.getByRole('status').filter({ hasText: `Copied “keep.txt” to “${bucket}”.` })).toBeVisible();
  await expect(browser.row('keep.txt')).toBeVisible();
  expect(await seed.keys(bucket)).toEqual(['a.txt', 'b.txt', 'keep.txt', 'photos/keep.txt']);
  expect(await serverHash(seed, bucket, 'keep.txt')).toBe(hashes['photos/keep.txt']);
});

test('Calculate size counts a folder of known size in the details pane and the status bar', async ({
  app,
  page,
  host,
  s3,
  seed,
}) => {
  const objects = Object.fromEntries(Object.entries(SIZE_FOLDER).map(([k, n]) => [k, 'x'.repeat(n)]));
  const bucket = await seed.bucket(undefined, { ...objects, 'outside.txt': 'not in size' });
  await openAccountBucket(app, page, host, s3, bucket);
  const details = page.getByRole('complementary', { name: 'Details' });
  const size = details.getByRole('region', { name: 'Size' }).getByRole('status');

  // The bucket, from its context menu in the sidebar: the folder plus outside.txt (11 bytes). With
  // nothing selected, the details pane shows the size of the bucket too.
  await app.sidebar.bucket(bucket).click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: 'Calculate size', exact: true }).click();
  await expect(page.getByTestId('size-status')).toContainText(`Bucket “${bucket}”: 8 objects · 15 KB`);
  await expect(size).toHaveText('8 objects · 15 KB');
  await expect(size).toHaveAttribute('data-size-bytes', String(15_096 + 11));

  // The folder, from the details pane's button.
  await app.browser.select('size');
  await details.getByRole('button', { name: 'Calculate size' }).click();
  await expect(size).toHaveText('7 objects · 15 KB');
  await expect(size).toHaveAttribute('data-size-objects', '7');
  await expect(size).toHaveAttribute('data-size-bytes', '15096');
  await expect(page.getByTestId('size-status')).toContainText('Folder “size”: 7 objects · 15 KB');
});
