/**
 * The lean wire PUT against the real server, seen through the fault proxy's request log: single
 * PUTs and UploadParts go without the SDK (no SDK user agent on the wire) and store the exact
 * bytes, type and tags; a service error through the lean path reaches the job with the same
 * code and message as the same request through the SDK.
 */
import path from 'node:path';
import { GetObjectTaggingCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/errors';
import { MiB } from '../../shared/transfers';
import { toAppError } from '../../electron/core/errors';
import type { FaultProxy, ProxiedRequest } from '../servers/fault-proxy';
import { testAccountInput } from '../servers/s3-target';
import { sdkClient, uniqueName, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import {
  isUploadPart,
  makeRandomFile,
  sha256,
  updateTransferSettings,
  waitForBatch,
  startProxiedBed,
  type ProxiedBed,
} from './transfer-helpers';

const s3 = s3OrSkip();
const PART = 5 * MiB;

/** Sent by the lean path: signed, with Content-MD5, and none of the SDK's own headers. */
const isLean = (r: ProxiedRequest): boolean =>
  r.headers['x-amz-user-agent'] === undefined &&
  r.headers['amz-sdk-invocation-id'] === undefined &&
  /^AWS4-HMAC-SHA256 /.test(r.headers['authorization'] ?? '') &&
  r.headers['content-md5'] !== undefined;

/** An AppError without the ids of one particular request. */
const withoutIds = (e: AppError | null | undefined) =>
  e && { ...e, detail: e.detail?.replace(/ · (request|host) id [^·]+/g, '') };

describe.skipIf(!s3)(s3Title('transfers: the lean wire PUT'), () => {
  const info = s3 as S3ServerInfo;
  let bed: ProxiedBed | undefined;
  let h: Harness;
  let proxy: FaultProxy;
  let viaProxy: string;
  let bucket: string;
  let dir: string;

  beforeAll(async () => {
    bed = await startProxiedBed(info, 'wire');
    ({ h, proxy, viaProxy, bucket, dir } = bed);
    await updateTransferSettings(h, { partSizeBytes: PART, multipartThresholdBytes: PART });
  });
  afterAll(async () => {
    await bed?.dispose();
  });

  const upload = async (accountId: string, target: string, prefix: string, files: string[], options = {}) => {
    const batchId = uniqueName('wire');
    await h.call('transfers:upload', {
      accountId,
      bucket: target,
      prefix,
      batchId,
      conflict: 'overwrite',
      sources: files.map((f) => ({ kind: 'path' as const, path: path.join(dir, f) })),
      ...options,
    });
    return waitForBatch(h.core, batchId, { timeoutMs: 60_000, expectJobs: files.length });
  };
  const putsOf = (from: number, key: string): ProxiedRequest[] =>
    proxy.stats.requests.slice(from).filter((r) => r.method === 'PUT' && r.path.endsWith(`/${key}`));

  it('sends single PUTs lean: exact bytes and type, an empty file, a streamed body', async () => {
    const files = [
      ['empty.bin', 0],
      ['one byte.txt', 1],
      ['small+file.bin', 16 * 1024],
      // Above one 256 KiB slice: a streamed body, not one buffer.
      ['streamed.bin', 300_000],
    ] as const;
    const hashes = new Map<string, string>();
    for (const [name, size] of files) hashes.set(name, await makeRandomFile(path.join(dir, name), size));
    const before = proxy.stats.requests.length;
    const jobs = await upload(
      viaProxy,
      bucket,
      'single/',
      files.map(([name]) => name),
    );
    expect(jobs.map((j) => [j.key, j.state, j.error]).sort()).toEqual(
      files.map(([name]) => [`single/${name}`, 'done', null]).sort(),
    );
    for (const [name, size] of files) {
      const puts = putsOf(before, encodeURIComponent(name));
      expect(
        puts.map((r) => [isLean(r), r.status, r.contentLength]),
        name,
      ).toEqual([[true, 200, size]]);
      expect(sha256(await h.get(bucket, `single/${name}`)), name).toBe(hashes.get(name));
    }
    const type = async (key: string) =>
      (await h.sdk.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentType;
    expect(await type('single/one byte.txt')).toMatch(/^text\/plain/);
    expect(await type('single/small+file.bin')).toBe('application/octet-stream');
    expect(await type('single/empty.bin')).toBe('application/octet-stream');
  });

  it('sends UploadParts lean; create and complete stay with the SDK', async () => {
    const hash = await makeRandomFile(path.join(dir, 'parts.bin'), PART + 4321);
    const before = proxy.stats.requests.length;
    const [job] = await upload(viaProxy, bucket, 'multi/', ['parts.bin']);
    expect([job?.state, job?.error]).toEqual(['done', null]);
    const seen = proxy.stats.requests.slice(before);
    const parts = seen.filter(isUploadPart);
    expect(parts.map((r) => [r.query['partNumber'], isLean(r), r.status]).sort()).toEqual([
      ['1', true, 200],
      ['2', true, 200],
    ]);
    const creates = seen.filter((r) => r.method === 'POST' && 'uploads' in r.query);
    expect(creates.map((r) => r.headers['x-amz-user-agent'] !== undefined)).toEqual([true]);
    expect(sha256(await h.get(bucket, 'multi/parts.bin'))).toBe(hash);
  });

  it('sends upload options on a lean PUT: tags and storage class read back', async () => {
    await makeRandomFile(path.join(dir, 'tagged.bin'), 1000);
    const before = proxy.stats.requests.length;
    const tags = [
      { key: 'project name', value: 'a+b=c 1/2' },
      { key: 'ключ', value: 'значение' },
    ];
    const options = { tags, acl: null, encryption: null, storageClass: 'STANDARD' };
    const [job] = await upload(viaProxy, bucket, 'opts/', ['tagged.bin'], { options });
    expect([job?.state, job?.error]).toEqual(['done', null]);
    const [put] = putsOf(before, 'tagged.bin');
    expect(put && [isLean(put), put.headers['x-amz-storage-class'], put.status]).toEqual([true, 'STANDARD', 200]);
    const read = await h.sdk.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'opts/tagged.bin' }));
    expect(
      (read.TagSet ?? []).map((t) => ({ key: t.Key, value: t.Value })).sort((a, b) => a.key!.localeCompare(b.key!)),
    ).toEqual([...tags].sort((a, b) => a.key.localeCompare(b.key)));
  });

  /** What the SDK makes of the same PutObject, as the job would show it. */
  const sdkFailure = async (client: S3Client, target: string): Promise<AppError> => {
    const error: unknown = await client
      .send(new PutObjectCommand({ Bucket: target, Key: 'x.bin', Body: Buffer.from('x'), ContentLength: 1 }))
      .then(
        () => null,
        (e: unknown) => e,
      );
    client.destroy();
    expect(error).not.toBeNull();
    return toAppError(error);
  };

  it('a bucket that does not exist: the job fails as it would through the SDK', async () => {
    await makeRandomFile(path.join(dir, 'x.bin'), 10);
    const missing = uniqueName('missing');
    const before = proxy.stats.requests.length;
    const [job] = await upload(viaProxy, missing, '', ['x.bin']);
    const puts = putsOf(before, 'x.bin');
    expect(puts.length).toBeGreaterThanOrEqual(1);
    expect(puts.map((r) => [isLean(r), r.status])).toEqual(puts.map(() => [true, 404]));
    const expected = await sdkFailure(sdkClient(info), missing);
    expect(expected.code).toBe('NoSuchBucket');
    expect([job?.state, withoutIds(job?.error)]).toEqual(['failed', withoutIds(expected)]);
  });

  it('a wrong secret: the job fails as it would through the SDK', async () => {
    const wrong = { ...info, endpoint: proxy.url, secretAccessKey: `${info.secretAccessKey}-wrong` };
    const account = await h.call('accounts:create', { account: testAccountInput(wrong, 'Wrong secret') });
    const before = proxy.stats.requests.length;
    const [job] = await upload(account.id, bucket, 'denied/', ['x.bin']);
    const puts = putsOf(before, 'x.bin');
    expect(puts.length).toBeGreaterThanOrEqual(1);
    expect(puts.map((r) => [isLean(r), r.status])).toEqual(puts.map(() => [true, 403]));
    const expected = await sdkFailure(sdkClient(info, wrong), bucket);
    expect(expected.code).toMatch(/SignatureDoesNotMatch|AccessDenied/);
    expect([job?.state, withoutIds(job?.error)]).toEqual(['failed', withoutIds(expected)]);
  });
});
