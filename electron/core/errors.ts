/**
 * The one place where SDK, HTTP and Node errors become an AppError with a closed code and a
 * sentence a person can act on. Only safe fields are read: SDK error objects can carry the
 * raw response, and nothing from a request (headers, credentials) may reach the message.
 */
import type { AppError, ErrorCode } from '../../shared/errors';

/** An error the core raises on purpose: its code and message pass through unchanged. */
export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
    this.detail = detail;
  }
}

/** Set on an error by the S3 client so network messages can name the endpoint's host. */
export const ENDPOINT_HOST = Symbol('qstorage.endpointHost');

/** Remembers which endpoint host an error came from (network errors often do not say). */
export function tagEndpointHost(error: unknown, host: string): void {
  if (typeof error === 'object' && error !== null && !(ENDPOINT_HOST in error)) {
    Object.defineProperty(error, ENDPOINT_HOST, { value: host, enumerable: false });
  }
}

type Fields = Record<string | symbol, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const clip = (s: string, max = 300): string => (s.length > max ? `${s.slice(0, max)}…` : s);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
  'EADDRNOTAVAIL',
  'ENETDOWN',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ECONNTIMEDOUT',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const LOCAL_IO_CODES = new Set([
  'EACCES',
  'EPERM',
  'ENOSPC',
  'EROFS',
  'EISDIR',
  'ENOTDIR',
  'ENOENT',
  'EEXIST',
  'EMFILE',
  'ENFILE',
  'ENAMETOOLONG',
  'EBUSY',
  'EXDEV',
  'EDQUOT',
  'EIO',
  'EINVAL',
]);
const TLS_MESSAGE = /self[- ]signed certificate|certificate|SSL routines|wrong version number|ssl3_|tlsv1/i;

export function toAppError(error: unknown): AppError {
  if (error instanceof CoreError) return make(error.code, error.message, error.detail);
  if (typeof error !== 'object' || error === null)
    return make('Unknown', 'An unexpected error occurred.', clip(String(error)));
  const e = error as Fields;
  if (e.name === 'ZodError' && Array.isArray(e.issues)) return zodError(e.issues);
  if (e.name === 'AbortError') return make('Cancelled', 'The operation was cancelled.');

  const host = str(e[ENDPOINT_HOST]);
  const status = num((e.$metadata as Fields | undefined)?.httpStatusCode);
  const code = str(e.code) ?? str((e.cause as Fields | undefined)?.code);
  if (status !== undefined) return serviceError(e, status);
  if (code !== undefined || e.name === 'TimeoutError') return nodeError(e, code ?? 'TimeoutError', host);
  if (/Deserialization error/i.test(str(e.message) ?? '')) {
    return make('ServerError', 'The endpoint did not answer like an S3 service: check the endpoint URL.');
  }
  return make('Unknown', 'An unexpected error occurred.', clip(`${str(e.name) ?? 'Error'}: ${str(e.message) ?? ''}`));
}

function make(code: ErrorCode, message: string, detail?: string): AppError {
  return detail === undefined || detail === '' ? { code, message } : { code, message, detail };
}

function zodError(issues: unknown[]): AppError {
  const first = issues[0] as { message?: unknown; path?: unknown } | undefined;
  const path = Array.isArray(first?.path) && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
  return make('InvalidRequest', `${str(first?.message) ?? 'Invalid request'}${path}`);
}

/** The service answered with an HTTP status (SDK ServiceException or an unparsed HTTP error). */
function serviceError(e: Fields, status: number): AppError {
  const meta = e.$metadata as Fields;
  const serviceCode = str(e.Code) ?? str(e.name) ?? 'Unknown';
  const detail = [
    `service code ${serviceCode}`,
    `HTTP ${status}`,
    str(meta.requestId) && `request id ${str(meta.requestId)}`,
    str(meta.extendedRequestId) && `host id ${str(meta.extendedRequestId)}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const m = (code: ErrorCode, message: string): AppError => make(code, message, detail);

  switch (serviceCode) {
    case 'SignatureDoesNotMatch':
      return m('SignatureDoesNotMatch', 'The secret key is wrong for this access key.');
    case 'InvalidAccessKeyId':
      return m('InvalidAccessKeyId', 'This access key ID is not known to the service.');
    case 'AuthorizationHeaderMalformed':
    case 'AuthorizationQueryParametersError':
    case 'PermanentRedirect':
    case 'IllegalLocationConstraintException':
    case 'InvalidLocationConstraint':
    case 'InvalidRegion':
      return m('WrongRegion', wrongRegionMessage(e));
    case 'RequestTimeTooSkewed':
      return m(
        'AccessDenied',
        "The service refused the request because this computer's clock is off: correct the date and time.",
      );
    case 'AccessDenied':
    case 'Forbidden':
    case 'AllAccessDisabled':
    case 'AccountProblem':
    case 'InvalidSecurity':
    case 'ExpiredToken':
    case 'InvalidToken':
      return m('AccessDenied', 'Access denied: this key is not allowed to do that.');
    case 'NoSuchBucket':
      return m('NoSuchBucket', 'The bucket does not exist (it may have been deleted).');
    case 'NoSuchKey':
    case 'NotFound':
      return m('NoSuchKey', 'The object does not exist (it may have been deleted or moved).');
    case 'BucketNotEmpty':
      return m('BucketNotEmpty', 'The bucket is not empty: delete its objects first.');
    case 'BucketAlreadyExists':
      return m(
        'BucketAlreadyExists',
        'A bucket with this name already exists (names are shared by everyone on the service): choose another name.',
      );
    case 'BucketAlreadyOwnedByYou':
      return m('BucketAlreadyOwnedByYou', 'You already own a bucket with this name.');
    case 'TooManyBuckets':
      return m('TooManyBuckets', 'The account has reached its bucket limit: delete a bucket first.');
    case 'InvalidBucketName':
      return m('InvalidBucketName', 'The service refused the bucket name.');
    case 'KeyTooLongError':
      return m('InvalidKey', 'The object key is too long for the service.');
    case 'NotImplemented':
    case 'MethodNotAllowed':
    case 'UnsupportedOperation':
      return m('NotSupported', 'This operation is not supported by this service.');
    case 'EntityTooLarge':
      return m('NotSupported', 'The service does not accept an object this large in one request.');
    case 'SlowDown':
    case 'ServiceUnavailable':
    case 'TooManyRequests':
    case 'RequestLimitExceeded':
      return m('Throttled', 'The service is busy (too many requests): try again in a moment.');
    case 'RequestTimeout':
      return m('Timeout', 'The service gave up waiting for the request: try again.');
    case 'InvalidStorageClass':
      return m('InvalidRequest', 'The service does not offer this storage class.');
    case 'InvalidArgument':
      // radosgw says this, without a message, to a storage class or encryption it does not have.
      return m(
        'InvalidRequest',
        refusal(e, serviceCode) ??
          'The service refused a setting of this request: it may not offer this storage class, encryption or option.',
      );
  }
  if (status === 301 || status === 307) return m('WrongRegion', wrongRegionMessage(e));
  if (status === 403) return m('AccessDenied', 'Access denied: this key is not allowed to do that.');
  if (status === 404) return m('NoSuchKey', 'The object does not exist (it may have been deleted or moved).');
  if (status === 405 || status === 501) return m('NotSupported', 'This operation is not supported by this service.');
  if (status === 413) return m('NotSupported', 'The service does not accept an object this large in one request.');
  if (status === 429 || status === 503)
    return m('Throttled', 'The service is busy (too many requests): try again in a moment.');
  if (status >= 500) return m('ServerError', `The service had an internal error (HTTP ${status}): try again later.`);
  return m('Unknown', refusal(e, serviceCode) ?? `The service refused the request (${serviceCode}, HTTP ${status}).`);
}

/** "The service refused the request: <its message>" when the service said something useful. */
function refusal(e: Fields, serviceCode: string): string | null {
  const said = str(e.message);
  const useful = said !== undefined && said !== '' && said !== 'UnknownError' && said !== serviceCode;
  return useful ? `The service refused the request: ${clip(said, 200)}` : null;
}

/** Names the region the service expects when the answer says so (XML Region, header or message). */
function wrongRegionMessage(e: Fields): string {
  const headers = (e.$response as Fields | undefined)?.headers as Fields | undefined;
  const fromMessage = /expecting '([^']+)'/.exec(str(e.message) ?? '')?.[1];
  const expected = str(e.Region) ?? str(headers?.['x-amz-bucket-region']) ?? fromMessage;
  return expected
    ? `The service expects the region "${expected}": change the account's region to it.`
    : "The region does not match what the service expects: check the account's region.";
}

/** A Node or SDK client-side error (no HTTP answer): network, TLS, timeout or local file I/O. */
function nodeError(e: Fields, code: string, tagged: string | undefined): AppError {
  const address = str(e.hostname) ?? str(e.address);
  const port = num(e.port);
  const host = tagged ?? (address ? (port ? `${address}:${port}` : address) : 'the service');
  const message = str(e.message) ?? '';
  const detail = [code, str(e.syscall), address && (port ? `${address}:${port}` : address)].filter(Boolean).join(' ');

  if (TIMEOUT_CODES.has(code) || e.name === 'TimeoutError') {
    return make('Timeout', `${host} did not answer in time: check the endpoint and your network.`, detail);
  }
  if (
    /wrong version number|packet length too long|http request/i.test(message) ||
    code === 'ERR_SSL_WRONG_VERSION_NUMBER'
  ) {
    return make(
      'TlsError',
      `${host} did not answer with TLS: check whether the endpoint should start with http:// instead of https://.`,
      detail,
    );
  }
  if (
    code.startsWith('CERT_') ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('SELF_SIGNED') ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' ||
    code === 'HOSTNAME_MISMATCH' ||
    (code === 'EPROTO' && TLS_MESSAGE.test(message)) ||
    /self[- ]signed certificate/i.test(message)
  ) {
    return make(
      'TlsError',
      `The secure connection to ${host} failed: its certificate is not trusted (${code}).`,
      detail,
    );
  }
  switch (code) {
    case 'ECONNREFUSED':
      return make(
        'NetworkError',
        `Could not connect to ${host}: the connection was refused. Check the endpoint and that the service is running.`,
        detail,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return make(
        'NetworkError',
        `Could not find the host ${tagged ?? address ?? 'of the endpoint'}: check the endpoint address and your internet connection.`,
        detail,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
    case 'EADDRNOTAVAIL':
      return make('NetworkError', `${host} cannot be reached: check your network connection.`, detail);
  }
  if (NETWORK_CODES.has(code) || /socket hang up/i.test(message)) {
    return make('NetworkError', `The connection to ${host} was closed unexpectedly: try again.`, detail);
  }
  if (LOCAL_IO_CODES.has(code) && str(e.syscall) !== undefined) {
    const path = str(e.path);
    return make('LocalIOError', `${localIoMessage(code)}${path ? ` (${path})` : ''}`, detail);
  }
  return make('Unknown', 'An unexpected error occurred.', clip(`${code}: ${message}`));
}

function localIoMessage(code: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied on this computer.';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'The disk is full.';
    case 'EROFS':
      return 'The disk is read-only.';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'The folder does not exist on this computer.';
    case 'EISDIR':
      return 'A folder is in the way of the file.';
    case 'EEXIST':
      return 'A file is already there.';
    case 'ENAMETOOLONG':
      return 'The file name is too long for this computer.';
    default:
      return 'A file on this computer could not be read or written.';
  }
}
