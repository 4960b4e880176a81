/** The response-head reader of the wire GET: heads and bodies split anywhere across reads. */
import { describe, expect, it } from 'vitest';
import { HeadReader, parseResponseHead } from '../../electron/worker/wire/response-head';
import { TransientError } from '../../electron/worker/task-errors';

const HEAD =
  'HTTP/1.1 206 Partial Content\r\n' +
  'Content-Length: 10\r\n' +
  'Content-Range: bytes 5-14/100\r\n' +
  'ETag: "abc"\r\n' +
  'x-amz-meta-a: 1\r\n' +
  'X-Amz-Meta-A: 2\r\n\r\n';
const BODY = '0123456789';

/** Feeds `parts` one read at a time (each through one reused buffer, as the socket does). */
function feed(parts: Buffer[]): { head: ReturnType<typeof parseResponseHead>; rest: string; reads: number } {
  const reader = new HeadReader();
  const reused = Buffer.alloc(256);
  for (let i = 0; i < parts.length; i++) {
    const n = parts[i]!.copy(reused);
    const out = reader.push(reused.subarray(0, n));
    if (out) {
      const rest = Buffer.concat([Buffer.from(out.rest), ...parts.slice(i + 1)]).toString('latin1');
      reused.fill(0); // what a later read does to the buffer must not matter
      return { head: out.head, rest, reads: i + 1 };
    }
  }
  throw new Error('head never completed');
}

describe('wire GET: response head', () => {
  it('reads the same head and body wherever the bytes are split (one and two cuts)', () => {
    const all = Buffer.from(HEAD + BODY, 'latin1');
    const whole = feed([all]);
    expect(whole.head).toEqual({
      status: 206,
      headers: {
        'content-length': '10',
        'content-range': 'bytes 5-14/100',
        etag: '"abc"',
        'x-amz-meta-a': '1, 2',
      },
      contentLength: 10,
      chunked: false,
      keepAlive: true,
    });
    expect(whole.rest).toBe(BODY);
    for (let a = 1; a < all.length; a++) {
      expect(feed([all.subarray(0, a), all.subarray(a)]), `cut at ${a}`).toMatchObject({
        head: whole.head,
        rest: BODY,
      });
      for (let b = a + 1; b < all.length; b += 7) {
        const out = feed([all.subarray(0, a), all.subarray(a, b), all.subarray(b)]);
        expect([out.head, out.rest], `cuts at ${a}, ${b}`).toEqual([whole.head, BODY]);
      }
    }
  });

  it('says when the body is not length-delimited or the socket cannot be reused', () => {
    expect(parseResponseHead('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked')).toMatchObject({
      chunked: true,
      contentLength: null,
    });
    expect(parseResponseHead('HTTP/1.1 200 OK\r\nContent-Length: 1, 2').contentLength).toBeNull();
    expect(parseResponseHead('HTTP/1.1 200 OK\r\nContent-Length: -1').contentLength).toBeNull();
    expect(parseResponseHead('HTTP/1.1 200 OK\r\nConnection: close').keepAlive).toBe(false);
    expect(parseResponseHead('HTTP/1.0 200 OK\r\nContent-Length: 0').keepAlive).toBe(false);
    expect(parseResponseHead('HTTP/1.0 200 OK\r\nConnection: Keep-Alive').keepAlive).toBe(true);
    expect(parseResponseHead('HTTP/1.1 503 Slow Down').status).toBe(503);
  });

  it('refuses what is not HTTP/1.1, and a head that never ends', () => {
    expect(() => parseResponseHead('HTTP/2 200')).toThrow(TransientError);
    expect(() => parseResponseHead('ICY 200 OK')).toThrow(TransientError);
    expect(() => parseResponseHead('HTTP/1.1 200 OK\r\nno colon here')).toThrow(TransientError);
    const reader = new HeadReader();
    const junk = Buffer.alloc(16 * 1024, 'a');
    expect(() => {
      for (let i = 0; i < 8; i++) reader.push(junk);
    }).toThrow(/not valid HTTP/);
  });
});
