/**
 * How global-setup.ts hands the S3 test server to the tests: one environment variable
 * holding JSON, inherited by the Playwright workers.
 */
import type { S3ServerInfo, S3Skipped } from '../servers/s3-server';

export const S3_ENV = 'QS_E2E_S3';

export function writeS3Env(info: S3ServerInfo | S3Skipped): void {
  process.env[S3_ENV] = JSON.stringify(info);
}

/** The server, or why there is none. */
export function readS3Env(): S3ServerInfo | S3Skipped {
  const raw = process.env[S3_ENV];
  if (raw === undefined)
    return { skipped: 'no S3 info: run through playwright.config.ts (its globalSetup starts the server)' };
  return JSON.parse(raw) as S3ServerInfo | S3Skipped;
}
