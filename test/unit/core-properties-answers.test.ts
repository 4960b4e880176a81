/**
 * How the property handlers read service answers, against a tiny fake S3 on loopback (the real
 * server's answers are in test/integration/properties-*.test.ts): 501 / NotImplemented / 405 mean
 * NotSupported; "nothing configured" answers mean none, never an error; a service that ignores a
 * sub-resource (and would take DELETE ?encryption for DeleteBucket) gets no DELETE at all.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toAppError } from '../../electron/core/errors';
import { getAcl } from '../../electron/core/providers/s3/acl';
import { getBucketEncryption, putBucketEncryption } from '../../electron/core/providers/s3/encryption';
import { getBucketLock, getObjectLock } from '../../electron/core/providers/s3/object-lock';
import { getBucketTags, getObjectTags, putBucketTags } from '../../electron/core/providers/s3/tags';
import { listVersions } from '../../electron/core/providers/s3/version-listing';
import { getVersioning, restoreVersion } from '../../electron/core/providers/s3/versions';
import { getWebsite, putWebsite } from '../../electron/core/providers/s3/website';
import { buildClient } from '../../electron/core/providers/s3/client';
import { DEFAULT_COPY_TUNING } from '../../electron/core/providers/s3/context';

interface Answer {
  status: number;
  body?: string;
}
type Route = (method: string, query: URLSearchParams) => Answer;

const errorXml = (code: string, message = ''): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>tx1</RequestId></Error>`;
const LISTING =
  '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix></Prefix><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>';

let server: Server;
let client: S3Client;
let route: Route = () => ({ status: 500 });
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(`${req.method} ${url.pathname}?${[...url.searchParams.keys()].join('&')}`);
    req.resume();
    req.on('end', () => {
      const answer = route(req.method ?? 'GET', url.searchParams);
      res.writeHead(answer.status, { 'content-type': 'application/xml' });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = buildClient(
    {
      kind: 's3',
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      addressingStyle: 'path',
      checksumMode: 'when_required',
    },
    { pathStyle: true, maxAttempts: 1 },
  );
});
afterAll(async () => {
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests.length = 0;
});

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    return toAppError(error).code;
  }
  return 'no error';
}

const obj = { bucket: 'b', key: 'k.txt' };
const reads: [string, () => Promise<unknown>][] = [
  ['object tags', () => getObjectTags(client, obj)],
  ['bucket tags', () => getBucketTags(client, 'b')],
  ['ACL', () => getAcl(client, { bucket: 'b', key: null })],
  ['versioning', () => getVersioning(client, 'b')],
  ['versions', () => listVersions(client, { bucket: 'b', prefix: '', key: null, continuationToken: null })],
  ['bucket object lock', () => getBucketLock(client, 'b')],
  ['object lock state', () => getObjectLock(client, obj)],
  ['bucket encryption', () => getBucketEncryption(client, 'b')],
  ['website', () => getWebsite(client, 'b')],
];

describe('a service that does not implement an operation', () => {
  it.each(reads)('%s: 501 NotImplemented is NotSupported', async (_name, read) => {
    route = () => ({
      status: 501,
      body: errorXml('NotImplemented', 'A header you provided implies functionality that is not implemented'),
    });
    expect(await codeOf(read())).toBe('NotSupported');
  });

  it.each(reads)('%s: a bare 501 without a body is NotSupported', async (_name, read) => {
    route = () => ({ status: 501 });
    expect(await codeOf(read())).toBe('NotSupported');
  });

  it.each(reads)('%s: 405 MethodNotAllowed is NotSupported', async (_name, read) => {
    route = () => ({ status: 405, body: errorXml('MethodNotAllowed') });
    expect(await codeOf(read())).toBe('NotSupported');
  });
});

describe('"nothing configured" answers read as none, not as errors', () => {
  it('no tag set: no tags', async () => {
    route = () => ({ status: 404, body: errorXml('NoSuchTagSet', 'The TagSet does not exist') });
    expect(await getBucketTags(client, 'b')).toEqual([]);
    expect(await getObjectTags(client, obj)).toEqual([]);
    // Nothing to remove: no DELETE is sent.
    await putBucketTags(client, 'b', []);
    expect(requests.filter((r) => r.startsWith('DELETE'))).toEqual([]);
  });

  it('no object lock configuration (radosgw and AWS spellings): disabled, no retention, no hold', async () => {
    route = () => ({ status: 404, body: errorXml('ObjectLockConfigurationNotFoundError') });
    expect(await getBucketLock(client, 'b')).toEqual({ enabled: false, defaultRetention: null });
    expect(await getObjectLock(client, obj)).toEqual({ retention: null, legalHold: false });
    route = () => ({ status: 404, body: errorXml('NoSuchObjectLockConfiguration') });
    expect(await getObjectLock(client, obj)).toEqual({ retention: null, legalHold: false });
    // A bucket without object lock answers InvalidRequest (AWS: "Bucket is missing Object Lock Configuration").
    route = () => ({ status: 400, body: errorXml('InvalidRequest', 'Bucket is missing Object Lock Configuration') });
    expect(await getObjectLock(client, obj)).toEqual({ retention: null, legalHold: false });
    // Another InvalidRequest stays an error.
    route = () => ({ status: 400, body: errorXml('InvalidRequest', 'Something else') });
    expect(await codeOf(getObjectLock(client, obj))).toBe('Unknown');
  });

  it('no website configuration: hosting off; turning it off sends no DELETE', async () => {
    route = () => ({ status: 404, body: errorXml('NoSuchWebsiteConfiguration') });
    expect(await getWebsite(client, 'b')).toBeNull();
    expect(await putWebsite(client, 'b', null)).toBeNull();
    expect(requests.filter((r) => r.startsWith('DELETE'))).toEqual([]);
  });

  it('no default encryption: null; removing it sends no DELETE', async () => {
    route = () => ({ status: 404, body: errorXml('ServerSideEncryptionConfigurationNotFoundError') });
    expect(await getBucketEncryption(client, 'b')).toBeNull();
    expect(await putBucketEncryption(client, 'b', null)).toBeNull();
    expect(requests.filter((r) => r.startsWith('DELETE'))).toEqual([]);
  });

  it('no versioning status: Unversioned', async () => {
    route = () => ({
      status: 200,
      body: '<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>',
    });
    expect(await getVersioning(client, 'b')).toBe('Unversioned');
  });
});

describe('a service that ignores the sub-resource (radosgw 16 and ?encryption)', () => {
  // GET ?encryption answers the bucket listing, PUT is refused, DELETE would delete the bucket.
  const radosgw16: Route = (method, query) => {
    if (!query.has('encryption')) return { status: 200, body: LISTING };
    if (method === 'GET') return { status: 200, body: LISTING };
    if (method === 'PUT') return { status: 400, body: errorXml('InvalidArgument') };
    return { status: 204 };
  };

  it('reading is NotSupported, with a sentence', async () => {
    route = radosgw16;
    await expect(getBucketEncryption(client, 'b')).rejects.toMatchObject({
      code: 'NotSupported',
      message: 'This service does not support default bucket encryption (it answered a different request).',
    });
  });

  it('setting is NotSupported (not "InvalidArgument"); removing is NotSupported and sends no DELETE', async () => {
    route = radosgw16;
    expect(await codeOf(putBucketEncryption(client, 'b', { algorithm: 'AES256', kmsKeyId: null }))).toBe(
      'NotSupported',
    );
    expect(await codeOf(putBucketEncryption(client, 'b', null))).toBe('NotSupported');
    expect(requests.filter((r) => r.startsWith('DELETE'))).toEqual([]);
  });

  it('the same guard protects bucket tags and the website', async () => {
    route = () => ({ status: 200, body: LISTING });
    expect(await codeOf(getBucketTags(client, 'b'))).toBe('NotSupported');
    expect(await codeOf(putBucketTags(client, 'b', []))).toBe('NotSupported');
    expect(await codeOf(getWebsite(client, 'b'))).toBe('NotSupported');
    expect(await codeOf(putWebsite(client, 'b', null))).toBe('NotSupported');
    expect(requests.filter((r) => r.startsWith('DELETE'))).toEqual([]);
  });
});

describe('a service with bucket encryption', () => {
  const config = (algorithm: string, key?: string): string =>
    `<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>${algorithm}</SSEAlgorithm>${key ? `<KMSMasterKeyID>${key}</KMSMasterKeyID>` : ''}</ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`;

  it("reads QStorage's verenc with its key id verbatim, and AES256", async () => {
    route = () => ({ status: 200, body: config('verenc', 'arn:verenc:42:key/0b6e') });
    expect(await getBucketEncryption(client, 'b')).toEqual({ algorithm: 'verenc', kmsKeyId: 'arn:verenc:42:key/0b6e' });
    route = () => ({ status: 200, body: config('AES256') });
    expect(await getBucketEncryption(client, 'b')).toEqual({ algorithm: 'AES256', kmsKeyId: null });
  });

  it('removes an existing configuration with DELETE and reads it back as none', async () => {
    let configured = true;
    route = (method) => {
      if (method === 'DELETE') {
        configured = false;
        return { status: 204 };
      }
      return configured
        ? { status: 200, body: config('AES256') }
        : { status: 404, body: errorXml('ServerSideEncryptionConfigurationNotFoundError') };
    };
    expect(await putBucketEncryption(client, 'b', null)).toBeNull();
    expect(requests).toEqual(['GET /b/?encryption', 'DELETE /b/?encryption', 'GET /b/?encryption']);
  });

  it('a refused PUT on a service that has bucket encryption keeps its own error', async () => {
    route = (method) =>
      method === 'PUT'
        ? { status: 403, body: errorXml('AccessDenied') }
        : { status: 404, body: errorXml('ServerSideEncryptionConfigurationNotFoundError') };
    expect(await codeOf(putBucketEncryption(client, 'b', { algorithm: 'verenc', kmsKeyId: 'qkms:1' }))).toBe(
      'AccessDenied',
    );
  });
});

describe('versions', () => {
  it('restoring a delete marker (405 on S3) is explained, not reported as NotSupported', async () => {
    route = (method, query) =>
      method === 'HEAD' && query.has('versionId')
        ? { status: 405 }
        : { status: 404, body: method === 'HEAD' ? '' : errorXml('NoSuchKey') };
    await expect(
      restoreVersion(client, { bucket: 'b', key: 'k.txt', versionId: 'marker' }, DEFAULT_COPY_TUNING),
    ).rejects.toMatchObject({
      code: 'InvalidRequest',
      message: expect.stringMatching(/^This version is a delete marker/),
    });
    expect(requests.filter((r) => !r.startsWith('HEAD'))).toEqual([]);
  });
});
