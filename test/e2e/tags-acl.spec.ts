// Tags, permissions and upload options end to end, through the browser host in Debian's
// Chromium against radosgw: what the UI saves is read back with the SDK, a refused edit sends
// no request at all, and nothing becomes public without the warning being accepted.
import {
  GetBucketAclCommand,
  GetBucketTaggingCommand,
  GetObjectAclCommand,
  GetObjectTaggingCommand,
  PutObjectTaggingCommand,
  type Grant as SdkGrant,
} from '@aws-sdk/client-s3';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ALL_USERS_URI } from '../../shared/properties';
import { expect, test } from './fixtures';
import { TagsEditor, countSentInvokes, type TagInput } from './pages/access-page';
import { TransfersPanel, dropPaths } from './pages/transfers-page';
import type { S3Seed } from './s3-seed';
import { openAccountBucket } from './radosgw-account';

const SCREENSHOTS = process.env.QS_E2E_SCREENSHOTS;

async function objectTags(seed: S3Seed, bucket: string, key: string): Promise<TagInput[]> {
  const answer = await seed.client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
  return (answer.TagSet ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })).sort(byKey);
}

const byKey = (a: TagInput, b: TagInput) => a.key.localeCompare(b.key);

/** The details pane's tab of the focused object. */
async function openTab(page: Page, name: 'Tags' | 'Permissions') {
  const details = page.getByRole('complementary', { name: 'Details' });
  await details.getByRole('tab', { name, exact: true }).click();
  return details.getByRole('tabpanel', { name });
}

const isPublicRead = (g: SdkGrant) => g.Grantee?.URI === ALL_USERS_URI && g.Permission === 'READ';

test.describe('tags and permissions', () => {
  test('edits an object’s tags in the details pane; refused tag sets send nothing', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    const bucket = await seed.bucket(undefined, { 'report.txt': 'quarterly numbers\n' });
    const putFrames = countSentInvokes(page, 'tags:putObject');
    await openAccountBucket(app, page, host, s3, bucket);
    await app.browser.select('report.txt');
    const panel = await openTab(page, 'Tags');
    const tags = new TagsEditor(page, panel);
    await expect(panel.getByText('0 of 10 tags')).toBeVisible();

    // Each refused set: its own message beside the rows, Save stays off, nothing is sent.
    const refused: [string, TagInput[], string | RegExp][] = [
      [
        '11 tags',
        Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
        'At most 10 tags per object: remove 1.',
      ],
      [
        'a 129-character key',
        [{ key: 'k'.repeat(129), value: 'v' }],
        /^The tag key ".*" is longer than 128 characters\.$/,
      ],
      [
        'a 257-character value',
        [{ key: 'long', value: 'v'.repeat(257) }],
        'The value of tag "long" is longer than 256 characters.',
      ],
      ['a forbidden character', [{ key: 'a#b', value: 'v' }], /^The tag key "a#b" has a character tags cannot hold/],
      ['an "aws:" key', [{ key: 'aws:owner', value: 'me' }], 'Tag keys starting with "aws:" are reserved.'],
    ];
    for (const [what, set, message] of refused) {
      await tags.replaceWith(set);
      await expect(panel.getByRole('alert'), what).toHaveText(message);
      await expect(tags.saveButton(), what).toBeDisabled();
      if (set.length > 10) await expect(panel.getByText('11 of 10 tags')).toBeVisible();
      await tags.saveButton().click({ force: true }); // a click on the disabled button must not send either
    }
    expect(putFrames()).toBe(0);
    expect(await objectTags(seed, bucket, 'report.txt')).toEqual([]);

    // A good set is saved, shown as saved, and is what S3 holds.
    const good = [
      { key: 'project', value: 'apollo 11' },
      { key: 'owner', value: 'ops@example.com' },
      { key: 'path', value: 'a/b:c=d+e_f-g.h' },
    ];
    await tags.replaceWith(good);
    await expect(panel.getByText('3 of 10 tags')).toBeVisible();
    await tags.save();
    expect(putFrames()).toBe(1);
    expect(await objectTags(seed, bucket, 'report.txt')).toEqual([...good].sort(byKey));
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'tags-panel.png') });

    // Revert brings back what was saved; an empty list removes every tag.
    await tags.key(0).fill('changed');
    await panel.getByRole('button', { name: 'Revert' }).click();
    await tags.expectRows(good);
    await tags.replaceWith([]);
    await tags.save();
    expect(await objectTags(seed, bucket, 'report.txt')).toEqual([]);
  });

  test('sets a bucket’s tags in its properties', async ({ app, page, host, s3, seed }) => {
    const bucket = await seed.bucket(undefined, { 'a.txt': 'a' });
    await openAccountBucket(app, page, host, s3, bucket);
    await page.getByRole('button', { name: 'Bucket properties' }).click();
    const dialog = page.getByRole('dialog', { name: `Properties of “${bucket}”` });
    await dialog.getByRole('tab', { name: 'Tags', exact: true }).click();
    const panel = dialog.getByRole('tabpanel', { name: 'Tags' });
    await expect(panel.getByText('0 of 50 tags')).toBeVisible();
    const tags = new TagsEditor(page, panel);
    const set = [
      { key: 'cost-centre', value: '42' },
      { key: 'env', value: 'test' },
    ];
    await tags.replaceWith(set);
    await tags.save();
    const answer = await seed.client.send(new GetBucketTaggingCommand({ Bucket: bucket }));
    expect((answer.TagSet ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })).sort(byKey)).toEqual(set);

    // Escape closes the bucket dialog; opened again, the tags come back from the server.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: 'Bucket properties' }).click();
    await dialog.getByRole('tab', { name: 'Tags', exact: true }).click();
    await tags.expectRows(set);

    // The warning inside the dialog: Escape closes the warning only, and nothing changes.
    await dialog.getByRole('tab', { name: 'Permissions', exact: true }).click();
    const permissions = dialog.getByRole('tabpanel', { name: 'Permissions' });
    await permissions.getByRole('combobox', { name: 'Replace with a canned ACL' }).selectOption('public-read-write');
    await permissions.getByRole('button', { name: 'Apply', exact: true }).click();
    const warning = page.getByRole('dialog', { name: 'Make this bucket public?' });
    await expect(warning.getByRole('list', { name: 'What becomes public' })).toContainText(
      'Everyone on the internet, without signing in, will be able to add, overwrite and delete objects in this bucket.',
    );
    await page.keyboard.press('Escape');
    await expect(warning).toBeHidden();
    await expect(dialog).toBeVisible();
    const acl = await seed.client.send(new GetBucketAclCommand({ Bucket: bucket }));
    expect((acl.Grants ?? []).some((g) => g.Grantee?.URI === ALL_USERS_URI)).toBe(false);
  });

  test('makes an object public-read only through the warning; Cancel changes nothing', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    const bucket = await seed.bucket(undefined, { 'photo.jpg': 'not really a photo' });
    const aclFrames = countSentInvokes(page, 'acl:put');
    await openAccountBucket(app, page, host, s3, bucket);
    await app.browser.select('photo.jpg');
    const panel = await openTab(page, 'Permissions');
    const grants = panel.getByRole('table', { name: 'Grants' });
    await expect(grants.getByRole('row')).toHaveCount(2); // header + the owner's full control
    await expect(grants).toContainText('Full control');

    const choose = async () => {
      await panel.getByRole('combobox', { name: 'Replace with a canned ACL' }).selectOption('public-read');
      await panel.getByRole('button', { name: 'Apply', exact: true }).click();
    };
    const warning = page.getByRole('dialog', { name: 'Make this object public?' });

    await choose();
    await expect(warning).toBeVisible();
    await expect(warning.getByRole('list', { name: 'What becomes public' })).toHaveText(
      'Everyone on the internet, without signing in, will be able to read (download) this object.',
    );
    await expect(warning.getByRole('button', { name: 'Cancel' })).toBeFocused();
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'public-warning.png') });
    await warning.getByRole('button', { name: 'Cancel' }).click();
    await expect(warning).toBeHidden();
    expect(aclFrames()).toBe(0);
    const untouched = await seed.client.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'photo.jpg' }));
    expect((untouched.Grants ?? []).some(isPublicRead)).toBe(false);

    // Escape on the warning is a Cancel too, and leaves the details pane as it was.
    await panel.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(warning).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(warning).toBeHidden();
    expect(aclFrames()).toBe(0);

    await panel.getByRole('button', { name: 'Apply', exact: true }).click();
    await warning.getByRole('button', { name: 'Make public' }).click();
    await expect(panel.getByRole('status')).toHaveText('Permissions applied. This is what the server now has.');
    expect(aclFrames()).toBe(1);
    // What the server answered is shown: the public grant, in words.
    await expect(grants.getByRole('row').filter({ hasText: 'Everyone (public)' })).toContainText('Read');
    const applied = await seed.client.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'photo.jpg' }));
    expect((applied.Grants ?? []).some(isPublicRead)).toBe(true);
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'acl-panel.png') });

    // Removing the public grant takes it back, with no warning.
    await panel.getByRole('button', { name: 'Remove Read for Everyone (public)' }).click();
    await panel.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(panel.getByRole('status')).toBeVisible();
    await expect(grants).not.toContainText('Everyone (public)');
    const back = await seed.client.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'photo.jpg' }));
    expect((back.Grants ?? []).some(isPublicRead)).toBe(false);
  });

  test('edits the tags of three selected objects at once and names the one that failed', async ({
    app,
    page,
    host,
    s3,
    seed,
  }) => {
    const bucket = await seed.bucket(undefined, { 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c', 'd.txt': 'd' });
    await seed.client.send(
      new PutObjectTaggingCommand({
        Bucket: bucket,
        Key: 'b.txt',
        Tagging: {
          TagSet: [
            { Key: 'stale', Value: 'yes' },
            { Key: 'keep', Value: 'me' },
            { Key: 'team', Value: 'red' },
          ],
        },
      }),
    );
    // c.txt is full: one more tag would make 11, so it must be left as it is and reported.
    const full = Array.from({ length: 10 }, (_, i) => ({ key: `full${i}`, value: `${i}` }));
    await seed.client.send(
      new PutObjectTaggingCommand({
        Bucket: bucket,
        Key: 'c.txt',
        Tagging: { TagSet: full.map((t) => ({ Key: t.key, Value: t.value })) },
      }),
    );
    await openAccountBucket(app, page, host, s3, bucket);
    await app.browser.select('a.txt');
    await app.browser.select('b.txt', true);
    await app.browser.select('c.txt', true);

    const details = page.getByRole('complementary', { name: 'Details' });
    const form = details.getByRole('form', { name: 'Edit tags of 3 objects' });
    await expect(form).toBeVisible();
    const set = new TagsEditor(page, form);
    await set.replaceWith([{ key: 'team', value: 'blue' }]);
    await form.getByRole('button', { name: 'Add a key to remove' }).click();
    await form.getByRole('textbox', { name: 'Tag key to remove 1' }).fill('stale');
    await form.getByRole('button', { name: 'Apply to 3 objects' }).click();
    await expect(form.getByRole('status')).toHaveText('Tagged 2 items. 1 item could not be tagged:');
    const failures = form.getByRole('list', { name: 'Failures' }).getByRole('listitem');
    await expect(failures).toHaveCount(1);
    await expect(failures.first()).toContainText('c.txt');
    await expect(failures.first()).toContainText('At most 10 tags per object');
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'bulk-tags.png') });

    expect(await objectTags(seed, bucket, 'a.txt')).toEqual([{ key: 'team', value: 'blue' }]);
    expect(await objectTags(seed, bucket, 'b.txt')).toEqual([
      { key: 'keep', value: 'me' },
      { key: 'team', value: 'blue' },
    ]);
    expect(await objectTags(seed, bucket, 'c.txt')).toEqual([...full].sort(byKey));
    expect(await objectTags(seed, bucket, 'd.txt')).toEqual([]);
  });

  test('an upload carries the chosen options: a dropped file arrives tagged', async ({ app, page, host, s3, seed }) => {
    const local = await mkdtemp(path.join(os.tmpdir(), 'qs-e2e-upload-options-'));
    try {
      const file = path.join(local, 'tagged.txt');
      await writeFile(file, 'uploaded with options\n');
      const bucket = await seed.bucket();
      await openAccountBucket(app, page, host, s3, bucket);

      await page.getByRole('button', { name: 'Upload options' }).click();
      const dialog = page.getByRole('dialog', { name: `Upload options for “${bucket}”` });
      const tags = new TagsEditor(page, dialog);
      await tags.replaceWith([{ key: 'aws:bad', value: 'x' }]);
      await expect(dialog.getByRole('alert')).toHaveText('Tag keys starting with "aws:" are reserved.');
      await expect(dialog.getByRole('button', { name: 'Save options' })).toBeDisabled();
      await tags.replaceWith([
        { key: 'project', value: 'apollo' },
        { key: 'stage', value: 'draft' },
      ]);
      await dialog.getByRole('combobox', { name: 'Encryption' }).selectOption('AES256');
      if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'upload-options.png') });
      await dialog.getByRole('button', { name: 'Save options' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('button', { name: 'Upload options' })).toHaveAccessibleDescription(
        'Uploads: AES256 · 2 tags',
      );
      if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, 'upload-options-summary.png') });

      await dropPaths(page, app.browser.grid, [file]);
      const transfers = new TransfersPanel(page);
      await transfers.open();
      await transfers.expectFinished(1);
      expect(await objectTags(seed, bucket, 'tagged.txt')).toEqual([
        { key: 'project', value: 'apollo' },
        { key: 'stage', value: 'draft' },
      ]);
    } finally {
      await rm(local, { recursive: true, force: true });
    }
  });
});
