/**
 * Sources, checks and clean-up of bench/transfers.ts and bench/sync.ts: random files, SHA-256 of
 * files and objects, keys, the bucket; and how a benchmark ends on a failure.
 */
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import {
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { MiB } from '../shared/transfers';

/** Writes `mib` MiB of random bytes; returns the SHA-256. */
export async function randomFile(file: string, mib: number): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  for (let i = 0; i < mib; i += 16) {
    const chunk = randomBytes(Math.min(16, mib - i) * MiB);
    hash.update(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return hash.digest('hex');
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export async function sha256Object(s3: S3Client, bucket: string, key: string): Promise<string> {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const hash = createHash('sha256');
  await pipeline(out.Body as NodeJS.ReadableStream, hash);
  return hash.digest('hex');
}

export async function keysUnder(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

export async function deleteKeys(s3: S3Client, bucket: string, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) {
    const chunk = keys.slice(i, i + 1000).map((Key) => ({ Key }));
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Quiet: true, Objects: chunk } }));
  }
}

/** Empties the benchmark's bucket and deletes it (best effort: the server is stopped next anyway). */
export async function removeBucket(s3: S3Client, bucket: string): Promise<void> {
  await deleteKeys(s3, bucket, await keysUnder(s3, bucket, '')).catch(() => {});
  await s3.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => {});
}

/** Runs a benchmark's main: a missing peer or any other failure is one plain line and exit code 1, no stack trace. */
export async function runBench(name: string, main: () => Promise<void>): Promise<void> {
  await main().catch((error: unknown) => {
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
    console.error(`${name}: ${message}`);
    process.exit(1);
  });
}

export async function objectSize(s3: S3Client, bucket: string, key: string): Promise<number | undefined> {
  return (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength;
}

/** PUTs every file of `files` (name → bytes) under `prefix`, 16 at a time. */
export async function seedFolder(
  s3: S3Client,
  bucket: string,
  prefix: string,
  files: Map<string, Buffer>,
): Promise<void> {
  const queue = [...files];
  const worker = async (): Promise<void> => {
    for (let next = queue.pop(); next; next = queue.pop()) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}${next[0]}`, Body: next[1] }));
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}
