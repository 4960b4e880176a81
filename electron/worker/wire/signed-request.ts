/**
 * SigV4-signed requests for the lean wire path: the URL and headers the SDK would send for the
 * same object request, without the SDK's per-request middleware (about 2 ms of CPU per PUT).
 * The endpoint comes from the SDK's own endpoint rules, resolved once per client and bucket, so
 * addressing (virtual-hosted, path style, dotted names, endpoint base paths) never diverges.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getEndpointFromInstructions } from '@smithy/core/endpoints';
import { extendedEncodeURIComponent } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import type { WorkerCredentials } from '../../../shared/transfer-protocol';
import { clientFor } from '../clients';

export interface WireRequest {
  method: 'GET' | 'PUT' | 'HEAD';
  bucket: string;
  key: string;
  /** Query parameters (e.g. partNumber, uploadId); signed. */
  query?: Record<string, string>;
  /** Extra headers to send and sign (lower-case names), e.g. content-md5, content-type, range, if-match. */
  headers?: Record<string, string>;
}

export interface SignedRequest {
  /** Protocol, host, port, escaped path and query, as the SDK would address them. */
  url: URL;
  /** Everything to send: host, x-amz-date, x-amz-content-sha256, authorization and the request's own. */
  headers: Record<string, string>;
}

/** Where a bucket's objects live and how to sign for them; null when only the SDK may talk to it. */
interface Target {
  origin: string;
  host: string;
  /** Path before the key, without a trailing '/': '' (virtual-hosted) or '/bucket' (path style). */
  basePath: string;
  signer: SignatureV4;
}

const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const MAX_BUCKETS_PER_CLIENT = 64;
/** Per SDK client (so per credentials): cached with the client, dropped with it. */
const targets = new WeakMap<S3Client, Map<string, Promise<Target | null>>>();

/** null when this account/bucket must use the SDK (e.g. checksumMode 'when_supported', anything we do not reproduce exactly). */
export async function signRequest(credentials: WorkerCredentials, request: WireRequest): Promise<SignedRequest | null> {
  // The SDK would add CRC checksums (and aws-chunked bodies) that the lean path does not.
  if (credentials.checksumMode === 'when_supported') return null;
  const target = await targetFor(clientFor(credentials), request.bucket);
  if (target === null) return null;
  const path = `${target.basePath}/${request.key.split('/').map(extendedEncodeURIComponent).join('/')}`;
  const query = request.query ?? {};
  const search = Object.entries(query)
    .map(([name, value]) => `${escapeUri(name)}=${escapeUri(value)}`)
    .join('&');
  const url = new URL(`${target.origin}${path}${search === '' ? '' : `?${search}`}`);
  // A URL drops '.' and '..' segments (keys like 'a/../b'); the SDK sends them as they are.
  if (url.pathname !== path) return null;
  const headers: Record<string, string> = {
    ...request.headers,
    host: target.host,
    'x-amz-content-sha256': UNSIGNED_PAYLOAD,
  };
  const signed = await target.signer.sign({
    method: request.method,
    protocol: '',
    hostname: '',
    path,
    query,
    headers,
  });
  return { url, headers: signed.headers };
}

/** The bucket answered with a redirect: from now on its requests go through the SDK, which follows it. */
export function leaveToSdk(credentials: WorkerCredentials, bucket: string): void {
  bucketsOf(clientFor(credentials)).set(bucket, Promise.resolve(null));
}

function bucketsOf(client: S3Client): Map<string, Promise<Target | null>> {
  let perBucket = targets.get(client);
  if (!perBucket) targets.set(client, (perBucket = new Map()));
  return perBucket;
}

function targetFor(client: S3Client, bucket: string): Promise<Target | null> {
  const perBucket = bucketsOf(client);
  let target = perBucket.get(bucket);
  if (!target) {
    if (perBucket.size >= MAX_BUCKETS_PER_CLIENT) perBucket.clear();
    target = resolveTarget(client, bucket).catch(() => null);
    perBucket.set(bucket, target);
  }
  return target;
}

interface AuthScheme {
  name?: string;
  signingName?: string;
  signingRegion?: string;
  disableDoubleEncoding?: boolean;
}

async function resolveTarget(client: S3Client, bucket: string): Promise<Target | null> {
  // The SDK refuses these itself (validateBucketName); let it.
  if (bucket === '' || bucket.includes('/')) return null;
  const endpoint = await getEndpointFromInstructions({ Bucket: bucket }, PutObjectCommand, client.config);
  const url = endpoint.url;
  const scheme = (endpoint.properties?.authSchemes as AuthScheme[] | undefined)?.[0];
  const plain =
    scheme?.name === 'sigv4' &&
    scheme.signingName === 's3' &&
    scheme.disableDoubleEncoding === true &&
    Object.keys(endpoint.headers ?? {}).length === 0 &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '';
  if (!plain) return null;
  const credentials = await client.config.credentials();
  // Session tokens are never given to workers; a token would be one more header to sign.
  if (credentials.sessionToken) return null;
  return {
    origin: url.origin,
    host: url.host,
    basePath: url.pathname === '/' ? '' : url.pathname,
    signer: new SignatureV4({
      service: 's3',
      region: scheme.signingRegion ?? (await client.config.region()),
      credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
      sha256: NodeSha256,
      uriEscapePath: false,
      applyChecksum: false,
    }),
  };
}

/** RFC 3986 escaping as the SDK's query builder does it. */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The signer's hash interface over Node's crypto (sha256, or HMAC-sha256 with a secret). */
class NodeSha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    if (secret === undefined) this.hash = createHash('sha256');
    else if (typeof secret === 'string') this.hash = createHmac('sha256', secret);
    else if (ArrayBuffer.isView(secret))
      this.hash = createHmac('sha256', new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength));
    else this.hash = createHmac('sha256', new Uint8Array(secret));
  }

  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
}
