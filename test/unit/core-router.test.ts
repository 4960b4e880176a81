import { describe, expect, it, vi } from 'vitest';
import { CoreError } from '../../electron/core/errors';
import type { Operation } from '../../electron/core/operations';
import { hasCapability, type StorageProvider } from '../../electron/core/providers/storage-provider';
import { capabilitiesOf, notSupportedMessage } from '../../shared/capabilities';
import { CHANNELS } from '../../shared/contract';
import { quickSyncProvider } from '../../electron/core/providers/quicksync/provider';
import { DEFAULT_COPY_TUNING } from '../../electron/core/providers/s3/context';
import { s3Provider } from '../../electron/core/providers/s3/provider';
import type { ProviderTransfers } from '../../electron/core/transfers/provider-transfers';
import { fakeRouter } from './fakes/router';

describe('router', () => {
  it('refuses an invalid request with InvalidRequest before the provider is asked', async () => {
    const listObjects = vi.fn(async () => ({ items: [], nextToken: null }));
    const { router, providers } = fakeRouter({ provider: { listObjects } });
    const result = await router.invoke('objects:list', { accountId: 'a', bucket: 'b', prefix: '', pageSize: 5000 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'InvalidRequest', message: expect.stringMatching(/pageSize/) },
    });
    expect(listObjects).not.toHaveBeenCalled();
    expect(providers.get).not.toHaveBeenCalled();
  });

  it('refuses keys with NUL and folders without a slash', async () => {
    const createFolder = vi.fn(async () => null);
    const { router } = fakeRouter({ provider: { createFolder } });
    expect(await router.invoke('objects:createFolder', { accountId: 'a', bucket: 'b', key: 'no-slash' })).toMatchObject(
      { ok: false, error: { code: 'InvalidRequest' } },
    );
    expect(await router.invoke('objects:createFolder', { accountId: 'a', bucket: 'b', key: 'a\0b/' })).toMatchObject({
      ok: false,
      error: { code: 'InvalidRequest' },
    });
    expect(createFolder).not.toHaveBeenCalled();
  });

  it('refuses an unknown channel, including prototype names', async () => {
    const { router } = fakeRouter();
    expect(await router.invoke('objects:format', {})).toEqual({
      ok: false,
      error: { code: 'InvalidRequest', message: 'Unknown channel "objects:format".' },
    });
    expect(await router.invoke('__proto__', {})).toMatchObject({ ok: false, error: { code: 'InvalidRequest' } });
    expect(await router.invoke('toString', {})).toMatchObject({ ok: false, error: { code: 'InvalidRequest' } });
  });

  it("calls the account's provider method with the parsed request (defaults, no accountId) and wraps the value", async () => {
    const listObjects = vi.fn(async () => ({ items: [], nextToken: null }));
    const { router, providers } = fakeRouter({ provider: { listObjects } });
    expect(await router.invoke('objects:list', { accountId: 'a', bucket: 'b', prefix: 'x/' })).toEqual({
      ok: true,
      value: { items: [], nextToken: null },
    });
    expect(providers.get).toHaveBeenCalledWith('a');
    expect(listObjects).toHaveBeenCalledWith(
      { bucket: 'b', prefix: 'x/', continuationToken: null, pageSize: 1000 },
      expect.objectContaining({ accountId: 'a', host: {} }),
    );
  });

  it('runs a core channel by its handler with the parsed request', async () => {
    const list = vi.fn(async () => ({ items: [], total: 0 }));
    const { router, providers } = fakeRouter({ handlers: { 'transfers:list': list as never } });
    expect(await router.invoke('transfers:list', {})).toMatchObject({ ok: true });
    expect(list).toHaveBeenCalledWith({ filter: 'all', offset: 0, limit: 100 });
    expect(providers.get).not.toHaveBeenCalled();
  });

  it('turns a thrown error into an error value', async () => {
    const { router } = fakeRouter({
      provider: {
        deleteBucket: async () => {
          throw new CoreError('BucketNotEmpty', 'The bucket is not empty: delete its objects first.');
        },
      },
    });
    expect(await router.invoke('buckets:delete', { accountId: 'a', bucket: 'b' })).toEqual({
      ok: false,
      error: { code: 'BucketNotEmpty', message: 'The bucket is not empty: delete its objects first.' },
    });
  });
});

describe("the router's capability guard", () => {
  it('refuses a channel whose capability the account lacks, before the provider is built or called', async () => {
    const getWebsite = vi.fn();
    const { router, providers } = fakeRouter({ capabilities: capabilitiesOf('sandbox'), provider: { getWebsite } });
    expect(await router.invoke('website:get', { accountId: 'a', bucket: 'b' })).toEqual({
      ok: false,
      error: { code: 'NotSupported', message: 'Website hosting: not supported by this service.' },
    });
    expect(providers.capabilities).toHaveBeenCalledWith('a');
    expect(providers.get).not.toHaveBeenCalled();
    expect(getWebsite).not.toHaveBeenCalled();
  });

  it('refuses S3 channels for a QuickSync account and its file list for an S3 account', async () => {
    const quickSync = fakeRouter({ capabilities: capabilitiesOf('quicksync') });
    for (const [channel, capability] of [
      ['buckets:list', 'buckets'],
      ['objects:search', 'search'],
      ['multipart:list', 'multipartUploads'],
    ] as const) {
      const request = { accountId: 'q', bucket: 'b', prefix: '', query: 'x', continuationToken: null };
      expect(await quickSync.router.invoke(channel, request), channel).toEqual({
        ok: false,
        error: { code: 'NotSupported', message: notSupportedMessage(capability) },
      });
    }
    const s3 = fakeRouter();
    expect(await s3.router.invoke('quicksync:list', { accountId: 'a' })).toEqual({
      ok: false,
      error: { code: 'NotSupported', message: notSupportedMessage('sessionFiles') },
    });
  });

  it('lets a channel through when the account has the capability', async () => {
    const listSessionFiles = vi.fn(async () => []);
    const { router } = fakeRouter({ capabilities: capabilitiesOf('quicksync'), provider: { listSessionFiles } });
    expect(await router.invoke('quicksync:list', { accountId: 'q' })).toEqual({ ok: true, value: [] });
    expect(listSessionFiles).toHaveBeenCalledWith(
      { includeIncomplete: false },
      expect.objectContaining({ accountId: 'q' }),
    );
  });

  it('narrows a provider by hasCapability', () => {
    const provider = { capabilities: capabilitiesOf('sandbox') } as StorageProvider;
    expect(hasCapability(provider, 'share')).toBe(true);
    expect(hasCapability(provider, 'objectTags')).toBe(false);
  });
});

describe('batch operations through the router', () => {
  it('runs a request with an operationId as that operation, without passing the id on', async () => {
    let seen: Operation | null = null;
    const deleteObjects = vi.fn(async (_req: unknown, { operation }: { operation: Operation }) => {
      seen = operation;
      return { succeeded: 1, failed: [] };
    });
    const { router, progress } = fakeRouter({ provider: { deleteObjects } });
    const request = { accountId: 'a', bucket: 'b', keys: ['k'], operationId: 'op-1' };
    expect(await router.invoke('objects:delete', request)).toEqual({ ok: true, value: { succeeded: 1, failed: [] } });
    expect(deleteObjects.mock.calls[0]?.[0]).toEqual({ bucket: 'b', keys: ['k'] });
    expect(seen).toMatchObject({ id: 'op-1' });
    // Finished: the last snapshot went out, and the id is free again.
    expect(progress).toHaveBeenLastCalledWith(expect.objectContaining({ operationId: 'op-1' }));
    expect(await router.invoke('objects:delete', request)).toMatchObject({ ok: true });
  });

  it('registers the operation before the first await, so a cancel sent right after is not lost', async () => {
    const deleteObjects = vi.fn(async (_req: unknown, { operation }: { operation: Operation }) => {
      operation.throwIfCancelled();
      return { succeeded: 1, failed: [] };
    });
    const { router, operations } = fakeRouter({ provider: { deleteObjects } });
    const pending = router.invoke('objects:delete', { accountId: 'a', bucket: 'b', keys: ['k'], operationId: 'op-2' });
    operations.cancel('op-2');
    expect(await pending).toEqual({ ok: false, error: { code: 'Cancelled', message: 'The operation was cancelled.' } });
  });

  it('refuses a second operation with the id of a running one', async () => {
    let release = (): void => {};
    const deleteObjects = vi.fn(
      () =>
        new Promise<{ succeeded: number; failed: [] }>(
          (resolve) => (release = () => resolve({ succeeded: 1, failed: [] })),
        ),
    );
    const { router } = fakeRouter({ provider: { deleteObjects } });
    const request = { accountId: 'a', bucket: 'b', keys: ['k'], operationId: 'op-3' };
    const first = router.invoke('objects:delete', request);
    expect(await router.invoke('objects:delete', request)).toMatchObject({
      ok: false,
      error: { code: 'InvalidRequest', message: 'An operation with id "op-3" is already running.' },
    });
    await vi.waitFor(() => expect(deleteObjects).toHaveBeenCalled());
    release();
    expect(await first).toMatchObject({ ok: true });
  });
});

describe('the providers against the channel table', () => {
  const transfers = {} as ProviderTransfers;
  const account = { id: 'a', kind: 's3', region: '', endpoint: 'https://s3.example', addressingStyle: 'path' } as const;
  const providers = {
    s3: s3Provider({
      account: account as never,
      client: () => Promise.reject(new Error('no client in this test')),
      copyTuning: DEFAULT_COPY_TUNING,
      bucketTokens: new Set(),
      transfers,
    }),
    quicksync: quickSyncProvider({ apiBase: 'https://api.example/v1', token: 't', sessionId: 's' }, transfers),
  };

  it.each(Object.entries(providers))(
    '%s has a method for exactly the channels of its capabilities',
    (kind, provider) => {
      const capabilities = capabilitiesOf(kind as 's3' | 'quicksync');
      expect(provider.capabilities).toBe(capabilities);
      for (const [channel, spec] of Object.entries(CHANNELS)) {
        if (!('method' in spec)) continue;
        const has = 'capability' in spec ? capabilities.has(spec.capability) : true;
        expect(typeof (provider as unknown as Record<string, unknown>)[spec.method], channel).toBe(
          has ? 'function' : 'undefined',
        );
      }
    },
  );
});
