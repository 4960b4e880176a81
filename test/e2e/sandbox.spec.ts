// The local sandbox: a newcomer sees buckets without any account of their own.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SANDBOX_SAMPLES, SANDBOX_SAMPLES_DIR } from '../../electron/core/sandbox-samples';
import { launchFilePath } from '../../electron/web/launch-file';
import { expect, test } from './fixtures';
import { startCliHost } from './hosts';
import { AppPage } from './pages/app-page';
import { BucketProperties, DetailsPane, type BucketTab, type ObjectTab } from './pages/properties-page';

const SAMPLE_BUCKETS = ['photos', 'documents', 'backups'];

test.describe('local sandbox', () => {
  test('opens from the UI and shows its sample buckets', async ({ app }) => {
    await app.sidebar.openSandbox();
    for (const bucket of SAMPLE_BUCKETS) await expect(app.sidebar.bucket(bucket)).toBeVisible();
  });

  test('has a file of each kind to preview, each as committed', async ({ app, host }) => {
    await app.sidebar.openSandbox();
    // The same account the UI opened (sandbox:open answers with it once it is ready).
    const opened = await host.invoke('sandbox:open', {});
    if (!opened.ok) throw new Error(opened.error.message);
    const sandbox = opened.value as { id: string };
    for (const bucket of ['photos', 'documents']) {
      await app.sidebar.selectBucket(bucket);
      for (const sample of SANDBOX_SAMPLES.filter((s) => s.bucket === bucket)) {
        await expect(app.browser.row(sample.key)).toBeVisible();
        // Through the browser host's one-time download link: the very bytes of the committed file.
        const link = await host.invoke('objects:download', { accountId: sandbox.id, bucket, key: sample.key });
        if (!link.ok) throw new Error(link.error.message);
        const answer = link.value as { kind: string; url: string };
        expect(answer.kind).toBe('link');
        const url = new URL(answer.url, host.url);
        const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
        expect(bytes.equals(await readFile(path.join(SANDBOX_SAMPLES_DIR, sample.file))), sample.key).toBe(true);
      }
    }
  });

  test('says in each property tab what it does not keep, instead of hiding the tab', async ({ app, page }) => {
    await app.sidebar.openSandbox();
    await app.sidebar.selectBucket('documents');
    await app.browser.select('README.md');
    const details = new DetailsPane(page);
    const objectTabs: [ObjectTab, RegExp][] = [
      ['Tags', /The local sandbox does not keep tags\./],
      ['Permissions', /The local sandbox does not keep permissions\./],
      ['Versions', /The local sandbox does not keep versions\./],
      ['Lock', /The local sandbox does not keep object lock settings\./],
    ];
    for (const [tab, sentence] of objectTabs) await expect(await details.tab(tab)).toHaveText(sentence);

    const properties = new BucketProperties(page, 'documents');
    await properties.openFromSidebar('documents');
    const bucketTabs: [BucketTab, RegExp][] = [
      ['Tags', /does not keep tags\./],
      ['Permissions', /does not keep permissions\./],
      ['Versioning', /does not keep versions\./],
      ['Object lock', /does not keep object lock settings\./],
      ['Encryption', /does not keep encryption settings\./],
      ['Website', /does not host websites\./],
    ];
    for (const [tab, sentence] of bucketTabs) await expect(await properties.tab(tab)).toHaveText(sentence);
    await properties.close();
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
