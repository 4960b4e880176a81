/**
 * The sandbox's door. Its emulator (fauxqs) checks no credentials, so each request is checked
 * here before it: addressed to the sandbox's own loopback host and port (a DNS-rebound page
 * sends its own name), not from a browser page (no Origin header; the core never sends one), and
 * SigV4-signed with the sandbox's key, in the Authorization header or as a presigned URL. The
 * signature is made again with @smithy/signature-v4 over the method, path, query and the signed
 * headers (the payload hash as sent in x-amz-content-sha256) and compared in constant time.
 */
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest, QueryParameterBag, SourceData } from '@smithy/types';

export interface SandboxKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What the door sees of a request (Node's IncomingMessage has all of it). */
export interface DoorRequest {
  method: string;
  /** As sent: path and query, still percent-encoded. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A signed request's date may be this far from now (as S3 allows). */
const MAX_SKEW_MS = 15 * 60_000;
const MAX_PRESIGNED_SECONDS = 7 * 24 * 3600;
const ALGORITHM = 'AWS4-HMAC-SHA256';
const CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** The query parameters a presigned URL's signature covers by construction (the signer adds them back). */
const PRESIGN_PARAMS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
];
const PAYLOAD_HASH = 'x-amz-content-sha256';

/** SHA-256 and HMAC-SHA-256 in the shape the signer takes (as @smithy/hash-node does it). */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
}

function bytes(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

const header = (request: DoorRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/**
 * Why the request is refused, or null when it may pass. `ownHosts`: the Host values the sandbox
 * answers to (e.g. `127.0.0.1:PORT`, `localhost:PORT`).
 */
export async function sandboxRefusal(
  request: DoorRequest,
  ownHosts: readonly string[],
  key: SandboxKey,
  now = Date.now(),
): Promise<string | null> {
  const host = header(request, 'host')?.toLowerCase();
  if (host === undefined || !ownHosts.includes(host)) {
    return `The local sandbox answers only requests addressed to ${ownHosts.join(' or ')}.`;
  }
  if (header(request, 'origin') !== undefined) return 'The local sandbox does not answer requests from web pages.';
  const target = parseTarget(request.url);
  if (target === null) return 'The request URL is malformed.';
  const authorization = header(request, 'authorization');
  const signed =
    authorization !== undefined
      ? await headerSignatureValid(request, target, authorization, key, now)
      : typeof target.query['X-Amz-Signature'] === 'string'
        ? await presignedSignatureValid(request, target, key, now)
        : false;
  return signed ? null : 'The request is not signed with the local sandbox’s key.';
}

interface Target {
  path: string;
  query: QueryParameterBag;
}

function parseTarget(url: string): Target | null {
  const cut = url.indexOf('?');
  const path = cut < 0 ? url : url.slice(0, cut);
  const query: QueryParameterBag = {};
  if (!path.startsWith('/')) return null;
  try {
    for (const pair of cut < 0 ? [] : url.slice(cut + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const name = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
      const known = query[name];
      query[name] = known === undefined || known === null ? value : [...[known].flat(), value];
    }
  } catch {
    return null;
  }
  return { path, query };
}

/** The signing date of an x-amz-date value, when it is one and the credential's day. */
function signingDate(amzDate: string | undefined, day: string): Date | null {
  const m = AMZ_DATE.exec(amzDate ?? '');
  if (!m || amzDate?.slice(0, 8) !== day) return null;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(date.getTime()) ? null : date;
}

interface Scope {
  day: string;
  region: string;
  service: string;
}

function scopeOf(credential: string, key: SandboxKey): Scope | null {
  const m = CREDENTIAL.exec(credential);
  if (!m || m[1] !== key.accessKeyId) return null;
  return { day: m[2]!, region: m[3]!, service: m[4]! };
}

function signer(key: SandboxKey, scope: Scope): SignatureV4 {
  // S3 signs the path as sent (no second encoding).
  return new SignatureV4({
    credentials: key,
    region: scope.region,
    service: scope.service,
    sha256: NodeSha256,
    uriEscapePath: false,
  });
}

type Signable = HttpRequest & { query: QueryParameterBag };

/** The request as the signer takes it: only the signed headers (all of them present). */
function toSign(request: DoorRequest, target: Target, signedHeaders: string[]): Signable | null {
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = header(request, name);
    if (value === undefined) return null;
    headers[name] = value;
  }
  const host = header(request, 'host') ?? '';
  return {
    method: request.method,
    protocol: 'http:',
    hostname: host.replace(/:\d+$/, ''),
    path: target.path,
    query: { ...target.query },
    headers,
  };
}

const sameText = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

async function headerSignatureValid(
  request: DoorRequest,
  target: Target,
  authorization: string,
  key: SandboxKey,
  now: number,
): Promise<boolean> {
  const m = AUTHORIZATION.exec(authorization);
  if (!m) return false;
  const [, credential = '', signedList = '', signature = ''] = m;
  const scope = scopeOf(credential, key);
  const signedHeaders = signedList.split(';');
  const date = scope && signingDate(header(request, 'x-amz-date'), scope.day);
  // The payload hash must be among what was signed: it stands for the body.
  if (!scope || !date || Math.abs(now - date.getTime()) > MAX_SKEW_MS) return false;
  if (!signedHeaders.includes('host') || !signedHeaders.includes(PAYLOAD_HASH)) return false;
  const unsigned = toSign(request, target, signedHeaders);
  if (!unsigned) return false;
  const signed = await signer(key, scope).sign(unsigned, {
    signingDate: date,
    signableHeaders: new Set(signedHeaders),
  });
  const expected = AUTHORIZATION.exec(String(signed.headers.authorization ?? ''));
  return expected !== null && expected[2] === signedList && sameText(expected[3] ?? '', signature);
}

async function presignedSignatureValid(
  request: DoorRequest,
  target: Target,
  key: SandboxKey,
  now: number,
): Promise<boolean> {
  const param = (name: string): string => {
    const value = target.query[name];
    return typeof value === 'string' ? value : '';
  };
  const scope = scopeOf(param('X-Amz-Credential'), key);
  const date = scope && signingDate(param('X-Amz-Date'), scope.day);
  const expires = Number(param('X-Amz-Expires'));
  if (param('X-Amz-Algorithm') !== ALGORITHM || !scope || !date) return false;
  if (!Number.isSafeInteger(expires) || expires < 1 || expires > MAX_PRESIGNED_SECONDS) return false;
  if (now < date.getTime() - MAX_SKEW_MS || now > date.getTime() + expires * 1000) return false;
  const signedList = param('X-Amz-SignedHeaders');
  const signedHeaders = signedList.split(';');
  if (!signedHeaders.includes('host')) return false;
  const unsigned = toSign(request, target, signedHeaders);
  if (!unsigned) return false;
  for (const name of PRESIGN_PARAMS) delete unsigned.query[name];
  // The payload hash: a query parameter of the URL (the signer hoists it back), a signed header,
  // or by default UNSIGNED-PAYLOAD (what S3 assumes for presigned URLs).
  const unhoistable = new Set(signedHeaders);
  const unsignable = new Set<string>();
  const hashParam = Object.keys(unsigned.query).find((name) => name.toLowerCase() === PAYLOAD_HASH);
  if (hashParam !== undefined) {
    unsigned.headers[hashParam] = String(unsigned.query[hashParam]);
    delete unsigned.query[hashParam];
  } else if (!signedHeaders.includes(PAYLOAD_HASH)) {
    unsigned.headers[PAYLOAD_HASH] = 'UNSIGNED-PAYLOAD';
    unhoistable.add(PAYLOAD_HASH);
    unsignable.add(PAYLOAD_HASH);
  }
  const presigned = await signer(key, scope).presign(unsigned, {
    signingDate: date,
    expiresIn: expires,
    signableHeaders: new Set(signedHeaders),
    unhoistableHeaders: unhoistable,
    unsignableHeaders: unsignable,
  });
  const expected = presigned.query?.['X-Amz-Signature'];
  return (
    presigned.query?.['X-Amz-SignedHeaders'] === signedList &&
    typeof expected === 'string' &&
    sameText(expected, param('X-Amz-Signature'))
  );
}
