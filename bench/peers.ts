/** Runs the peer clients (Debian's aws-cli v2 and rclone) against the same S3 server. */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Target } from '../test/servers/s3-target';

export type { S3Target };

/** Runs a command, returning stdout; rejects with stderr on a non-zero exit. */
export function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(out).toString())
        : reject(new Error(`${command} exited ${code}: ${Buffer.concat(err).toString().slice(-500)}`)),
    );
  });
}

/** Environment for /usr/bin/aws (v2): path-style addressing via a private config file. */
export function awsEnv(target: S3Target): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'qs-bench-aws-'));
  const config = join(dir, 'config');
  writeFileSync(config, '[default]\ns3 =\n  addressing_style = path\n');
  return {
    PATH: process.env.PATH,
    HOME: dir,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
    AWS_ACCESS_KEY_ID: target.accessKeyId,
    AWS_SECRET_ACCESS_KEY: target.secretAccessKey,
    AWS_DEFAULT_REGION: target.region,
    AWS_PAGER: '',
  };
}

/** Environment for rclone with a remote named "bench" (rclone 1.60 breaks if AWS_CA_BUNDLE is set). */
export function rcloneEnv(target: S3Target): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: tmpdir(),
    RCLONE_CONFIG_BENCH_TYPE: 's3',
    RCLONE_CONFIG_BENCH_PROVIDER: 'Ceph',
    RCLONE_CONFIG_BENCH_ENDPOINT: target.endpoint,
    RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: target.accessKeyId,
    RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: target.secretAccessKey,
    RCLONE_CONFIG_BENCH_REGION: target.region,
    RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE: 'true',
  };
}
