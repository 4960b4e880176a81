/**
 * GET /download/<id>: streams the object behind a one-time link as an attachment.
 * Never rendered in our origin: octet-stream, nosniff, sandboxing CSP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { contentDisposition } from '../core/content-disposition';
import type { DownloadLinks } from './download-links';
import type { HostedCore } from './hosted-core';
import { DOWNLOAD_CSP, sendText, setBaseHeaders } from './security-headers';

export async function serveDownload(
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  links: DownloadLinks,
  core: Pick<HostedCore, 'openObjectStream'>,
): Promise<void> {
  if (req.method !== 'GET') {
    // HEAD would spend the one-time id without a body.
    res.setHeader('Allow', 'GET');
    sendText(res, 405, 'Method not allowed');
    return;
  }
  const source = links.take(id);
  if (source === null) {
    sendText(res, 404, 'This download link is unknown, was already used or has expired.');
    return;
  }
  let object;
  try {
    object = await core.openObjectStream(source);
  } catch {
    // The page learns the cause from the core's own error paths; here only that it failed.
    sendText(res, 502, 'The object could not be read from the storage service.');
    return;
  }
  setBaseHeaders(res);
  res.setHeader('Content-Security-Policy', DOWNLOAD_CSP);
  res.setHeader('Content-Type', 'application/octet-stream');
  res.setHeader('Content-Disposition', contentDisposition(object.name));
  res.setHeader('Content-Length', object.size);
  res.writeHead(200);
  try {
    await pipeline(object.stream, res);
  } catch {
    // A broken source or a closed tab: the short body tells the browser the download failed.
    res.destroy();
    object.stream.destroy();
  }
}
