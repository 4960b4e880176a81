/**
 * The answer to `GET`/`HEAD /preview/<id>`, the same in both hosts (the browser host writes it
 * to its HTTP response, Electron's app:// handler to a Response): 200, 206 for one byte range,
 * 416 past the end, 412 when the object changed since the preview opened. Always nosniff,
 * sandboxed, never cached, and typed from the allow-list the link was made with.
 */
import type { Readable } from 'node:stream';
import type { ObjectSource, ObjectStream } from '../host-services';
import type { PreviewLinks } from './preview-links';

export interface PreviewRequest {
  method: string;
  /** The `Range` header, if any. */
  range: string | undefined;
}

export interface PreviewAnswer {
  status: number;
  headers: Record<string, string>;
  /** null for HEAD and for errors answered with `text`. */
  body: Readable | null;
  /** A short plain-text body for refusals. */
  text?: string;
}

/** What a preview answer carries whatever its status. */
export const PREVIEW_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "sandbox; default-src 'none'",
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

type ByteRange = { start: number; end: number };

/**
 * One `bytes=` range resolved against `size`: the range, 'unsatisfiable', or null to ignore the
 * header (malformed or several ranges: RFC 9110 lets a server answer 200 with the whole body).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

const refusal = (status: number, text: string, extra: Record<string, string> = {}): PreviewAnswer => ({
  status,
  headers: { ...PREVIEW_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  body: null,
  text,
});

const isPreconditionFailed = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode === 412;

export async function answerPreview(
  links: PreviewLinks,
  open: (source: ObjectSource) => Promise<ObjectStream>,
  id: string,
  request: PreviewRequest,
): Promise<PreviewAnswer> {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return refusal(405, 'Method not allowed', { Allow: 'GET, HEAD' });
  const target = links.use(id);
  if (target === null) return refusal(404, 'This preview link is unknown or has expired.');
  const { size } = target;
  const range = parseRange(request.range, size);
  if (range === 'unsatisfiable') return refusal(416, 'Range not satisfiable', { 'Content-Range': `bytes */${size}` });
  const length = range === null ? size : range.end - range.start + 1;
  const headers: Record<string, string> = {
    ...PREVIEW_HEADERS,
    'Content-Type': target.servedType,
    'Accept-Ranges': 'bytes',
    'Content-Length': String(length),
    ...(range !== null && { 'Content-Range': `bytes ${range.start}-${range.end}/${size}` }),
  };
  const status = range === null ? 200 : 206;
  if (request.method === 'HEAD' || length === 0) return { status, headers, body: null };
  let object: ObjectStream;
  try {
    object = await open({
      ...target.source,
      ...(range !== null && { range }),
      ...(target.etag !== null && { ifMatch: target.etag }),
    });
  } catch (error) {
    if (isPreconditionFailed(error)) return refusal(412, 'The object changed since the preview opened.');
    return refusal(502, 'The object could not be read from the storage service.');
  }
  return { status, headers, body: object.stream };
}
