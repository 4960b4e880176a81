/**
 * Service behaviours the test server does not show, played by a stub client: no DeleteObjects
 * (501), partial DeleteObjects failures, and a ListBuckets token that repeats.
 */
import { S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { createOperationRegistry } from '../../electron/core/operations';
import { listBuckets } from '../../electron/core/providers/s3/buckets';
import { deleteKeys } from '../../electron/core/providers/s3/delete';

type Sent = { name: string; input: Record<string, unknown> };

/** A client whose send() answers by command name and records what was sent. */
function stubClient(answer: (sent: Sent) => unknown): { client: S3Client; sent: Sent[] } {
  const sent: Sent[] = [];
  const client = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      const entry = { name: command.constructor.name, input: command.input };
      sent.push(entry);
      const out = answer(entry);
      if (out instanceof Error) throw out;
      return out;
    },
  } as unknown as S3Client;
  return { client, sent };
}

const serviceError = (name: string, status: number): S3ServiceException =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });

describe('batch delete against other services', () => {
  it('falls back to single deletes when DeleteObjects is not implemented', async () => {
    const { client, sent } = stubClient(({ name, input }) => {
      if (name === 'DeleteObjectsCommand') return serviceError('NotImplemented', 501);
      if (name === 'DeleteObjectCommand') return input.Key === 'locked.txt' ? serviceError('AccessDenied', 403) : {};
      return new Error(`unexpected ${name}`);
    });
    const op = createOperationRegistry(() => {}).start('op');
    const summary = await deleteKeys(client, 'b', ['a.txt', 'b.txt', 'locked.txt'], op);
    expect(summary).toEqual({
      succeeded: 2,
      failed: [{ key: 'locked.txt', code: 'AccessDenied', message: expect.stringMatching(/Access denied/) }],
    });
    expect(sent.filter((s) => s.name === 'DeleteObjectsCommand')).toHaveLength(1); // not retried for later batches
    expect(
      sent
        .filter((s) => s.name === 'DeleteObjectCommand')
        .map((s) => s.input.Key)
        .sort(),
    ).toEqual(['a.txt', 'b.txt', 'locked.txt']);
  });

  it('reports the per-key errors of a quiet DeleteObjects exactly', async () => {
    const { client, sent } = stubClient(({ name, input }) => {
      if (name !== 'DeleteObjectsCommand') return new Error(`unexpected ${name}`);
      const keys = (input.Delete as { Objects: { Key: string }[] }).Objects.map((o) => o.Key);
      return { Errors: keys.includes('x/2') ? [{ Key: 'x/2', Code: 'AccessDenied', Message: 'Access Denied' }] : [] };
    });
    const op = createOperationRegistry(() => {}).start('op');
    const keys = Array.from({ length: 2500 }, (_, i) => `x/${i}`);
    const summary = await deleteKeys(client, 'b', keys, op);
    expect(summary).toEqual({
      succeeded: 2499,
      failed: [{ key: 'x/2', code: 'AccessDenied', message: 'Access Denied' }],
    });
    const batches = sent.map((s) => s.input.Delete as { Objects: unknown[]; Quiet: boolean });
    expect(batches.map((b) => b.Objects.length)).toEqual([1000, 1000, 500]);
    expect(batches.every((b) => b.Quiet)).toBe(true);
  });

  it('marks every key of a refused request as failed and goes on', async () => {
    let calls = 0;
    const { client } = stubClient(() => (++calls === 1 ? serviceError('AccessDenied', 403) : {}));
    const op = createOperationRegistry(() => {}).start('op');
    const keys = Array.from({ length: 1001 }, (_, i) => `k${i}`);
    const summary = await deleteKeys(client, 'b', keys, op);
    expect(summary.succeeded).toBe(1);
    expect(summary.failed).toHaveLength(1000);
    expect(summary.failed[0]).toMatchObject({ key: 'k0', code: 'AccessDenied' });
  });
});

describe('bucket listing', () => {
  it('follows tokens and stops when a token repeats', async () => {
    const pages: Record<string, { Buckets: { Name: string }[]; ContinuationToken?: string }> = {
      start: { Buckets: [{ Name: 'a' }], ContinuationToken: 't1' },
      t1: { Buckets: [{ Name: 'b' }], ContinuationToken: 't2' },
      t2: { Buckets: [{ Name: 'c' }], ContinuationToken: 't1' }, // a buggy service loops back
    };
    const { client, sent } = stubClient(
      ({ input }) => pages[(input.ContinuationToken as string | undefined) ?? 'start'],
    );
    const seen = new Set<string>();
    const names: string[] = [];
    let token: string | null = null;
    let guard = 0;
    do {
      const page = await listBuckets(client, token, seen);
      names.push(...page.items.map((b) => b.name));
      token = page.nextToken;
    } while (token !== null && ++guard < 10);
    expect(names).toEqual(['a', 'b', 'c']);
    expect(sent.every((s) => s.input.MaxBuckets === 1000)).toBe(true);
    // A new walk (no token) starts afresh.
    expect((await listBuckets(client, null, seen)).nextToken).toBe('t1');
  });
});
