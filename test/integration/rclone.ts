/**
 * rclone as a peer for the sync interop test: Debian's rclone with a remote named `qs` in a
 * temp config file (type s3, provider Ceph, path style), in a fresh environment — rclone 1.60
 * breaks when AWS_CA_BUNDLE is set, and nothing of the user's rclone config may leak in.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { isCI } from '../servers/s3-server';
import type { S3ServerInfo } from './s3-context';

/** The remote's name in the config file: `qs:bucket/prefix`. */
export const RCLONE_REMOTE = 'qs';

const onPath = (command: string): boolean =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => {
    if (dir === '') return false;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** Why rclone cannot be used here, or null when it can. Under CI a missing rclone throws. */
export function rcloneSkipReason(): string | null {
  if (onPath('rclone')) return null;
  const reason = 'rclone is not installed (Debian package rclone; test/servers/install-prerequisites.sh installs it)';
  if (isCI()) throw new Error(`CI needs rclone: ${reason}`);
  return reason;
}

export interface Rclone {
  /** Runs `rclone <args>`; rejects on a non-zero exit with what it printed. */
  run(...args: string[]): Promise<{ stdout: string; stderr: string }>;
  /** Removes the config file (it holds the secret key). */
  dispose(): void;
}

export function rclone(s3: S3ServerInfo): Rclone {
  const home = mkdtempSync(join(tmpdir(), 'qs-rclone-'));
  const config = join(home, 'rclone.conf');
  writeFileSync(
    config,
    [
      `[${RCLONE_REMOTE}]`,
      'type = s3',
      'provider = Ceph',
      `endpoint = ${s3.endpoint}`,
      `access_key_id = ${s3.accessKeyId}`,
      `secret_access_key = ${s3.secretAccessKey}`,
      `region = ${s3.region}`,
      'force_path_style = true',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home };
  return {
    run: (...args) =>
      new Promise((resolve, reject) => {
        execFile(
          'rclone',
          ['--config', config, ...args],
          { env, maxBuffer: 64 * 1024 * 1024 },
          (error, stdout, stderr) => {
            if (error) reject(new Error(`rclone ${args[0] ?? ''} failed (${String(error.code)}): ${stderr.trim()}`));
            else resolve({ stdout, stderr });
          },
        );
      }),
    dispose: () => rmSync(home, { recursive: true, force: true }),
  };
}
