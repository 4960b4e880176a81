import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toAppError } from '../../electron/core/errors';
import { clientConfig } from '../../electron/core/providers/s3/client';
import { isRetryable } from '../../electron/worker/retry';
import { needsSdk, serviceError } from '../../electron/worker/wire/service-error';

type Headers = Record<string, string>;

/** The error the SDK itself throws when the service gives this answer to a PutObject. */
async function sdkError(status: number, headers: Headers, body: string): Promise<Record<string, unknown>> {
  const client = new S3Client({
    ...clientConfig(
      {
        kind: 'sandbox',
        endpoint: 'http://127.0.0.1:9',
        region: 'us-east-1',
        accessKeyId: 'AKID',
        secretAccessKey: 'secret',
        addressingStyle: 'path',
        checksumMode: 'when_required',
      },
      { pathStyle: true, maxAttempts: 1 },
    ),
    requestHandler: {
      handle: () =>
        Promise.resolve({ response: { statusCode: status, headers, body: Readable.from([Buffer.from(body)]) } }),
    },
  });
  try {
    await client.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }));
  } catch (error) {
    return error as Record<string, unknown>;
  } finally {
    client.destroy();
  }
  throw new Error('the SDK did not fail');
}

const xml = (fields: Record<string, string>): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Error>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')}</Error>`;

const IDS = { 'x-amz-request-id': 'tx000-abc', 'x-amz-id-2': 'host-id-1' };

const CASES: [string, number, Headers, string][] = [
  ['NoSuchBucket', 404, IDS, xml({ Code: 'NoSuchBucket', BucketName: 'b', RequestId: 'tx000-abc', HostId: 'h' })],
  ['AccessDenied', 403, IDS, xml({ Code: 'AccessDenied', Message: 'Access Denied', RequestId: 'r1' })],
  ['SignatureDoesNotMatch', 403, {}, xml({ Code: 'SignatureDoesNotMatch', RequestId: 'only-in-body' })],
  ['InvalidAccessKeyId', 403, IDS, xml({ Code: 'InvalidAccessKeyId', Message: 'The key &amp; more' })],
  ['SlowDown (retryable)', 503, IDS, xml({ Code: 'SlowDown', Message: 'Please reduce your request rate.' })],
  ['InternalError (retryable)', 500, IDS, xml({ Code: 'InternalError' })],
  [
    'BadDigest (retryable)',
    400,
    IDS,
    xml({ Code: 'BadDigest', Message: 'The Content-MD5 you specified did not match' }),
  ],
  ['InvalidArgument with a message', 400, IDS, xml({ Code: 'InvalidArgument', Message: 'Invalid storage class.' })],
  ['EntityTooLarge', 400, IDS, xml({ Code: 'EntityTooLarge' })],
  ['an unknown code', 409, IDS, xml({ Code: 'OperationAborted', Message: 'A conflicting operation' })],
  [
    'wrong region, named in the XML',
    400,
    { ...IDS, 'x-amz-bucket-region': 'eu-west-1' },
    xml({ Code: 'AuthorizationHeaderMalformed', Region: 'eu-west-1', Message: "expecting 'eu-west-1'" }),
  ],
  ['404 without a body (HEAD)', 404, IDS, ''],
  ['403 without a body', 403, IDS, ''],
  ['503 without a body', 503, {}, ''],
  ['429 without a body', 429, {}, ''],
  ['502 with a body that is not XML', 502, {}, '<html><body>Bad gateway</body></html>'],
  ['400 with a body that is not XML', 400, {}, 'Bad request <'],
];

describe('serviceError is the error the SDK would throw', () => {
  it.each(CASES)('%s', async (_label, status, headers, body) => {
    const sdk = await sdkError(status, headers, body);
    const lean = serviceError(status, headers, body) as unknown as Record<string, unknown>;
    expect(toAppError(lean)).toEqual(toAppError(sdk));
    expect(isRetryable(lean)).toBe(isRetryable(sdk));
    expect(lean.name).toBe(sdk.name);
    expect(lean.message).toBe(sdk.message);
    expect(lean.Code).toBe(sdk.Code);
    expect(lean.$fault).toBe(sdk.$fault);
    const meta = (e: Record<string, unknown>) => {
      const m = e.$metadata as Record<string, unknown>;
      return { status: m.httpStatusCode, id: m.requestId, ext: m.extendedRequestId, cf: m.cfId };
    };
    expect(meta(lean)).toEqual(meta(sdk));
  });

  it('keeps what the service said, for the person to read', () => {
    const error = serviceError(400, {}, xml({ Code: 'InvalidArgument', Message: 'Invalid storage class.' }));
    expect(toAppError(error)).toMatchObject({
      code: 'InvalidRequest',
      message: 'The service refused the request: Invalid storage class.',
    });
  });

  it('a body that is not XML is a retryable server error, as through the SDK', async () => {
    const body = 'Service Unavailable <not xml';
    const sdk = await sdkError(502, {}, body);
    const lean = serviceError(502, {}, body);
    expect(toAppError(lean)).toEqual(toAppError(sdk));
    expect(isRetryable(lean)).toBe(true);
    expect(isRetryable(sdk)).toBe(true);
  });
});

describe('needsSdk', () => {
  it('sends redirects and region hints back to the SDK, which follows them', () => {
    expect(needsSdk(301, {})).toBe(true);
    expect(needsSdk(307, { location: 'https://elsewhere' })).toBe(true);
    expect(needsSdk(400, { 'x-amz-bucket-region': 'eu-west-1' })).toBe(true);
  });

  it('keeps every other answer on the lean path', () => {
    for (const status of [200, 204, 400, 403, 404, 412, 500, 503]) expect(needsSdk(status, {})).toBe(false);
  });
});
