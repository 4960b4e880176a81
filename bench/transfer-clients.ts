/**
 * The three clients of the transfer benchmark, behind one shape: the app's core (one
 * bench/core-host.ts process runs the same operation twice: cold, then warm; bundled unless
 * BUNDLE=dev: bench-host.ts), aws-cli and rclone, each with its default settings.
 * Peers are timed as whole commands; their peak RSS comes from GNU time (%M).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { baseName, parentPrefix } from '../shared/keys';
import type { TransferSettingsPatch } from '../shared/schemas';
import { spawnHost } from './bench-host';
import type { HostJob, HostResult, HostStep } from './core-host';
import { awsEnv, rcloneEnv, runCommand, type S3Target } from './peers';

export const AWS_CLI = '/usr/bin/aws';
export const GNU_TIME = '/usr/bin/time';

/** A command-line option's value (`--rounds 3`). */
export const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/** Stops a benchmark before anything starts: a peer it compares against is missing, or --rounds is off. */
export function checkBenchStart(rounds: number): void {
  const missing = missingPeers();
  if (missing.length > 0) {
    throw new Error(
      `not found: ${missing.join(', ')}. The benchmark runs aws-cli and rclone beside the core, under GNU time; ` +
        'install them with: sudo apt-get install -y awscli rclone time',
    );
  }
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, got ${rounds}`);
}

/** The peers' versions, for the report. */
export async function peerVersions(): Promise<string> {
  const aws = (await runCommand(AWS_CLI, ['--version'], { PATH: process.env.PATH })).split(' ')[0];
  const rclone = (await runCommand('rclone', ['version'], { PATH: process.env.PATH })).split('\n')[0];
  return `${aws}, ${rclone}`;
}

/** The programs the benchmark compares against; a missing one stops it before anything starts. */
function missingPeers(): string[] {
  const onPath = (command: string): boolean =>
    (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));
  return [
    ...(existsSync(AWS_CLI) ? [] : [`aws-cli (${AWS_CLI})`]),
    ...(onPath('rclone') ? [] : ['rclone']),
    ...(existsSync(GNU_TIME) ? [] : [`GNU time (${GNU_TIME})`]),
  ];
}

export interface Measure {
  /** Timed seconds: the whole command for peers; request → batch finished inside our host. */
  seconds: number;
  /** Peak RSS of the process that did the transfer so far (KiB). */
  peakRssKiB: number;
  /** Our host only: the rest of what it reported. */
  host?: HostResult;
}

/**
 * One transfer. Files land at: upload → bucket/key; uploadFolder → prefix + basename(dir) + '/';
 * download → targetDir/baseName(key); downloadFolder (prefix ends in '/') → targetDir/baseName(prefix)/.
 */
export type Operation =
  | { kind: 'upload'; file: string; bucket: string; key: string }
  | { kind: 'uploadFolder'; dir: string; files: number; bucket: string; prefix: string }
  | { kind: 'download'; bucket: string; key: string; targetDir: string }
  | { kind: 'downloadFolder'; bucket: string; prefix: string; files: number; targetDir: string };

export interface ClientRow {
  /** The row's name in the tables. */
  name: string;
  /** Used in key prefixes and directory names. */
  slug: string;
}

export interface TransferClient {
  /** What one process of this client measures: the core a cold and a warm row, a peer one row. */
  rows: ClientRow[];
  /**
   * Runs one operation per row, in order, in one process where the client allows it; `after`
   * (checks, clean-up; not timed) runs after each, before the next starts.
   */
  run(ops: Operation[], after: (m: Measure, row: ClientRow) => Promise<void>): Promise<Measure[]>;
  /** Removes what the client left on this machine (config dirs). */
  dispose(): void;
}

/** Runs a peer command under GNU time for its peak RSS; times the whole command. */
export async function measured(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Measure> {
  const dir = mkdtempSync(join(tmpdir(), 'qs-bench-time-'));
  const rssFile = join(dir, 'rss');
  try {
    const started = process.hrtime.bigint();
    await runCommand(GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args], env);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rss = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
    if (!Number.isFinite(rss)) throw new Error(`GNU time gave no peak RSS for ${command}`);
    return { seconds, peakRssKiB: rss };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A peer: one command per operation. */
function peerClient(row: ClientRow, command: (op: Operation) => Promise<Measure>, dispose = (): void => {}) {
  return {
    rows: [row],
    async run(ops: Operation[], after: (m: Measure, row: ClientRow) => Promise<void>): Promise<Measure[]> {
      const out: Measure[] = [];
      for (const op of ops) {
        const m = await command(op);
        await after(m, row);
        out.push(m);
      }
      return out;
    },
    dispose,
  } satisfies TransferClient;
}

export function awsCliClient(target: S3Target): TransferClient {
  const env = awsEnv(target);
  const aws = (args: string[]): Promise<Measure> =>
    measured(AWS_CLI, ['s3', ...args, '--endpoint-url', target.endpoint, '--only-show-errors'], env);
  return peerClient(
    { name: 'aws-cli (s3 cp)', slug: 'aws' },
    (op) => {
      switch (op.kind) {
        case 'upload':
          return aws(['cp', op.file, `s3://${op.bucket}/${op.key}`]);
        case 'uploadFolder':
          return aws(['cp', '--recursive', op.dir, `s3://${op.bucket}/${op.prefix}${basename(op.dir)}/`]);
        case 'download':
          return aws(['cp', `s3://${op.bucket}/${op.key}`, join(op.targetDir, baseName(op.key))]);
        case 'downloadFolder':
          return aws(['cp', '--recursive', `s3://${op.bucket}/${op.prefix}`, join(op.targetDir, baseName(op.prefix))]);
      }
    },
    () => {
      if (env.HOME !== undefined) rmSync(env.HOME, { recursive: true, force: true });
    },
  );
}

export function rcloneClient(target: S3Target): TransferClient {
  // rcloneEnv is a fresh environment: AWS_CA_BUNDLE (which breaks rclone 1.60) is never in it.
  const env = rcloneEnv(target);
  const rclone = (args: string[]): Promise<Measure> => measured('rclone', args, env);
  return peerClient({ name: 'rclone (copyto / copy)', slug: 'rclone' }, (op) => {
    switch (op.kind) {
      case 'upload':
        return rclone(['copyto', op.file, `bench:${op.bucket}/${op.key}`]);
      case 'uploadFolder':
        return rclone(['copy', op.dir, `bench:${op.bucket}/${op.prefix}${basename(op.dir)}`]);
      case 'download':
        return rclone(['copyto', `bench:${op.bucket}/${op.key}`, join(op.targetDir, baseName(op.key))]);
      case 'downloadFolder':
        return rclone(['copy', `bench:${op.bucket}/${op.prefix}`, join(op.targetDir, baseName(op.prefix))]);
    }
  });
}

/** The core's step for an operation (keys named the way the peers name them). */
function hostStep(op: Operation): HostStep {
  switch (op.kind) {
    case 'upload':
      // A file source lands at prefix + its base name; the benchmark names keys that way.
      if (baseName(op.key) !== basename(op.file)) throw new Error(`the core names the key after the file: ${op.key}`);
      return {
        operation: { kind: 'upload', bucket: op.bucket, prefix: parentPrefix(op.key), path: op.file },
        expectDone: 1,
      };
    case 'uploadFolder':
      return {
        operation: { kind: 'upload', bucket: op.bucket, prefix: op.prefix, path: op.dir },
        expectDone: op.files,
      };
    case 'download':
    case 'downloadFolder': {
      // A folder key makes the core list it: the listing drives the download, as in the app.
      const key = op.kind === 'download' ? op.key : op.prefix;
      return {
        operation: {
          kind: 'download',
          bucket: op.bucket,
          basePrefix: parentPrefix(key),
          keys: [key],
          targetDir: op.targetDir,
        },
        expectDone: op.kind === 'download' ? 1 : op.files,
      };
    }
  }
}

/**
 * One core host for `job`: the secret goes in on stdin, never in argv or env; each step's result
 * comes back as a JSON line, and the host waits for a line from us before the next step.
 */
async function runHost(
  job: HostJob,
  secretAccessKey: string,
  after: (result: HostResult, index: number) => Promise<void>,
): Promise<void> {
  const { child, exited, stderrTail } = await spawnHost('core-host', job);
  const failure = async (what: string): Promise<Error> =>
    new Error(`core host ${what} (exit ${await exited}): ${stderrTail()}`);
  child.stdin.write(`${secretAccessKey}\n`);
  let index = 0;
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      if (!line.startsWith('{')) continue;
      await after(JSON.parse(line) as HostResult, index);
      if (++index < job.steps.length) child.stdin.write('next\n');
    }
  } catch (error) {
    child.kill();
    throw error;
  }
  child.stdin.end();
  if (index < job.steps.length) throw await failure(`stopped after ${index} of ${job.steps.length} steps`);
  const code = await exited;
  if (code !== 0) throw await failure('failed');
}

/** The app's core with its worker threads: one host process runs a cold and then a warm row. */
export function coreClient(
  target: S3Target,
  settings: TransferSettingsPatch | undefined,
): TransferClient & { cold: ClientRow; warm: ClientRow } {
  const { secretAccessKey, ...rest } = target;
  const cold = { name: 'QStorage Desktop core (cold)', slug: 'core-cold' };
  const warm = { name: 'QStorage Desktop core (warm)', slug: 'core-warm' };
  const rows: ClientRow[] = [cold, warm];
  return {
    rows,
    cold,
    warm,
    async run(ops, after) {
      if (ops.length > rows.length) throw new Error(`the core host runs at most ${rows.length} operations`);
      const out: Measure[] = [];
      const job: HostJob = { target: rest, steps: ops.map(hostStep), ...(settings !== undefined && { settings }) };
      await runHost(job, secretAccessKey, async (host, i) => {
        const m: Measure = { seconds: host.seconds, peakRssKiB: host.vmHwmKiB, host };
        await after(m, rows[i] as ClientRow);
        out.push(m);
      });
      return out;
    },
    dispose: () => {},
  };
}
