/**
 * The page over the privileged `app://` scheme instead of file://: a real origin of its own
 * ('self' in its policy is out/renderer and nothing else on the disk), the Electron CSP as a
 * response header on every file (a meta tag cannot carry frame-ancestors, and the page's own
 * meta is the browser host's), and only files inside out/renderer, checked as the browser host
 * checks its static files.
 */
import { readFile } from 'node:fs/promises';
import type { CustomScheme, Protocol } from 'electron';
import { mimeType, resolveStaticPath } from '../core/renderer-files';
import { APP_HOST, APP_SCHEME } from './app-url';

/**
 * Registered before `ready`. Standard: relative URLs and an origin like https; secure: a secure
 * context; fetch: the page's module scripts are fetched. No CSP bypass, no service workers.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const text = (status: number, body: string): Response =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * The answer to one app:// request. `root` is out/renderer as a real (symlink-free) path;
 * anything outside it, another host, a dotfile or a method other than GET/HEAD is refused.
 */
export async function appResponse(
  root: string,
  request: { url: string; method: string },
  csp: string,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return text(404, 'Not found');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return text(404, 'Not found');
  const file = await resolveStaticPath(root, url.pathname);
  if (file === null) return text(404, 'Not found');
  const headers = {
    'Content-Type': mimeType(file),
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
  };
  return new Response(request.method === 'HEAD' ? null : await readFile(file), { status: 200, headers });
}

/** Serves out/renderer on app:// in the default session (call once `app` is ready). */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(root, request, csp));
}
