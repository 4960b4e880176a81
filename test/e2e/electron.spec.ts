// The desktop app itself (Playwright's _electron), where the Electron binary is installed.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { electronBinary } from './electron-binary';
import { AppPage } from './pages/app-page';

const MAIN = path.resolve('out', 'main', 'index.js');
const binary = electronBinary();

/** The environment without electron-vite's dev-server variable, so the built page loads. */
function productionEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RENDERER_URL') env[k] = v;
  return env;
}

test.describe('Electron app', () => {
  test.skip(
    binary === null,
    'Electron binary not present on this machine (it downloads from GitHub, unreachable here)',
  );

  test('opens a locked-down window that reaches ready and shows the sandbox buckets', async () => {
    if (binary === null) return; // (skipped above; this narrows the type)
    expect(existsSync(MAIN), `${MAIN} is missing: run "npm run build"`).toBe(true);
    const userData = await mkdtemp(path.join(os.tmpdir(), 'qs-electron-'));
    const app = await electron.launch({
      executablePath: binary,
      // Chromium refuses to start as root without --no-sandbox (the renderer stays sandboxed by Electron).
      args: [MAIN, `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: productionEnv(),
    });
    try {
      const window = await app.firstWindow();
      const page = new AppPage(window);
      await page.waitReady();
      // No Node in the page, exactly one bridge object with two functions.
      expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(
        await window.evaluate(() => Object.keys((globalThis as unknown as { qstorage: object }).qstorage).sort()),
      ).toEqual(['invoke', 'subscribe']);
      await page.sidebar.openSandbox();
      for (const bucket of ['photos', 'documents', 'backups']) await expect(page.sidebar.bucket(bucket)).toBeVisible();
    } finally {
      await app.close();
      await rm(userData, { recursive: true, force: true });
    }
  });
});
