/**
 * Does a recorded request carry a valid AWS Signature V4 made with a given secret? The security
 * suite asks this of everything an attacker's listener received: a signature that verifies with
 * a stored secret is as good as the secret for a replay window. Header and query (presigned)
 * forms; S3's canonical URI (the path as sent, not encoded again).
 */
import { createHash, createHmac } from 'node:crypto';
import type { RecordedRequest } from '../servers/recording-server';

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it. */
const encode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

interface SignedParts {
  accessKeyId: string;
  scope: string[];
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  presigned: boolean;
}

function signedParts(req: RecordedRequest): SignedParts | null {
  const url = new URL(req.url, 'http://listener.invalid');
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('AWS4-HMAC-SHA256 ')) {
    const field = (name: string): string => new RegExp(`${name}=([^,\\s]+)`).exec(auth)?.[1] ?? '';
    const [accessKeyId = '', ...scope] = field('Credential').split('/');
    return {
      accessKeyId,
      scope,
      signedHeaders: field('SignedHeaders').split(';'),
      signature: field('Signature'),
      amzDate: String(req.headers['x-amz-date'] ?? ''),
      presigned: false,
    };
  }
  const credential = url.searchParams.get('X-Amz-Credential');
  if (credential === null) return null;
  const [accessKeyId = '', ...scope] = credential.split('/');
  return {
    accessKeyId,
    scope,
    signedHeaders: (url.searchParams.get('X-Amz-SignedHeaders') ?? '').split(';'),
    signature: url.searchParams.get('X-Amz-Signature') ?? '',
    amzDate: url.searchParams.get('X-Amz-Date') ?? '',
    presigned: true,
  };
}

/** The access key id a request claims to be signed by, or null when it carries no SigV4 signature. */
export function signingKeyId(req: RecordedRequest): string | null {
  return signedParts(req)?.accessKeyId ?? null;
}

/** True when the request's SigV4 signature verifies with `secret`. */
export function isSignedWith(req: RecordedRequest, secret: string): boolean {
  const parts = signedParts(req);
  return parts !== null && signatureFor(req, secret) === parts.signature;
}

/** The signature the request would carry if `secret` had signed it (its claimed scope and headers). */
function signatureFor(req: RecordedRequest, secret: string): string {
  const parts = signedParts(req);
  if (parts === null) return '';
  const url = new URL(req.url, 'http://listener.invalid');
  const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  const pairs = query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const [k = '', v = ''] = p.split('=');
      return [encode(decodeURIComponent(k)), encode(decodeURIComponent(v))] as const;
    })
    .filter(([k]) => !(parts.presigned && k === 'X-Amz-Signature'))
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const header = (name: string): string => {
    const v = req.headers[name];
    return (Array.isArray(v) ? v.join(',') : (v ?? '')).trim().replace(/\s+/g, ' ');
  };
  const payload = parts.presigned ? 'UNSIGNED-PAYLOAD' : header('x-amz-content-sha256') || sha256(req.body);
  const canonical = [
    req.method,
    url.pathname,
    pairs.map(([k, v]) => `${k}=${v}`).join('&'),
    parts.signedHeaders.map((h) => `${h}:${header(h)}\n`).join(''),
    parts.signedHeaders.join(';'),
    payload,
  ].join('\n');
  const [date = '', region = '', service = '', terminator = ''] = parts.scope;
  const toSign = ['AWS4-HMAC-SHA256', parts.amzDate, parts.scope.join('/'), sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), terminator);
  return createHmac('sha256', key).update(toSign).digest('hex');
}

/** Signs a request with SigV4 headers (for requests the SDK would not send, e.g. with a foreign Host). */
export function signRequest(
  req: { method: string; url: string; headers: Record<string, string>; body: Buffer },
  credentials: { accessKeyId: string; secretAccessKey: string; region: string },
): Record<string, string> {
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const headers: Record<string, string> = {
    ...req.headers,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': sha256(req.body),
  };
  const names = Object.keys(headers)
    .map((h) => h.toLowerCase())
    .sort();
  const scope = [amzDate.slice(0, 8), credentials.region, 's3', 'aws4_request'];
  const recorded: RecordedRequest = { method: req.method, url: req.url, headers, body: req.body };
  // The verifier's canonical form, reused: sign by finding the signature that verifies.
  const draft = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope.join('/')}, SignedHeaders=${names.join(';')}, Signature=`;
  const signature = signatureFor(
    { ...recorded, headers: { ...headers, authorization: draft } },
    credentials.secretAccessKey,
  );
  return { ...headers, authorization: draft + signature };
}
