/**
 * Downloads on the lean wire path, seen at the fault proxy: a folder download sends no HEAD
 * (the listing gave size and ETag), every GET carries If-Match and none the SDK's headers,
 * objects of at most one chunk are one plain GET, larger ones ranged; resets mid-body are
 * retried and every file ends identical (SHA-256).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiB } from '../../shared/transfers';
import type { FaultProxy, ProxiedRequest } from '../servers/fault-proxy';
import { type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import {
  makeRandomFile,
  updateTransferSettings,
  startProxiedBed,
  type ProxiedBed,
  downloadFolderVerified,
} from './transfer-helpers';

const s3 = s3OrSkip();
const CHUNK = 5 * MiB;

const FILES: { name: string; size: number }[] = [
  { name: 'empty.bin', size: 0 },
  { name: 'small.bin', size: 1000 },
  { name: 'one-chunk.bin', size: CHUNK },
  { name: 'three-chunks.bin', size: 2 * CHUNK + 4321 },
];

const isGet = (r: ProxiedRequest): boolean => r.method === 'GET' && !('list-type' in r.query);
const fileOf = (r: ProxiedRequest): string => decodeURIComponent(r.path.split('/').pop() ?? '');

describe.skipIf(!s3)(s3Title('transfers: downloads on the wire path'), () => {
  const info = s3 as S3ServerInfo;
  let bed: ProxiedBed | undefined;
  let h: Harness;
  let proxy: FaultProxy;
  let viaProxy: string;
  let bucket: string;
  let dir: string;
  const hashes = new Map<string, string>();
  const etags = new Map<string, string>();

  beforeAll(async () => {
    bed = await startProxiedBed(info, 'wire-get');
    ({ h, proxy, viaProxy, bucket, dir } = bed);
    await updateTransferSettings(h, { partSizeBytes: CHUNK, multipartThresholdBytes: 4 * CHUNK, maxAttempts: 6 });
    for (const f of FILES) {
      const file = path.join(dir, 'src', f.name);
      hashes.set(f.name, await makeRandomFile(file, f.size));
      await h.put(bucket, `data/${f.name}`, await readFile(file));
      const head = await h.sdk.send(new HeadObjectCommand({ Bucket: bucket, Key: `data/${f.name}` }));
      etags.set(f.name, head.ETag ?? '');
    }
  });
  afterAll(async () => {
    await bed?.dispose();
  });

  const downloadFolder = (target: string): Promise<void> =>
    downloadFolderVerified(h, { accountId: viaProxy, bucket, prefix: 'data/', target, timeoutMs: 60_000 }, hashes);

  it('a folder download: no HEAD, If-Match on every GET, plain GETs up to one chunk, ranges above', async () => {
    proxy.setRules({});
    const before = proxy.stats.requests.length;
    await downloadFolder(path.join(dir, 'plain'));
    const seen = proxy.stats.requests.slice(before);
    expect(seen.filter((r) => r.method === 'HEAD')).toEqual([]);
    const gets = seen.filter(isGet);
    for (const r of gets) {
      expect(r.headers['if-match'], r.path).toBe(etags.get(fileOf(r)));
      // What the SDK adds to each request; the wire path sends only what it signed.
      expect(r.headers['amz-sdk-invocation-id'], r.path).toBeUndefined();
      expect(r.headers['x-amz-user-agent'] ?? r.headers['user-agent'], r.path).toBeUndefined();
    }
    const rangesOf = (name: string): (string | undefined)[] =>
      gets.filter((r) => fileOf(r) === name).map((r) => r.headers['range']);
    expect(rangesOf('empty.bin')).toEqual([undefined]);
    expect(rangesOf('small.bin')).toEqual([undefined]);
    expect(rangesOf('one-chunk.bin')).toEqual([undefined]);
    expect(rangesOf('three-chunks.bin').sort()).toEqual(
      [`bytes=0-${CHUNK - 1}`, `bytes=${CHUNK}-${2 * CHUNK - 1}`, `bytes=${2 * CHUNK}-${2 * CHUNK + 4320}`].sort(),
    );
  });

  it('resets mid-body are retried on new sockets: every file identical', async () => {
    // Every GET's first attempt is cut halfway through its body (the empty one's before its head).
    const cut = new Set<string>();
    proxy.setRules({
      decide: (r) => {
        const signature = `${r.path} ${r.headers['range'] ?? ''}`;
        if (r.method !== 'GET' || 'list-type' in r.query || cut.has(signature)) return 'pass';
        cut.add(signature);
        return 'reset';
      },
    });
    const before = proxy.stats.requests.length;
    await downloadFolder(path.join(dir, 'reset'));
    const gets = proxy.stats.requests.slice(before).filter(isGet);
    const reset = gets.filter((r) => r.outcome === 'reset').map((r) => fileOf(r));
    expect(new Set(reset)).toEqual(new Set(FILES.map((f) => f.name)));
    expect(reset.filter((f) => f === 'three-chunks.bin')).toHaveLength(3);
    // Each reset range came again and completed; nothing else was fetched twice.
    expect(gets.filter((r) => r.outcome === 'completed')).toHaveLength(1 + 1 + 1 + 3);
  });
});
