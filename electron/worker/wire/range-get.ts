/**
 * One GET over a pooled raw socket: the signed request head written as is, the response head
 * parsed by hand, and body bytes copied from the socket's read buffer straight into a
 * RangeWriter. Any surprise in the answer destroys the socket rather than reusing it.
 */
import type { FileHandle } from 'node:fs/promises';
import { normalizeEtag } from '../md5';
import type { RateLimiter } from '../rate-limiter';
import type { Attempt } from '../retry';
import { ObjectChangedError, TransientError } from '../task-errors';
import { RangeWriter } from '../write-range';
import { HeadReader, type ResponseHead } from './response-head';
import { needsSdk, serviceError } from './service-error';
import type { SignedRequest } from './signed-request';
import { acquire, release, type Connection } from './socket-pool';

/** The answer needs the SDK (a redirect it follows): repeat this request through it. */
export class SdkNeededError extends Error {}

/** Error bodies are small XML; a longer one is not read (the socket is dropped instead). */
const MAX_ERROR_BODY = 64 * 1024;

export interface WireGet {
  signed: SignedRequest;
  fh: FileHandle;
  /** Object offset (= file position) and byte count asked for. */
  start: number;
  length: number;
  /** Sent with a Range header (206 expected), else a plain GET of the whole object (200). */
  ranged: boolean;
  /** The ETag the bytes must belong to ('' when unknown). */
  etag: string;
  attempt: Attempt;
  limiter: RateLimiter;
  onWritten(bytes: number): void;
}

/** A reused socket the server had closed before our request reached it. */
const STALE = Symbol('stale');

export async function wireGet(get: WireGet): Promise<void> {
  const head = requestHead(get.signed);
  for (;;) {
    const conn = await acquire(get.signed.url, get.attempt.signal);
    const outcome = await exchange(conn, head, get);
    if (outcome !== STALE) return;
  }
}

function requestHead({ url, headers }: SignedRequest): string {
  let text = `GET ${url.pathname}${url.search} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    // A value from the server (an ETag) must never break the head open.
    if (/[\r\n]/.test(value)) throw new SdkNeededError();
    text += `${name}: ${value}\r\n`;
  }
  return `${text}\r\n`;
}

function exchange(conn: Connection, requestText: string, get: WireGet): Promise<void | typeof STALE> {
  const { attempt, limiter } = get;
  const writer = new RangeWriter(get.fh, get.start, get.length, (n) => {
    attempt.touch();
    get.onWritten(n);
  });
  const reader = new HeadReader();
  let response: ResponseHead | null = null;
  let remaining = 0;
  let errorBody: Buffer[] | null = null;
  let seen = false;
  let settled = false;

  return new Promise((resolve, reject) => {
    /** Settles once no write is in flight: the batches are back and the file handle is idle. */
    const end = (outcome: { error: unknown } | { stale: true } | { reuse: boolean }): void => {
      if (settled) return;
      settled = true;
      attempt.signal.removeEventListener('abort', onAbort);
      if ('reuse' in outcome && outcome.reuse) release(conn);
      else {
        conn.attach(null);
        conn.socket.destroy();
      }
      if ('error' in outcome) void writer.close().then(() => reject(outcome.error));
      else if ('stale' in outcome) void writer.close().then(() => resolve(STALE));
      else
        writer
          .finish()
          .finally(() => writer.close())
          .then(() => resolve(), reject);
    };
    const fail = (error: unknown): void => end({ error });
    const succeed = (): void => end({ reuse: response!.keepAlive });
    const onAbort = (): void => fail(attempt.signal.reason);

    const onHead = (head: ResponseHead): void => {
      response = head;
      if (head.status < 200 || head.status >= 300) {
        if (head.contentLength === null || head.chunked || head.contentLength > MAX_ERROR_BODY) {
          throw answerError(head, '');
        }
        errorBody = [];
        remaining = head.contentLength;
        return;
      }
      checkSuccess(head, get);
      remaining = get.length;
    };
    /** Body bytes of a 2xx answer; false pauses the socket until they are taken. */
    const onBody = (bytes: Buffer): boolean => {
      remaining -= bytes.length;
      if (!limiter.limited()) {
        const taken = writer.push(bytes);
        if (taken === bytes.length) {
          if (remaining === 0) succeed();
          return true;
        }
        bytes = bytes.subarray(taken);
      }
      void takeLater(bytes, limiter.limited());
      return false;
    };
    const takeLater = async (bytes: Buffer, charge: boolean): Promise<void> => {
      try {
        if (charge) await limiter.consume(bytes.length, attempt.signal, attempt.touch);
        if (settled) return;
        for (let off = writer.push(bytes); off < bytes.length; off += writer.push(bytes.subarray(off))) {
          await writer.ready();
          if (settled) return;
        }
        if (remaining === 0) succeed();
        else if (!settled) conn.socket.resume();
      } catch (error) {
        fail(error);
      }
    };
    const onData = (bytes: Buffer): boolean => {
      seen = true;
      attempt.touch();
      if (!response) {
        const parsed = reader.push(bytes);
        if (!parsed) return true;
        onHead(parsed.head);
        bytes = parsed.rest;
      }
      if (bytes.length > remaining) throw new TransientError('ServerError', 'The service sent more bytes than asked.');
      if (errorBody) {
        errorBody.push(Buffer.from(bytes));
        remaining -= bytes.length;
        if (remaining === 0) throw answerError(response!, Buffer.concat(errorBody).toString('utf8'));
        return true;
      }
      if (bytes.length === 0) {
        if (remaining === 0) succeed();
        return true;
      }
      return onBody(bytes);
    };

    conn.attach({
      data: (bytes) => {
        if (settled) return false;
        try {
          return onData(bytes);
        } catch (error) {
          fail(error);
          return false;
        }
      },
      gone: (error) => {
        if (!seen && conn.reused) end({ stale: true });
        else if (error) fail(error);
        else {
          fail(
            new TransientError(
              'NetworkError',
              `The download ended early: ${writer.received} of ${get.length} bytes of a range arrived.`,
            ),
          );
        }
      },
    });
    if (attempt.signal.aborted) return onAbort();
    attempt.signal.addEventListener('abort', onAbort, { once: true });
    conn.socket.write(requestText);
  });
}

/** A 2xx answer must be exactly the bytes asked for, of the object asked for. */
function checkSuccess(head: ResponseHead, get: WireGet): void {
  const etag = head.headers['etag'];
  if (get.etag !== '' && etag !== undefined && normalizeEtag(etag) !== normalizeEtag(get.etag)) {
    throw new ObjectChangedError();
  }
  const range = `bytes ${get.start}-${get.start + get.length - 1}/`;
  const exact = get.ranged
    ? head.status === 206 && (head.headers['content-range'] ?? '').startsWith(range)
    : head.status === 200;
  if (!exact || head.chunked || head.contentLength !== get.length) {
    throw new TransientError('ServerError', 'The service did not return the requested byte range.');
  }
}

function answerError(head: ResponseHead, body: string): Error {
  if (head.status === 412) return new ObjectChangedError();
  if (needsSdk(head.status, head.headers)) return new SdkNeededError();
  return serviceError(head.status, head.headers, body);
}
