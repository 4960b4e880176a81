// The details pane's properties, share links, versions and the bucket properties end to end,
// through the browser host in Debian's Chromium against radosgw. The SDK (or a plain fetch of a
// share link) is the oracle; refused input must send no request at all.
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetBucketVersioningCommand,
  GetObjectLegalHoldCommand,
  GetObjectRetentionCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
} from '@aws-sdk/client-s3';
import type { Page } from '@playwright/test';
import path from 'node:path';
import { expect, test } from './fixtures';
import { countSentInvokes } from './pages/access-page';
import { BucketProperties, DetailsPane, ShareDialog, VersionGrid } from './pages/properties-page';
import type { S3Seed } from './s3-seed';
import { openAccountBucket } from './radosgw-account';

/** Where to save screenshots of the main screens (for a person to look at); unset: none. */
const SCREENSHOTS = process.env.QS_E2E_SCREENSHOTS;

async function body(seed: S3Seed, bucket: string, key: string, versionId?: string): Promise<string> {
  const out = await seed.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
  return (await out.Body?.transformToString('utf8')) ?? '';
}

async function put(seed: S3Seed, bucket: string, key: string, text: string): Promise<string> {
  const out = await seed.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text }));
  if (out.VersionId === undefined) throw new Error('no version id: is versioning on?');
  return out.VersionId;
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

test.describe('object properties', () => {
  test('edits Content-Type, Cache-Control and user metadata in place; the bytes stay', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    const text = 'region,total\nnorth,12\n';
    const bucket = await seed.bucket(undefined, { 'reports/q1.csv': text });
    await openAccountBucket(app, page, host, s3, bucket);
    await app.browser.openFolder('reports');
    await app.browser.select('q1.csv');

    const pane = new DetailsPane(page);
    const form = await pane.edit();
    await form.getByRole('textbox', { name: 'Content-Type' }).fill('text/csv');
    await form.getByRole('textbox', { name: 'Cache-Control' }).fill('max-age=600');
    await pane.addMetadata(form, 'owner', 'finance');
    await screenshot(page, 'properties-edit');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toBeHidden();
    const details = pane.root.getByRole('tabpanel', { name: 'Details' });
    await expect(details.getByText('max-age=600')).toBeVisible();
    await expect(details.getByText('finance')).toBeVisible();

    const head = await seed.client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'reports/q1.csv' }));
    expect(head.ContentType).toBe('text/csv');
    expect(head.CacheControl).toBe('max-age=600');
    expect(head.Metadata).toEqual({ owner: 'finance' });
    expect(await body(seed, bucket, 'reports/q1.csv')).toBe(text);
  });

  test('creates a share link whose URL downloads the object with a plain fetch', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    const text = `shared ${Date.now()} ✓\n`;
    const bucket = await seed.bucket(undefined, { 'handout.txt': text });
    await openAccountBucket(app, page, host, s3, bucket);
    await app.browser.select('handout.txt');
    await page.getByRole('button', { name: 'Share link' }).click();

    const share = new ShareDialog(page);
    await share.dialog.getByRole('radio', { name: '1 day' }).check();
    await share.dialog.getByRole('textbox', { name: 'Download file name (optional)' }).fill('Handout 2026.txt');
    const url = await share.create();
    await expect(share.dialog.getByText(/^Expires /)).toBeVisible();
    await expect(share.dialog.getByRole('img', { name: 'QR code of the share link' })).toBeVisible();
    await screenshot(page, 'share-link');

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe(text);
    expect(response.headers.get('content-disposition')).toContain('Handout 2026.txt');
    // Signed for a day: X-Amz-Expires is the lifetime chosen.
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('86400');
  });

  test('refuses metadata over 2 KB, a non-ASCII value and a share link outside 15 min – 7 days, sending nothing', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    const bucket = await seed.bucket(undefined, { 'data.bin': 'x' });
    // Counted from the next page load on: openAccountBucket reloads the page.
    const updates = countSentInvokes(page, 'objects:updateProperties');
    const shares = countSentInvokes(page, 'share:create');
    await openAccountBucket(app, page, host, s3, bucket);
    await app.browser.select('data.bin');

    const pane = new DetailsPane(page);
    const form = await pane.edit();
    const save = form.getByRole('button', { name: 'Save' });
    await pane.addMetadata(form, 'note', 'a'.repeat(2100));
    await expect(form.getByRole('alert')).toHaveText('User metadata is 2,104 bytes; S3 allows 2,048 in all.');
    await expect(save).toBeDisabled();
    await form.getByRole('textbox', { name: 'Metadata value' }).press('Enter');

    await form.getByRole('textbox', { name: 'Metadata name' }).fill('city');
    await form.getByRole('textbox', { name: 'Metadata value' }).fill('Zürich');
    await expect(form.getByRole('alert')).toHaveText(
      'The value of "city" must be plain ASCII text (no accents, emoji or line breaks).',
    );
    await expect(save).toBeDisabled();
    await form.getByRole('textbox', { name: 'Metadata value' }).press('Enter');
    await screenshot(page, 'properties-refused');

    await page.getByRole('button', { name: 'Share link' }).click();
    const share = new ShareDialog(page);
    const create = share.dialog.getByRole('button', { name: 'Create link' });
    for (const [hours, minutes] of [
      ['0', '10'],
      ['168', '1'],
    ] as const) {
      await share.customExpiry(hours, minutes);
      await expect(share.dialog.getByRole('alert')).toHaveText('A share link lasts from 15 minutes to 7 days.');
      await expect(create).toBeDisabled();
      await share.dialog.getByRole('textbox', { name: 'Minutes' }).press('Enter');
    }
    await share.customExpiry('0', '15');
    await expect(share.dialog.getByRole('alert')).toHaveCount(0);
    await expect(create).toBeEnabled();

    expect(updates()).toBe(0);
    expect(shares()).toBe(0);
    const head = await seed.client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'data.bin' }));
    expect(head.Metadata).toEqual({});
  });
});

test.describe('versions', () => {
  test('enables versioning in the bucket properties, lists versions and restores an older one', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    const bucket = await seed.bucket(undefined, { 'notes.txt': 'first draft\n' });
    await openAccountBucket(app, page, host, s3, bucket);

    const props = new BucketProperties(page, bucket);
    await props.openFromSidebar(bucket);
    const versioning = await props.tab('Versioning');
    await expect(versioning.getByRole('status')).toHaveText('Versioning: Unversioned');
    await versioning.getByRole('button', { name: 'Enable versioning' }).click();
    await expect(versioning.getByRole('status')).toHaveText('Versioning: Enabled');
    await screenshot(page, 'bucket-versioning');
    await props.close();
    const status = await seed.client.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    expect(status.Status).toBe('Enabled');

    const second = await put(seed, bucket, 'notes.txt', 'second draft\n');
    const third = await put(seed, bucket, 'notes.txt', 'third draft\n');
    await app.browser.select('notes.txt');
    const pane = new DetailsPane(page);
    const tab = await pane.tab('Versions');
    const items = tab.getByRole('list', { name: 'Versions' }).getByRole('listitem');
    await expect(items).toHaveCount(3);
    await expect(pane.version(tab, third)).toContainText('Latest');
    await expect(pane.version(tab, 'null')).toBeVisible(); // written before versioning was on
    await screenshot(page, 'object-versions');

    const older = pane.version(tab, second);
    await older.getByRole('button', { name: 'Restore' }).click();
    await older.getByRole('button', { name: 'Restore version' }).click();
    await expect(items).toHaveCount(4);
    await expect(items.first()).toContainText('Latest');
    expect(await body(seed, bucket, 'notes.txt')).toBe('second draft\n');
    // The restore is a new version: the ones in between are kept.
    expect(await body(seed, bucket, 'notes.txt', third)).toBe('third draft\n');
  });

  test('"Show versions" lists every version and delete marker; an old version downloads from its row', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    const bucket = await seed.bucket();
    await seed.client.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
    const first = await put(seed, bucket, 'plan.md', '# plan v1\n');
    await put(seed, bucket, 'plan.md', '# plan v2\n');
    await put(seed, bucket, 'gone.txt', 'soon deleted\n');
    await seed.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'gone.txt' }));
    await put(seed, bucket, 'docs/inside.txt', 'in a folder\n');
    await openAccountBucket(app, page, host, s3, bucket);

    const grid = new VersionGrid(page);
    await grid.show(true);
    await expect(grid.rowsOf('plan.md')).toHaveCount(2);
    await expect(grid.rowsOf('gone.txt')).toHaveCount(2);
    await expect(grid.rowsOf('gone.txt').first()).toContainText('Delete marker');
    await expect(grid.rowsOf('docs')).toHaveCount(1);
    await screenshot(page, 'show-versions');

    const oldRow = grid.rowsOf('plan.md').filter({ has: page.getByTitle(first, { exact: true }) });
    await oldRow.click();
    const pane = new DetailsPane(page);
    await expect(pane.root.getByText(first, { exact: true })).toBeVisible();
    await screenshot(page, 'show-versions-row');
    const downloading = page.waitForEvent('download');
    await pane.root.getByRole('button', { name: 'Download' }).click();
    const download = await downloading;
    expect(await download.failure()).toBeNull();
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('# plan v1\n');

    await grid.show(false);
    await app.browser.expectNames(['docs', 'plan.md']);
    await expect(app.browser.row('gone.txt')).toHaveCount(0);
  });
});

test.describe('object lock', () => {
  test('puts a legal hold on and off, sets a retention, and a locked version refuses deletion with the reason', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    const bucket = seed.uniqueName('e2e-lock');
    await seed.client.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
    seed.track(bucket);
    const versionId = await put(seed, bucket, 'contract.pdf', 'signed\n');
    const ref = { Bucket: bucket, Key: 'contract.pdf', VersionId: versionId };
    try {
      await openAccountBucket(app, page, host, s3, bucket);
      await app.browser.select('contract.pdf');
      const pane = new DetailsPane(page);
      const lock = await pane.tab('Lock');
      await expect(lock.getByText('Legal hold is off.')).toBeVisible();
      await lock.getByRole('button', { name: 'Turn legal hold on' }).click();
      await expect(lock.getByText(/^Legal hold is on/)).toBeVisible();
      expect((await seed.client.send(new GetObjectLegalHoldCommand(ref))).LegalHold?.Status).toBe('ON');

      const until = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
      until.setSeconds(0, 0);
      const local = (d: Date) =>
        `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
      await lock.getByLabel('Retain until').fill(local(new Date(Date.now() - 60_000)));
      await expect(lock.getByRole('alert')).toHaveText('The retain-until date must be in the future.');
      await lock.getByLabel('Retain until').fill(local(until));
      await lock.getByRole('button', { name: 'Set retention' }).click();
      await expect(lock.getByText(/^Governance mode, until /)).toBeVisible();
      await screenshot(page, 'object-lock');
      const retention = (await seed.client.send(new GetObjectRetentionCommand(ref))).Retention;
      expect(retention?.Mode).toBe('GOVERNANCE');
      expect(retention?.RetainUntilDate?.toISOString()).toBe(until.toISOString());

      const versions = await pane.tab('Versions');
      const item = pane.version(versions, versionId);
      await item.getByRole('button', { name: 'Delete' }).click();
      await item.getByRole('button', { name: 'Delete version' }).click();
      await expect(item.getByRole('alert')).toContainText('This version cannot be deleted: it is under a legal hold');
      expect(await body(seed, bucket, 'contract.pdf', versionId)).toBe('signed\n');

      await (await pane.tab('Lock')).getByRole('button', { name: 'Turn legal hold off' }).click();
      await expect((await pane.tab('Lock')).getByText('Legal hold is off.')).toBeVisible();
      expect((await seed.client.send(new GetObjectLegalHoldCommand(ref))).LegalHold?.Status).toBe('OFF');
    } finally {
      // The retention is governance mode: the owner may bypass it to clean up.
      await seed.client.send(new PutObjectLegalHoldCommand({ ...ref, LegalHold: { Status: 'OFF' } })).catch(() => null);
      await seed.client.send(new DeleteObjectCommand({ ...ref, BypassGovernanceRetention: true }));
    }
  });

  test('a bucket without object lock says so in the Lock tab', async ({ app, page, host, s3, seed }) => {
    const bucket = await seed.bucket(undefined, { 'plain.txt': 'x' });
    await openAccountBucket(app, page, host, s3, bucket);
    await app.browser.select('plain.txt');
    const lock = await new DetailsPane(page).tab('Lock');
    await expect(lock.getByRole('status')).toContainText('This bucket has no object lock');
  });
});

test.describe('bucket properties', () => {
  test('a setting the service does not implement says so instead of an error', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    // radosgw 16 has no default bucket encryption: it answers GET ?encryption with the listing.
    test.skip(s3.kind !== 'radosgw', 'radosgw 16 is the service known to lack default bucket encryption');
    const bucket = await seed.bucket();
    await openAccountBucket(app, page, host, s3, bucket);
    await page.getByRole('button', { name: 'Bucket properties' }).click();
    const props = new BucketProperties(page, bucket);
    await expect(props.dialog).toBeVisible();
    const encryption = await props.tab('Encryption');
    await expect(encryption.getByText('Not supported by this service.')).toBeVisible();
    await expect(encryption.getByRole('alert')).toHaveCount(0);
    await expect(encryption.getByRole('button', { name: 'Save encryption' })).toHaveCount(0);
    await screenshot(page, 'bucket-encryption-unsupported');
    // What radosgw does implement stays on.
    const website = await props.tab('Website');
    await expect(website.getByRole('checkbox', { name: 'Serve this bucket as a static website' })).toBeEnabled();
  });
});
