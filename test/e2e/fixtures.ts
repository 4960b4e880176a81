/**
 * Per-test fixtures: a fresh data dir, the browser host's CLI on it (the bundle unless
 * BUNDLE=dev), a page that has reached
 * `html[data-app-state="ready"]`, a record of every WebSocket frame the page received,
 * (when the suite has one) the real S3 server with a seeding helper, and a QuickSync API behind
 * its contract validator.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { QuickSyncTestServer } from '../servers/quicksync-server';
import type { S3ServerInfo } from '../servers/s3-server';
import { startCliHost, type RunningHost } from './hosts';
import { AppPage } from './pages/app-page';
import { readS3Env } from './s3-env';
import { S3Seed } from './s3-seed';

export interface Fixtures {
  dataDir: string;
  host: RunningHost;
  /** Text of every WebSocket frame the page received, in order. */
  framesReceived: string[];
  /** Content-Security-Policy violations and uncaught page errors: a test fails on any. */
  pageProblems: string[];
  app: AppPage;
  s3: S3ServerInfo;
  seed: S3Seed;
  /** A fresh QuickSync server for the test (test/servers/quicksync-server.ts); a contract error fails the test. */
  quicksync: QuickSyncTestServer;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'qs-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  host: async ({ dataDir }, use) => {
    const host = await startCliHost(dataDir);
    await use(host);
    await host.stop();
  },

  framesReceived: async ({ page }, use) => {
    const frames: string[] = [];
    page.on('websocket', (ws) => {
      ws.on('framereceived', ({ payload }) =>
        frames.push(typeof payload === 'string' ? payload : payload.toString('utf8')),
      );
    });
    await use(frames);
  },

  pageProblems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to (load|execute|apply|connect)/i.test(msg.text()))
        problems.push(msg.text());
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await use(problems);
    expect(problems, 'CSP violations or uncaught errors in the page').toEqual([]);
  },

  app: async ({ page, host, framesReceived: _frames, pageProblems: _problems }, use) => {
    const app = new AppPage(page);
    await app.open(host.appUrl);
    await use(app);
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  s3: async ({}, use, testInfo) => {
    const info = readS3Env();
    if ('skipped' in info) {
      testInfo.skip(true, `no S3 test server: ${info.skipped}`);
      return;
    }
    await use(info);
  },

  seed: async ({ s3 }, use) => {
    const seed = new S3Seed(s3);
    await use(seed);
    await seed.cleanup();
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  quicksync: async ({}, use) => {
    // Loaded on first use: the validator takes seconds to load, and most tests never need it.
    const { startQuickSyncTestServer } = await import('../servers/quicksync-server');
    const qs = await startQuickSyncTestServer();
    await use(qs);
    await qs.stop();
    expect(
      qs.violations.filter((v) => v.severity === 'error'),
      'requests or responses that break the QuickSync document',
    ).toEqual([]);
  },
});

export { expect };

/** Every page text the test can see at once: markup, live field values and both web storages. */
export async function pageTexts(page: Page): Promise<{ html: string; fields: string; local: string; session: string }> {
  return page.evaluate(() => {
    const dump = (s: Storage): string =>
      JSON.stringify(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i) ?? '')]));
    // outerHTML shows value attributes only; a typed value lives in the element's property.
    const fields = Array.from(
      document.querySelectorAll('input, textarea, select'),
      (el) => (el as HTMLInputElement).value,
    );
    return {
      html: document.documentElement.outerHTML,
      fields: JSON.stringify(fields),
      local: dump(localStorage),
      session: dump(sessionStorage),
    };
  });
}
