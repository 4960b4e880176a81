/**
 * Errors cross every boundary as data, never as thrown objects.
 * The code set is closed: the core maps SDK/HTTP/Node errors onto it in one place.
 */
export const ERROR_CODES = [
  'InvalidRequest', // the request failed schema validation
  'InvalidBucketName',
  'InvalidKey',
  'AccountNotFound',
  'SecretMissing',
  'SecretRequired', // the account's endpoint, addressing or key id changed: a stored secret is not sent there
  'SecretStorageUnavailable',
  'InvalidAccessKeyId', // unknown key id
  'SignatureDoesNotMatch', // wrong secret
  'WrongRegion',
  'AccessDenied',
  'SessionExpired', // QuickSync: the session token is no longer valid (HTTP 401)
  'NoSuchBucket',
  'NoSuchKey',
  'BucketNotEmpty',
  'BucketAlreadyExists',
  'BucketAlreadyOwnedByYou',
  'TooManyBuckets',
  'AlreadyExists',
  'NotSupported',
  'Throttled',
  'NetworkError', // host unreachable, refused, DNS
  'TlsError',
  'Timeout',
  'ServerError',
  'LocalIOError',
  'Cancelled',
  'Unknown',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  /** One sentence a person can act on. Never contains a secret. */
  message: string;
  /** Technical detail (service code, HTTP status, errno) for the "details" disclosure. */
  detail?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, detail?: string): Result<never> => ({
  ok: false,
  error: detail === undefined ? { code, message } : { code, message, detail },
});
