/**
 * The browser host: the built renderer and the core's router on 127.0.0.1, behind a
 * per-run token. Static files, downloads, previews, staged uploads and the WebSocket all pass the
 * Host check; uploads also need our Origin, the WebSocket our Origin and the token.
 */
import { randomBytes } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { PREVIEW_PATH_PREFIX } from '../core/previews/preview-links';
import { DOWNLOAD_PATH_PREFIX, createDownloadLinks, type DownloadLinks } from './download-links';
import { serveDownload } from './download-route';
import type { HostedCore } from './hosted-core';
import { servePreview } from './preview-route';
import { hasValidToken, isAllowedHost, isAllowedOrigin } from './request-guard';
import { sendText } from './security-headers';
import { serveStatic } from './static-files';
import { UPLOAD_PATH_PREFIX, serveUpload } from './upload-route';
import { createWsApi } from './ws-api';

export const API_PATH = '/api';

export interface WebHostOptions {
  core: HostedCore;
  /** 0 or absent: a random free port. */
  port?: number;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /**
   * The link registry the core's HostServices.createDownloadLink writes into. Created here
   * when absent (then the core cannot hand out links, which tests of the rest may not need).
   */
  links?: DownloadLinks;
}

export interface WebHost {
  /** `http://127.0.0.1:PORT/`, without the token. */
  url: string;
  token: string;
  port: number;
  /** The address to open: the token rides in the fragment, which browsers never send to servers. */
  appUrl: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const staticRoot = await realpath(options.staticDir);
  const token = randomBytes(32).toString('hex');
  const links = options.links ?? createDownloadLinks();
  const api = createWsApi(options.core);
  let port = 0;

  const server = createServer((req, res) => {
    handleRequest(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host;
    if (!isAllowedHost(host, port) || host === undefined) {
      sendText(res, 403, 'Forbidden: unexpected Host header');
      return;
    }
    const pathname = requestPath(req.url);
    if (pathname === null) {
      sendText(res, 400, 'Bad request');
      return;
    }
    if (pathname === API_PATH) {
      sendText(res, 426, 'Upgrade required');
      return;
    }
    if (pathname.startsWith(DOWNLOAD_PATH_PREFIX)) {
      await serveDownload(req, res, pathname.slice(DOWNLOAD_PATH_PREFIX.length), links, options.core);
      return;
    }
    if (pathname.startsWith(PREVIEW_PATH_PREFIX)) {
      await servePreview(req, res, pathname.slice(PREVIEW_PATH_PREFIX.length), options.core);
      return;
    }
    if (pathname.startsWith(UPLOAD_PATH_PREFIX)) {
      await serveUpload(req, res, pathname.slice(UPLOAD_PATH_PREFIX.length), port, options.core);
      return;
    }
    await serveStatic(req, res, staticRoot, pathname, host.toLowerCase());
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = upgradeRefusal(req, port, token);
    if (refusal !== null) {
      refuseUpgrade(socket, refusal);
      return;
    }
    api.wss.handleUpgrade(req, socket, head, (ws) => api.wss.emit('connection', ws, req));
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
  const url = `http://127.0.0.1:${port}/`;

  let closing: Promise<void> | null = null;
  return {
    url,
    token,
    port,
    appUrl: `${url}#token=${token}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        api.close();
        links.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The path of a request target; absolute-form targets keep only their path. */
function requestPath(target: string | undefined): string | null {
  if (target === undefined) return null;
  try {
    return new URL(target, 'http://127.0.0.1').pathname;
  } catch {
    return null;
  }
}

type Refusal = { status: 400 | 401 | 403 | 404; text: string };

export function upgradeRefusal(req: IncomingMessage, port: number, token: string): Refusal | null {
  if (!isAllowedHost(req.headers.host, port)) return { status: 403, text: 'Forbidden' };
  if (requestPath(req.url) !== API_PATH) return { status: 404, text: 'Not Found' };
  if (!isAllowedOrigin(req.headers.origin, port)) return { status: 403, text: 'Forbidden' };
  if (!hasValidToken(req.headers['sec-websocket-protocol'], token)) return { status: 401, text: 'Unauthorized' };
  return null;
}

function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  socket.once('error', () => socket.destroy());
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${refusal.status} ${refusal.text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
