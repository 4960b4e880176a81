/**
 * PUT /upload/<stageId>: the browser host's way in for dropped files. The page has no local
 * paths, so it streams each file's bytes here and the core stages them for the queue. The
 * one-time random stage id (handed out over the authenticated WebSocket) is the capability;
 * the Origin check keeps other sites from writing into a stage even if they guessed one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CoreError } from '../core/errors';
import type { HostedCore } from './hosted-core';
import { isAllowedOrigin } from './request-guard';
import { sendText } from './security-headers';

export const UPLOAD_PATH_PREFIX = '/upload/';
/** The core issues 32 lowercase hex characters; anything else is not a stage. */
const STAGE_ID = /^[0-9a-f]{32}$/;

type Status = 400 | 404 | 413 | 500;

export async function serveUpload(
  req: IncomingMessage,
  res: ServerResponse,
  stageId: string,
  port: number,
  core: Pick<HostedCore, 'receiveStagedUpload'>,
): Promise<void> {
  if (req.method !== 'PUT') {
    res.setHeader('Allow', 'PUT');
    refuse(res, 405, 'Method not allowed');
    return;
  }
  // fetch() always sends Origin on a PUT; a missing or foreign one is not our page.
  if (!isAllowedOrigin(req.headers.origin, port)) {
    refuse(res, 403, 'Forbidden: this upload did not come from the app page');
    return;
  }
  if (!STAGE_ID.test(stageId)) {
    refuse(res, 404, 'This upload address is unknown or was already used.');
    return;
  }
  try {
    await core.receiveStagedUpload(stageId, req);
  } catch (error) {
    if (res.headersSent || res.destroyed) return;
    const { status, text } = refusalFor(error);
    refuse(res, status, text);
    return;
  }
  res.writeHead(204, { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end();
}

/** A refusal ends the connection: the body we did not read must not be taken for the next request. */
function refuse(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.setHeader('Connection', 'close');
  sendText(res, status, text);
}

/**
 * The core raises CoreError for an unknown stage and for a wrong byte count; map those to HTTP
 * so the page can tell "drop it again" from "the file changed while it was read". Anything
 * else is unexpected, and its text (which might name local paths) stays on this side.
 */
export function refusalFor(error: unknown): { status: Status; text: string } {
  if (!(error instanceof CoreError)) return { status: 500, text: 'The file could not be stored for upload.' };
  const { code, message } = error;
  const detail = error.detail ?? '';
  // The core's own wording (electron/core/transfers/staging.ts); web-upload-route.test.ts runs the real one.
  if (code === 'NoSuchKey' || /not valid|unknown|used already|already used/i.test(`${message} ${detail}`)) {
    return { status: 404, text: message };
  }
  if (/more than the announced|too large/i.test(`${message} ${detail}`)) return { status: 413, text: message };
  if (code === 'LocalIOError' || code === 'Unknown') return { status: 500, text: message };
  return { status: 400, text: message };
}
