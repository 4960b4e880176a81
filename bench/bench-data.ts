/**
 * The data set both benchmarks share: one folder of KEYS keys in a bucket on the test S3
 * server (radosgw on loopback, see test/servers/s3-server.ts). Seeded once; radosgw keeps
 * its data across runs, and a marker object says the seeding finished.
 */
import {
  CreateBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Agent } from 'node:http';
import { startS3TestServer, type S3TestServer } from '../test/servers/s3-server';
import type { S3Target } from './peers';
import { testSdkClient } from '../test/servers/s3-target';

// Node 20 is what this project runs on: the SDK's notice about Node 22 is not a finding here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const KEYS = Number(process.env.BENCH_KEYS ?? 100_000);
/** Timed rounds; 3 left the listing medians at the mercy of one slow radosgw round. */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
export const BUCKET = `bench-list-${KEYS}`;
/** The folder holding the KEYS keys; the bucket root holds it and the marker. */
export const PREFIX = 'flat/';
export const MARKER = `seeded-${KEYS}`;
/**
 * Parallel PUTs while seeding; override with BENCH_SEED_CONCURRENCY. A probe on this 2-core
 * machine (3,000 one-byte PUTs per setting, warm radosgw) gave 4: 146, 8: 226, 16: 251,
 * 32: 204, 64: 164 PUT/s: the single OSD is the limit, and more requests only queue.
 */
export const SEED_CONCURRENCY = Number(process.env.BENCH_SEED_CONCURRENCY ?? 16);

export const keyOf = (i: number): string => `${PREFIX}file-${String(i).padStart(6, '0')}.txt`;

/** A plain SDK client (path style, no flexible checksums), with enough sockets for seeding. */
export function sdkClient(t: S3Target): S3Client {
  return testSdkClient(t, {
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: Math.max(64, SEED_CONCURRENCY) }) },
  });
}

/** radosgw (or QS_TEST_S3_ENDPOINT); throws with the reason when there is none. */
export async function startBenchServer(): Promise<S3TestServer> {
  const server = await startS3TestServer();
  if ('skipped' in server) throw new Error(`No S3 server for the benchmark: ${server.skipped}`);
  return server;
}

/** Every key already under `prefix` (to resume an interrupted seeding). */
async function existingKeys(s3: S3Client, prefix: string): Promise<Set<string>> {
  const keys = new Set<string>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.add(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** PUTs `keys` (1-byte bodies) with `concurrency` workers, printing progress; returns PUT/s. */
export async function putKeys(s3: S3Client, keys: string[], concurrency: number, label = 'seeded'): Promise<number> {
  const started = performance.now();
  const step = Math.max(1000, Math.round(keys.length / 20 / 1000) * 1000);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < keys.length; i = next++) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: keys[i], Body: 'x' }));
      done++;
      if (done % step === 0 || done === keys.length) {
        const s = (performance.now() - started) / 1000;
        console.log(
          `  ${label} ${done.toLocaleString('en-US')} / ${keys.length.toLocaleString('en-US')} keys, ${s.toFixed(0)} s, ${Math.round(done / s)} PUT/s`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  return keys.length / ((performance.now() - started) / 1000);
}

/** Creates BUCKET with KEYS keys under PREFIX unless the marker says it is done; resumes a partial run. */
export async function ensureSeeded(s3: S3Client): Promise<void> {
  const seeded = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: MARKER })).then(
    () => true,
    () => false,
  );
  if (seeded) {
    console.log(
      `Bucket ${BUCKET} already holds ${KEYS.toLocaleString('en-US')} keys under ${PREFIX} (marker ${MARKER}).`,
    );
    return;
  }
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET })).catch((e: { name?: string }) => {
    // radosgw answers a repeated create by the owner with 200, AWS with BucketAlreadyOwnedByYou.
    if (e.name !== 'BucketAlreadyOwnedByYou') throw e;
  });
  const present = await existingKeys(s3, PREFIX);
  const missing = Array.from({ length: KEYS }, (_, i) => keyOf(i)).filter((k) => !present.has(k));
  console.log(
    `Seeding ${missing.length.toLocaleString('en-US')} keys into ${BUCKET}/${PREFIX} with ${SEED_CONCURRENCY} parallel PUTs` +
      `${present.size > 0 ? ` (${present.size.toLocaleString('en-US')} already there)` : ''}; once, radosgw keeps them…`,
  );
  const rate = await putKeys(s3, missing, SEED_CONCURRENCY);
  const count = (await existingKeys(s3, PREFIX)).size;
  if (count !== KEYS) throw new Error(`after seeding, ${BUCKET}/${PREFIX} holds ${count} keys, expected ${KEYS}`);
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: MARKER, Body: '', ContentLength: 0 }));
  console.log(`Seeded at ${Math.round(rate)} PUT/s.`);
}

/** The folder listed like a browser would (delimiter "/", pages of 1,000): the number of entries. */
export async function listFolderWithSdk(s3: S3Client): Promise<number> {
  let count = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: PREFIX, Delimiter: '/', ContinuationToken: token }),
    );
    count += (page.Contents?.length ?? 0) + (page.CommonPrefixes?.length ?? 0);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return count;
}
