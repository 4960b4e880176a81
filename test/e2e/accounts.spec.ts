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

  test('an unknown access key gets its own message', async ({ app, s3 }) => {
    await app.accounts.startAdding();
    await app.accounts.fill(form(s3, { accessKeyId: 'QSNOSUCHKEY000000000' }));
    const result = await app.accounts.testConnection();
    await expect(result).toContainText('This access key ID is not known to the service.');
  });
});
