// The secret goes in through the account form and must never come back out to the page; nor does the key id.
import { expect, pageTexts, test } from './fixtures';

test('the secret never appears in the page, its storage or any WebSocket frame it receives', async ({
  app,
  page,
  s3,
  seed,
  framesReceived,
}) => {
  const secret = s3.secretAccessKey;
  const bucket = await seed.bucket(undefined, { 'folder/file.txt': 'x' });
  await app.accounts.add({
    name: 'radosgw',
    endpoint: s3.endpoint,
    region: s3.region,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: secret,
    pathStyle: true,
  });
  await app.sidebar.selectAccount('radosgw');
  await app.sidebar.selectBucket(bucket);
  await app.browser.openFolder('folder');
  await expect(app.browser.row('file.txt')).toBeVisible();
  await app.browser.select('file.txt');

  // After a reload, open the account for editing: the form must not come back pre-filled.
  await app.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Edit radosgw' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit radosgw' });
  // Nor the access key id: only its hint reaches the page.
  const hint = `${s3.accessKeyId.slice(0, 4)}…${s3.accessKeyId.slice(-3)}`;
  const keyId = edit.getByRole('textbox', { name: 'Access key ID' });
  await expect(keyId).toHaveValue('');
  await expect(keyId).toHaveAttribute('placeholder', `Unchanged (${hint})`);
  await expect(edit.getByLabel('Secret access key')).toHaveValue('');
  // Testing the saved account makes the core use the stored secret: still nothing comes back.
  await edit.getByRole('button', { name: 'Test connection' }).click();
  await expect(edit.getByRole('status')).toContainText('Connected');

  const texts = await pageTexts(page);
  for (const [where, text] of Object.entries(texts)) expect(text, where).not.toContain(secret);
  expect(framesReceived.filter((f) => f.includes(secret))).toEqual([]);
  // The summaries carry a hint of the key id, never the id: the frames were really recorded.
  expect(framesReceived.filter((f) => f.includes(s3.accessKeyId))).toEqual([]);
  expect(framesReceived.some((f) => f.includes(hint))).toBe(true);
  expect(framesReceived.length).toBeGreaterThan(5);
});
