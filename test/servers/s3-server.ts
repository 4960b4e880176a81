/**
 * A real S3 server for integration and end-to-end tests (Node only).
 *
 * 1. `QS_TEST_S3_ENDPOINT` (+ `QS_TEST_S3_ACCESS_KEY`, `QS_TEST_S3_SECRET_KEY`, optional
 *    `QS_TEST_S3_REGION`, optional second user `QS_TEST_S3_OTHER_ACCESS_KEY` /
 *    `QS_TEST_S3_OTHER_SECRET_KEY`): that external server is used as it is (kind 'external').
 * 2. Else, on Linux as root with Ceph's radosgw installed (installed from Debian first when
 *    missing, but only under `CI` or `QS_TEST_INSTALL=1`): `radosgw.sh` brings up a one-node
 *    cluster on 127.0.0.1 in `QS_TEST_RADOSGW_DIR` (default `<tmpdir>/qstorage-test-radosgw`,
 *    kept across runs so a restart takes seconds, not half a minute). A radosgw of that
 *    directory that already runs and answers is reused (several test runs may share it; each
 *    holds a lease, and the last one out stops it — unless it was started by hand).
 * 3. Otherwise `{ skipped: reason }`; under `CI` a missing server throws instead.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statfsSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Serializable connection facts (what tests get through vitest's `inject('s3')`). */
export interface S3ServerInfo extends S3Credentials {
  /** e.g. `http://127.0.0.1:40123`; use path-style addressing. */
  endpoint: string;
  region: string;
  /** A second, unrelated user (radosgw always has it: uid `other`). */
  other?: S3Credentials;
  kind: 'radosgw' | 'external';
}

export interface S3TestServer extends S3ServerInfo {
  /** Stops the daemons if this process started them and no other test run still uses them. */
  stop(): Promise<void>;
}

export interface S3Skipped {
  skipped: string;
}

export const RADOSGW_SCRIPT = fileURLToPath(new URL('./radosgw.sh', import.meta.url));

/** The fixed keys radosgw.sh creates. */
export const RADOSGW_USERS = {
  tester: { accessKeyId: 'QSTESTACCESSKEY00001', secretAccessKey: 'qs-test-secret-0000000000000000000000001' },
  other: { accessKeyId: 'QSTESTACCESSKEY00002', secretAccessKey: 'qs-test-secret-0000000000000000000000002' },
} as const satisfies Record<string, S3Credentials>;

const RADOSGW_REGION = 'us-east-1';

function envFlag(name: string): boolean {
  const v = process.env[name];
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

export function isCI(): boolean {
  return envFlag('CI');
}

function onPath(cmd: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

/** A port the kernel says is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

export function radosgwDir(): string {
  const fromEnv = process.env.QS_TEST_RADOSGW_DIR;
  if (fromEnv) return fromEnv;
  let base = os.tmpdir();
  // Bluestore needs O_DIRECT, which tmpfs refuses: fall back to /var/tmp.
  try {
    const TMPFS_MAGIC = 0x01021994;
    if (statfsSync(base).type === TMPFS_MAGIC) base = '/var/tmp';
  } catch {
    // keep tmpdir
  }
  return path.join(base, 'qstorage-test-radosgw');
}

interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs radosgw.sh; its progress lines (stderr) are echoed to our stderr unless quiet. */
export function runRadosgwScript(
  args: string[],
  opts: { quiet?: boolean; timeoutMs?: number } = {},
): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [RADOSGW_SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (!opts.quiet) process.stderr.write(d);
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), opts.timeoutMs ?? 600_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function externalServer(): S3TestServer | null {
  const endpoint = process.env.QS_TEST_S3_ENDPOINT;
  if (!endpoint) return null;
  const accessKeyId = process.env.QS_TEST_S3_ACCESS_KEY;
  const secretAccessKey = process.env.QS_TEST_S3_SECRET_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('QS_TEST_S3_ENDPOINT is set but QS_TEST_S3_ACCESS_KEY or QS_TEST_S3_SECRET_KEY is not');
  }
  const server: S3TestServer = {
    endpoint: endpoint.replace(/\/+$/, ''),
    region: process.env.QS_TEST_S3_REGION || 'us-east-1',
    accessKeyId,
    secretAccessKey,
    kind: 'external',
    stop: async () => {},
  };
  const otherKey = process.env.QS_TEST_S3_OTHER_ACCESS_KEY;
  const otherSecret = process.env.QS_TEST_S3_OTHER_SECRET_KEY;
  if (otherKey && otherSecret) server.other = { accessKeyId: otherKey, secretAccessKey: otherSecret };
  return server;
}

/** Why radosgw cannot run here, or null if it can (after installing it, where allowed). */
async function radosgwUnavailable(): Promise<string | null> {
  if (process.platform !== 'linux') return `radosgw test server needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0)
    return 'radosgw test server needs root (it runs Ceph daemons); or set QS_TEST_S3_ENDPOINT';
  if (onPath('radosgw') && onPath('ceph-mon') && onPath('ceph-osd')) return null;
  if (!isCI() && !envFlag('QS_TEST_INSTALL')) {
    return 'radosgw is not installed (apt-get install ceph-mon ceph-osd radosgw, or run with QS_TEST_INSTALL=1, or set QS_TEST_S3_ENDPOINT)';
  }
  const res = await runRadosgwScript(['install']);
  if (res.code !== 0) return `installing radosgw failed (exit ${res.code}): ${lastLines(res.stderr)}`;
  return null;
}

function lastLines(text: string, n = 15): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

/**
 * A real S3 server, or the plain reason there is none. Throws under CI instead of skipping,
 * and whenever a server that should start fails to.
 */
export async function startS3TestServer(): Promise<S3TestServer | S3Skipped> {
  const external = externalServer();
  if (external) return external;

  const why = await radosgwUnavailable();
  if (why) {
    if (isCI()) throw new Error(`CI needs a real S3 server: ${why}`);
    return { skipped: why };
  }

  const dir = radosgwDir();
  const lease = String(process.pid);
  let port = await freePort();
  let res = await runRadosgwScript(['start', dir, String(port), '--lease', lease]);
  // The free port may be taken between our probe and radosgw's bind: try another one.
  for (let i = 0; i < 2 && res.code !== 0 && /port \d+ on 127\.0\.0\.1 is already taken/.test(res.stderr); i++) {
    port = await freePort();
    res = await runRadosgwScript(['start', dir, String(port), '--lease', lease]);
  }
  const endpoint = /^S3_ENDPOINT=(\S+)$/m.exec(res.stdout)?.[1];
  if (res.code !== 0 || !endpoint) {
    throw new Error(`radosgw.sh start ${dir} ${port} failed (exit ${res.code}):\n${lastLines(res.stderr, 60)}`);
  }
  let stopped = false;
  return {
    endpoint,
    region: RADOSGW_REGION,
    ...RADOSGW_USERS.tester,
    other: { ...RADOSGW_USERS.other },
    kind: 'radosgw',
    async stop() {
      if (stopped) return;
      stopped = true;
      const r = await runRadosgwScript(['stop', dir, '--lease', lease]);
      if (r.code !== 0) throw new Error(`radosgw.sh stop ${dir} failed (exit ${r.code}):\n${lastLines(r.stderr)}`);
    },
  };
}

/** The serializable part of a server (drops stop()). */
export function serverInfo(server: S3TestServer): S3ServerInfo {
  const { stop: _stop, ...info } = server;
  return info;
}
