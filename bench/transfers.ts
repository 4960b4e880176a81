/**
 * Transfer benchmark against one radosgw on loopback, in one run, side by side: the app's core
 * (its real queue and worker threads, in a host process of its own per batch), aws-cli and
 * rclone, each with its default settings. Per round, in a rotated client order:
 *   - upload of one 1 GiB file, then download of one 1 GiB object (MiB/s);
 *   - upload of a folder of 2,000 files of 16 KiB (files/s);
 *   - upload of one 256 MiB file (for peak RSS: it must not grow with the file size).
 * Peak RSS: our host's VmHWM (/proc/self/status, worker threads included); peers' from GNU time.
 * Every upload's size is checked (HEAD / listing), and once per client the uploaded 1 GiB object
 * and the downloaded file are compared by SHA-256 with the source, outside the timed section.
 *
 * Run: npx tsx bench/transfers.ts [--rounds N] [--peers-only]
 *   BENCH_TRANSFER_ROUNDS (default 3), BENCH_TRANSFER_MIB (default 1024),
 *   BENCH_TRANSFER_FILES (default 2000), BENCH_CORE_SETTINGS (JSON settings patch; default none).
 */
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { TransferSettingsPatch } from '../shared/schemas';
import { MiB, type TransferSettings } from '../shared/transfers';
import { abortUploads, listIncompleteUploads } from '../electron/core/providers/s3/multipart-uploads';
import { sdkClient, startBenchServer } from './bench-data';
import { runCommand } from './peers';
import { median, printTable, timed } from './stats';
import { AWS_CLI, awsCliClient, coreClient, rcloneClient, type Measure, type TransferClient } from './transfer-clients';

const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ROUNDS = Number(argValue('--rounds') ?? process.env.BENCH_TRANSFER_ROUNDS ?? 3);
const PEERS_ONLY = process.argv.includes('--peers-only');
const BIG_MIB = Number(process.env.BENCH_TRANSFER_MIB ?? 1024);
const MID_MIB = Math.min(256, BIG_MIB);
const FILES = Number(process.env.BENCH_TRANSFER_FILES ?? 2000);
const FILE_BYTES = 16 * 1024;
const CORE_SETTINGS = process.env.BENCH_CORE_SETTINGS
  ? (JSON.parse(process.env.BENCH_CORE_SETTINGS) as TransferSettingsPatch)
  : undefined;
const CORE = 'QStorage Desktop core';
const sizeLabel = (mib: number): string => (mib % 1024 === 0 ? `${mib / 1024} GiB` : `${mib} MiB`);
const BIG = sizeLabel(BIG_MIB);
const MID = sizeLabel(MID_MIB);

/** Writes `mib` MiB of random bytes; returns the SHA-256. */
async function randomFile(file: string, mib: number): Promise<string> {
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

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

async function sha256Object(s3: S3Client, bucket: string, key: string): Promise<string> {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const hash = createHash('sha256');
  await pipeline(out.Body as NodeJS.ReadableStream, hash);
  return hash.digest('hex');
}

async function keysUnder(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

async function deleteKeys(s3: S3Client, bucket: string, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) {
    const chunk = keys.slice(i, i + 1000).map((Key) => ({ Key }));
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Quiet: true, Objects: chunk } }));
  }
}

async function objectSize(s3: S3Client, bucket: string, key: string): Promise<number | undefined> {
  return (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength;
}

/** Per client and measure, the values of every round. */
class Results {
  private readonly values = new Map<string, Measure[]>();
  add(measure: string, client: string, m: Measure): void {
    const k = `${measure}\0${client}`;
    this.values.set(k, [...(this.values.get(k) ?? []), m]);
  }
  of(measure: string, client: string): Measure[] {
    return this.values.get(`${measure}\0${client}`) ?? [];
  }
}

const mibps = (mib: number, s: number): number => mib / s;
const kibToMib = (kib: number | null): string => (kib === null ? 'n/a' : `${(kib / 1024).toFixed(0)} MiB`);
const medianRss = (ms: Measure[]): number | null => {
  const rss = ms.flatMap((m) => (m.peakRssKiB === null ? [] : [m.peakRssKiB]));
  return rss.length === 0 ? null : median(rss);
};

/** A throughput table: median rate, each round, and our rate divided by each client's. */
function rateTable(
  title: string,
  unit: string,
  clients: TransferClient[],
  runs: (c: TransferClient) => Measure[],
  rate: (s: number) => number,
): void {
  const ours = clients.some((c) => c.name === CORE)
    ? median(runs(clients.find((c) => c.name === CORE) as TransferClient).map((m) => rate(m.seconds)))
    : null;
  printTable(
    title,
    ['client', 'median s', `median ${unit}`, `each round ${unit}`, 'core ÷ client'],
    clients.map((c) => {
      const ms = runs(c);
      const r = median(ms.map((m) => rate(m.seconds)));
      return [
        c.name,
        median(ms.map((m) => m.seconds)).toFixed(2),
        r.toFixed(0),
        ms.map((m) => rate(m.seconds).toFixed(0)).join(', '),
        ours === null ? 'n/a' : `${(ours / r).toFixed(2)}×`,
      ];
    }),
  );
}

/** Median seconds a peer needs just to start and print its version (what its timings include). */
async function startupSeconds(command: string, args: string[]): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++)
    runs.push((await timed(() => runCommand(command, args, { PATH: process.env.PATH }))).seconds);
  return median(runs);
}

async function versions(): Promise<string> {
  const aws = (await runCommand(AWS_CLI, ['--version'], { PATH: process.env.PATH }).catch(() => '?')).split(' ')[0];
  const rclone = (await runCommand('rclone', ['version'], { PATH: process.env.PATH }).catch(() => '?')).split('\n')[0];
  return `${aws}, ${rclone}`;
}

async function main(): Promise<void> {
  if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`rounds must be a positive integer, got ${ROUNDS}`);
  const server = await startBenchServer();
  const s3 = sdkClient(server);
  const work = mkdtempSync(join(tmpdir(), 'qs-bench-transfers-'));
  const bucket = `bench-transfers-${randomBytes(4).toString('hex')}`;
  const clients: TransferClient[] = [
    ...(PEERS_ONLY ? [] : [coreClient(server, CORE_SETTINGS)]),
    awsCliClient(server),
    rcloneClient(server),
  ];
  const results = new Results();
  let bucketCreated = false;
  try {
    console.log(`Peers: ${await versions()}. Writing the sources (${BIG}, ${MID}, ${FILES} × 16 KiB)…`);
    const bigFile = join(work, 'big.bin');
    const midFile = join(work, 'mid.bin');
    const bigSha = await randomFile(bigFile, BIG_MIB);
    await randomFile(midFile, MID_MIB);
    const folder = join(work, 'small');
    mkdirSync(folder);
    for (let i = 0; i < FILES; i++)
      writeFileSync(join(folder, `file-${String(i).padStart(5, '0')}.bin`), randomBytes(FILE_BYTES));

    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    bucketCreated = true;
    // The object every client downloads (put by the SDK; this also warms radosgw up).
    const source = 'download/big.bin';
    const seeded = await timed(() =>
      new Upload({
        client: s3,
        params: { Bucket: bucket, Key: source, Body: createReadStream(bigFile) },
        partSize: 16 * MiB,
        queueSize: 4,
      }).done(),
    );
    console.log(`Seeded ${source} with the SDK in ${seeded.seconds.toFixed(1)} s. ${ROUNDS} rounds…`);

    const checked = new Set<string>();
    const firstTime = (what: string): boolean => !checked.has(what) && (checked.add(what), true);
    for (let round = 1; round <= ROUNDS; round++) {
      const order = clients.map((_, j) => clients[(round - 1 + j) % clients.length] as TransferClient);
      const log = (what: string, c: TransferClient, m: Measure, extra = ''): void =>
        console.log(
          `round ${round}: ${what}: ${c.name} ${m.seconds.toFixed(2)} s${extra}, peak RSS ${kibToMib(m.peakRssKiB)}`,
        );

      for (const c of order) {
        const key = `r${round}/${c.slug}/big.bin`;
        const m = await c.upload(bigFile, bucket, key);
        results.add('upload', c.name, m);
        log(`upload ${BIG}`, c, m, ` (${mibps(BIG_MIB, m.seconds).toFixed(0)} MiB/s)`);
        const size = await objectSize(s3, bucket, key);
        if (size !== BIG_MIB * MiB) throw new Error(`${c.name} uploaded ${size} bytes, expected ${BIG_MIB * MiB}`);
        if (firstTime(`upload ${c.name}`) && (await sha256Object(s3, bucket, key)) !== bigSha) {
          throw new Error(`${c.name}: the uploaded object differs from the source (SHA-256)`);
        }
        await deleteKeys(s3, bucket, [key]);
      }

      for (const c of order) {
        const dir = join(work, `dl-${c.slug}-${round}`);
        mkdirSync(dir);
        const m = await c.download(bucket, source, dir);
        results.add('download', c.name, m);
        log(`download ${BIG}`, c, m, ` (${mibps(BIG_MIB, m.seconds).toFixed(0)} MiB/s)`);
        if (firstTime(`download ${c.name}`) && (await sha256File(join(dir, 'big.bin'))) !== bigSha) {
          throw new Error(`${c.name}: the downloaded file differs from the source (SHA-256)`);
        }
        rmSync(dir, { recursive: true, force: true });
      }

      for (const c of order) {
        const prefix = `r${round}/${c.slug}/`;
        const m = await c.uploadFolder(folder, FILES, bucket, prefix);
        results.add('files', c.name, m);
        log(`${FILES} files`, c, m, ` (${(FILES / m.seconds).toFixed(0)} files/s)`);
        const keys = await keysUnder(s3, bucket, `${prefix}small/`);
        if (keys.length !== FILES) throw new Error(`${c.name} uploaded ${keys.length} files, expected ${FILES}`);
        await deleteKeys(s3, bucket, keys);
      }

      for (const c of order) {
        const key = `r${round}/${c.slug}/mid.bin`;
        const m = await c.upload(midFile, bucket, key);
        results.add('mid', c.name, m);
        log(`upload ${MID}`, c, m, ` (${mibps(MID_MIB, m.seconds).toFixed(0)} MiB/s)`);
        const size = await objectSize(s3, bucket, key);
        if (size !== MID_MIB * MiB) throw new Error(`${c.name} uploaded ${size} bytes, expected ${MID_MIB * MiB}`);
        await deleteKeys(s3, bucket, [key]);
      }
    }

    const left = await listIncompleteUploads(s3, { bucket, prefix: '', continuationToken: null });
    const settings: TransferSettings | undefined = results.of('upload', CORE)[0]?.host?.settings;
    const n = `radosgw on loopback, median of ${ROUNDS} round${ROUNDS === 1 ? '' : 's'}`;
    rateTable(
      `Upload of one ${BIG} file (${n})`,
      'MiB/s',
      clients,
      (c) => results.of('upload', c.name),
      (s) => mibps(BIG_MIB, s),
    );
    rateTable(
      `Download of one ${BIG} object (${n})`,
      'MiB/s',
      clients,
      (c) => results.of('download', c.name),
      (s) => mibps(BIG_MIB, s),
    );
    rateTable(
      `Upload of a folder of ${FILES.toLocaleString('en-US')} files of 16 KiB (${n})`,
      'files/s',
      clients,
      (c) => results.of('files', c.name),
      (s) => FILES / s,
    );
    printTable(
      `Peak RSS of the process doing the transfer (${n})`,
      ['client', `${MID} upload`, `${BIG} upload`, `${BIG} download`, `${FILES} files upload`],
      clients.map((c) => [
        c.name,
        kibToMib(medianRss(results.of('mid', c.name))),
        kibToMib(medianRss(results.of('upload', c.name))),
        kibToMib(medianRss(results.of('download', c.name))),
        kibToMib(medianRss(results.of('files', c.name))),
      ]),
    );
    if (!PEERS_ONLY) {
      const host = (what: string) => results.of(what, CORE).flatMap((m) => (m.host ? [m.host] : []));
      const detail = (what: string): string =>
        `VmRSS before the batch ${kibToMib(median(host(what).map((h) => h.rssBeforeKiB)))}, ` +
        `highest VmRSS sampled every 20 ms ${kibToMib(median(host(what).map((h) => h.sampledMaxRssKiB)))}, ` +
        `VmHWM ${kibToMib(median(host(what).map((h) => h.vmHwmKiB)))}`;
      const startup = median(
        ['upload', 'download', 'files', 'mid'].flatMap((w) => host(w).map((h) => h.processSeconds - h.seconds)),
      );
      console.log(`\nCore host, ${MID} upload: ${detail('mid')}`);
      console.log(`Core host, ${BIG} upload: ${detail('upload')}`);
      console.log(
        `Core settings (${CORE_SETTINGS ? `patched with ${JSON.stringify(CORE_SETTINGS)}` : 'defaults'}): ` +
          `${JSON.stringify(settings)}; conflict policy overwrite. Timed from transfers:upload|download to the ` +
          'batch-finished snapshot in a running core (host process start not included: the rest of the ' +
          `host's life (node start-up, core creation and exit), took ${startup.toFixed(2)} s per batch, median).`,
      );
    } else {
      console.log('\nPeers only (--peers-only): the core was not measured in this run.');
    }
    const awsStart = await startupSeconds(AWS_CLI, ['--version']);
    const rcloneStart = await startupSeconds('rclone', ['version']);
    console.log(
      'Peers: defaults, timed as whole commands (process start included: `aws --version` takes ' +
        `${awsStart.toFixed(2)} s, \`rclone version\` ${rcloneStart.toFixed(2)} s); aws-cli: 8 MiB parts, 10 requests ` +
        'in flight; rclone: 4 transfers, 5 MiB chunks, upload concurrency 4, 4 download streams.',
    );
    console.log(`Incomplete multipart uploads left in the bucket after all runs: ${left.items.length}.`);
  } finally {
    for (const c of clients) c.dispose();
    if (bucketCreated) {
      const left = await listIncompleteUploads(s3, { bucket, prefix: '', continuationToken: null }).catch(() => null);
      if (left && left.items.length > 0) await abortUploads(s3, bucket, left.items);
      await deleteKeys(s3, bucket, await keysUnder(s3, bucket, '')).catch(() => {});
      await s3.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => {});
    }
    s3.destroy();
    rmSync(work, { recursive: true, force: true });
    await server.stop();
  }
}

await main();
