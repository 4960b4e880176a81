/**
 * The page over the privileged `app://` scheme instead of file://: a real origin of its own
 * ('self' in its policy is out/renderer and nothing else on the disk), the Electron CSP as a
 * response header on every file (a meta tag cannot carry frame-ancestors, and the page's own
 * meta is the browser host's), and only files inside out/renderer, checked as the browser host
 * checks its static files. Quick Look's `/preview/<id>` links are answered by the core, with
 * range support, under their own sandboxing policy.
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { CustomScheme, Protocol } from 'electron';
import type { PreviewAnswer, PreviewRequest } from '../core/previews/preview-answer';
import { PREVIEW_PATH_PREFIX } from '../core/previews/preview-links';
import { mimeType, resolveStaticPath } from '../core/renderer-files';
import { APP_HOST, APP_SCHEME } from './app-url';

/**
 * Registered before `ready`. Standard: relative URLs and an origin like https; secure: a secure
 * context; fetch: the page's module scripts are fetched; stream: <video>/<audio> read previews
 * by range. No CSP bypass, no service workers.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
};

/** The core's answer to a preview link (Core.answerPreview). */
export type PreviewAnswerer = (id: string, request: PreviewRequest) => Promise<PreviewAnswer>;

/** A core answer as a fetch Response: the object's bytes streamed, or the refusal's text. */
export function previewResponse(answer: PreviewAnswer): Response {
  const body = answer.body !== null ? (Readable.toWeb(answer.body) as ReadableStream) : (answer.text ?? null);
  return new Response(body, { status: answer.status, headers: answer.headers });
}

const text = (status: number, body: string): Response =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * The answer to one app:// request. `root` is out/renderer as a real (symlink-free) path;
 * anything outside it, another host, a dotfile or a method other than GET/HEAD is refused.
 */
export async function appResponse(
  root: string,
  request: { url: string; method: string; headers?: Headers },
  csp: string,
  preview?: PreviewAnswerer,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return text(404, 'Not found');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return text(404, 'Not found');
  if (preview !== undefined && url.pathname.startsWith(PREVIEW_PATH_PREFIX)) {
    const range = request.headers?.get('range') ?? undefined;
    const id = url.pathname.slice(PREVIEW_PATH_PREFIX.length);
    return previewResponse(await preview(id, { method: request.method, range }));
  }
  const file = await resolveStaticPath(root, url.pathname);
  if (file === null) return text(404, 'Not found');
  const headers = {
    'Content-Type': mimeType(file),
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
  };
  return new Response(request.method === 'HEAD' ? null : await readFile(file), { status: 200, headers });
}

/** Serves out/renderer and the preview links on app:// in the default session (call once `app` is ready). */
export function handleAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  root: string,
  csp: string,
  preview?: PreviewAnswerer,
): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(root, request, csp, preview));
}
