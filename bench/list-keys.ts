/**
 * Listing benchmark: one folder of 100,000 keys on a real S3 server (radosgw on loopback),
 * listed page by page through the core (the path the UI uses), a plain AWS SDK pagination
 * loop, aws-cli and rclone, in interleaved rounds. Prints the median keys/s and ratios.
 * Run: npx tsx bench/list-keys.ts   (BENCH_KEYS and BENCH_ROUNDS override the defaults)
 */
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, createKeyFileVault } from '../electron/core';
import { startS3TestServer } from '../test/servers/s3-server';
import { awsEnv, rcloneEnv, runCommand, type S3Target } from './peers';
import { median, printTable, timed } from './stats';

const KEYS = Number(process.env.BENCH_KEYS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BUCKET = `bench-list-${KEYS}`;
const PREFIX = 'flat/';
const MARKER = `seeded-${KEYS}`;

function sdkClient(t: S3Target): S3Client {
  return new S3Client({
    endpoint: t.endpoint,
    region: t.region,
    credentials: { accessKeyId: t.accessKeyId, secretAccessKey: t.secretAccessKey },
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

async function seed(s3: S3Client): Promise<void> {
  const seeded = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: MARKER })).then(
    () => true,
    () => false,
  );
  if (seeded) return;
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET })).catch((e: { name?: string }) => {
    if (e.name !== 'BucketAlreadyOwnedByYou') throw e;
  });
  console.log(`Seeding ${KEYS} keys into ${BUCKET} (once; kept with the server's data)…`);
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    for (let i = next++; i < KEYS; i = next++) {
      const key = `${PREFIX}file-${String(i).padStart(6, '0')}.txt`;
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'x' }));
      if (i % 10_000 === 0) console.log(`  ${i} keys, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: MARKER, Body: '' }));
}

async function listWithSdk(s3: S3Client): Promise<number> {
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

async function main(): Promise<void> {
  const server = await startS3TestServer();
  if ('skipped' in server) throw new Error(`No S3 server: ${server.skipped}`);
  try {
    const s3 = sdkClient(server);
    await seed(s3);

    const dataDir = mkdtempSync(join(tmpdir(), 'qs-bench-core-'));
    const core = await createCore({
      dataDir,
      vault: await createKeyFileVault(dataDir),
      host: {},
      info: { host: 'web', version: 'bench' },
    });
    const created = await core.invoke('accounts:create', {
      account: {
        kind: 's3',
        name: 'bench',
        endpoint: server.endpoint,
        region: server.region,
        accessKeyId: server.accessKeyId,
        secretAccessKey: server.secretAccessKey,
        addressingStyle: 'path',
        checksumMode: 'when_required',
      },
    });
    if (!created.ok) throw new Error(created.error.message);
    const accountId = (created.value as { id: string }).id;

    const listWithCore = async (): Promise<number> => {
      let count = 0;
      let continuationToken: string | null = null;
      do {
        const page = await core.invoke('objects:list', { accountId, bucket: BUCKET, prefix: PREFIX, continuationToken });
        if (!page.ok) throw new Error(page.error.message);
        const value = page.value as { items: unknown[]; nextToken: string | null };
        count += value.items.length;
        continuationToken = value.nextToken;
      } while (continuationToken);
      return count;
    };
    const aws = awsEnv(server);
    const listWithAws = async (): Promise<number> => {
      const out = await runCommand(
        '/usr/bin/aws',
        ['s3api', 'list-objects-v2', '--endpoint-url', server.endpoint, '--bucket', BUCKET, '--prefix', PREFIX, '--delimiter', '/', '--query', 'length(Contents)', '--output', 'text'],
        aws,
      );
      return Number(out.trim());
    };
    const rclone = rcloneEnv(server);
    const listWithRclone = async (): Promise<number> => {
      const out = await runCommand('rclone', ['lsf', '--max-depth', '1', `bench:${BUCKET}/${PREFIX}`], rclone);
      return out.split('\n').filter((l) => l !== '').length;
    };

    const clients: [string, () => Promise<number>][] = [
      ['QStorage Desktop core', listWithCore],
      ['AWS SDK loop', () => listWithSdk(s3)],
      ['aws-cli 2 (s3api)', listWithAws],
      ['rclone lsf', listWithRclone],
    ];
    const seconds = new Map<string, number[]>(clients.map(([name]) => [name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, list] of clients) {
        const { value, seconds: s } = await timed(list);
        if (value !== KEYS) throw new Error(`${name} listed ${value} keys, expected ${KEYS}`);
        seconds.get(name)?.push(s);
        console.log(`round ${round}: ${name} ${s.toFixed(2)} s`);
      }
    }
    const ours = median(seconds.get('QStorage Desktop core') ?? []);
    printTable(
      `Listing ${KEYS} keys in one folder (radosgw on loopback, median of ${ROUNDS} rounds)`,
      ['client', 'median s', 'keys/s', 'core is ×faster'],
      clients.map(([name]) => {
        const m = median(seconds.get(name) ?? []);
        return [name, m.toFixed(2), Math.round(KEYS / m), (m / ours).toFixed(2)];
      }),
    );
    await core.dispose();
  } finally {
    await server.stop();
  }
}

await main();
