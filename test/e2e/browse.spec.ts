// Browsing and changing objects in radosgw through the UI; S3 itself is the oracle.
import { expect, test } from './fixtures';
import { openAccount, openBucket } from './radosgw-account';

const SEED = {
  'top.txt': 'top',
  'docs/readme.md': '# readme',
  'docs/reports/2025/q1-summary.csv': 'a,b\n1,2\n',
  'docs/reports/2025/q2-summary.csv': 'a,b\n3,4\n',
  'photos/cat.png': 'not really a png',
  'photos/dog.png': 'not really a png either',
};

test.describe('object browser', () => {
  test('browses into folders and back', async ({ app, page, host, s3, seed }) => {
    const bucket = await seed.bucket(undefined, SEED);
    await openAccount(app, host, s3);
    await openBucket(app, page, bucket);
    await app.browser.expectNames(['docs', 'photos', 'top.txt']);

    await app.browser.openFolder('docs');
    await app.browser.expectNames(['reports', 'readme.md']);
    await expect(app.browser.row('top.txt')).toHaveCount(0);
    await app.browser.openFolder('reports');
    await app.browser.openFolder('2025');
    await app.browser.expectNames(['q1-summary.csv', 'q2-summary.csv']);

    await app.browser.crumb('docs').click();
    await app.browser.expectNames(['reports', 'readme.md']);
  });

  test('creates a bucket and a folder', async ({ app, page, host, s3, seed }) => {
    await openAccount(app, host, s3);
    const bucket = seed.uniqueName('e2e-new');
    seed.track(bucket);
    await app.sidebar.createBucket(bucket);
    await expect(app.sidebar.bucket(bucket)).toBeVisible();
    await openBucket(app, page, bucket);

    await app.browser.newFolder('projects');
    await expect(app.browser.row('projects')).toBeVisible();
    await expect.poll(() => seed.keys(bucket)).toEqual(['projects/']);
  });

  test('renames an object', async ({ app, page, host, s3, seed }) => {
    const bucket = await seed.bucket(undefined, SEED);
    await openAccount(app, host, s3);
    await openBucket(app, page, bucket);
    await app.browser.rename('top.txt', 'renamed top.txt');
    await expect(app.browser.row('renamed top.txt')).toBeVisible();
    await expect(app.browser.row('top.txt')).toHaveCount(0);
    expect(await seed.exists(bucket, 'renamed top.txt')).toBe(true);
    expect(await seed.exists(bucket, 'top.txt')).toBe(false);
  });

  test('deletes objects and a folder with everything in it', async ({ app, page, host, s3, seed }) => {
    const bucket = await seed.bucket(undefined, SEED);
    await openAccount(app, host, s3);
    await openBucket(app, page, bucket);
    await app.browser.select('docs');
    await app.browser.select('top.txt', true);
    expect(await app.browser.deleteSelection()).toMatch(/^Deleted \d+ items\.$/);
    await expect(app.browser.row('docs')).toHaveCount(0);
    await expect(app.browser.row('top.txt')).toHaveCount(0);
    await expect(app.browser.row('photos')).toBeVisible();
    expect(await seed.keys(bucket)).toEqual(['photos/cat.png', 'photos/dog.png']);
  });

  test('search by name finds a file in a subfolder', async ({ app, page, host, s3, seed }) => {
    const bucket = await seed.bucket(undefined, SEED);
    await openAccount(app, host, s3);
    await openBucket(app, page, bucket);
    await app.browser.search('q2-sum');
    await expect(app.browser.row('docs/reports/2025/q2-summary.csv')).toBeVisible();
    await expect(app.browser.row('docs/reports/2025/q1-summary.csv')).toHaveCount(0);
    await expect(app.browser.row('top.txt')).toHaveCount(0);
  });

  test('the filter narrows the loaded rows', async ({ app, page, host, s3, seed }) => {
    const bucket = await seed.bucket(undefined, SEED);
    await openAccount(app, host, s3);
    await openBucket(app, page, bucket);
    await app.browser.filter('pho');
    await expect(app.browser.row('photos')).toBeVisible();
    await expect(app.browser.row('top.txt')).toHaveCount(0);
  });

  test('downloads a file with a non-ASCII name through a one-time link', async ({ app, page, host, s3, seed }) => {
    const body = `Résumé body ${Date.now()}\n`;
    const bucket = await seed.bucket(undefined, { 'cv/Résumé 2025 (final).txt': body });
    await openAccount(app, host, s3);
    await openBucket(app, page, bucket);
    await app.browser.openFolder('cv');
    // Opening a file (double-click or Enter) saves it; the toolbar's Download queues transfers (transfers.spec.ts).
    const downloading = page.waitForEvent('download');
    await app.browser.row('Résumé 2025 (final).txt').dblclick();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('Résumé 2025 (final).txt');
    expect(await download.failure()).toBeNull();
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(body);
    // The link was single-use: fetching it again from the page is refused.
    const status = await page.evaluate(async (url) => (await fetch(url)).status, download.url());
    expect(status).toBe(404);
  });
});
