// The desktop app itself (Playwright's _electron), where the Electron binary is installed.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sandboxSeed } from '../../electron/core/sandbox-seed';
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

/** The built app with a fresh user-data folder (the caller closes it and removes the folder). */
async function launchApp(binary: string): Promise<{ app: ElectronApplication; userData: string }> {
  expect(existsSync(MAIN), `${MAIN} is missing: run "npm run build"`).toBe(true);
  const userData = await mkdtemp(path.join(os.tmpdir(), 'qs-electron-'));
  const app = await electron.launch({
    executablePath: binary,
    // Chromium refuses to start as root without --no-sandbox (the renderer stays sandboxed by Electron).
    args: [MAIN, `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: productionEnv(),
  });
  return { app, userData };
}

test.describe('Electron app', () => {
  test.skip(
    binary === null,
    'Electron binary not present on this machine (it downloads from GitHub, unreachable here)',
  );

  test('opens a locked-down window that reaches ready and shows the sandbox buckets', async () => {
    if (binary === null) return; // (skipped above; this narrows the type)
    const { app, userData } = await launchApp(binary);
    try {
      const window = await app.firstWindow();
      const page = new AppPage(window);
      await page.waitReady();
      // No Node in the page, exactly one bridge object with the preload's functions.
      expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(
        await window.evaluate(() => Object.keys((globalThis as unknown as { qstorage: object }).qstorage).sort()),
      ).toEqual(['handleForFile', 'invoke', 'setNativeStrings', 'showContextMenu', 'startDrag', 'subscribe']);
      await page.sidebar.openSandbox();
      for (const bucket of ['photos', 'documents', 'backups']) await expect(page.sidebar.bucket(bucket)).toBeVisible();

      // The app menu's own labels follow the UI language picked in Settings.
      const menuLabels = () => app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label));
      await window.getByRole('button', { name: 'Settings', exact: true }).click();
      await window
        .getByRole('dialog', { name: 'Settings' })
        .getByRole('combobox', { name: 'Language' })
        .selectOption({ label: 'Deutsch' });
      await expect.poll(menuLabels).toEqual(expect.arrayContaining(['Datei', 'Ansicht']));
    } finally {
      await app.close();
      await rm(userData, { recursive: true, force: true });
    }
  });

  test('a right-click shows the native menu (Menu.popup) and runs the chosen item', async () => {
    if (binary === null) return;
    const { app, userData } = await launchApp(binary);
    try {
      // Menu.popup would block on a real menu: record what it was given and click "Copy key".
      await app.evaluate(({ Menu }) => {
        const shown: { label: string; enabled: boolean; type: string }[][] = [];
        (globalThis as { shownMenus?: unknown }).shownMenus = shown;
        Menu.prototype.popup = function popup(options) {
          shown.push(this.items.map((i) => ({ label: i.label, enabled: i.enabled, type: i.type })));
          this.items.find((i) => i.label === 'Copy key')?.click();
          options?.callback?.();
        };
      });
      const window = await app.firstWindow();
      const page = new AppPage(window);
      await page.waitReady();
      await page.sidebar.openSandbox();
      await page.sidebar.selectBucket('photos');
      // Two files of the sample bucket (names with an extension).
      const files = page.browser.grid
        .getByRole('row')
        .filter({ has: window.getByRole('gridcell', { name: /\.[a-z0-9]+$/i }) });
      const name = (await files.nth(0).getByRole('gridcell').first().innerText()).trim();
      const shownMenus = () =>
        app.evaluate(
          () =>
            ((globalThis as { shownMenus?: unknown[] }).shownMenus ?? []) as {
              label: string;
              enabled: boolean;
              type: string;
            }[][],
        );
      await files.nth(0).click({ button: 'right' });
      await expect.poll(async () => (await shownMenus()).length).toBe(1);
      const labels = (await shownMenus())[0]?.filter((i) => i.type !== 'separator').map((i) => i.label);
      expect(labels?.slice(0, 5)).toEqual(['Open', 'Edit', 'Download…', 'Share link…', 'Copy key']);
      // The page ran the chosen item: the key is on the system clipboard.
      await expect.poll(() => app.evaluate(({ clipboard }) => clipboard.readText())).toBe(name);

      // Two selected: a greyed-out item says why in its label (native menus have no tooltips).
      await files.nth(1).click({ modifiers: ['ControlOrMeta'] });
      await files.nth(1).click({ button: 'right' });
      await expect.poll(async () => (await shownMenus()).length).toBe(2);
      expect((await shownMenus())[1]).toContainEqual({
        label: 'Rename… — Select one item',
        enabled: false,
        type: 'normal',
      });
    } finally {
      await app.close();
      await rm(userData, { recursive: true, force: true });
    }
  });

  test('Open downloads a file into the edit cache and hands it to the system application', async () => {
    if (binary === null) return;
    const { app, userData } = await launchApp(binary);
    try {
      // shell.openPath would start a real application: record the path instead.
      await app.evaluate(({ shell }) => {
        const opened: string[] = [];
        (globalThis as { openedPaths?: string[] }).openedPaths = opened;
        shell.openPath = async (file) => {
          opened.push(file);
          return '';
        };
      });
      const window = await app.firstWindow();
      const page = new AppPage(window);
      await page.waitReady();
      await page.sidebar.openSandbox();
      await page.sidebar.selectBucket('documents');
      await page.browser.row('budget.csv').dblclick();

      const opened = () => app.evaluate(() => (globalThis as { openedPaths?: string[] }).openedPaths ?? []);
      await expect.poll(async () => (await opened()).length).toBe(1);
      const [file = ''] = await opened();
      const rel = path.relative(path.join(userData, 'edit-cache'), file);
      expect(rel.startsWith('..') || path.isAbsolute(rel)).toBe(false);
      expect(path.basename(file)).toBe('budget.csv');
      const seeded = sandboxSeed()
        .find((b) => b.name === 'documents')
        ?.objects.find((o) => o.key === 'budget.csv');
      expect(await readFile(file, 'utf8')).toBe(seeded?.body);
    } finally {
      await app.close();
      await rm(userData, { recursive: true, force: true });
    }
  });
});
