/**
 * A contract-validating reverse proxy on 127.0.0.1: every request it receives and every
 * response its upstream returns go through Prism's validator (`@stoplight/prism-http`, the
 * engine of `prism proxy --errors`) against an OpenAPI document, and a violation is answered
 * the way `prism proxy --errors` answers it (problem+json):
 *   - no operation matches the method and path: Prism's 404 / 405, not forwarded;
 *   - the request breaks the document: 401 (security) or 422, not forwarded;
 *   - the upstream's response breaks it: 500 "Request/Response not valid".
 * Warnings pass with Prism's `sl-violations` header: a status the document does not list
 * (a 401 or 400 problem from the upstream) is one. Every violation is also kept in
 * `violations`, so a test can prove a whole run was clean.
 *
 * Why not the `prism proxy` CLI: it decodes every non-JSON request body as UTF-8 text (capped
 * at 10 MB) and forwards that text, which corrupts binary bodies such as upload parts. Here
 * bodies travel as the bytes received, both ways; only Prism's routing and validation are used.
 *
 * The document's server path is kept: for `servers: [{ url: "https://host/v1" }]` the proxy's
 * `url` is `http://127.0.0.1:<port>/v1`, paths outside it are refused (404), and the upstream is
 * called at `<upstream><path below /v1>`. A client that drops the base path fails here as it
 * would against the real service.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@stoplight/prism-core';
import {
  createInstance,
  getHttpOperationsFromSpec,
  NO_PATH_MATCHED_ERROR,
  ProblemJsonError,
  UNAUTHORIZED,
  UNPROCESSABLE_ENTITY,
  VIOLATIONS,
  type IHttpNameValue,
  type IHttpProxyConfig,
  type IHttpRequest,
  type IHttpResponse,
  type PrismHttpComponents,
} from '@stoplight/prism-http';
import { readBody } from './http-body';

type Diagnostic = Parameters<PrismHttpComponents['forward']>[0]['validations'][number];

/** @stoplight/types' DiagnosticSeverity, by its numeric value. */
const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
export type ViolationSeverity = (typeof SEVERITIES)[number];

export interface ContractViolation {
  method: string;
  /** The path below the API base, e.g. `/buckets/complete`. */
  path: string;
  side: 'request' | 'response';
  severity: ViolationSeverity;
  message: string;
  /** Where in the request or response, e.g. `['body', 'tags']`. */
  location: string[];
}

export interface ContractProxy {
  /** The API base clients use: `http://127.0.0.1:<port>` + the document's server path. */
  url: string;
  /** Every violation seen, in order; tests usually expect none with severity 'error'. */
  readonly violations: readonly ContractViolation[];
  close(): Promise<void>;
}

export interface ContractProxyOptions {
  /** The OpenAPI document (already parsed). */
  document: { servers?: { url: string }[] };
  /** Where valid requests go: the upstream's base URL, e.g. `http://127.0.0.1:4000/v1`. */
  upstream: string;
}

/** A connection-level failure of the upstream: the client's connection is cut the same way. */
class UpstreamConnectionError extends Error {}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

const severityOf = (d: Diagnostic): ViolationSeverity => SEVERITIES[d.severity] ?? 'error';

function flatHeaders(headers: IncomingHttpHeaders): IHttpNameValue {
  const flat: IHttpNameValue = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function forwardableHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  }
  return kept;
}

/** What Prism validates a body as: parsed JSON for JSON types, else text (as Prism's own server does). */
function bodyForValidation(contentType: string | undefined, raw: Buffer, status?: number): unknown {
  if (raw.length === 0 || status === 204) return undefined;
  if (JSON_TYPE.test(contentType ?? '')) {
    try {
      return JSON.parse(raw.toString('utf8')) as unknown;
    } catch {
      // Invalid JSON: validated as text, so the schema mismatch is reported.
    }
  }
  // latin1 is lossless; the bytes themselves travel untouched.
  return raw.toString('latin1');
}

/** The answer `prism proxy --errors` gives to a request that breaks the document. */
function requestViolationError(validations: Diagnostic[]): ProblemJsonError {
  const security = validations.find((v) => v.code === 401);
  if (security) {
    return ProblemJsonError.fromTemplate(
      UNAUTHORIZED,
      'Your request does not fulfil the security requirements and no HTTP unauthorized response was found in the spec, so Prism is generating this error for you.',
      security.tags?.length ? { headers: { 'WWW-Authenticate': security.tags.join(',') } } : undefined,
    );
  }
  return ProblemJsonError.fromTemplate(
    UNPROCESSABLE_ENTITY,
    'Your request is not valid and no HTTP validation response was found in the spec, so Prism is generating this error for you.',
    { validation: validations.map(describe) },
  );
}

function describe(d: Diagnostic): { location: string[]; severity: string; code?: string | number; message: string } {
  return {
    location: d.path ?? [],
    severity: severityOf(d),
    ...(d.code !== undefined && { code: d.code }),
    message: d.message,
  };
}

interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function callUpstream(url: URL, method: string, headers: IncomingHttpHeaders, body: Buffer): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method, headers: { ...forwardableHeaders(headers), 'content-length': String(body.length) } },
      (response) => {
        readBody(response).then(
          (bytes) => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: bytes }),
          (err: Error) => reject(new UpstreamConnectionError(err.message)),
        );
      },
    );
    request.on('error', (err) => reject(new UpstreamConnectionError(err.message)));
    request.end(body);
  });
}

function sendProblem(res: ServerResponse, error: Error): void {
  const problem = error instanceof ProblemJsonError ? error : undefined;
  const extraHeaders = (problem?.additional?.headers ?? {}) as Record<string, string>;
  const body = JSON.stringify(ProblemJsonError.toProblemJson(error));
  res.writeHead(problem?.status ?? 500, {
    ...extraHeaders,
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Starts the proxy on a random port of 127.0.0.1. */
export async function startContractProxy(options: ContractProxyOptions): Promise<ContractProxy> {
  const operations = await getHttpOperationsFromSpec(options.document);
  const serverUrl = options.document.servers?.[0]?.url;
  const basePath = serverUrl ? new URL(serverUrl).pathname.replace(/\/+$/, '') : '';
  const upstream = options.upstream.replace(/\/+$/, '');
  const logger = createLogger('contract-proxy', { enabled: false });
  const violations: ContractViolation[] = [];

  const config: IHttpProxyConfig = {
    isProxy: true,
    upstream: new URL(upstream),
    upstreamProxy: undefined,
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    errors: true,
    mock: { dynamic: false },
  };

  const record = (method: string, path: string, side: ContractViolation['side'], list: Diagnostic[]): void => {
    for (const d of list) {
      violations.push({ method, path, side, severity: severityOf(d), message: d.message, location: d.path ?? [] });
    }
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const target = new URL(req.url ?? '/', 'http://proxy.invalid');
    const raw = await readBody(req);
    if (target.pathname !== basePath && !target.pathname.startsWith(`${basePath}/`)) {
      violations.push({
        method,
        path: target.pathname,
        side: 'request',
        severity: 'error',
        message: `outside the API base path ${basePath}`,
        location: ['path'],
      });
      sendProblem(
        res,
        ProblemJsonError.fromTemplate(NO_PATH_MATCHED_ERROR, `${target.pathname} is outside ${basePath}`),
      );
      return;
    }
    const path = target.pathname.slice(basePath.length) || '/';
    // The body is buffered: validate it as the Content-Length body it now is.
    const { 'transfer-encoding': _chunked, ...headers } = flatHeaders(req.headers);
    headers['content-length'] = String(raw.length);
    const input: IHttpRequest = {
      method: method.toLowerCase() as IHttpRequest['method'],
      url: { path, query: Object.fromEntries(target.searchParams) },
      headers,
      body: bodyForValidation(req.headers['content-type'], raw),
    };

    // Filled in by forward, which Prism calls only for a request that matched an operation.
    const exchange: { reached: boolean; answer?: UpstreamAnswer } = { reached: false };
    const forward: PrismHttpComponents['forward'] =
      ({ validations }) =>
      () =>
      async () => {
        exchange.reached = true;
        if (validations.length > 0) {
          record(method, path, 'request', validations);
          return { _tag: 'Left', left: requestViolationError(validations) };
        }
        let answer: UpstreamAnswer;
        try {
          answer = await callUpstream(new URL(`${upstream}${path}${target.search}`), method, req.headers, raw);
        } catch (err) {
          return { _tag: 'Left', left: err as Error };
        }
        exchange.answer = answer;
        const output: IHttpResponse = {
          statusCode: answer.status,
          headers: flatHeaders(answer.headers),
          body: bodyForValidation(answer.headers['content-type'], answer.body, answer.status),
        };
        return { _tag: 'Right', right: output };
      };

    const result = await createInstance(config, { logger, forward }).request(input, operations)();
    if (result._tag === 'Left') {
      if (result.left instanceof UpstreamConnectionError) {
        res.socket?.destroy();
        return;
      }
      // Routing failures (no such path or method) never reach forward.
      if (!exchange.reached)
        violations.push({
          method,
          path,
          side: 'request',
          severity: 'error',
          message: result.left.message,
          location: [],
        });
      sendProblem(res, result.left);
      return;
    }
    const { output } = result.right.validations;
    record(method, path, 'response', output);
    const errors = output.filter((d) => severityOf(d) === 'error');
    const answer = exchange.answer;
    if (errors.length > 0 || !answer) {
      sendProblem(
        res,
        ProblemJsonError.fromTemplate(
          VIOLATIONS,
          'Your request/response is not valid and the --errors flag is set, so Prism is generating this error for you.',
          { validation: errors.map(describe) },
        ),
      );
      return;
    }
    const warnings = [...result.right.validations.input, ...output].map(describe);
    res.writeHead(answer.status, {
      ...forwardableHeaders(answer.headers),
      ...(warnings.length > 0 && { 'sl-violations': JSON.stringify(warnings) }),
      'content-length': answer.body.length,
    });
    res.end(answer.body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      // A client that went away needs no answer; a fault of the proxy itself is shown, not hidden.
      if (req.destroyed || res.headersSent) res.socket?.destroy();
      else sendProblem(res, err);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    violations,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
