/**
 * S3 clients inside a worker, one per set of credentials, built with the core's settings. The
 * engine owns retries (maxAttempts 1) and sends Content-MD5 itself, so the SDK's
 * `Expect: 100-continue` is dropped: with it the SDK opens a new, non-keep-alive connection
 * for every part (a TLS handshake per part on a real endpoint).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { WorkerCredentials } from '../../shared/transfer-protocol';
import { buildClient } from '../core/providers/s3/client';

const MAX_CLIENTS = 8;
const clients = new Map<string, S3Client>();

export function clientFor(credentials: WorkerCredentials): S3Client {
  const key = JSON.stringify([
    credentials.kind,
    credentials.endpoint,
    credentials.region,
    credentials.accessKeyId,
    credentials.secretAccessKey,
    credentials.checksumMode,
    credentials.pathStyle,
  ]);
  const cached = clients.get(key);
  if (cached) {
    // Most recently used last, so the oldest is dropped first.
    clients.delete(key);
    clients.set(key, cached);
    return cached;
  }
  const client = buildClient(credentials, { pathStyle: credentials.pathStyle, maxAttempts: 1 });
  client.middlewareStack.remove('addExpectContinueMiddleware');
  clients.set(key, client);
  if (clients.size > MAX_CLIENTS) {
    const [oldestKey, oldest] = clients.entries().next().value as [string, S3Client];
    clients.delete(oldestKey);
    oldest.destroy();
  }
  return client;
}
