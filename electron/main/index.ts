/**
 * Electron host: app lifecycle, one locked-down window, the core behind typed IPC.
 * Secrets are kept with safeStorage; the data directory is app.getPath('userData').
 */
import {
  Menu,
  app,
  dialog,
  ipcMain,
  nativeImage,
  protocol,
  safeStorage,
  session,
  shell,
  type BrowserWindow,
} from 'electron';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core/create-core';
import type { FolderPurpose } from '../core/host-services';
import { APP_SCHEME_PRIVILEGES, handleAppProtocol, type PreviewAnswerer } from './app-protocol';
import { appLocation, isAppUrl } from './app-url';
import { electronCsp } from './csp';
import { DRAG_ICON_DATA_URL } from './drag-icon';
import { bindContextMenu } from './context-menu';
import { bindDragOut } from './drag-out';
import { bindIpc } from './ipc';
import { menuTemplate } from './menu';
import { DEFAULT_NATIVE_STRINGS, bindNativeStrings } from './native-strings';
import { bindPathHandles, createPathHandles } from './path-handles';
import { pagePermission } from './permissions';
import { createSafeStorageVault } from './safe-storage-vault';
import { createMainWindow, lockDownContents } from './window';

const mainDir = path.dirname(fileURLToPath(import.meta.url));
/** The one renderer build, beside out/main (the browser host serves the same files). */
const rendererDir = path.join(mainDir, '..', 'renderer');
const location = appLocation(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
const dev = location.devUrl !== null;

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
/** The window's local path handles; a new window starts with none. */
const handles = createPathHandles();
/** Our own menu labels and dialog titles, in the UI language once the page has sent them. */
let nativeStrings = DEFAULT_NATIVE_STRINGS;

app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// Honour Chromium's --user-data-dir for our data too (portable profiles, isolated test runs).
// Before the single-instance lock, which is held per data directory.
const userDataSwitch = app.commandLine.getSwitchValue('user-data-dir');
if (userDataSwitch !== '') app.setPath('userData', path.resolve(userDataSwitch));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, location));
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal(error));
}

async function start(): Promise<void> {
  const csp = electronCsp(dev);
  // The built page over app://, the policy on every answer; the dev server's answers get it here.
  if (!dev) handleAppProtocol(protocol, await realpath(rendererDir), csp, answerPreview);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  // Notifications and clipboard writes are the only permissions the app uses: refuse the rest.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(pagePermission(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => pagePermission(permission));
  setAppMenu();

  core = await createCore({
    dataDir: app.getPath('userData'),
    vault: await createSafeStorageVault(safeStorage),
    // The main build puts the transfer worker beside index.js.
    workerEntry: { script: new URL('./transfer-worker.js', import.meta.url) },
    host: { chooseSavePath, chooseFolder, openWithSystem, trashItem },
    info: { host: 'electron', version: app.getVersion() },
  });
  const liveCore = core;
  const getContents = () => (mainWindow === null || mainWindow.isDestroyed() ? null : mainWindow.webContents);
  const ours = (url: string): boolean => isAppUrl(url, location);
  bindIpc({ ipcMain, core: liveCore, handles, getContents, isAppUrl: ours });
  bindPathHandles({ ipcMain, handles, getContents, isAppUrl: ours });
  const dragIcon = nativeImage.createFromDataURL(DRAG_ICON_DATA_URL);
  bindDragOut({
    ipcMain,
    core: liveCore,
    getContents,
    isAppUrl: (url) => isAppUrl(url, location),
    icon: () => dragIcon,
    onError: (message) => console.warn(`Dragging out failed: ${message}`),
  });
  bindContextMenu({ ipcMain, Menu, getWindow: () => mainWindow, getContents, isAppUrl: ours });
  bindNativeStrings({
    ipcMain,
    getContents,
    isAppUrl: ours,
    onStrings: (strings) => {
      nativeStrings = strings;
      setAppMenu();
    },
  });
  openWindow();

  app.on('activate', () => {
    if (mainWindow === null) openWindow();
  });
}

/** Quick Look's /preview/<id> links on app:// (the window, and so any link, exists only once the core runs). */
const answerPreview: PreviewAnswerer = async (id, request) => {
  if (core === null) throw new Error('The core is not running.');
  return core.answerPreview(id, request);
};

function setAppMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, app.name, dev, nativeStrings)));
}

function openWindow(): void {
  mainWindow = createMainWindow(path.join(mainDir, '..', 'preload', 'index.cjs'), location);
  mainWindow.on('closed', () => {
    mainWindow = null;
    handles.clear();
  });
}

async function chooseSavePath(suggestedName: string): Promise<string | null> {
  const options = { defaultPath: path.join(app.getPath('downloads'), path.basename(suggestedName)) };
  const result =
    mainWindow === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(mainWindow, options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** Open and Edit: the core's cached copy in the system's application; Electron's answer is '' or why not. */
async function openWithSystem(file: string): Promise<string | null> {
  const problem = await shell.openPath(file);
  return problem === '' ? null : problem;
}

async function trashItem(file: string): Promise<string | null> {
  return shell.trashItem(file).then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

async function chooseFolder(purpose: FolderPurpose): Promise<string | null> {
  const titles: Record<FolderPurpose, string> = {
    download: nativeStrings.downloadFolderTitle,
    sync: nativeStrings.syncFolderTitle,
  };
  const options = {
    title: titles[purpose],
    defaultPath: app.getPath(purpose === 'sync' ? 'home' : 'downloads'),
    properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
  };
  const result =
    mainWindow === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(mainWindow, options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let disposed = false;
app.on('will-quit', (event) => {
  if (disposed || core === null) return;
  // Give the core a moment to stop the sandbox and flush state, then quit for real.
  event.preventDefault();
  disposed = true;
  void core.dispose().finally(() => app.quit());
});

function fatal(error: unknown): void {
  dialog.showErrorBox('QStorage Desktop could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}
