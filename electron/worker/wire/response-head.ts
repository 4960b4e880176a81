/**
 * The head of an HTTP/1.1 response, read from raw socket bytes that may split it anywhere.
 * Only what a GET needs: status, headers, body framing and whether the socket may be reused.
 */
import { TransientError } from '../task-errors';

export interface ResponseHead {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** null when absent or not one plain number (then the body's end is unknown). */
  contentLength: number | null;
  /** Any Transfer-Encoding: the body is not delimited by Content-Length. */
  chunked: boolean;
  /** The server keeps the connection open after this response. */
  keepAlive: boolean;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD_BYTES = 64 * 1024;

const malformed = (): TransientError =>
  new TransientError('ServerError', 'The service sent a response that is not valid HTTP/1.1.');

/**
 * Collects head bytes across reads. Bytes are copied only while the head is incomplete, since
 * the caller's read buffer is reused by the next read.
 */
export class HeadReader {
  private held: Buffer | null = null;

  /** The head and the bytes after it (body) once the head is complete, else null. */
  push(bytes: Buffer): { head: ResponseHead; rest: Buffer } | null {
    const from = this.held ? Math.max(0, this.held.length - HEAD_END.length + 1) : 0;
    const all = this.held ? Buffer.concat([this.held, bytes]) : bytes;
    const end = all.indexOf(HEAD_END, from);
    if (end < 0) {
      if (all.length > MAX_HEAD_BYTES) throw malformed();
      this.held = all === bytes ? Buffer.from(bytes) : all;
      return null;
    }
    this.held = null;
    return { head: parseResponseHead(all.toString('latin1', 0, end)), rest: all.subarray(end + HEAD_END.length) };
  }
}

export function parseResponseHead(text: string): ResponseHead {
  const lines = text.split('\r\n');
  const status = /^HTTP\/1\.([01]) (\d{3})(?: |$)/.exec(lines[0] ?? '');
  if (!status) throw malformed();
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed();
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const length = headers['content-length'];
  const connection = (headers['connection'] ?? '').toLowerCase();
  return {
    status: Number(status[2]),
    headers,
    contentLength: length !== undefined && /^\d{1,15}$/.test(length) ? Number(length) : null,
    chunked: headers['transfer-encoding'] !== undefined,
    keepAlive: status[1] === '1' ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection),
  };
}
