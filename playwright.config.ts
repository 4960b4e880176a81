// End-to-end tests: the whole app through the browser host, in Debian's Chromium
// (never `npx playwright install`: the download hosts are unreachable here). The host is the
// bundle `npm run build` made (out/web/cli.js); BUNDLE=dev runs its sources (test/support/bundle.ts).
import { defineConfig } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  // Not the default "test-results": Playwright empties its output dir, and the vitest reports live there.
  outputDir: 'test-results/e2e-artifacts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    // The UI follows the browser's language: the suite reads English unless a spec asks for
    // another (test/e2e/i18n.spec.ts runs in German).
    locale: 'en-US',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
