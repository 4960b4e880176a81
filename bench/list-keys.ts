/**
 * Listing benchmark: one folder of 100,000 keys on a real S3 server (radosgw on loopback),
 * listed page by page through the browser host's WebSocket (the path the UI takes; the bundled
 * host unless BUNDLE=dev: bench/bench-host.ts), a plain AWS SDK pagination loop, aws-cli and
 * rclone, in interleaved rounds. Prints the median keys/s and ratios.
 * Run: npx tsx bench/list-keys.ts after npm run build   (BENCH_KEYS, BENCH_ROUNDS and BENCH_SEED_CONCURRENCY
 * override the defaults; the first run seeds the keys, which takes minutes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ObjectEntry, Page } from '../shared/models';
import {
  BUCKET,
  KEYS,
  PREFIX,
  ROUNDS,
  ensureSeeded,
  listFolderWithSdk,
  sdkClient,
  startBenchServer,
} from './bench-data';
import { awsEnv, rcloneEnv, runCommand, type S3Target } from './peers';
import { median, printTable, timed } from './stats';
import { startCliHost, type RunningHost } from '../test/e2e/hosts';
import { testAccountInput } from '../test/servers/s3-target';

const AWS_CLI = '/usr/bin/aws';

/** The browser host on a throw-away data dir with one path-style account for the server. */
async function benchHost(server: S3Target, dataDir: string): Promise<{ host: RunningHost; accountId: string }> {
  const host = await startCliHost(dataDir);
  const created = await host.invoke('accounts:create', {
    account: testAccountInput(server, 'bench'),
  });
  if (!created.ok) throw new Error(created.error.message);
  return { host, accountId: (created.value as { id: string }).id };
}

async function main(): Promise<void> {
  const server = await startBenchServer();
  const s3 = sdkClient(server);
  const dataDir = mkdtempSync(join(tmpdir(), 'qs-bench-core-'));
  let host: RunningHost | null = null;
  let awsHome: string | undefined; // awsEnv's private config directory
  try {
    await ensureSeeded(s3);
    const bench = await benchHost(server, dataDir);
    host = bench.host;
    const { accountId } = bench;

    const listWithCore = async (): Promise<number> => {
      let count = 0;
      let continuationToken: string | null = null;
      do {
        const page = await bench.host.invoke('objects:list', {
          accountId,
          bucket: BUCKET,
          prefix: PREFIX,
          continuationToken,
        });
        if (!page.ok) throw new Error(page.error.message);
        const value = page.value as Page<ObjectEntry>;
        count += value.items.length;
        continuationToken = value.nextToken;
      } while (continuationToken !== null);
      return count;
    };
    const aws = awsEnv(server);
    awsHome = aws.HOME;
    const listWithAws = async (): Promise<number> => {
      // With text output aws-cli applies --query to each page it fetches (one line per page):
      // sum them. It pages 1,000 keys at a time, like the others.
      const out = await runCommand(
        AWS_CLI,
        [
          's3api',
          'list-objects-v2',
          '--endpoint-url',
          server.endpoint,
          '--bucket',
          BUCKET,
          '--prefix',
          PREFIX,
          '--delimiter',
          '/',
          '--query',
          'length(Contents)',
          '--output',
          'text',
        ],
        aws,
      );
      return out
        .split(/\s+/)
        .filter((n) => n !== '' && n !== 'None')
        .reduce((sum, n) => sum + Number(n), 0);
    };
    const rclone = rcloneEnv(server);
    const listWithRclone = async (): Promise<number> => {
      const out = await runCommand('rclone', ['lsf', '--max-depth', '1', `bench:${BUCKET}/${PREFIX}`], rclone);
      return out.split('\n').filter((l) => l !== '').length;
    };

    const clients: [string, () => Promise<number>][] = [
      ['QStorage Desktop core', listWithCore],
      ['AWS SDK v3 loop', () => listFolderWithSdk(s3)],
      ['aws-cli 2 (s3api)', listWithAws],
      ['rclone lsf', listWithRclone],
    ];
    // One untimed pass each: warms radosgw's caches and the JIT, and checks every count.
    console.log('Warm-up pass…');
    for (const [name, list] of clients) {
      const value = await list();
      if (value !== KEYS) throw new Error(`${name} listed ${value} keys, expected ${KEYS}`);
    }
    const seconds = new Map<string, number[]>(clients.map(([name]) => [name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      // Interleaved, and each round in a rotated order so no client always goes first.
      for (let j = 0; j < clients.length; j++) {
        const client = clients[(round - 1 + j) % clients.length];
        if (client === undefined) continue;
        const [name, list] = client;
        const { value, seconds: s } = await timed(list);
        if (value !== KEYS) throw new Error(`${name} listed ${value} keys, expected ${KEYS}`);
        seconds.get(name)?.push(s);
        console.log(`round ${round}: ${name} ${s.toFixed(2)} s`);
      }
    }
    const ours = median(seconds.get('QStorage Desktop core') ?? []);
    printTable(
      `Listing ${KEYS.toLocaleString('en-US')} keys in one folder (radosgw on loopback, median of ${ROUNDS} rounds)`,
      ['client', 'median s', 'keys/s', 'time vs core'],
      clients.map(([name]) => {
        const m = median(seconds.get(name) ?? []);
        return [name, m.toFixed(2), Math.round(KEYS / m).toLocaleString('en-US'), `${(m / ours).toFixed(2)}×`];
      }),
    );
  } finally {
    await host?.stop();
    s3.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    if (awsHome !== undefined) rmSync(awsHome, { recursive: true, force: true });
    await server.stop();
  }
}

await main();
