/**
 * "Calculate size" through the core against the real server: a folder (nested folders, folder
 * markers, more than 1,000 keys so the listing pages), the whole bucket and a selection, each
 * checked against `aws s3 ls --recursive --summarize`; progress streams while the pages arrive;
 * cancel stops the listing (no further page is requested).
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationProgress } from '../../shared/models';
import type { RequestHead } from '../servers/fault-proxy';
import { awsCli, awsCliSkipReason, type AwsCli } from './aws-cli';
import { putMany, type Harness } from './core-harness';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';
import { startProxiedBed, type ProxiedBed } from './transfer-helpers';

const s3 = s3OrSkip();
const skipCli = awsCliSkipReason();

/** Files of known sizes, folder markers (0 bytes) and 1,100 small objects (their key as body). */
const SIZED: Record<string, number> = {
  'data/': 0,
  'data/a.bin': 1000,
  'data/b.bin': 12_345,
  'data/sub/': 0,
  'data/sub/c.bin': 777,
  'data/sub/deeper/d.bin': 65_536,
};
const MANY = Array.from({ length: 1100 }, (_, i) => `data/many/${String(i).padStart(4, '0')}.txt`);
const OUTSIDE: Record<string, number> = { 'root.txt': 5, 'other/x.bin': 300 };

const sumOf = (sizes: Record<string, number>, keys: string[] = []): { objects: number; bytes: number } => ({
  objects: Object.keys(sizes).length + keys.length,
  bytes: Object.values(sizes).reduce((a, b) => a + b, 0) + keys.reduce((a, k) => a + Buffer.byteLength(k), 0),
});

/** "Total Objects: N" and "Total Size: B" from `aws s3 ls --recursive --summarize`. */
async function cliSummary(cli: AwsCli, uri: string): Promise<{ objects: number; bytes: number }> {
  const out = await cli.s3('ls', uri, '--recursive', '--summarize');
  const objects = /Total Objects: (\d+)/.exec(out)?.[1];
  const bytes = /Total Size: (\d+)/.exec(out)?.[1];
  if (objects === undefined || bytes === undefined) throw new Error(`no summary in aws s3 ls output: ${out}`);
  return { objects: Number(objects), bytes: Number(bytes) };
}

const isListing = (r: RequestHead): boolean => r.method === 'GET' && r.query['list-type'] === '2';

describe.skipIf(!s3 || skipCli !== null)(s3Title('core: calculate size'), () => {
  const info = s3 as S3ServerInfo;
  let bed: ProxiedBed | undefined;
  let h: Harness;
  let bucket: string;
  let cli: AwsCli;
  let opCounter = 0;
  const nextOp = (): string => `size-${++opCounter}`;
  const eventsOf = (id: string): OperationProgress[] => h.progress.filter((p) => p.operationId === id);

  beforeAll(async () => {
    bed = await startProxiedBed(info, 'size');
    ({ h, bucket } = bed);
    cli = awsCli(info);
    for (const [key, size] of Object.entries({ ...SIZED, ...OUTSIDE })) {
      await h.sdk.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: new Uint8Array(size).fill(7) }));
    }
    await putMany(h.sdk, bucket, MANY);
  }, 120_000);
  afterAll(async () => {
    await bed?.dispose();
  });

  it('sums a folder of known size page by page, as aws s3 ls --summarize does', async () => {
    const id = nextOp();
    const summary = await h.call('objects:size', { accountId: h.accountId, bucket, items: ['data/'], operationId: id });
    const expected = sumOf(SIZED, MANY);
    expect(summary).toEqual(expected);
    expect(summary).toEqual(await cliSummary(cli, `s3://${bucket}/data/`));
    // Streamed: the first page (1,000 keys) was reported before the total was known.
    const events = eventsOf(id);
    expect(events[0]).toMatchObject({ done: 1000, total: null });
    expect(events.at(-1)).toEqual({
      operationId: id,
      done: expected.objects,
      total: expected.objects,
      failed: 0,
      bytes: expected.bytes,
    });
  });

  it('sums the whole bucket', async () => {
    const summary = await h.call('objects:size', {
      accountId: h.accountId,
      bucket,
      items: [''],
      operationId: nextOp(),
    });
    expect(summary).toEqual(sumOf({ ...SIZED, ...OUTSIDE }, MANY));
    expect(summary).toEqual(await cliSummary(cli, `s3://${bucket}`));
  });

  it('sums a selection of folders and objects', async () => {
    const summary = await h.call('objects:size', {
      accountId: h.accountId,
      bucket,
      items: ['data/sub/', 'data/a.bin', 'root.txt'],
      operationId: nextOp(),
    });
    const sub = await cliSummary(cli, `s3://${bucket}/data/sub/`);
    expect(sub).toEqual({ objects: 3, bytes: 777 + 65_536 });
    expect(summary).toEqual({ objects: sub.objects + 2, bytes: sub.bytes + 1000 + 5 });
  });

  it('reports a missing object as an error', async () => {
    const error = await h.fail('objects:size', {
      accountId: h.accountId,
      bucket,
      items: ['data/nothing-here.bin'],
      operationId: nextOp(),
    });
    expect(error.code).toBe('NoSuchKey');
  });

  it('cancel stops the listing: no page is requested after it', async () => {
    const { proxy, viaProxy } = bed as ProxiedBed;
    // The second page hangs, so the calculation is surely still running when it is cancelled.
    proxy.setRules({ decide: (req) => (isListing(req) && req.query['continuation-token'] ? 'stall' : 'pass') });
    const listings = (): number => proxy.stats.requests.filter(isListing).length;
    const before = listings();
    const id = nextOp();
    const result = h.core.invoke('objects:size', { accountId: viaProxy, bucket, items: ['data/'], operationId: id });
    await proxy.waitFor(
      (s) => s.requests.some((r) => isListing(r) && r.outcome === 'stalled'),
      20_000,
      'the second page stalled',
    );
    expect(eventsOf(id).at(-1)).toMatchObject({ done: 1000, total: null });
    await h.call('operations:cancel', { operationId: id });
    const outcome = await result;
    expect(outcome.ok ? null : outcome.error.code).toBe('Cancelled');
    expect(listings() - before).toBe(2);
    // Finished: a later run through the same proxy is the only thing that lists again.
    proxy.setRules({});
    const after = await h.call('objects:size', {
      accountId: viaProxy,
      bucket,
      items: ['data/sub/'],
      operationId: nextOp(),
    });
    expect(after).toEqual({ objects: 3, bytes: 777 + 65_536 });
    expect(listings() - before).toBe(3);
  }, 60_000);
});
