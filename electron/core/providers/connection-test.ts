/**
 * "Test connection" for any kind of account, saved or not: one request with no retries, so the
 * first failure is the one reported (S3: wrong secret, unknown key, region, unreachable, TLS;
 * QuickSync: an expired session token).
 */
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import type { ConnectionTestResult } from '../../../shared/models';
import type { AccountInput } from '../../../shared/schemas';
import { listFiles, sessionOf } from './quicksync/api';
import { buildClient, type ClientSettings } from './s3/client';

export async function testConnection(settings: ClientSettings | AccountInput): Promise<ConnectionTestResult> {
  const started = performance.now();
  const latencyMs = (): number => Math.round(performance.now() - started);
  if (settings.kind === 'quicksync') {
    // The token is valid when the file list answers; a session has exactly one list.
    await listFiles(sessionOf(settings));
    return { bucketCount: 1, latencyMs: latencyMs() };
  }
  const client = buildClient(settings, { pathStyle: settings.addressingStyle === 'path', maxAttempts: 1 });
  try {
    const out = await client.send(new ListBucketsCommand({ MaxBuckets: 1000 }));
    return { bucketCount: out.Buckets?.length ?? 0, latencyMs: latencyMs() };
  } finally {
    client.destroy();
  }
}
