import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the renderer comes from: the built index.html, or electron-vite's dev server. */
/** electron-vite's renderer output beside out/main (electron.vite.config.ts). */
export const ELECTRON_RENDERER_DIR = 'electron-renderer';

export interface AppLocation {
  /** file:// URL of out/electron-renderer/index.html (production). */
  fileUrl: string;
  /** Dev server URL (ELECTRON_RENDERER_URL), only when not packaged. */
  devUrl: string | null;
}

export function appLocation(mainDir: string, devUrl: string | undefined, isPackaged: boolean): AppLocation {
  const index = path.join(mainDir, '..', ELECTRON_RENDERER_DIR, 'index.html');
  return { fileUrl: pathToFileURL(index).href, devUrl: !isPackaged && devUrl ? devUrl : null };
}

/**
 * True only for our own page: the exact index.html file (any hash/query), or the dev
 * server's origin. Everything else is foreign: navigation is refused, IPC ignored.
 */
export function isAppUrl(url: string, location: AppLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    const app = new URL(location.fileUrl);
    return parsed.host === app.host && parsed.pathname === app.pathname;
  }
  if (location.devUrl !== null) {
    return parsed.origin === new URL(location.devUrl).origin;
  }
  return false;
}
