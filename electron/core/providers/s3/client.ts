/**
 * Builds and caches S3 clients per account. QStorage specifics (spec/NOTES.md): checksums only
 * "when required" (no aws-chunked bodies), virtual-hosted addressing by default with path
 * style for dotted bucket names, a Content-MD5 on DeleteObjects for services that demand it.
 * The SDK's logger and the HTTP handler's warnings are silenced: nothing here may log.
 */
import { createHash } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { QSTORAGE_DEFAULTS } from '../../../../shared/models';
import { usesPathStyle } from '../../../../shared/public-url';
import type { AccountRecord } from '../../account-store';
import { tagEndpointHost } from '../../errors';

export interface ClientSettings {
  kind: AccountRecord['kind'];
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  addressingStyle: AccountRecord['addressingStyle'];
  checksumMode: AccountRecord['checksumMode'];
}

export interface ClientOptions {
  pathStyle: boolean;
  /** 3 for browsing; 1 for a connection test, which should report the first failure fast. */
  maxAttempts?: number;
}

export const CONNECT_TIMEOUT_MS = 10_000;
/** Idle time on an open socket (not the whole transfer) before giving up. */
export const SOCKET_IDLE_TIMEOUT_MS = 60_000;
export const MAX_SOCKETS = 64;

const silent = { debug() {}, info() {}, warn() {}, error() {}, trace() {} };

export { usesPathStyle };

export function clientConfig(settings: ClientSettings, options: ClientOptions): S3ClientConfig {
  const checksums = settings.checksumMode === 'when_supported' ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED';
  return {
    endpoint: settings.endpoint.trim().replace(/\/+$/, ''),
    // The SDK needs a region to sign. QStorage has one; elsewhere us-east-1 is the usual default.
    region: settings.region.trim() || (settings.kind === 'qstorage' ? QSTORAGE_DEFAULTS.region : 'us-east-1'),
    forcePathStyle: options.pathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    requestChecksumCalculation: checksums,
    responseChecksumValidation: checksums,
    maxAttempts: options.maxAttempts ?? 3,
    // AWS buckets may live in other regions than the account's: let the SDK follow the redirect.
    followRegionRedirects: settings.kind === 's3',
    logger: silent,
    requestHandler: {
      connectionTimeout: CONNECT_TIMEOUT_MS,
      socketTimeout: SOCKET_IDLE_TIMEOUT_MS,
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
      logger: silent,
    },
  };
}

/** A client with the core's middleware; the caller owns it (destroy() when done). */
export function buildClient(settings: ClientSettings, options: ClientOptions): S3Client {
  const client = new S3Client(clientConfig(settings, options));
  const host = hostOf(settings.endpoint);
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        tagEndpointHost(error, host);
        throw error;
      }
    },
    { step: 'initialize', name: 'qstorageTagEndpointHost' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'DeleteObjectsCommand') addContentMd5(args.request);
      return next(args);
    },
    { step: 'build', name: 'qstorageDeleteObjectsContentMd5' },
  );
  return client;
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/**
 * Many S3-compatible services still require Content-MD5 on DeleteObjects, which the SDK no
 * longer sends (aws-sdk-js-v3 issue 6810). AWS accepts it alongside the SDK's CRC32.
 */
function addContentMd5(request: unknown): void {
  const req = request as { headers?: Record<string, string>; body?: unknown } | undefined;
  if (!req?.headers || req.headers['content-md5'] !== undefined) return;
  const body = req.body;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    req.headers['content-md5'] = createHash('md5').update(body).digest('base64');
  }
}

/**
 * Clients per account and addressing style, built on first use (that is when the secret is
 * decrypted) and dropped when the account changes or goes.
 */
export interface ClientPool {
  get(account: AccountRecord, bucket?: string): Promise<S3Client>;
  invalidate(accountId: string): void;
  dispose(): void;
}

/** `readSecret` gets the account the client is built for: the secret is checked against exactly that binding. */
export function createClientPool(readSecret: (account: AccountRecord) => Promise<string>): ClientPool {
  const clients = new Map<string, Promise<S3Client>>();
  const keyOf = (id: string, pathStyle: boolean): string => `${id}\n${pathStyle ? 'path' : 'virtual'}`;
  const drop = (key: string): void => {
    const entry = clients.get(key);
    clients.delete(key);
    void entry?.then(
      (c) => c.destroy(),
      () => {},
    );
  };
  return {
    get(account, bucket) {
      const pathStyle = usesPathStyle(account.addressingStyle, bucket);
      const key = keyOf(account.id, pathStyle);
      let entry = clients.get(key);
      if (!entry) {
        entry = readSecret(account).then((secretAccessKey) =>
          buildClient({ ...account, secretAccessKey }, { pathStyle }),
        );
        clients.set(key, entry);
        // A failed build (no secret yet) must not stick.
        entry.catch(() => clients.get(key) === entry && clients.delete(key));
      }
      return entry;
    },
    invalidate(accountId) {
      drop(keyOf(accountId, true));
      drop(keyOf(accountId, false));
    },
    dispose() {
      for (const key of [...clients.keys()]) drop(key);
    },
  };
}
