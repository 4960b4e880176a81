/**
 * GET/HEAD /preview/<id>: Quick Look's range reads (core/previews/preview-answer.ts). The Host
 * check runs before this; the unguessable id is the capability. A request another site starts
 * (an <img> or <video> on a page on another port is same-site, not same-origin) is refused, so
 * only our own page can make the browser read a link.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { HostedCore } from './hosted-core';
import { sendText, setBaseHeaders } from './security-headers';

/** Browsers send Sec-Fetch-Site; a client without it (curl, a test) is not a web page. */
const fromOurPage = (req: IncomingMessage): boolean => {
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin';
};

export async function servePreview(
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  core: Pick<HostedCore, 'answerPreview'>,
): Promise<void> {
  if (!fromOurPage(req)) {
    sendText(res, 403, 'Forbidden');
    return;
  }
  const answer = await core.answerPreview(id, { method: req.method ?? 'GET', range: req.headers.range });
  setBaseHeaders(res);
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  if (answer.text !== undefined) res.setHeader('Content-Length', Buffer.byteLength(answer.text));
  res.writeHead(answer.status);
  if (answer.body === null) {
    res.end(req.method === 'HEAD' ? undefined : answer.text);
    return;
  }
  try {
    await pipeline(answer.body, res);
  } catch {
    // A seek or a closed preview aborts the read: the short body tells the browser.
    res.destroy();
    answer.body.destroy();
  }
}
