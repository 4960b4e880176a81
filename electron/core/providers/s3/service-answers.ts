/**
 * Reading what a service answered. S3 says "nothing is configured" with an error (404
 * NoSuchTagSet, ObjectLockConfigurationNotFoundError, ...): those read as empty values, never
 * as failures and never as NotSupported. Only 501 / NotImplemented / 405 mean "not supported".
 */
import { CoreError } from '../../errors';

export interface ServiceAnswer {
  code: string;
  status: number;
  message: string;
}

/** The service's error code, HTTP status and message; null when the error is not a service answer. */
export function serviceAnswer(error: unknown): ServiceAnswer | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { Code?: unknown; name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const status = e.$metadata?.httpStatusCode;
  if (typeof status !== 'number') return null;
  const code = typeof e.Code === 'string' ? e.Code : typeof e.name === 'string' ? e.name : '';
  return { code, status, message: typeof e.message === 'string' ? e.message : '' };
}

/** A predicate for answers with one of these codes. */
export const withCode =
  (...codes: string[]) =>
  (answer: ServiceAnswer): boolean =>
    codes.includes(answer.code);

/** The work's value, or `fallback` when the service answered that there is nothing (per `absent`). */
export async function orIfAbsent<T>(
  work: Promise<T>,
  absent: (answer: ServiceAnswer) => boolean,
  fallback: T,
): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const answer = serviceAnswer(error);
    if (answer !== null && absent(answer)) return fallback;
    throw error;
  }
}

/**
 * Some services ignore a sub-resource they do not know and answer as if it were absent: radosgw 16
 * answers GET ?encryption with the bucket listing (200), and treats DELETE ?encryption as
 * DeleteBucket. An answer without the element every real configuration has means exactly that.
 */
export function ignoredSubresource(what: string): CoreError {
  return new CoreError('NotSupported', `This service does not support ${what} (it answered a different request).`);
}
