import { S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors';
import { CoreError, tagEndpointHost, toAppError } from '../../electron/core/errors';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** An error shaped like the SDK's: name, $fault, $metadata, the XML fields, and the raw response. */
function sdkError(
  name: string,
  status: number,
  extra: Record<string, unknown> = {},
  message = 'UnknownError',
): S3ServiceException {
  const error = new S3ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: {
      httpStatusCode: status,
      requestId: 'tx000REQ',
      extendedRequestId: 'host-7',
      attempts: 1,
      totalRetryDelay: 0,
    },
    message,
  });
  // What an SDK error may carry besides safe fields: nothing of it may reach the AppError.
  Object.assign(error, {
    Code: name,
    $response: {
      statusCode: status,
      headers: { 'x-amz-request-id': 'tx000REQ' },
      body: `<Error><Code>${name}</Code></Error>`,
    },
    request: { headers: { authorization: `AWS4-HMAC-SHA256 Credential=AKIA/…, Signature=${SECRET}` } },
    secretAccessKey: SECRET,
    ...extra,
  });
  return error;
}

function nodeError(code: string, message: string, fields: Record<string, unknown> = {}): Error {
  const error = Object.assign(new Error(message), {
    code,
    errno: -1,
    ...fields,
    $metadata: { attempts: 1, totalRetryDelay: 0 },
  });
  return error;
}

const table: [string, unknown, ErrorCode, RegExp | string][] = [
  [
    'wrong secret',
    sdkError('SignatureDoesNotMatch', 403),
    'SignatureDoesNotMatch',
    'The secret key is wrong for this access key.',
  ],
  [
    'unknown key',
    sdkError('InvalidAccessKeyId', 403),
    'InvalidAccessKeyId',
    'This access key ID is not known to the service.',
  ],
  [
    'region in the message',
    sdkError(
      'AuthorizationHeaderMalformed',
      400,
      {},
      "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
    ),
    'WrongRegion',
    /"eu-west-1"/,
  ],
  [
    'region in the XML',
    sdkError('AuthorizationHeaderMalformed', 400, { Region: 'q-world-1' }),
    'WrongRegion',
    /"q-world-1"/,
  ],
  ['region unknown', sdkError('AuthorizationHeaderMalformed', 400), 'WrongRegion', /check the account's region/],
  [
    'redirect',
    sdkError('PermanentRedirect', 301, { $response: { headers: { 'x-amz-bucket-region': 'ap-south-1' } } }),
    'WrongRegion',
    /"ap-south-1"/,
  ],
  ['bad location constraint', sdkError('InvalidLocationConstraint', 400), 'WrongRegion', /region/],
  ['access denied', sdkError('AccessDenied', 403), 'AccessDenied', /Access denied/],
  ['HEAD 403 without a body', sdkError('Forbidden', 403), 'AccessDenied', /Access denied/],
  ['unnamed 403', sdkError('Unknown', 403), 'AccessDenied', /Access denied/],
  ['no bucket', sdkError('NoSuchBucket', 404), 'NoSuchBucket', /bucket does not exist/],
  ['no key', sdkError('NoSuchKey', 404), 'NoSuchKey', /object does not exist/],
  ['HEAD 404', sdkError('NotFound', 404), 'NoSuchKey', /object does not exist/],
  [
    'bucket not empty',
    sdkError('BucketNotEmpty', 409),
    'BucketNotEmpty',
    'The bucket is not empty: delete its objects first.',
  ],
  ['name taken', sdkError('BucketAlreadyExists', 409), 'BucketAlreadyExists', /choose another name/],
  ['already yours', sdkError('BucketAlreadyOwnedByYou', 409), 'BucketAlreadyOwnedByYou', /already own/],
  ['bucket limit', sdkError('TooManyBuckets', 400), 'TooManyBuckets', /bucket limit/],
  ['not implemented', sdkError('NotImplemented', 501), 'NotSupported', /not supported by this service/],
  ['bare 501', sdkError('Unknown', 501), 'NotSupported', /not supported by this service/],
  ['method not allowed', sdkError('MethodNotAllowed', 405), 'NotSupported', /not supported by this service/],
  ['slow down', sdkError('SlowDown', 503), 'Throttled', /busy/],
  ['429', sdkError('Unknown', 429), 'Throttled', /busy/],
  ['503', sdkError('ServiceUnavailable', 503), 'Throttled', /busy/],
  ['internal error', sdkError('InternalError', 500), 'ServerError', /HTTP 500/],
  ['bad gateway', sdkError('Unknown', 502), 'ServerError', /HTTP 502/],
  ['request timeout from S3', sdkError('RequestTimeout', 400), 'Timeout', /gave up waiting/],
  ['too large (fauxqs)', sdkError('Unknown', 413), 'NotSupported', /this large/],
  [
    'unknown storage class',
    sdkError('InvalidStorageClass', 400),
    'InvalidRequest',
    /does not offer this storage class/,
  ],
  [
    'bare InvalidArgument (radosgw)',
    sdkError('InvalidArgument', 400),
    'InvalidRequest',
    /may not offer this storage class, encryption/,
  ],
  [
    'InvalidArgument with a message',
    sdkError('InvalidArgument', 400, {}, 'Invalid tag value'),
    'InvalidRequest',
    'The service refused the request: Invalid tag value',
  ],
  [
    'connection refused',
    nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9', {
      address: '127.0.0.1',
      port: 9,
      syscall: 'connect',
    }),
    'NetworkError',
    /127\.0\.0\.1:9.*refused/,
  ],
  [
    'DNS',
    nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND nohost.invalid', {
      hostname: 'nohost.invalid',
      syscall: 'getaddrinfo',
    }),
    'NetworkError',
    /nohost\.invalid/,
  ],
  [
    'DNS again',
    nodeError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN q.example', { hostname: 'q.example' }),
    'NetworkError',
    /q\.example/,
  ],
  [
    'unreachable',
    nodeError('EHOSTUNREACH', 'connect EHOSTUNREACH 10.0.0.1:443', { address: '10.0.0.1', port: 443 }),
    'NetworkError',
    /10\.0\.0\.1:443 cannot be reached/,
  ],
  ['reset', nodeError('ECONNRESET', 'read ECONNRESET'), 'NetworkError', /closed unexpectedly/],
  [
    'expired certificate',
    nodeError('CERT_HAS_EXPIRED', 'certificate has expired'),
    'TlsError',
    /certificate is not trusted \(CERT_HAS_EXPIRED\)/,
  ],
  ['self-signed', nodeError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'TlsError', /not trusted/],
  [
    'leaf',
    nodeError('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'),
    'TlsError',
    /not trusted/,
  ],
  [
    'altname',
    nodeError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"),
    'TlsError',
    /not trusted/,
  ],
  [
    'http spoken to https',
    nodeError('EPROTO', 'write EPROTO 80:error:0A00010B:SSL routines:ssl3_get_record:wrong version number'),
    'TlsError',
    /http:\/\//,
  ],
  [
    'timeout',
    Object.assign(new Error('a request has exceeded the configured 1000 ms requestTimeout'), {
      name: 'TimeoutError',
      code: 'ETIMEDOUT',
    }),
    'Timeout',
    /did not answer in time/,
  ],
  [
    'socket timeout',
    nodeError('ETIMEDOUT', 'connect ETIMEDOUT 10.1.1.1:443', { address: '10.1.1.1', port: 443 }),
    'Timeout',
    /10\.1\.1\.1:443/,
  ],
  ['abort', Object.assign(new Error('Request aborted'), { name: 'AbortError' }), 'Cancelled', /cancelled/],
  [
    'disk full',
    nodeError('ENOSPC', 'no space', { syscall: 'write', path: '/tmp/x' }),
    'LocalIOError',
    /disk is full.*\/tmp\/x/,
  ],
  [
    'permission',
    nodeError('EACCES', 'permission denied', { syscall: 'open', path: '/root/x' }),
    'LocalIOError',
    /Permission denied/,
  ],
  [
    'core error',
    new CoreError('InvalidBucketName', 'Bucket names must be 3 to 63 characters long.'),
    'InvalidBucketName',
    'Bucket names must be 3 to 63 characters long.',
  ],
  [
    'not S3 at all',
    Object.assign(new Error("char 'H' is not expected.:1:1\n  Deserialization error: to see the raw response…"), {
      $metadata: {},
    }),
    'ServerError',
    /not answer like an S3 service/,
  ],
  ['anything else', new TypeError('x is undefined'), 'Unknown', /unexpected/],
  ['a string', 'boom', 'Unknown', /unexpected/],
];

describe('toAppError', () => {
  it.each(table)('%s', (_title, error, code, message) => {
    const app = toAppError(error);
    expect(app.code).toBe(code);
    expect(ERROR_CODES).toContain(app.code);
    if (typeof message === 'string') expect(app.message).toBe(message);
    else expect(app.message).toMatch(message);
    expect(JSON.stringify(app)).not.toContain(SECRET);
  });

  it('puts service code, HTTP status and request id in the detail', () => {
    const app = toAppError(sdkError('SignatureDoesNotMatch', 403));
    expect(app.detail).toBe('service code SignatureDoesNotMatch · HTTP 403 · request id tx000REQ · host id host-7');
  });

  it('names the endpoint host when the client tagged the error', () => {
    const error = nodeError('ECONNRESET', 'socket hang up');
    tagEndpointHost(error, 'qstorage.quilibrium.com');
    expect(toAppError(error).message).toBe(
      'The connection to qstorage.quilibrium.com was closed unexpectedly: try again.',
    );
  });

  it('maps zod errors to InvalidRequest with the path', () => {
    const parsed = z.object({ name: z.string() }).safeParse({ name: 1 });
    expect(parsed.success).toBe(false);
    const app = toAppError(parsed.error);
    expect(app.code).toBe('InvalidRequest');
    expect(app.message).toMatch(/\(name\)$/);
  });

  it('keeps a CoreError detail', () => {
    expect(toAppError(new CoreError('Cancelled', 'Stopped.', 'after 3'))).toEqual({
      code: 'Cancelled',
      message: 'Stopped.',
      detail: 'after 3',
    });
  });

  it('quotes the service message for codes it does not know, without secrets', () => {
    const app = toAppError(sdkError('InvalidTag', 400, {}, 'The tag key is invalid.'));
    expect(app).toMatchObject({ code: 'Unknown', message: 'The service refused the request: The tag key is invalid.' });
  });
});
