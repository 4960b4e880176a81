/**
 * The lean PUT (PutObject, UploadPart): one signed `http.request` over a keep-alive agent of the
 * worker's own, no SDK middleware. Errors are the SDK's (service-error.ts) so the retry rules and
 * the job see the same failure whichever path sent the request.
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import type { WorkerCredentials } from '../../../shared/transfer-protocol';
import { tagEndpointHost } from '../../core/errors';
import { CONNECT_TIMEOUT_MS, MAX_SOCKETS, SOCKET_IDLE_TIMEOUT_MS } from '../../core/providers/s3/client';
import type { Attempt } from '../retry';
import type { UploadFields } from '../upload-options';
import { needsSdk, serviceError } from './service-error';
import { leaveToSdk, signRequest, type WireRequest } from './signed-request';

/** Enough for any S3 error document; more is not read. */
const MAX_ERROR_BODY = 64 * 1024;

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
};

export interface PutAnswer {
  etag: string | undefined;
  /** x-amz-server-side-encryption of the answer. */
  sse: string | undefined;
}

/**
 * Sends `body` (`length` bytes) as the PUT `request` describes. null when the SDK must send it
 * instead (an account or answer the lean path does not handle): nothing was stored then, and a
 * stream body may have been read, so the caller builds a fresh one.
 */
export async function leanPut(
  credentials: WorkerCredentials,
  request: Omit<WireRequest, 'method'>,
  body: Buffer | Readable,
  length: number,
  attempt: Attempt,
): Promise<PutAnswer | null> {
  const signed = await signRequest(credentials, {
    ...request,
    method: 'PUT',
    headers: { ...request.headers, 'content-length': String(length) },
  });
  if (signed === null) return null;
  try {
    const answer = await send(signed.url, signed.headers, body, attempt);
    if (answer === null) leaveToSdk(credentials, request.bucket);
    return answer;
  } catch (error) {
    tagEndpointHost(error, signed.url.host);
    throw error;
  }
}

/** Runs `use` with a body from `make`, and destroys a stream body afterwards whatever happened. */
export async function withBody<B extends Buffer | Readable, T>(
  make: () => B,
  use: (body: B) => Promise<T>,
): Promise<T> {
  const body = make();
  try {
    return await use(body);
  } finally {
    if (!Buffer.isBuffer(body)) body.destroy();
  }
}

/** The x-amz-… headers of an upload's fields (tags, ACL, encryption, storage class, metadata), as the SDK writes them. */
export function uploadHeaders(fields: UploadFields): Record<string, string> {
  const headers: Record<string, string> = {};
  if (fields.Tagging !== undefined) headers['x-amz-tagging'] = fields.Tagging;
  if (fields.ACL !== undefined) headers['x-amz-acl'] = fields.ACL;
  if (fields.ServerSideEncryption !== undefined) headers['x-amz-server-side-encryption'] = fields.ServerSideEncryption;
  if (fields.SSEKMSKeyId !== undefined) headers['x-amz-server-side-encryption-aws-kms-key-id'] = fields.SSEKMSKeyId;
  if (fields.StorageClass !== undefined) headers['x-amz-storage-class'] = fields.StorageClass;
  for (const [name, value] of Object.entries(fields.Metadata ?? {}))
    headers[`x-amz-meta-${name.toLowerCase()}`] = value;
  return headers;
}

function send(url: URL, headers: Record<string, string>, body: Buffer | Readable, attempt: Attempt) {
  return new Promise<PutAnswer | null>((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'PUT',
      headers,
      agent: agents[url.protocol as keyof typeof agents],
      signal: attempt.signal,
    });
    // The SDK's two timeouts, with its errors (retried and reported as timeouts).
    req.setTimeout(SOCKET_IDLE_TIMEOUT_MS, () =>
      req.destroy(timeoutError(`Connection timed out after ${SOCKET_IDLE_TIMEOUT_MS} ms`)),
    );
    req.once('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(
        () =>
          req.destroy(
            timeoutError(`Socket timed out without establishing a connection within ${CONNECT_TIMEOUT_MS} ms`),
          ),
        CONNECT_TIMEOUT_MS,
      );
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    req.on('error', reject);
    req.once('response', (res) => {
      attempt.touch();
      res.on('error', reject);
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        res.resume();
        res.once('end', () =>
          resolve({ etag: one(res.headers.etag), sse: one(res.headers['x-amz-server-side-encryption']) }),
        );
        return;
      }
      // An early answer may leave the body half sent: that socket cannot serve another request.
      const settle = (done: () => void) => {
        req.destroy();
        done();
      };
      if (needsSdk(status, res.headers)) {
        res.resume();
        res.once('end', () => settle(() => resolve(null)));
      } else {
        readText(res).then((text) => settle(() => reject(serviceError(status, res.headers, text))), reject);
      }
    });
    if (Buffer.isBuffer(body)) {
      req.end(body);
    } else {
      // A body that fails has aborted the attempt already (body-slices.ts); the request goes with it.
      body.once('error', (error) => req.destroy(error));
      body.pipe(req);
    }
  });
}

async function readText(res: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    if (size < MAX_ERROR_BODY) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

const timeoutError = (message: string): Error => Object.assign(new Error(message), { name: 'TimeoutError' });
