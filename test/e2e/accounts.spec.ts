// Adding an S3 account through the settings UI against the real radosgw.
import { expect, test } from './fixtures';
import type { S3AccountForm } from './pages/app-page';
import type { S3ServerInfo } from '../servers/s3-server';

const form = (s3: S3ServerInfo, overrides: Partial<S3AccountForm> = {}): S3AccountForm => ({
  name: 'radosgw',
  endpoint: s3.endpoint,
  region: s3.region,
  accessKeyId: s3.accessKeyId,
  secretAccessKey: s3.secretAccessKey,
  pathStyle: true,
  ...overrides,
});

test.describe('accounts', () => {
  test('adds an S3 account (path style), tests the connection and keeps it', async ({ app, s3, seed }) => {
    const bucket = await seed.bucket();
    await app.accounts.startAdding();
    await app.accounts.fill(form(s3));
    const result = await app.accounts.testConnection();
    await expect(result).toContainText(/Connected: \d+ buckets?, \d+ ms/);
    await app.accounts.save();

    await app.sidebar.selectAccount('radosgw');
    await expect(app.sidebar.bucket(bucket)).toBeVisible();
    await app.reload();
    await expect(app.sidebar.account('radosgw')).toBeVisible();
  });

  test('a wrong secret gets the specific message, not "failed"', async ({ app, s3 }) => {
    await app.accounts.startAdding();
    await app.accounts.fill(form(s3, { secretAccessKey: `${s3.secretAccessKey}-wrong` }));
    const result = await app.accounts.testConnection();
    await expect(result).toContainText('The secret key is wrong for this access key.');
  });

  test('editing the endpoint or addressing asks for the secret again, says why, and sends nothing until given', async ({
    app,
    page,
    s3,
  }) => {
    await app.accounts.add(form(s3));
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Edit radosgw' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit radosgw' });
    const secret = edit.getByLabel('Secret access key');
    // The kind of an account never changes; the key id shows only as a hint.
    await expect(edit.getByRole('combobox', { name: 'Service' })).toBeDisabled();
    await expect(edit.getByRole('textbox', { name: 'Access key ID' })).toHaveAttribute(
      'placeholder',
      `Unchanged (${s3.accessKeyId.slice(0, 4)}…${s3.accessKeyId.slice(-3)})`,
    );

    const why =
      'You changed the endpoint: enter the secret key again. A stored secret is only sent to the endpoint it was entered for.';
    const endpoint = edit.getByRole('textbox', { name: 'Endpoint' });
    await endpoint.fill('https://elsewhere.example');
    await expect(secret).toHaveAccessibleDescription(why);
    // Neither a test nor a save goes out without the secret.
    await edit.getByRole('button', { name: 'Test connection' }).click();
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(secret).toHaveAccessibleDescription(why);
    await expect(secret).toHaveAttribute('aria-invalid', 'true');
    await expect(edit.getByRole('status')).toHaveCount(0);

    // Back to the saved origin: the stored secret is kept again.
    await endpoint.fill(`${s3.endpoint}/`);
    await expect(secret).not.toHaveAttribute('aria-describedby');
    await edit
      .getByRole('combobox', { name: 'Addressing style' })
      .selectOption({ label: 'Virtual-hosted (bucket.host)' });
    await expect(secret).toHaveAccessibleDescription(/You changed the addressing style/);
    await secret.fill(s3.secretAccessKey);
    await edit.getByRole('button', { name: 'Test connection' }).click();
    await expect(edit.getByRole('status')).toContainText(/Connected: \d+ buckets?/);
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toBeHidden();
  });

  test('an unknown access key gets its own message', async ({ app, s3 }) => {
    await app.accounts.startAdding();
    await app.accounts.fill(form(s3, { accessKeyId: 'QSNOSUCHKEY000000000' }));
    const result = await app.accounts.testConnection();
    await expect(result).toContainText('This access key ID is not known to the service.');
  });
});
