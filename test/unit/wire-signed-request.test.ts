import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-s3';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildClient } from '../../electron/core/providers/s3/client';
import { md5Hex } from '../../electron/worker/md5';
import { uploadFields } from '../../electron/worker/upload-options';
import { uploadHeaders } from '../../electron/worker/wire/put-object';
import { signRequest, type WireRequest } from '../../electron/worker/wire/signed-request';
import { NO_UPLOAD_OPTIONS, type UploadObjectOptions } from '../../shared/properties';
import type { WorkerCredentials } from '../../shared/transfer-protocol';

/** Headers the SDK adds for its own bookkeeping; the lean path does not send them. */
const SDK_ONLY = ['x-amz-user-agent', 'user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request'];

interface Captured {
  url: string;
  /** As sent, before any URL parsing. */
  path: string;
  headers: Record<string, string>;
}

const credentialsFor = (endpoint: string, extra: Partial<WorkerCredentials> = {}): WorkerCredentials => ({
  kind: 'sandbox',
  endpoint,
  region: 'us-east-1',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  addressingStyle: 'virtual',
  checksumMode: 'when_required',
  pathStyle: false,
  ...extra,
});

/**
 * What the SDK itself puts on the wire for `command`, captured after signing. Only two things
 * are adjusted before it signs: its bookkeeping headers go, and the payload is declared
 * UNSIGNED-PAYLOAD as the lean path does (the SDK would hash an empty GET body).
 */
async function sdkSends(credentials: WorkerCredentials, command: object): Promise<Captured> {
  const client = buildClient(credentials, { pathStyle: credentials.pathStyle, maxAttempts: 1 });
  client.middlewareStack.remove('addExpectContinueMiddleware');
  client.middlewareStack.addRelativeTo(
    ((next) => (args) => {
      const request = args.request as { headers: Record<string, string> };
      for (const name of SDK_ONLY) delete request.headers[name];
      request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      return next(args);
    }) satisfies FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes>,
    { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'testStripSdkHeaders' },
  );
  let captured: Captured | undefined;
  client.middlewareStack.add(
    () => (args) => {
      const r = args.request as {
        protocol: string;
        hostname: string;
        port?: number;
        path: string;
        query: Record<string, string>;
        headers: Record<string, string>;
      };
      const query = Object.entries(r.query)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join('&');
      const url = `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ''}${r.path}${query ? `?${query}` : ''}`;
      captured = { url, path: r.path, headers: { ...r.headers } };
      throw new Error('captured');
    },
    { step: 'deserialize', name: 'testCapture' },
  );
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any command of this client
  await expect(client.send(command as any)).rejects.toThrow('captured');
  client.destroy();
  return captured!;
}

async function leanSends(credentials: WorkerCredentials, request: WireRequest): Promise<Captured> {
  const signed = await signRequest(credentials, request);
  expect(signed).not.toBeNull();
  return { url: signed!.url.href, path: signed!.url.pathname, headers: signed!.headers };
}

/** Same origin, same escaped path, same query values, same headers (authorization included). */
function expectSame(lean: Captured, sdk: Captured): void {
  const a = new URL(lean.url);
  const b = new URL(sdk.url);
  expect(a.origin).toBe(b.origin);
  expect(a.pathname).toBe(sdk.path);
  expect([...a.searchParams].sort()).toEqual([...b.searchParams].sort());
  expect(lean.headers).toEqual(sdk.headers);
}

const HOSTILE_KEYS = [
  'plain.txt',
  'dir/sub/file name with spaces.bin',
  'ключ/ファイル ✓ 😀.txt',
  "a+b%20c?d#e!f*g'h(i)j~k",
  'trailing/',
  'double//slash///run',
  '/leading-slash',
  '%2F-literal-escape',
  '   ',
  'semi;colon,comma=equals&amp@at$dollar:colon[br]{cb}|pipe^caret`tick"quote<lt>gt\\back',
];

const ENDPOINTS: [string, WorkerCredentials, string][] = [
  ['loopback IP, virtual asked', credentialsFor('http://127.0.0.1:7480'), 'bucket-a'],
  ['loopback IP, path style', credentialsFor('http://127.0.0.1:7480', { pathStyle: true }), 'bucket-a'],
  ['named host, virtual-hosted', credentialsFor('https://s3.example.test'), 'bucket-a'],
  ['named host, path style', credentialsFor('https://s3.example.test:8443', { pathStyle: true }), 'bucket-a'],
  ['dotted bucket, path style', credentialsFor('https://s3.example.test', { pathStyle: true }), 'my.dotted.bucket'],
  ['dotted bucket, virtual asked over https', credentialsFor('https://s3.example.test'), 'my.dotted.bucket'],
  ['dotted bucket, virtual over http', credentialsFor('http://s3.example.test:9000'), 'my.dotted.bucket'],
  ['upper-case bucket (not DNS-safe)', credentialsFor('https://s3.example.test'), 'Bucket_Upper'],
  ['endpoint with a base path', credentialsFor('http://localhost:9000/base/path', { pathStyle: true }), 'b'],
  ['endpoint with a base path, virtual', credentialsFor('https://gw.example.test/s3'), 'bucket-b'],
  [
    'AWS region endpoint',
    credentialsFor('https://s3.eu-west-1.amazonaws.com', { kind: 's3', region: 'eu-west-1' }),
    'aws-bucket',
  ],
  ['another region', credentialsFor('https://s3.example.test', { region: 'eu-central-2' }), 'bucket-c'],
];

describe('signRequest matches what the SDK sends', () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T05:20:00Z'));
  });
  afterAll(() => vi.useRealTimers());

  describe.each(ENDPOINTS)('%s', (_label, credentials, bucket) => {
    it.each(HOSTILE_KEYS)('PutObject %j', async (key) => {
      const body = Buffer.from('hello');
      const sdk = await sdkSends(
        credentials,
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: Readable.from([body]),
          ContentLength: body.length,
          ContentMD5: 'XUFAKrxLKna5cZ2REBfFkg==',
          ContentType: 'text/plain; charset=utf-8',
        }),
      );
      const lean = await leanSends(credentials, {
        method: 'PUT',
        bucket,
        key,
        query: { 'x-id': 'PutObject' },
        headers: {
          'content-length': String(body.length),
          'content-md5': 'XUFAKrxLKna5cZ2REBfFkg==',
          'content-type': 'text/plain; charset=utf-8',
        },
      });
      expectSame(lean, sdk);
    });
  });

  it('UploadPart: query parameters with characters to escape', async () => {
    const credentials = credentialsFor('http://127.0.0.1:7480', { pathStyle: true });
    const uploadId = '2~a+b/c=d&e f';
    const sdk = await sdkSends(
      credentials,
      new UploadPartCommand({
        Bucket: 'bucket-a',
        Key: 'big file.bin',
        PartNumber: 7,
        UploadId: uploadId,
        Body: Readable.from([Buffer.alloc(3)]),
        ContentLength: 3,
        ContentMD5: 'f+FK7SqeAELO+4FFH2S4YA==',
      }),
    );
    const lean = await leanSends(credentials, {
      method: 'PUT',
      bucket: 'bucket-a',
      key: 'big file.bin',
      query: { 'x-id': 'UploadPart', partNumber: '7', uploadId },
      // The SDK types every streamed body it is not told the type of.
      headers: {
        'content-length': '3',
        'content-md5': 'f+FK7SqeAELO+4FFH2S4YA==',
        'content-type': 'application/octet-stream',
      },
    });
    expectSame(lean, sdk);
    expect(lean.url).toContain('uploadId=2~a%2Bb%2Fc%3Dd%26e%20f');
  });

  it('GetObject with Range and If-Match, and HeadObject', async () => {
    const credentials = credentialsFor('https://s3.example.test');
    const key = 'dir/a b+c.txt';
    const get = await sdkSends(
      credentials,
      new GetObjectCommand({ Bucket: 'bucket-a', Key: key, Range: 'bytes=0-99', IfMatch: '"abc"' }),
    );
    expectSame(
      await leanSends(credentials, {
        method: 'GET',
        bucket: 'bucket-a',
        key,
        query: { 'x-id': 'GetObject' },
        headers: { range: 'bytes=0-99', 'if-match': '"abc"' },
      }),
      get,
    );
    const head = await sdkSends(credentials, new HeadObjectCommand({ Bucket: 'bucket-a', Key: key }));
    expectSame(await leanSends(credentials, { method: 'HEAD', bucket: 'bucket-a', key }), head);
  });
});

describe("lean PUT headers are the SDK's", () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T05:20:00Z'));
  });
  afterAll(() => vi.useRealTimers());
  const credentials = credentialsFor('http://127.0.0.1:7480', { pathStyle: true });

  it('upload options (tags, ACL, KMS encryption, storage class) and the mtime and MD5 rclone records become the same x-amz headers', async () => {
    const options: UploadObjectOptions = {
      tags: [
        { key: 'project name', value: 'a+b c' },
        { key: 'ключ', value: '✓' },
      ],
      acl: 'public-read',
      encryption: { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:us-east-1:1:key/abc' },
      storageClass: 'STANDARD_IA',
    };
    const fields = uploadFields(options, { mtimeNs: 1_733_512_345_000_000_007n, md5: md5Hex(Buffer.from('x')) });
    const sdk = await sdkSends(
      credentials,
      new PutObjectCommand({
        Bucket: 'b',
        Key: 'k',
        Body: Buffer.from('x'),
        ContentLength: 1,
        ContentMD5: 'nbOHfXZfgFk2Ev/9BJ+pew==',
        ...fields,
      }),
    );
    const lean = await leanSends(credentials, {
      method: 'PUT',
      bucket: 'b',
      key: 'k',
      query: { 'x-id': 'PutObject' },
      headers: {
        'content-length': '1',
        'content-md5': 'nbOHfXZfgFk2Ev/9BJ+pew==',
        'content-type': 'application/octet-stream',
        ...uploadHeaders(fields),
      },
    });
    expectSame(lean, sdk);
    expect(Object.keys(uploadHeaders(fields))).toHaveLength(7);
    expect(lean.headers['x-amz-meta-mtime']).toBe('1733512345.000000007');
    expect(lean.headers['x-amz-meta-md5chksum']).toBe('ndTkYSaMgDT1yFZOFVxnpg=='); // MD5('x'), base64
    expect(uploadHeaders(uploadFields(NO_UPLOAD_OPTIONS, { mtimeNs: null, md5: null }))).toEqual({});
  });

  it('an empty body without a type goes as application/octet-stream, as the SDK sends it', async () => {
    const sdk = await sdkSends(
      credentials,
      new PutObjectCommand({ Bucket: 'b', Key: 'empty', Body: Buffer.alloc(0), ContentLength: 0 }),
    );
    expect(sdk.headers['content-type']).toBe('application/octet-stream');
  });
});

describe('signRequest leaves to the SDK what it does not reproduce', () => {
  it('returns null for keys with "." or ".." segments (a URL would drop them)', async () => {
    const credentials = credentialsFor('http://127.0.0.1:7480', { pathStyle: true });
    for (const key of ['a/../b', './x', 'a/./b', '..', 'dir/.']) {
      expect(await signRequest(credentials, { method: 'PUT', bucket: 'b', key })).toBeNull();
    }
    expect(await signRequest(credentials, { method: 'PUT', bucket: 'b', key: 'a/.../b' })).not.toBeNull();
  });

  it('returns null with checksums "when supported" (the SDK adds CRC trailers)', async () => {
    const credentials = credentialsFor('http://127.0.0.1:7480', { checksumMode: 'when_supported' });
    expect(await signRequest(credentials, { method: 'PUT', bucket: 'b', key: 'k' })).toBeNull();
  });

  it('returns null for a bucket name the SDK refuses itself', async () => {
    const credentials = credentialsFor('http://127.0.0.1:7480');
    expect(await signRequest(credentials, { method: 'PUT', bucket: 'a/b', key: 'k' })).toBeNull();
    expect(await signRequest(credentials, { method: 'PUT', bucket: '', key: 'k' })).toBeNull();
  });

  it('returns null for an ARN (access points sign for another service or region)', async () => {
    const credentials = credentialsFor('https://s3.us-east-1.amazonaws.com', { kind: 's3' });
    const arn = 'arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/my-lambda-ap';
    expect(await signRequest(credentials, { method: 'GET', bucket: arn, key: 'k' })).toBeNull();
  });
});
