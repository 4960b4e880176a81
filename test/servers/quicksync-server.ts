/**
 * A stateful QuickSync Upload API for tests (the document: quicksync-openapi.json beside this
 * file), in memory on 127.0.0.1, and the way tests start it behind the contract validator.
 *
 *   const qs = await startQuickSyncTestServer();
 *   qs.apiBase        http://127.0.0.1:<p>/v1 through the validator: the account's endpoint
 *   qs.directApiBase  http://127.0.0.1:<q>/v1 the same server without validation
 *   qs.token          a live session token (`Authorization: Bearer <token>`): the account's secret
 *   qs.sessionId      its session id (the account's access key id; the QS Share name passphrase)
 *   qs.server         state, counters, sessions and fault hooks (QuickSyncServer below)
 *   qs.violations     what the validator flagged; a clean run has no severity 'error' entry
 *   await qs.stop();
 *
 * Start one per test file (vitest beforeAll) or per test (the e2e `quicksync` fixture): it
 * takes milliseconds (loading Prism takes about 2 s, once per process), and its state is
 * reachable in-process. As an app account: quickSyncAccountInput(qs, name) in quicksync-target.ts.
 *
 * The validator (contract-proxy.ts, Prism's validation) answers a request or response that
 * breaks the document as `prism proxy --errors` does: 401/422 for a request (never forwarded),
 * 500 for a response; statuses the document does not list (this server's 400, 401, 404, 409,
 * 503 problems) pass as warnings. It reads the document with one addition, the part body of
 * `PUT /buckets` that the document leaves undeclared (validatorDocument below).
 *
 * The API (paths below /v1, every call needs a live bearer token):
 *   GET    /buckets                  the session owner's files, complete or not (UploadInfoDto[])
 *   POST   /buckets                  { totalParts, originalSizeInBytes, encryptedName } → { uploadId, fileKey }
 *   PUT    /buckets                  a part: raw body, headers partNumber, key (fileKey), uploadId
 *                                    → { tag (MD5 hex of the part), partNumber }; a re-sent part replaces the old
 *   POST   /buckets/complete         { key, tags: [tag of part 1, part 2, …] } → { uploadId, fileKey }: checks
 *                                    every tag against the stored part and the total size, else 400
 *   GET    /buckets/file/{fileKey}   one UploadInfoDto
 *   DELETE /buckets/{fileKey}        the file and its parts (200, no body)
 *   GET    /buckets/download/{fileKey}  { url }: a one-time link on a second listener (another origin),
 *                                    valid 5 minutes; that listener answers 403 to any request carrying
 *                                    Authorization, so a leaked bearer token fails the test
 * Errors are problem details ({ type, title, status, detail }, application/problem+json): 401 for
 * an unknown token ("not recognised") or an expired one ("expired"), 400 for a bad request, 404
 * for another owner's or an unknown file, 409 for a part or completion of a completed file.
 *
 * Counters (`server.stats`): requests per route, parts stored per fileKey, part body bytes read
 * (cut-off bodies included), downloads served, requests the download host refused for carrying
 * Authorization, redirects followed. `server.waitFor(predicate)` resolves when a condition holds,
 * checked after every event, so tests wait on the server instead of sleeping.
 *
 * Faults (`server.faults`), for retry and resume tests:
 *   failNextParts(n, status = 503)  the next n part PUTs read their body and answer a problem
 *   resetNextParts(n)               the next n part PUTs lose their connection half-way through the body
 *   holdParts()                     part PUTs wait (body read, nothing stored) until the returned release()
 *   breakNextResponse(route)        the next 2xx body of that route carries a property the document forbids
 *   shortenNextDownload(bytes)      the next download serves only its first `bytes` bytes (a consistent response)
 *   redirectNext(route)             the next call of that route is answered 307 to the download host, which
 *                                   counts the hit and refuses it (403) if it carries Authorization
 *   linkOriginNext(origin)          the next download link points at `origin` (same path) instead of the download host
 *   redirectNextDownloads(n, to?)   the next n requests to the download host are answered 302 to `to`, or to the
 *                                   same URL again when absent (a loop); the link stays unused
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startContractProxy, type ContractViolation } from './contract-proxy';
import { readBody } from './http-body';

export type QuickSyncRoute = 'list' | 'initiate' | 'part' | 'complete' | 'details' | 'delete' | 'link';
/** The routes whose success carries a JSON body. */
export type QuickSyncBodyRoute = Exclude<QuickSyncRoute, 'delete'>;

export interface QuickSyncSession {
  token: string;
  sessionId: string;
  /** The owner of the files; sessions made for the same creator see the same files. */
  creatorId: string;
}

export interface StoredPart {
  bytes: Buffer;
  tag: string;
}

export interface StoredFile {
  fileKey: string;
  uploadId: string;
  /** `encryptedName` as sent (plain or encrypted), null when none was sent. */
  fileName: string | null;
  totalParts: number;
  originalSizeInBytes: number;
  creatorId: string;
  completed: boolean;
  /** Parts by number until completion. */
  parts: Map<number, StoredPart>;
  /** The assembled bytes once completed. */
  content: Buffer | null;
}

export interface QuickSyncStats {
  /** Requests that reached each route (answered or not, authorised or not). */
  requests: Record<QuickSyncRoute, number>;
  /** Part bodies stored per fileKey (a re-sent part counts again). */
  partsReceived: Map<string, number>;
  /** Part body bytes read, bodies cut short included. */
  bytesReceived: number;
  /** Part PUTs waiting on holdParts() right now. */
  partsHeld: number;
  /** Download bodies sent in full. */
  downloads: number;
  /** Requests to the download host refused for carrying an Authorization header. */
  authorizationRefused: number;
  /** Requests that followed a redirectNext() answer to the download host. */
  redirectsFollowed: number;
}

export interface QuickSyncFaults {
  failNextParts(count: number, status?: number): void;
  resetNextParts(count: number): void;
  /** Returns release(): the held PUTs then carry on, and new ones pass. */
  holdParts(): () => void;
  breakNextResponse(route: QuickSyncBodyRoute): void;
  shortenNextDownload(bytes: number): void;
  redirectNext(route: QuickSyncRoute): void;
  linkOriginNext(origin: string): void;
  redirectNextDownloads(count: number, location?: string): void;
}

export interface QuickSyncServer {
  /** The API base on this server itself, e.g. `http://127.0.0.1:4000/v1`. */
  url: string;
  /** The download host's origin, e.g. `http://127.0.0.1:4001`. */
  downloadOrigin: string;
  readonly stats: QuickSyncStats;
  readonly files: ReadonlyMap<string, StoredFile>;
  faults: QuickSyncFaults;
  /** A new live session; a new creator unless one is given. */
  addSession(options?: { creatorId?: string }): QuickSyncSession;
  /** The token then gets 401 "session expired"; the files stay (a new session of the creator sees them). */
  expireSession(token: string): void;
  /** Resolves once `predicate()` holds, checked now and after every request event. */
  waitFor(predicate: () => boolean, timeoutMs: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

export interface QuickSyncTestServer {
  /** The API base through the contract validator: what an app account uses. */
  apiBase: string;
  /** The API base on the server itself, bypassing the validator. */
  directApiBase: string;
  token: string;
  sessionId: string;
  server: QuickSyncServer;
  readonly violations: readonly ContractViolation[];
  stop(): Promise<void>;
}

/** The document, byte for byte as published in ../shared/spec (a unit test checks). */
export const QUICKSYNC_OPENAPI_PATH = new URL('./quicksync-openapi.json', import.meta.url);

const API_PREFIX = '/v1';
const LINK_TTL_MS = 5 * 60_000;
const REDIRECT_TRAP = '/redirected';

const PROBLEM_TYPES: Record<number, string> = {
  400: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
  401: 'https://tools.ietf.org/html/rfc9110#section-15.5.2',
  403: 'https://tools.ietf.org/html/rfc9110#section-15.5.4',
  404: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
  409: 'https://tools.ietf.org/html/rfc9110#section-15.5.10',
  410: 'https://tools.ietf.org/html/rfc9110#section-15.5.11',
  503: 'https://tools.ietf.org/html/rfc9110#section-15.6.4',
};

/** A failed call, answered as problem details titled by its status. */
class Problem extends Error {
  readonly title: string;
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    const title = http.STATUS_CODES[status] ?? 'Error';
    super(`${status} ${title}: ${detail}`);
    this.title = title;
  }
}

const md5 = (bytes: Buffer): string => createHash('md5').update(bytes).digest('hex');

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json; charset=utf-8',
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendProblem(res: ServerResponse, problem: Problem, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(
    res,
    problem.status,
    {
      type: PROBLEM_TYPES[problem.status] ?? 'about:blank',
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
    },
    'application/problem+json; charset=utf-8',
  );
}

function uploadInfo(file: StoredFile): Record<string, unknown> {
  return {
    creatorId: file.creatorId,
    completed: file.completed,
    fileKey: file.fileKey,
    fileName: file.fileName,
    totalParts: file.totalParts,
    originalSizeInBytes: file.originalSizeInBytes,
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req);
  if (!/^application\/(?:[\w.-]+\+)?json|^text\/json/i.test(req.headers['content-type'] ?? ''))
    throw new Problem(400, 'The body must be JSON.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new Problem(400, 'The body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Problem(400, 'The body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

function wholeNumber(value: unknown, what: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
    throw new Problem(400, `${what} must be a whole number of at least ${min}.`);
  return value;
}

function route(method: string, path: string): { route: QuickSyncRoute; fileKey?: string } | null {
  if (path === '/buckets') {
    if (method === 'GET') return { route: 'list' };
    if (method === 'POST') return { route: 'initiate' };
    if (method === 'PUT') return { route: 'part' };
    return null;
  }
  if (path === '/buckets/complete') return method === 'POST' ? { route: 'complete' } : null;
  const match = /^\/buckets\/(?:(file|download)\/)?([^/]+)$/.exec(path);
  if (!match) return null;
  const fileKey = decodeURIComponent(match[2]!);
  if (match[1] === 'file') return method === 'GET' ? { route: 'details', fileKey } : null;
  if (match[1] === 'download') return method === 'GET' ? { route: 'link', fileKey } : null;
  return method === 'DELETE' ? { route: 'delete', fileKey } : null;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

/** The QuickSync server alone, with one session made for you by startQuickSyncTestServer(). */
export async function startQuickSyncServer(): Promise<QuickSyncServer> {
  const sessions = new Map<string, QuickSyncSession & { expired: boolean }>();
  const files = new Map<string, StoredFile>();
  const links = new Map<string, { fileKey: string; expires: number }>();
  const changes = new EventEmitter();
  const changed = (): boolean => changes.emit('change');
  const stats: QuickSyncStats = {
    requests: { list: 0, initiate: 0, part: 0, complete: 0, details: 0, delete: 0, link: 0 },
    partsReceived: new Map(),
    bytesReceived: 0,
    partsHeld: 0,
    downloads: 0,
    authorizationRefused: 0,
    redirectsFollowed: 0,
  };
  const pending = {
    failParts: [] as number[],
    resetParts: 0,
    broken: new Set<QuickSyncBodyRoute>(),
    shortDownload: null as number | null,
    redirect: new Set<QuickSyncRoute>(),
    linkOrigin: null as string | null,
    downloadRedirects: { count: 0, location: null as string | null },
  };
  let hold: { released: Promise<void>; release: () => void } | null = null;

  function authorise(req: IncomingMessage): QuickSyncSession {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const session = token === undefined ? undefined : sessions.get(token);
    if (!session) throw new Problem(401, 'The session token is not recognised.');
    if (session.expired) throw new Problem(401, 'The session has expired.');
    return session;
  }

  function ownFile(session: QuickSyncSession, fileKey: string | undefined): StoredFile {
    const file = fileKey === undefined ? undefined : files.get(fileKey);
    if (!file || file.creatorId !== session.creatorId)
      throw new Problem(404, `There is no file ${JSON.stringify(fileKey ?? '')}.`);
    return file;
  }

  /** A 2xx JSON body, with an undeclared property when breakNextResponse() asked for one. */
  function success(
    res: ServerResponse,
    name: QuickSyncBodyRoute,
    body: Record<string, unknown> | Record<string, unknown>[],
  ): void {
    if (!pending.broken.delete(name)) return sendJson(res, 200, body);
    const broken = Array.isArray(body) ? [...body, { unexpected: true }] : { ...body, unexpected: true };
    sendJson(res, 200, broken);
  }

  async function initiate(req: IncomingMessage, res: ServerResponse, session: QuickSyncSession): Promise<void> {
    const body = await readJson(req);
    const totalParts = wholeNumber(body.totalParts, 'totalParts', 1);
    const originalSizeInBytes = wholeNumber(body.originalSizeInBytes, 'originalSizeInBytes', 0);
    const name = body.encryptedName;
    if (name !== undefined && name !== null && typeof name !== 'string')
      throw new Problem(400, 'encryptedName must be a string.');
    const file: StoredFile = {
      fileKey: randomUUID(),
      uploadId: randomBytes(16).toString('hex'),
      fileName: name ?? null,
      totalParts,
      originalSizeInBytes,
      creatorId: session.creatorId,
      completed: false,
      parts: new Map(),
      content: null,
    };
    files.set(file.fileKey, file);
    success(res, 'initiate', { uploadId: file.uploadId, fileKey: file.fileKey });
  }

  async function part(req: IncomingMessage, res: ServerResponse, session: QuickSyncSession): Promise<void> {
    const file = ownFile(session, req.headers.key as string | undefined);
    if (req.headers.uploadid !== file.uploadId) throw new Problem(400, 'The uploadId header does not match this file.');
    const partNumber = wholeNumber(Number(req.headers.partnumber), 'The partNumber header', 1);
    if (partNumber > file.totalParts)
      throw new Problem(400, `partNumber ${partNumber} is above totalParts ${file.totalParts}.`);
    if (file.completed) throw new Problem(409, 'The upload is already completed.');

    const reset = pending.resetParts > 0;
    if (reset) pending.resetParts -= 1;
    const half = Math.floor(Number(req.headers['content-length'] ?? 0) / 2);
    const bytes = await readBody(req, (chunk, received) => {
      stats.bytesReceived += chunk.length;
      if (reset && received >= half) req.socket.destroy();
    });
    const failStatus = pending.failParts.shift();
    if (failStatus !== undefined) throw new Problem(failStatus, 'A fault injected by the test.');
    if (hold) {
      stats.partsHeld += 1;
      changed();
      await hold.released;
      stats.partsHeld -= 1;
    }
    const stored = { bytes, tag: md5(bytes) };
    file.parts.set(partNumber, stored);
    stats.partsReceived.set(file.fileKey, (stats.partsReceived.get(file.fileKey) ?? 0) + 1);
    success(res, 'part', { tag: stored.tag, partNumber });
  }

  async function complete(req: IncomingMessage, res: ServerResponse, session: QuickSyncSession): Promise<void> {
    const body = await readJson(req);
    const file = ownFile(session, typeof body.key === 'string' ? body.key : undefined);
    if (file.completed) throw new Problem(409, 'The upload is already completed.');
    const tags = body.tags;
    if (!Array.isArray(tags) || tags.length !== file.totalParts)
      throw new Problem(400, `Expected ${file.totalParts} part tags in order.`);
    const bytes: Buffer[] = [];
    for (const [index, tag] of tags.entries()) {
      const stored = file.parts.get(index + 1);
      if (!stored) throw new Problem(400, `Part ${index + 1} was never uploaded.`);
      if (stored.tag !== tag) throw new Problem(400, `The tag of part ${index + 1} does not match.`);
      bytes.push(stored.bytes);
    }
    const content = Buffer.concat(bytes);
    if (content.length !== file.originalSizeInBytes)
      throw new Problem(400, `The parts hold ${content.length} bytes, not the ${file.originalSizeInBytes} announced.`);
    file.content = content;
    file.parts.clear();
    file.completed = true;
    success(res, 'complete', { uploadId: file.uploadId, fileKey: file.fileKey });
  }

  function link(res: ServerResponse, file: StoredFile): void {
    if (!file.completed) throw new Problem(409, 'The upload is not completed.');
    const id = randomBytes(24).toString('hex');
    links.set(id, { fileKey: file.fileKey, expires: Date.now() + LINK_TTL_MS });
    success(res, 'link', { url: `${pending.linkOrigin ?? downloadOrigin}/d/${id}` });
    pending.linkOrigin = null;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://api.invalid');
    const method = req.method ?? 'GET';
    const found = url.pathname.startsWith(`${API_PREFIX}/`)
      ? route(method, url.pathname.slice(API_PREFIX.length))
      : null;
    if (!found) throw new Problem(404, `No route for ${method} ${url.pathname}.`);
    stats.requests[found.route] += 1;
    if (pending.redirect.delete(found.route)) {
      res.writeHead(307, { location: `${downloadOrigin}${REDIRECT_TRAP}`, 'content-length': 0 });
      res.end();
      return;
    }
    const session = authorise(req);
    switch (found.route) {
      case 'list':
        return success(
          res,
          'list',
          [...files.values()].filter((f) => f.creatorId === session.creatorId).map(uploadInfo),
        );
      case 'initiate':
        return initiate(req, res, session);
      case 'part':
        return part(req, res, session);
      case 'complete':
        return complete(req, res, session);
      case 'details':
        return success(res, 'details', uploadInfo(ownFile(session, found.fileKey)));
      case 'delete': {
        const file = ownFile(session, found.fileKey);
        files.delete(file.fileKey);
        for (const [id, l] of links) if (l.fileKey === file.fileKey) links.delete(id);
        res.writeHead(200, { 'content-length': 0 });
        res.end();
        return;
      }
      case 'link':
        return link(res, ownFile(session, found.fileKey));
    }
  }

  function handleDownload(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    const path = new URL(req.url ?? '/', 'http://download.invalid').pathname;
    if (path === REDIRECT_TRAP) stats.redirectsFollowed += 1;
    if (req.headers.authorization !== undefined) {
      stats.authorizationRefused += 1;
      return sendProblem(res, new Problem(403, 'The download host takes no Authorization header.'));
    }
    if (pending.downloadRedirects.count > 0) {
      pending.downloadRedirects.count -= 1;
      res.writeHead(302, { location: pending.downloadRedirects.location ?? req.url ?? '/', 'content-length': 0 });
      res.end();
      return;
    }
    const id = /^\/d\/([0-9a-f]+)$/.exec(path)?.[1];
    const entry = id === undefined ? undefined : links.get(id);
    if (!entry || req.method !== 'GET') return sendProblem(res, new Problem(404, 'No such link.'));
    links.delete(id!);
    const content = files.get(entry.fileKey)?.content;
    if (entry.expires < Date.now() || !content)
      return sendProblem(res, new Problem(410, 'The link has expired or its file is gone.'));
    const body = pending.shortDownload === null ? content : content.subarray(0, pending.shortDownload);
    pending.shortDownload = null;
    // Counted before the bytes go out: a client may have them all before res.end's callback runs.
    stats.downloads += 1;
    changed();
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
    res.end(body);
  }

  const api = http.createServer((req, res) => {
    handleApi(req, res)
      .catch((err: unknown) => {
        if (res.headersSent || req.socket.destroyed) return;
        // Discard a body nobody read, so the answer is not lost to a reset.
        req.resume();
        if (err instanceof Problem)
          sendProblem(res, err, err.status === 401 ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {});
        else sendProblem(res, new Problem(500, String(err)));
      })
      .finally(changed);
  });
  const download = http.createServer((req, res) => {
    handleDownload(req, res);
    changed();
  });
  const apiOrigin = await listen(api);
  const downloadOrigin = await listen(download);

  return {
    url: `${apiOrigin}${API_PREFIX}`,
    downloadOrigin,
    stats,
    files,
    faults: {
      failNextParts(count, status = 503) {
        pending.failParts.push(...Array<number>(count).fill(status));
      },
      resetNextParts(count) {
        pending.resetParts += count;
      },
      holdParts() {
        let release = (): void => {};
        const released = new Promise<void>((resolve) => (release = resolve));
        const current = { released, release };
        hold = current;
        return () => {
          if (hold === current) hold = null;
          current.release();
        };
      },
      breakNextResponse(name) {
        pending.broken.add(name);
      },
      shortenNextDownload(bytes) {
        pending.shortDownload = bytes;
      },
      redirectNext(name) {
        pending.redirect.add(name);
      },
      linkOriginNext(origin) {
        pending.linkOrigin = origin;
      },
      redirectNextDownloads(count, location) {
        pending.downloadRedirects = { count, location: location ?? null };
      },
    },
    addSession(options = {}) {
      const session = {
        token: randomBytes(32).toString('base64url'),
        sessionId: randomUUID(),
        creatorId: options.creatorId ?? `creator-${randomBytes(6).toString('hex')}`,
      };
      sessions.set(session.token, { ...session, expired: false });
      return session;
    },
    expireSession(token) {
      const session = sessions.get(token);
      if (!session) throw new Error('expireSession: no such token');
      session.expired = true;
    },
    waitFor(predicate, timeoutMs, what = 'the QuickSync server condition') {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (!predicate()) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          changes.off('change', check);
        };
        changes.on('change', check);
        check();
      });
    },
    async close() {
      hold?.release();
      await Promise.all([closeServer(api), closeServer(download)]);
    },
  };
}

/**
 * The validator's document: the published one, plus the part body it does not declare. The
 * document names no request body for `PUT /buckets` (its own x-note says the part travels as the
 * raw body); without one, Prism refuses every part with "No supported content types".
 */
function validatorDocument(): { servers?: { url: string }[]; paths: Record<string, Record<string, object>> } {
  const document = JSON.parse(readFileSync(QUICKSYNC_OPENAPI_PATH, 'utf8')) as ReturnType<typeof validatorDocument>;
  const put = document.paths['/buckets']?.put;
  if (!put) throw new Error('quicksync-openapi.json has no PUT /buckets');
  document.paths['/buckets'] = {
    ...document.paths['/buckets'],
    put: {
      ...put,
      // Not required: the one part of an empty file has an empty body.
      requestBody: {
        required: false,
        content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
      },
    },
  };
  return document;
}

/** The server behind the contract validator, with one live session. */
export async function startQuickSyncTestServer(): Promise<QuickSyncTestServer> {
  const server = await startQuickSyncServer();
  try {
    const proxy = await startContractProxy({ document: validatorDocument(), upstream: server.url });
    const { token, sessionId } = server.addSession();
    return {
      apiBase: proxy.url,
      directApiBase: server.url,
      token,
      sessionId,
      server,
      violations: proxy.violations,
      async stop() {
        await Promise.all([proxy.close(), server.close()]);
      },
    };
  } catch (err) {
    await server.close();
    throw err;
  }
}
