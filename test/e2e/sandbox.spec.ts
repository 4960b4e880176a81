// The local sandbox: a newcomer sees buckets without any account of their own.
import { pathToFileURL } from 'node:url';
import { launchFilePath } from '../../electron/web/launch-file';
import { expect, test } from './fixtures';
import { startCliHost } from './hosts';
import { AppPage } from './pages/app-page';

const SAMPLE_BUCKETS = ['photos', 'documents', 'backups'];

test.describe('local sandbox', () => {
  test('opens from the UI and shows its sample buckets', async ({ app }) => {
    await app.sidebar.openSandbox();
    for (const bucket of SAMPLE_BUCKETS) await expect(app.sidebar.bucket(bucket)).toBeVisible();
  });

  test('`cli.ts --sandbox` starts with the sandbox ready, and its files browse', async ({
    page,
    dataDir,
    pageProblems: _p,
  }) => {
    const host = await startCliHost(dataDir, ['--sandbox']);
    try {
      expect(host.appUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
      expect(host.output.join('\n')).toContain(`QStorage Desktop is running at ${host.appUrl}`);
      const app = new AppPage(page);
      await app.open(host.appUrl);
      await app.sidebar.selectAccount('Local sandbox');
      for (const bucket of SAMPLE_BUCKETS) await expect(app.sidebar.bucket(bucket)).toBeVisible();
      await app.sidebar.selectBucket('documents');
      await expect(app.browser.row('README.md')).toBeVisible();
    } finally {
      await host.stop();
    }
  });

  test('the launch file the CLI opens the browser on leads to the app', async ({ page, dataDir, pageProblems: _p }) => {
    const host = await startCliHost(dataDir, ['--sandbox'], { printUrl: false });
    try {
      const app = new AppPage(page);
      await app.open(pathToFileURL(launchFilePath(dataDir, host.pid)).href);
      expect(page.url()).toBe(host.url); // the page took the token from the fragment and hid it
      await app.sidebar.selectAccount('Local sandbox');
      await expect(app.sidebar.bucket('documents')).toBeVisible();
    } finally {
      await host.stop();
    }
  });
});
