/**
 * Folder sync benchmark against one radosgw on loopback, in one run, side by side: the app's
 * core (its sync service, queue and worker threads, bundled as a user runs it), `aws s3 sync`
 * and `rclone sync`, each with its defaults, uploading one tree of 10,000 files of mixed sizes
 * (bench/sync-data.ts). Per round, in a rotated client order, each client syncs the tree to a
 * fresh prefix of its own:
 *   - first sync: nothing there yet, everything is uploaded;
 *   - no-change re-sync: the same again, with nothing to do.
 * The core runs both in one host process (bench/sync-host.ts: compare, then run the plan when
 * it has anything to do; timed from the request to the run's end), then the re-sync once more
 * in a new process on the same data folder: the app restarted, its index read from disk. Peers
 * are timed as whole commands (process start included), their peak RSS from GNU time.
 * Every first sync is checked (keys and bytes under the prefix), and the core's re-syncs must
 * plan nothing. radosgw's garbage is collected before the first round and after each one.
 *
 * Run: npx tsx bench/sync.ts [--rounds N]
 *   BENCH_SYNC_ROUNDS (default 3), BENCH_SYNC_FILES (default 10000), BENCH_SYNC_SEED (default 14).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CreateBucketCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { S3TestServer } from '../test/servers/s3-server';
import { sdkClient, startBenchServer } from './bench-data';
import { spawnHost } from './bench-host';
import { awsEnv, rcloneEnv } from './peers';
import { collectGarbageAndSay } from './radosgw-gc';
import { median, printTable } from './stats';
import { BAND_LABELS, writeSyncTree, type SyncTree } from './sync-data';
import type { SyncHostJob, SyncHostResult } from './sync-host';
import { deleteKeys, keysUnder, removeBucket, runBench } from './transfer-data';
import { argValue, AWS_CLI, checkBenchStart, measured, peerVersions } from './transfer-clients';
import { kibToMib } from './transfer-report';

const ROUNDS = Number(argValue('--rounds') ?? process.env.BENCH_SYNC_ROUNDS ?? 3);
const FILES = Number(process.env.BENCH_SYNC_FILES ?? 10_000);
const SEED = Number(process.env.BENCH_SYNC_SEED ?? 14);

type Step = 'first' | 'again' | 'restart';
const STEPS: Step[] = ['first', 'again', 'restart'];
const STEP_LABELS: Record<Step, string> = {
  first: 'first sync',
  again: 'no-change re-sync',
  restart: 'no-change re-sync, app restarted',
};

/** Seconds and peak RSS of one sync; the core's host says more. */
interface SyncMeasure {
  seconds: number;
  peakRssKiB: number;
  host: SyncHostResult | null;
}

interface Client {
  name: string;
  slug: string;
  /** One round: the first sync, then the re-sync(s); `check` (not timed) runs after the first. */
  round(prefix: string, check: () => Promise<void>): Promise<Partial<Record<Step, SyncMeasure>>>;
  dispose(): void;
}

/** One sync-host process: its JSON lines, in order. */
async function runSyncHost(job: SyncHostJob, secretAccessKey: string): Promise<SyncHostResult[]> {
  const { child, exited, stderrTail } = await spawnHost('sync-host', job);
  child.stdin.end(`${secretAccessKey}\n`);
  const results: SyncHostResult[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('{')) results.push(JSON.parse(line) as SyncHostResult);
  }
  const code = await exited;
  if (code !== 0 || results.length !== job.steps) {
    throw new Error(`sync host: exit ${code} after ${results.length} of ${job.steps} steps: ${stderrTail()}`);
  }
  return results;
}

function coreClient(server: S3TestServer, bucket: string, folder: string): Client {
  const { secretAccessKey, ...target } = server;
  const asMeasure = (host: SyncHostResult): SyncMeasure => ({
    seconds: host.seconds,
    peakRssKiB: host.vmHwmKiB,
    host,
  });
  return {
    name: 'QStorage Desktop core',
    slug: 'core',
    async round(prefix, check) {
      const dataDir = mkdtempSync(join(tmpdir(), 'qs-bench-sync-data-'));
      try {
        const job: SyncHostJob = { target, dataDir, bucket, prefix, folder, steps: 2 };
        const [first, again] = await runSyncHost(job, secretAccessKey);
        if (!first || !again) throw new Error('the sync host gave no result');
        await check();
        const [restart] = await runSyncHost({ ...job, steps: 1 }, secretAccessKey);
        if (!restart) throw new Error('the sync host gave no result');
        for (const [what, r] of [
          ['first sync', first],
          ['re-sync', again],
          ['re-sync after restart', restart],
        ] as const) {
          if (r.plan.problems > 0) throw new Error(`core ${what}: ${r.plan.problems} problems in the plan`);
          const failed = r.run?.failed ?? 0;
          const changed = r.run?.changedDuringRun.length ?? 0;
          if (failed > 0 || changed > 0)
            throw new Error(`core ${what}: ${failed} failed, ${changed} changed during the run`);
        }
        if (first.run?.uploaded !== FILES)
          throw new Error(`core first sync uploaded ${first.run?.uploaded ?? 0} files`);
        for (const r of [again, restart]) {
          if (r.run !== null || r.plan.unchanged !== FILES) {
            throw new Error(`core re-sync planned work: ${JSON.stringify(r.plan)}`);
          }
        }
        return { first: asMeasure(first), again: asMeasure(again), restart: asMeasure(restart) };
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    dispose: () => {},
  };
}

function awsClient(server: S3TestServer, bucket: string, folder: string): Client {
  const env = awsEnv(server);
  const sync = async (prefix: string): Promise<SyncMeasure> => {
    const args = ['s3', 'sync', folder, `s3://${bucket}/${prefix}`, '--endpoint-url', server.endpoint];
    const { seconds, peakRssKiB } = await measured(AWS_CLI, [...args, '--only-show-errors'], env);
    return { seconds, peakRssKiB, host: null };
  };
  return {
    name: 'aws-cli (s3 sync)',
    slug: 'aws',
    async round(prefix, check) {
      const first = await sync(prefix);
      await check();
      return { first, again: await sync(prefix) };
    },
    dispose: () => {
      if (env.HOME !== undefined) rmSync(env.HOME, { recursive: true, force: true });
    },
  };
}

function rcloneClient(server: S3TestServer, bucket: string, folder: string): Client {
  // rcloneEnv is a fresh environment: AWS_CA_BUNDLE (which breaks rclone 1.60) is never in it.
  const env = rcloneEnv(server);
  const sync = async (prefix: string): Promise<SyncMeasure> => {
    const { seconds, peakRssKiB } = await measured('rclone', ['sync', folder, `bench:${bucket}/${prefix}`], env);
    return { seconds, peakRssKiB, host: null };
  };
  return {
    name: 'rclone (sync)',
    slug: 'rclone',
    async round(prefix, check) {
      const first = await sync(prefix);
      await check();
      return { first, again: await sync(prefix) };
    },
    dispose: () => {},
  };
}

/** Keys and bytes under the prefix must be the tree's. */
async function checkUploaded(s3: S3Client, bucket: string, prefix: string, tree: SyncTree, who: string): Promise<void> {
  let files = 0;
  let bytes = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      files++;
      bytes += o.Size ?? 0;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  if (files !== tree.files || bytes !== tree.bytes) {
    throw new Error(`${who} left ${files} files / ${bytes} B under ${prefix}, expected ${tree.files} / ${tree.bytes}`);
  }
}

function report(clients: Client[], results: Map<string, SyncMeasure[]>, tree: SyncTree): void {
  const med = (client: Client, step: Step): number | null => {
    const values = results.get(`${client.slug} ${step}`) ?? [];
    return values.length > 0 ? median(values.map((m) => m.seconds)) : null;
  };
  const peers = clients.filter((c) => c.slug !== 'core');
  const core = clients.find((c) => c.slug === 'core');
  const rows = STEPS.map((step) => {
    const cells = clients.map((c) => {
      const s = med(c, step);
      return s === null ? '' : `${s.toFixed(2)} s (${Math.round(tree.files / s).toLocaleString('en-US')} files/s)`;
    });
    // Peers have no restart: their re-sync is a new process every time.
    const peerStep: Step = step === 'restart' ? 'again' : step;
    const best = Math.min(...peers.map((p) => med(p, peerStep) ?? Infinity));
    const ours = core ? med(core, step) : null;
    return [STEP_LABELS[step], ...cells, ours === null ? '' : `${(best / ours).toFixed(2)}×`];
  });
  const rss = clients.map((c) => {
    const peaks = STEPS.flatMap((step) => results.get(`${c.slug} ${step}`) ?? []).map((m) => m.peakRssKiB);
    return peaks.length > 0 ? kibToMib(Math.max(...peaks)) : '';
  });
  printTable(
    `Folder sync, ${tree.files.toLocaleString('en-US')} files (${(tree.bytes / 1e6).toFixed(0)} MB), median of ${ROUNDS}`,
    ['measure', ...clients.map((c) => c.name), 'best peer ÷ core (time)'],
    [...rows, ['peak RSS (highest of all rounds)', ...rss, '']],
  );
}

async function main(): Promise<void> {
  checkBenchStart(ROUNDS);
  const server = await startBenchServer();
  const s3 = sdkClient(server);
  const work = mkdtempSync(join(tmpdir(), 'qs-bench-sync-'));
  const bucket = `bench-sync-${randomBytes(4).toString('hex')}`;
  const folder = join(work, 'tree');
  let bucketCreated = false;
  const clients = [
    coreClient(server, bucket, folder),
    awsClient(server, bucket, folder),
    rcloneClient(server, bucket, folder),
  ];
  const results = new Map<string, SyncMeasure[]>();
  try {
    console.log(`Peers: ${await peerVersions()}. Writing the tree (${FILES} files, seed ${SEED})…`);
    const tree = writeSyncTree(folder, FILES, SEED);
    console.log(
      `Tree: ${tree.files} files, ${(tree.bytes / 1e6).toFixed(1)} MB; ` +
        BAND_LABELS.map((label, i) => `${tree.perBand[i] ?? 0} of ${label}`).join(', ') +
        `. ${ROUNDS} rounds…`,
    );
    await collectGarbageAndSay(server, 'before the first round');
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    bucketCreated = true;
    for (let round = 1; round <= ROUNDS; round++) {
      const order = clients.map((_, j) => clients[(round - 1 + j) % clients.length] as Client);
      for (const client of order) {
        const prefix = `r${round}/${client.slug}/`;
        const measures = await client.round(prefix, () => checkUploaded(s3, bucket, prefix, tree, client.name));
        for (const step of STEPS) {
          const m = measures[step];
          if (!m) continue;
          results.set(`${client.slug} ${step}`, [...(results.get(`${client.slug} ${step}`) ?? []), m]);
          const detail = m.host
            ? `; compare ${m.host.compareSeconds.toFixed(2)} s, ${m.host.plan.fromIndex} from the index`
            : '';
          console.log(
            `round ${round}: ${STEP_LABELS[step]}: ${client.name} ${m.seconds.toFixed(2)} s, ` +
              `peak RSS ${kibToMib(m.peakRssKiB)}${detail}`,
          );
        }
      }
      await deleteKeys(s3, bucket, await keysUnder(s3, bucket, `r${round}/`));
      await collectGarbageAndSay(server, `after round ${round}`);
    }
    report(clients, results, tree);
    console.log(
      'Peers: defaults, timed as whole commands (process start included); aws-cli: 10 requests in flight ' +
        '(max_concurrent_requests), --only-show-errors; rclone: 4 transfers, 8 checkers. The core: default ' +
        'settings (4 jobs in parallel; small files share a slot: 16 of ≤ 64 KiB, 4 of ≤ 1 MiB), compare by size and time.',
    );
  } finally {
    for (const c of clients) c.dispose();
    if (bucketCreated) {
      await removeBucket(s3, bucket);
    }
    s3.destroy();
    rmSync(work, { recursive: true, force: true });
    await server.stop();
  }
}

await runBench('bench/sync.ts', main);
