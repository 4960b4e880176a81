/**
 * How tests and benchmarks reach the S3 test server: a plain SDK client (path style, flexible
 * checksums only when required, as radosgw 16 needs) and the same server as an app account.
 */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { AccountInput } from '../../shared/schemas';

export interface S3Target {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** An SDK client for the server; `overrides` for other credentials, retries or sockets. */
export function testSdkClient(target: S3Target, overrides: Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({
    endpoint: target.endpoint,
    region: target.region,
    credentials: { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey },
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...overrides,
  });
}

/** The server as an S3-compatible account with path-style addressing. */
export function testAccountInput(target: S3Target, name: string): AccountInput {
  return {
    kind: 's3',
    name,
    endpoint: target.endpoint,
    region: target.region,
    accessKeyId: target.accessKeyId,
    secretAccessKey: target.secretAccessKey,
    addressingStyle: 'path',
    checksumMode: 'when_required',
  };
}
