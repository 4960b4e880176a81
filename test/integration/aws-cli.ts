/**
 * aws-cli v2 as a second, independent client for the property tests: what the core writes,
 * aws-cli must read back, and the other way round. Always /usr/bin/aws (an older v1 may come
 * first on PATH); credentials go in the environment, never in argv; output is parsed JSON.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { isCI } from '../servers/s3-server';
import type { S3ServerInfo } from './s3-context';

export const AWS_CLI = '/usr/bin/aws';

/**
 * Why aws-cli cannot be used here, or null when it can. Under CI a missing aws-cli throws: the
 * tests that need it must fail there, not skip.
 */
export function awsCliSkipReason(): string | null {
  try {
    accessSync(AWS_CLI, constants.X_OK);
    return null;
  } catch {
    const reason = `${AWS_CLI} is not installed (Debian package awscli; test/servers/install-prerequisites.sh installs it)`;
    if (isCI()) throw new Error(`CI needs aws-cli: ${reason}`);
    return reason;
  }
}

export interface AwsCli {
  /** Runs `aws s3api <args>` and returns its JSON output (null when it printed nothing). */
  s3api<T = unknown>(...args: string[]): Promise<T>;
  /** Runs `aws s3api <args>` expecting it to fail; returns what it printed on stderr. */
  s3apiFails(...args: string[]): Promise<string>;
  /** Runs `aws s3 <args>` (the high-level commands, e.g. `ls --recursive --summarize`) and returns its text output. */
  s3(...args: string[]): Promise<string>;
}

/**
 * `configFile`: an aws config of the test's own (e.g. its `s3` transfer settings); by default
 * none, so no profile or config file can change what is sent.
 */
export function awsCli(s3: S3ServerInfo, configFile = '/dev/null'): AwsCli {
  // A clean environment: no profile or instance metadata can change what is sent.
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    AWS_DEFAULT_REGION: s3.region,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  const run = (args: string[], command = 's3api'): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve, reject) => {
      execFile(
        AWS_CLI,
        [command, ...args, '--endpoint-url', s3.endpoint, '--output', 'json'],
        { env, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error && typeof error.code !== 'number') reject(error);
          else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
        },
      );
    });

  return {
    async s3api<T>(...args: string[]): Promise<T> {
      const { code, stdout, stderr } = await run(args);
      if (code !== 0) throw new Error(`aws s3api ${args[0] ?? ''} failed (exit ${code}): ${stderr.trim()}`);
      return (stdout.trim() === '' ? null : JSON.parse(stdout)) as T;
    },
    async s3apiFails(...args: string[]): Promise<string> {
      const { code, stdout, stderr } = await run(args);
      if (code === 0) throw new Error(`aws s3api ${args[0] ?? ''} was expected to fail but printed: ${stdout.trim()}`);
      return stderr;
    },
    async s3(...args: string[]): Promise<string> {
      const { code, stdout, stderr } = await run(args, 's3');
      if (code !== 0) throw new Error(`aws s3 ${args[0] ?? ''} failed (exit ${code}): ${stderr.trim()}`);
      return stdout;
    },
  };
}
