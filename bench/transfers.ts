/**
 * Transfer benchmark against one radosgw on loopback, in one run, side by side: the app's core
 * (its real queue and worker threads, bundled as a user runs it), aws-cli and rclone, each with
 * its default settings. Per round, in a rotated client order:
 *   - upload of one 1 GiB file, then download of one 1 GiB object (MiB/s);
 *   - upload of a folder of 2,000 files of 16 KiB, then download of such a folder (files/s);
 *   - upload of one 256 MiB file (for peak RSS: it must not grow with the file size);
 *   - core only: the first byte on the wire after the request (ms), through a pass-through proxy.
 * The core runs each operation twice in one host process: cold (the first batch after start)
 * and warm (the same again, on a fresh key or directory, after the first one's result was
 * checked and deleted); both are rows. Peak RSS: our host's VmHWM so far (/proc/self/status,
 * worker threads included); peers' from GNU time.
 * Every transfer's size or file count is checked, and once per row the 1 GiB object, the
 * downloaded file and the downloaded folder's files are compared by SHA-256 with the sources,
 * outside the timed section. radosgw's garbage is collected before the first round and after
 * each one (bench/radosgw-gc.ts).
 *
 * Run: npx tsx bench/transfers.ts [--rounds N] [--peers-only]
 *   BENCH_TRANSFER_ROUNDS (default 3), BENCH_TRANSFER_MIB (default 1024),
 *   BENCH_TRANSFER_FILES (default 2000), BENCH_CORE_SETTINGS (JSON settings patch; default none).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { TransferSettingsPatch } from '../shared/schemas';
import { MiB } from '../shared/transfers';
import { abortUploads, listIncompleteUploads } from '../electron/core/providers/s3/multipart-uploads';
import { sdkClient, startBenchServer } from './bench-data';
import { startFirstByteProxy, type FirstByteProxy } from './first-byte-proxy';
import { runCommand } from './peers';
import { collectGarbageAndSay } from './radosgw-gc';
import { median, timed } from './stats';
import {
  deleteKeys,
  keysUnder,
  objectSize,
  randomFile,
  removeBucket,
  runBench,
  seedFolder,
  sha256,
  sha256File,
  sha256Object,
} from './transfer-data';
import { kibToMib, printReport, Results, sizeLabel } from './transfer-report';
import {
  argValue,
  AWS_CLI,
  awsCliClient,
  checkBenchStart,
  coreClient,
  peerVersions,
  rcloneClient,
  type ClientRow,
  type Measure,
  type Operation,
  type TransferClient,
} from './transfer-clients';

const ROUNDS = Number(argValue('--rounds') ?? process.env.BENCH_TRANSFER_ROUNDS ?? 3);
const PEERS_ONLY = process.argv.includes('--peers-only');
const BIG_MIB = Number(process.env.BENCH_TRANSFER_MIB ?? 1024);
const MID_MIB = Math.min(256, BIG_MIB);
const FILES = Number(process.env.BENCH_TRANSFER_FILES ?? 2000);
const FILE_BYTES = 16 * 1024;
const CORE_SETTINGS = process.env.BENCH_CORE_SETTINGS
  ? (JSON.parse(process.env.BENCH_CORE_SETTINGS) as TransferSettingsPatch)
  : undefined;
const BIG = sizeLabel(BIG_MIB);
const MID = sizeLabel(MID_MIB);
/** Where every client downloads the folder from (seeded once with the SDK). */
const SMALL_PREFIX = 'download/small/';

const mibps = (mib: number, s: number): number => mib / s;

/** Median seconds a peer needs just to start and print its version (what its timings include). */
async function startupSeconds(command: string, args: string[]): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++)
    runs.push((await timed(() => runCommand(command, args, { PATH: process.env.PATH }))).seconds);
  return median(runs);
}

async function main(): Promise<void> {
  checkBenchStart(ROUNDS);
  const server = await startBenchServer();
  const s3 = sdkClient(server);
  const work = mkdtempSync(join(tmpdir(), 'qs-bench-transfers-'));
  const bucket = `bench-transfers-${randomBytes(4).toString('hex')}`;
  const core = PEERS_ONLY ? null : coreClient(server, CORE_SETTINGS);
  const clients: TransferClient[] = [...(core ? [core] : []), awsCliClient(server), rcloneClient(server)];
  const rows = clients.flatMap((c) => c.rows);
  let proxy: FirstByteProxy | null = null;
  const results = new Results();
  let bucketCreated = false;
  try {
    console.log(`Peers: ${await peerVersions()}. Writing the sources (${BIG}, ${MID}, ${FILES} × 16 KiB)…`);
    const bigFile = join(work, 'big.bin');
    const midFile = join(work, 'mid.bin');
    const bigSha = await randomFile(bigFile, BIG_MIB);
    await randomFile(midFile, MID_MIB);
    const folder = join(work, 'small');
    mkdirSync(folder);
    const smallFiles = new Map<string, Buffer>();
    for (let i = 0; i < FILES; i++) {
      const name = `file-${String(i).padStart(5, '0')}.bin`;
      const bytes = randomBytes(FILE_BYTES);
      smallFiles.set(name, bytes);
      writeFileSync(join(folder, name), bytes);
    }
    const smallShas = new Map([...smallFiles].map(([name, bytes]) => [name, sha256(bytes)]));
    const firstSmall = 'file-00000.bin';

    // The first-byte row's own core host goes through the proxy (it would slow the throughput rows).
    proxy = core ? await startFirstByteProxy({ host: '127.0.0.1', port: Number(new URL(server.endpoint).port) }) : null;
    const viaProxy =
      proxy === null ? null : { proxy, client: coreClient({ ...server, endpoint: proxy.url }, CORE_SETTINGS) };

    await collectGarbageAndSay(server, 'before the first round');
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    bucketCreated = true;
    // The objects every client downloads (put by the SDK; this also warms radosgw up).
    const source = 'download/big.bin';
    const seeded = await timed(async () => {
      await new Upload({
        client: s3,
        params: { Bucket: bucket, Key: source, Body: createReadStream(bigFile) },
        partSize: 16 * MiB,
        queueSize: 4,
      }).done();
      await seedFolder(s3, bucket, SMALL_PREFIX, smallFiles);
    });
    console.log(
      `Seeded ${source} and ${SMALL_PREFIX} (${FILES} files) with the SDK in ${seeded.seconds.toFixed(1)} s. ` +
        `${ROUNDS} rounds…`,
    );

    const checked = new Set<string>();
    const firstTime = (what: string): boolean => !checked.has(what) && (checked.add(what), true);
    for (let round = 1; round <= ROUNDS; round++) {
      const order = clients.map((_, j) => clients[(round - 1 + j) % clients.length] as TransferClient);
      /** Runs one operation per row of every client; `check` (not timed) runs right after each. */
      const measure = async <O extends Operation>(
        what: string,
        label: string,
        make: (row: ClientRow) => O,
        rate: (m: Measure) => string,
        check: (op: O, row: ClientRow) => Promise<void>,
      ): Promise<void> => {
        for (const c of order) {
          const ops = c.rows.map(make);
          await c.run(ops, async (m, row) => {
            results.add(what, row.name, m);
            console.log(
              `round ${round}: ${label}: ${row.name} ${m.seconds.toFixed(2)} s (${rate(m)}), ` +
                `peak RSS ${kibToMib(m.peakRssKiB)}`,
            );
            await check(ops[c.rows.indexOf(row)] as O, row);
          });
        }
      };
      const dirFor = (row: ClientRow, what: string): string => {
        const dir = join(work, `${what}-${row.slug}-${round}`);
        mkdirSync(dir);
        return dir;
      };
      const bigRate = (m: Measure): string => `${mibps(BIG_MIB, m.seconds).toFixed(0)} MiB/s`;
      const filesRate = (m: Measure): string => `${(FILES / m.seconds).toFixed(0)} files/s`;

      await measure(
        'upload',
        `upload ${BIG}`,
        (row) => ({ kind: 'upload' as const, file: bigFile, bucket, key: `r${round}/${row.slug}/big.bin` }),
        bigRate,
        async (op, row) => {
          const size = await objectSize(s3, bucket, op.key);
          if (size !== BIG_MIB * MiB) throw new Error(`${row.name} uploaded ${size} bytes, expected ${BIG_MIB * MiB}`);
          if (firstTime(`upload ${row.name}`) && (await sha256Object(s3, bucket, op.key)) !== bigSha) {
            throw new Error(`${row.name}: the uploaded object differs from the source (SHA-256)`);
          }
          await deleteKeys(s3, bucket, [op.key]);
        },
      );

      await measure(
        'download',
        `download ${BIG}`,
        (row) => ({ kind: 'download' as const, bucket, key: source, targetDir: dirFor(row, 'dl') }),
        bigRate,
        async (op, row) => {
          if (firstTime(`download ${row.name}`) && (await sha256File(join(op.targetDir, 'big.bin'))) !== bigSha) {
            throw new Error(`${row.name}: the downloaded file differs from the source (SHA-256)`);
          }
          // Kept GiB files slow later writes (profile §3): every download goes at once.
          rmSync(op.targetDir, { recursive: true, force: true });
        },
      );

      await measure(
        'files',
        `upload ${FILES} files`,
        (row) => ({
          kind: 'uploadFolder' as const,
          dir: folder,
          files: FILES,
          bucket,
          prefix: `r${round}/${row.slug}/`,
        }),
        filesRate,
        async (op, row) => {
          const keys = await keysUnder(s3, bucket, `${op.prefix}small/`);
          if (keys.length !== FILES) throw new Error(`${row.name} uploaded ${keys.length} files, expected ${FILES}`);
          await deleteKeys(s3, bucket, keys);
        },
      );

      await measure(
        'files-down',
        `download ${FILES} files`,
        (row) => ({
          kind: 'downloadFolder' as const,
          bucket,
          prefix: SMALL_PREFIX,
          files: FILES,
          targetDir: dirFor(row, 'dls'),
        }),
        filesRate,
        async (op, row) => {
          const dir = join(op.targetDir, 'small');
          const names = readdirSync(dir);
          if (names.length !== FILES)
            throw new Error(`${row.name} downloaded ${names.length} files, expected ${FILES}`);
          if (firstTime(`files-down ${row.name}`)) {
            const differ = names.filter((n) => sha256(readFileSync(join(dir, n))) !== smallShas.get(n));
            if (differ.length > 0) {
              throw new Error(`${row.name}: ${differ.length} downloaded files differ from the sources (SHA-256)`);
            }
          }
          rmSync(op.targetDir, { recursive: true, force: true });
        },
      );

      await measure(
        'mid',
        `upload ${MID}`,
        (row) => ({ kind: 'upload' as const, file: midFile, bucket, key: `r${round}/${row.slug}/mid.bin` }),
        (m) => `${mibps(MID_MIB, m.seconds).toFixed(0)} MiB/s`,
        async (op, row) => {
          const size = await objectSize(s3, bucket, op.key);
          if (size !== MID_MIB * MiB) throw new Error(`${row.name} uploaded ${size} bytes, expected ${MID_MIB * MiB}`);
          await deleteKeys(s3, bucket, [op.key]);
        },
      );

      if (viaProxy) {
        const firstByte = async (what: string, make: (row: ClientRow) => Operation): Promise<void> => {
          viaProxy.proxy.reset();
          const ops = viaProxy.client.rows.map(make);
          await viaProxy.client.run(ops, async (m, row) => {
            const ms = viaProxy.proxy.firstByteMsAfter(BigInt(m.host?.requestedAtNs ?? 0));
            if (ms === null) throw new Error(`${row.name}: no byte reached the proxy after the ${what} request`);
            results.addFirstByte(what, row.name, ms);
            console.log(`round ${round}: first byte on the wire, ${what}: ${row.name} ${ms.toFixed(1)} ms`);
            const op = ops[viaProxy.client.rows.indexOf(row)] as Operation;
            if (op.kind === 'upload') await deleteKeys(s3, bucket, [op.key]);
            if (op.kind === 'download') rmSync(op.targetDir, { recursive: true, force: true });
          });
        };
        await firstByte('upload', (row) => ({
          kind: 'upload',
          file: join(folder, firstSmall),
          bucket,
          key: `r${round}/fb-${row.slug}/${firstSmall}`,
        }));
        await firstByte('download', (row) => ({
          kind: 'download',
          bucket,
          key: `${SMALL_PREFIX}${firstSmall}`,
          targetDir: dirFor(row, 'fb'),
        }));
      }
      await collectGarbageAndSay(server, `after round ${round}`);
    }

    const left = await listIncompleteUploads(s3, { bucket, prefix: '', continuationToken: null });
    printReport({
      results,
      rows,
      core,
      rounds: ROUNDS,
      bigMib: BIG_MIB,
      midMib: MID_MIB,
      files: FILES,
      fileBytes: FILE_BYTES,
      coreSettings: CORE_SETTINGS,
    });
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
    await proxy?.close();
    if (bucketCreated) {
      const left = await listIncompleteUploads(s3, { bucket, prefix: '', continuationToken: null }).catch(() => null);
      if (left && left.items.length > 0) await abortUploads(s3, bucket, left.items);
      await removeBucket(s3, bucket);
    }
    s3.destroy();
    rmSync(work, { recursive: true, force: true });
    await server.stop();
  }
}

await runBench('bench/transfers.ts', main);
