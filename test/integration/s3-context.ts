/**
 * How integration tests reach the S3 server that global-setup.ts started:
 *
 *   const s3 = s3OrSkip();                 // S3ServerInfo, or null when there is no server
 *   describe.skipIf(!s3)(s3Title('uploads'), () => { ... s3!.endpoint ... });
 *
 * Under CI there is always a server (global setup throws otherwise), so nothing is skipped.
 */
import { inject } from 'vitest';
import type { S3ServerInfo, S3Skipped } from '../servers/s3-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection info of the test S3 server, or why there is none. */
    s3: S3ServerInfo | S3Skipped;
  }
}

export type { S3ServerInfo, S3Skipped };

let reported = false;

/** Why there is no S3 server (null when there is one). */
export function s3SkipReason(): string | null {
  const s3 = inject('s3');
  if (!s3) return 'no S3 info was provided (is test/integration/global-setup.ts the globalSetup?)';
  return 'skipped' in s3 ? s3.skipped : null;
}

/** The server's connection info, or null (the reason is logged once per test worker). */
export function s3OrSkip(): S3ServerInfo | null {
  const reason = s3SkipReason();
  if (reason === null) return inject('s3') as S3ServerInfo;
  if (!reported) {
    reported = true;
    console.warn(`S3 integration tests skipped: ${reason}`);
  }
  return null;
}

/** A suite title that carries the skip reason when there is no server. */
export function s3Title(title: string): string {
  const reason = s3SkipReason();
  return reason === null ? title : `${title} (skipped: ${reason})`;
}
