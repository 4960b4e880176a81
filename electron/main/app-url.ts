/**
 * Where the renderer comes from: out/renderer (the one renderer build both hosts share) over
 * the app's own `app://` scheme, or electron-vite's dev server.
 */

/** The privileged scheme the page is served over (app-protocol.ts). */
export const APP_SCHEME = 'app';
/** Its one host: a standard scheme's URLs need one, and it makes the page's origin `app://qstorage`. */
export const APP_HOST = 'qstorage';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface AppLocation {
  /** app://qstorage/index.html (production). */
  appUrl: string;
  /** Dev server URL (ELECTRON_RENDERER_URL), only when not packaged. */
  devUrl: string | null;
}

export function appLocation(devUrl: string | undefined, isPackaged: boolean): AppLocation {
  return { appUrl: APP_INDEX_URL, devUrl: !isPackaged && devUrl ? devUrl : null };
}

/**
 * True only for our own page: app://qstorage/index.html (any hash/query), or the dev server's
 * origin. Everything else is foreign: navigation is refused, IPC ignored.
 */
export function isAppUrl(url: string, location: AppLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) {
    const app = new URL(location.appUrl);
    return parsed.host === app.host && parsed.pathname === app.pathname;
  }
  if (location.devUrl !== null) {
    return parsed.origin === new URL(location.devUrl).origin;
  }
  return false;
}
