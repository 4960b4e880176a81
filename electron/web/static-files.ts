/**
 * Serves the built renderer (out/renderer). Only files inside the root are reachable (see
 * renderer-files.ts, shared with the Electron host's app:// protocol).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mimeType, resolveStaticPath } from '../core/renderer-files';
import { appCsp, sendText, setBaseHeaders } from './security-headers';

export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  urlPath: string,
  host: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(res, 405, 'Method not allowed');
    return;
  }
  const file = await resolveStaticPath(root, urlPath);
  if (file === null) {
    sendText(res, 404, 'Not found');
    return;
  }
  const info = await stat(file);
  setBaseHeaders(res);
  res.setHeader('Content-Security-Policy', appCsp(host));
  res.setHeader('Content-Type', mimeType(file));
  res.setHeader('Content-Length', info.size);
  res.writeHead(200);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
