/**
 * Shared setup for the core's integration tests: a core with a temp data directory and the
 * key-file vault, an 's3' account (path style) on the test server, an SDK client for seeding
 * and checking, and helpers that unwrap Results.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Channel, RequestOf, ResponseOf } from '../../shared/contract';
import type { AppError, Result } from '../../shared/errors';
import type { OperationProgress } from '../../shared/models';
import { createCore, type Core } from '../../electron/core/create-core';
import { SOURCE_WORKER_ENTRY } from '../support/source-worker';
import type { HostServices } from '../../electron/core/host-services';
import { createKeyFileVault } from '../../electron/core/key-file-vault';
import type { CopyTuning } from '../../electron/core/providers/s3/context';
import type { S3ServerInfo } from './s3-context';
import { testAccountInput, testSdkClient } from '../servers/s3-target';

export interface Harness {
  core: Core;
  dataDir: string;
  accountId: string;
  /** Direct SDK access for seeding and checking, outside the core. */
  sdk: S3Client;
  progress: OperationProgress[];
  /** Invokes and returns the value; fails the test with the error otherwise. */
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Invokes and returns the error; fails the test if the call succeeded. */
  fail<C extends Channel>(channel: C, request: RequestOf<C>): Promise<AppError>;
  /** A bucket created for this run (deleted with everything in it by dispose()). */
  newBucket(label: string): Promise<string>;
  put(bucket: string, key: string, body: string | Uint8Array): Promise<void>;
  get(bucket: string, key: string): Promise<Buffer>;
  allKeys(bucket: string, prefix?: string): Promise<string[]>;
  dispose(): Promise<void>;
}

export const uniqueName = (label: string): string =>
  `qs-core-${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

export function sdkClient(s3: S3ServerInfo, creds: { accessKeyId: string; secretAccessKey: string } = s3): S3Client {
  return testSdkClient({ ...s3, ...creds });
}

/** A core on a fresh data folder, or on `existingDataDir` (the app starting again). */
export async function newCore(
  host: HostServices = {},
  copyTuning?: CopyTuning,
  existingDataDir?: string,
): Promise<{ core: Core; dataDir: string }> {
  const dataDir = existingDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'qs-core-it-')));
  const core = await createCore({
    dataDir,
    vault: await createKeyFileVault(dataDir),
    workerEntry: SOURCE_WORKER_ENTRY,
    host,
    info: { host: 'web', version: 'test' },
    ...(copyTuning && { copyTuning }),
  });
  return { core, dataDir };
}

export function unwrap<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

export async function startHarness(
  s3: S3ServerInfo,
  options: { host?: HostServices; copyTuning?: CopyTuning } = {},
): Promise<Harness> {
  const { core, dataDir } = await newCore(options.host, options.copyTuning);
  const progress: OperationProgress[] = [];
  core.onEvent('operations:progress', (p) => progress.push(p));
  const sdk = sdkClient(s3);
  const buckets: string[] = [];

  const call = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
    unwrap<ResponseOf<C>>(await core.invoke(channel, request), channel);
  const account = await call('accounts:create', {
    account: testAccountInput(s3, 'Test server'),
  });

  const allKeys = async (bucket: string, prefix = ''): Promise<string[]> => {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const out = await sdk.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }),
      );
      keys.push(...(out.Contents ?? []).map((o) => o.Key ?? ''));
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return keys;
  };

  return {
    core,
    dataDir,
    accountId: account.id,
    sdk,
    progress,
    call,
    async fail(channel, request) {
      const result = await core.invoke(channel, request);
      if (result.ok) throw new Error(`${channel} was expected to fail but returned ${JSON.stringify(result.value)}`);
      return result.error;
    },
    async newBucket(label) {
      const name = uniqueName(label);
      await sdk.send(new CreateBucketCommand({ Bucket: name }));
      buckets.push(name);
      return name;
    },
    async put(bucket, key, body) {
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      await sdk.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentLength: bytes.length }));
    },
    async get(bucket, key) {
      const out = await sdk.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await out.Body!.transformToByteArray());
    },
    allKeys,
    async dispose() {
      for (const bucket of buckets) {
        const keys = await allKeys(bucket).catch(() => []);
        for (let i = 0; i < keys.length; i += 1000) {
          await sdk
            .send(
              new DeleteObjectsCommand({
                Bucket: bucket,
                Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })) },
              }),
            )
            .catch(() => {});
        }
        // A key with a control character cannot travel in DeleteObjects' XML: one by one.
        for (const Key of await allKeys(bucket).catch(() => []))
          await sdk.send(new DeleteObjectCommand({ Bucket: bucket, Key })).catch(() => {});
        await sdk.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => {});
      }
      sdk.destroy();
      await core.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Puts many small objects with bounded concurrency (seeding for paging tests). */
export async function putMany(sdk: S3Client, bucket: string, keys: string[], concurrency = 16): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < keys.length) {
        const key = keys[next++]!;
        await sdk.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
      }
    }),
  );
}
