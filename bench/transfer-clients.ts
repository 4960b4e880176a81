/**
 * The three clients of the transfer benchmark, behind one shape: the app's core (one
 * bench/core-host.ts process per batch, bundled unless BUNDLE=dev: bench-host.ts), aws-cli and
 * rclone, each with its default settings.
 * Peers are timed as whole commands; their peak RSS comes from GNU time (%M) when installed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { baseName, parentPrefix } from '../shared/keys';
import type { TransferSettingsPatch } from '../shared/schemas';
import { bundleMode } from '../test/support/bundle';
import { coreHostNodeArgs } from './bench-host';
import type { HostJob, HostOperation, HostResult } from './core-host';
import { awsEnv, rcloneEnv, runCommand, type S3Target } from './peers';

export const AWS_CLI = '/usr/bin/aws';
const GNU_TIME = '/usr/bin/time';

export interface Measure {
  /** Timed seconds: the whole command for peers; request → batch finished inside our host. */
  seconds: number;
  /** Peak RSS of the process that did the transfer (KiB), null when it could not be read. */
  peakRssKiB: number | null;
  /** Our host only: the rest of what it reported, and the host process's whole life in seconds. */
  host?: HostResult & { processSeconds: number };
}

export interface TransferClient {
  name: string;
  /** Used in key prefixes and directory names. */
  slug: string;
  /** Uploads one file to bucket/key. */
  upload(file: string, bucket: string, key: string): Promise<Measure>;
  /** Uploads a folder so its files land under `prefix + basename(dir) + '/'`. */
  uploadFolder(dir: string, files: number, bucket: string, prefix: string): Promise<Measure>;
  /** Downloads bucket/key to `targetDir/baseName(key)`. */
  download(bucket: string, key: string, targetDir: string): Promise<Measure>;
  /** Removes what the client left on this machine (config dirs). */
  dispose(): void;
}

/** Runs a peer command under GNU time (when present) for its peak RSS; times the whole command. */
async function measured(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Measure> {
  const withTime = existsSync(GNU_TIME);
  const dir = mkdtempSync(join(tmpdir(), 'qs-bench-time-'));
  const rssFile = join(dir, 'rss');
  try {
    const started = process.hrtime.bigint();
    if (withTime) await runCommand(GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args], env);
    else await runCommand(command, args, env);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rss = withTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) : Number.NaN;
    return { seconds, peakRssKiB: Number.isFinite(rss) ? rss : null };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function awsCliClient(target: S3Target): TransferClient {
  const env = awsEnv(target);
  const aws = (args: string[]): Promise<Measure> =>
    measured(AWS_CLI, ['s3', ...args, '--endpoint-url', target.endpoint, '--only-show-errors'], env);
  return {
    name: 'aws-cli (s3 cp)',
    slug: 'aws',
    upload: (file, bucket, key) => aws(['cp', file, `s3://${bucket}/${key}`]),
    uploadFolder: (dir, _files, bucket, prefix) =>
      aws(['cp', '--recursive', dir, `s3://${bucket}/${prefix}${basename(dir)}/`]),
    download: (bucket, key, targetDir) => aws(['cp', `s3://${bucket}/${key}`, join(targetDir, baseName(key))]),
    dispose: () => {
      if (env.HOME !== undefined) rmSync(env.HOME, { recursive: true, force: true });
    },
  };
}

export function rcloneClient(target: S3Target): TransferClient {
  // rcloneEnv is a fresh environment: AWS_CA_BUNDLE (which breaks rclone 1.60) is never in it.
  const env = rcloneEnv(target);
  const rclone = (args: string[]): Promise<Measure> => measured('rclone', args, env);
  return {
    name: 'rclone (copyto / copy)',
    slug: 'rclone',
    upload: (file, bucket, key) => rclone(['copyto', file, `bench:${bucket}/${key}`]),
    uploadFolder: (dir, _files, bucket, prefix) => rclone(['copy', dir, `bench:${bucket}/${prefix}${basename(dir)}`]),
    download: (bucket, key, targetDir) => rclone(['copyto', `bench:${bucket}/${key}`, join(targetDir, baseName(key))]),
    dispose: () => {},
  };
}

/** Spawns one core host for one batch; the secret goes in on stdin, never in argv or env. */
async function runHost(job: HostJob, secretAccessKey: string): Promise<HostResult> {
  const hostArgs = await coreHostNodeArgs();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...hostArgs, JSON.stringify(job)], {
      env: {
        BUNDLE: bundleMode(),
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...(process.env.TMPDIR !== undefined && { TMPDIR: process.env.TMPDIR }),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = Buffer.concat(out).toString().trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as HostResult);
      else reject(new Error(`core host exited ${code}: ${Buffer.concat(err).toString().slice(-1500)}`));
    });
    child.stdin.end(`${secretAccessKey}\n`);
  });
}

/** The app's core with its worker threads, one host process per batch, settings as given (none: defaults). */
export function coreClient(target: S3Target, settings: TransferSettingsPatch | undefined): TransferClient {
  const { secretAccessKey, ...rest } = target;
  const run = async (operation: HostOperation, expectDone: number): Promise<Measure> => {
    const started = process.hrtime.bigint();
    const host = await runHost(
      { target: rest, operation, expectDone, ...(settings !== undefined && { settings }) },
      secretAccessKey,
    );
    const processSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { seconds: host.seconds, peakRssKiB: host.vmHwmKiB, host: { ...host, processSeconds } };
  };
  return {
    name: 'QStorage Desktop core',
    slug: 'core',
    // A file source lands at prefix + its base name; the benchmark names keys that way.
    upload: (file, bucket, key) => {
      if (baseName(key) !== basename(file)) throw new Error(`the core names the key after the file: ${key}`);
      return run({ kind: 'upload', bucket, prefix: parentPrefix(key), path: file }, 1);
    },
    uploadFolder: (dir, files, bucket, prefix) => run({ kind: 'upload', bucket, prefix, path: dir }, files),
    download: (bucket, key, targetDir) =>
      run({ kind: 'download', bucket, basePrefix: parentPrefix(key), keys: [key], targetDir }, 1),
    dispose: () => {},
  };
}
