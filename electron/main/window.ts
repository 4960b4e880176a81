import { BrowserWindow, type WebContents } from 'electron';
import { isAppUrl, type AppLocation } from './app-url';

/** The one app window: sandboxed, isolated, no Node, no webviews. */
export function createMainWindow(preload: string, location: AppLocation): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'QStorage Desktop',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  if (location.devUrl !== null) void window.loadURL(location.devUrl);
  else void window.loadURL(location.appUrl);
  return window;
}

/**
 * Applied to every WebContents the app ever creates: no popups, no navigation away from
 * our page, no webviews. Links to elsewhere are simply refused.
 */
export function lockDownContents(contents: WebContents, location: AppLocation): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayHome = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url, location)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
