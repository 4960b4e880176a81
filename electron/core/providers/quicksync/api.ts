/**
 * The QuickSync Upload API client (spec/quicksync-openapi.json), over fetch. The bearer token
 * goes only to the API base's origin, and only over https (or http on this machine): redirects
 * are never followed with it, and a download link (another host) is fetched without any
 * credential and never to a local or private address (download-link.ts). File keys are checked
 * before they become a path segment. Answers are checked before use.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { isLoopbackHost } from '../../../../shared/loopback';
import { quickSyncFileKeyProblem } from '../../../../shared/quicksync';
import { CoreError, tagEndpointHost } from '../../errors';
import { openLink } from './download-link';
import { errorFromAnswer } from './problem-details';

export interface QuickSyncSession {
  /** Without a trailing slash, e.g. https://api.quicksync.me/v1: the only origin the token is sent to. */
  apiBase: string;
  token: string;
  /** The QS Share name passphrase. */
  sessionId: string;
}

/** A QuickSync account as stored (endpoint = API base, access key id = session id, secret = token). */
export function sessionOf(account: {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}): QuickSyncSession {
  return {
    apiBase: account.endpoint.trim().replace(/\/+$/, ''),
    token: account.secretAccessKey,
    sessionId: account.accessKeyId.trim(),
  };
}

/** An UploadInfoDto that can be addressed (it has a fileKey). */
export interface UploadInfo {
  fileKey: string;
  /** As stored: the plain name, or a QS Share encrypted one; null when none was given. */
  fileName: string | null;
  completed: boolean;
  totalParts: number;
  originalSizeInBytes: number;
}

/** Core calls (listing, details, delete, tests) give up after this; transfers use their stall watchdog. */
const CALL_TIMEOUT_MS = 30_000;

/** The caller's signal, or none, with the core's call timeout added. */
export const withCallTimeout = (signal?: AbortSignal): AbortSignal =>
  signal ? AbortSignal.any([signal, AbortSignal.timeout(CALL_TIMEOUT_MS)]) : AbortSignal.timeout(CALL_TIMEOUT_MS);

const uploadInfoSchema = z.object({
  fileKey: z.string().min(1).nullable(),
  fileName: z.string().nullable().optional(),
  completed: z.boolean(),
  totalParts: z.number().int().min(0),
  originalSizeInBytes: z.number().int().min(0),
});
const initiateSchema = z.object({
  uploadId: z.string().min(1),
  fileKey: z.string().refine((k) => quickSyncFileKeyProblem(k) === null),
});
const partSchema = z.object({ tag: z.string().min(1), partNumber: z.number().int().optional() });
const linkSchema = z.object({ url: z.string().min(1) });

const toInfo = (dto: z.infer<typeof uploadInfoSchema> & { fileKey: string }): UploadInfo => ({
  fileKey: dto.fileKey,
  fileName: dto.fileName ?? null,
  completed: dto.completed,
  totalParts: dto.totalParts,
  originalSizeInBytes: dto.originalSizeInBytes,
});

const unexpected = (what: string): CoreError =>
  new CoreError('ServerError', `The QuickSync API answered ${what} in an unexpected form: check the API base.`);

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** Absent: the core's call timeout. */
  signal?: AbortSignal | undefined;
  json?: unknown;
  /** A part: raw bytes of a known length, with the part's headers. */
  part?: { body: Readable | Buffer; length: number; headers: Record<string, string> };
}

/** The API base, when the token may go there: https, or plain http to this machine only. */
function checkedApiBase(apiBase: string): URL {
  let base: URL;
  try {
    base = new URL(apiBase);
  } catch {
    throw new CoreError('InvalidRequest', 'The QuickSync API base is not a URL: check the account settings.');
  }
  if (base.protocol === 'https:' || (base.protocol === 'http:' && isLoopbackHost(base.hostname))) return base;
  throw new CoreError(
    'AccessDenied',
    `The QuickSync API base ${base.origin} is not https://, so the session token would travel unencrypted: nothing was sent. Use an https:// API base (plain http:// only on this computer).`,
  );
}

/** One API call with the token; a non-2xx answer becomes a QuickSyncError. */
async function call(session: QuickSyncSession, { method, path, signal, json, part }: Call): Promise<Response> {
  checkedApiBase(session.apiBase);
  const url = `${session.apiBase}${path}`;
  const headers: Record<string, string> = { authorization: `Bearer ${session.token}`, accept: 'application/json' };
  let body: string | Buffer | Readable | null = null;
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (part) {
    Object.assign(headers, part.headers, {
      'content-type': 'application/octet-stream',
      'content-length': String(part.length),
    });
    body = part.body;
  }
  let answer: Response;
  try {
    answer = await fetch(url, {
      method,
      headers,
      // Node's fetch sends a Buffer or a Node stream as it is; the DOM typing of RequestInit
      // (which the test project compiles against) knows neither.
      body: body as NonNullable<RequestInit['body']> | null,
      // Never follow: a redirect would carry the token wherever it points.
      redirect: 'manual',
      signal: signal ?? withCallTimeout(),
      ...(part && !Buffer.isBuffer(part.body) && { duplex: 'half' as const }),
    });
  } catch (error) {
    tagEndpointHost(error, hostOf(session.apiBase));
    throw error;
  }
  if (answer.status >= 300 && answer.status < 400) {
    await answer.body?.cancel();
    throw new CoreError(
      'ServerError',
      `The QuickSync API answered with a redirect (HTTP ${answer.status}), which was not followed so the session token stays with the API: check the API base.`,
      `location: ${hostOf(answer.headers.get('location') ?? '')}`,
    );
  }
  if (!answer.ok) {
    const text = await answer.text().catch(() => '');
    const { status, statusText } = answer;
    throw errorFromAnswer({ status, statusText, contentType: answer.headers.get('content-type'), from: 'api' }, text);
  }
  return answer;
}

/** What a failed download link answered; its body read up to a cap (only its start is shown). */
async function downloadFailure(answer: IncomingMessage): Promise<CoreError> {
  const chunks: Buffer[] = [];
  let read = 0;
  try {
    for await (const chunk of answer as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      if ((read += chunk.length) >= 64 * 1024) break;
    }
  } catch {
    // The status alone still says what went wrong.
  } finally {
    answer.destroy();
  }
  const status = answer.statusCode ?? 0;
  return errorFromAnswer(
    {
      status,
      statusText: answer.statusMessage ?? '',
      contentType: answer.headers['content-type'] ?? null,
      from: 'download',
    },
    Buffer.concat(chunks).toString('utf8'),
  );
}

/** The answer's JSON, checked against what the document promises. */
async function parsed<T>(answer: Response, schema: z.ZodType<T>, what: string): Promise<T> {
  let json: unknown;
  try {
    json = JSON.parse(await answer.text());
  } catch {
    throw unexpected(what);
  }
  const result = schema.safeParse(json);
  if (!result.success) throw unexpected(what);
  return result.data;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the QuickSync API';
  }
}

/** The last check before a key becomes a path segment: "..", "/" and the like never reach a URL. */
function fileKeyPath(fileKey: string): string {
  const problem = quickSyncFileKeyProblem(fileKey);
  if (problem !== null) throw new CoreError('InvalidKey', problem);
  return encodeURIComponent(fileKey);
}

/** Every file of the session's owner, complete or not (entries without a fileKey cannot be used and are left out). */
export async function listFiles(session: QuickSyncSession, signal?: AbortSignal): Promise<UploadInfo[]> {
  const answer = await call(session, { method: 'GET', path: '/buckets', signal });
  const list = await parsed(answer, z.array(uploadInfoSchema), 'the file list');
  return list.flatMap((dto) => (dto.fileKey === null ? [] : [toInfo({ ...dto, fileKey: dto.fileKey })]));
}

export async function fileDetails(
  session: QuickSyncSession,
  fileKey: string,
  signal?: AbortSignal,
): Promise<UploadInfo> {
  const answer = await call(session, { method: 'GET', path: `/buckets/file/${fileKeyPath(fileKey)}`, signal });
  const dto = await parsed(answer, uploadInfoSchema, "a file's details");
  // The answer names the file asked for; an answer without a key is about it all the same.
  return toInfo({ ...dto, fileKey: dto.fileKey ?? fileKey });
}

export async function initiateUpload(
  session: QuickSyncSession,
  request: { totalParts: number; originalSizeInBytes: number; encryptedName: string },
  signal?: AbortSignal,
): Promise<{ uploadId: string; fileKey: string }> {
  const answer = await call(session, { method: 'POST', path: '/buckets', json: request, signal });
  return parsed(answer, initiateSchema, 'the new upload');
}

/** Sends one part (raw bytes) and returns the tag the service gave it. */
export async function uploadPart(
  session: QuickSyncSession,
  part: { fileKey: string; uploadId: string; partNumber: number; body: Readable | Buffer; length: number },
  signal?: AbortSignal,
): Promise<string> {
  const answer = await call(session, {
    method: 'PUT',
    path: '/buckets',
    signal,
    part: {
      body: part.body,
      length: part.length,
      headers: { partNumber: String(part.partNumber), key: part.fileKey, uploadId: part.uploadId },
    },
  });
  const out = await parsed(answer, partSchema, 'a part');
  if (out.partNumber !== undefined && out.partNumber !== part.partNumber) throw unexpected('a part');
  return out.tag;
}

/** Completes the upload with the parts' tags in part order. */
export async function completeUpload(
  session: QuickSyncSession,
  request: { fileKey: string; tags: string[] },
  signal?: AbortSignal,
): Promise<void> {
  const answer = await call(session, {
    method: 'POST',
    path: '/buckets/complete',
    json: { key: request.fileKey, tags: request.tags },
    signal,
  });
  await answer.body?.cancel();
}

/** Deletes a file, finished or not (the API's only way to drop an unfinished upload). */
export async function deleteFile(session: QuickSyncSession, fileKey: string, signal?: AbortSignal): Promise<void> {
  const answer = await call(session, { method: 'DELETE', path: `/buckets/${fileKeyPath(fileKey)}`, signal });
  await answer.body?.cancel();
}

/** A fresh, temporary download URL (http or https only). */
async function downloadLink(session: QuickSyncSession, fileKey: string, signal?: AbortSignal): Promise<URL> {
  const answer = await call(session, { method: 'GET', path: `/buckets/download/${fileKeyPath(fileKey)}`, signal });
  const { url } = await parsed(answer, linkSchema, 'a download link');
  let link: URL;
  try {
    link = new URL(url, `${session.apiBase}/`);
  } catch {
    throw unexpected('a download link');
  }
  if (link.protocol !== 'https:' && link.protocol !== 'http:') throw unexpected('a download link');
  return link;
}

export interface DownloadBody {
  stream: Readable;
  /** Content-Length, when the link's host sent one. */
  length: number | null;
}

/**
 * Asks for a fresh link right before use and opens it. The link's host gets no credential at
 * all (the URL itself is the permission), so the token cannot leak there or through its redirects;
 * a link (or redirect) to a local or private address is refused unless it is the API's own host.
 */
export async function openDownload(
  session: QuickSyncSession,
  fileKey: string,
  signal?: AbortSignal,
): Promise<DownloadBody> {
  const link = await downloadLink(session, fileKey, signal);
  let answer: IncomingMessage;
  try {
    answer = await openLink(link, checkedApiBase(session.apiBase).hostname, signal);
  } catch (error) {
    tagEndpointHost(error, link.host);
    throw error;
  }
  const status = answer.statusCode ?? 0;
  if (status < 200 || status > 299) throw await downloadFailure(answer);
  const length = Number(answer.headers['content-length'] ?? Number.NaN);
  return { stream: answer, length: Number.isSafeInteger(length) && length >= 0 ? length : null };
}
