/** Opening the radosgw test server as an account (the account UI has its own spec) and a bucket of it. */
import { expect, type Page } from '@playwright/test';
import type { S3ServerInfo } from '../servers/s3-server';
import { testAccountInput } from '../servers/s3-target';
import type { RunningHost } from './hosts';
import type { AppPage } from './pages/app-page';

/** Adds the radosgw account through the core and selects it. */
export async function openAccount(app: AppPage, host: RunningHost, s3: S3ServerInfo): Promise<void> {
  const created = await host.invoke('accounts:create', { account: testAccountInput(s3, 'radosgw') });
  expect(created.ok).toBe(true);
  await app.reload();
  await app.sidebar.selectAccount('radosgw');
}

/** Opens a bucket of the selected account and waits for its grid. */
export async function openBucket(app: AppPage, page: Page, bucket: string): Promise<void> {
  await app.sidebar.selectBucket(bucket);
  await expect(page.getByRole('grid', { name: 'Objects' })).toBeVisible();
}

/** Both: the account, then the bucket. */
export async function openAccountBucket(
  app: AppPage,
  page: Page,
  host: RunningHost,
  s3: S3ServerInfo,
  bucket: string,
): Promise<void> {
  await openAccount(app, host, s3);
  await openBucket(app, page, bucket);
}
