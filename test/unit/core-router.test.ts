import { describe, expect, it, vi } from 'vitest';
import { CoreError } from '../../electron/core/errors';
import { createRouter, type Handlers } from '../../electron/core/router';

/** Handlers that record calls; only the ones a test uses answer. */
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const fallback = vi.fn(async () => {
    throw new Error('not expected in this test');
  });
  return new Proxy(overrides as Handlers, {
    get: (target, name: string) => (target as Record<string, unknown>)[name] ?? fallback,
  });
}

describe('router', () => {
  it('refuses an invalid request with InvalidRequest before the handler runs', async () => {
    const list = vi.fn(async () => ({ items: [], nextToken: null }));
    const router = createRouter(handlers({ 'objects:list': list }));
    const result = await router.invoke('objects:list', { accountId: 'a', bucket: 'b', prefix: '', pageSize: 5000 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'InvalidRequest', message: expect.stringMatching(/pageSize/) },
    });
    expect(list).not.toHaveBeenCalled();
  });

  it('refuses keys with NUL and folders without a slash', async () => {
    const create = vi.fn(async () => null);
    const router = createRouter(handlers({ 'objects:createFolder': create }));
    expect(await router.invoke('objects:createFolder', { accountId: 'a', bucket: 'b', key: 'no-slash' })).toMatchObject(
      { ok: false, error: { code: 'InvalidRequest' } },
    );
    expect(await router.invoke('objects:createFolder', { accountId: 'a', bucket: 'b', key: 'a\0b/' })).toMatchObject({
      ok: false,
      error: { code: 'InvalidRequest' },
    });
    expect(create).not.toHaveBeenCalled();
  });

  it('refuses an unknown channel, including prototype names', async () => {
    const router = createRouter(handlers());
    expect(await router.invoke('objects:format', {})).toEqual({
      ok: false,
      error: { code: 'InvalidRequest', message: 'Unknown channel "objects:format".' },
    });
    expect(await router.invoke('__proto__', {})).toMatchObject({ ok: false, error: { code: 'InvalidRequest' } });
    expect(await router.invoke('toString', {})).toMatchObject({ ok: false, error: { code: 'InvalidRequest' } });
  });

  it('passes the parsed request (with defaults) and wraps the value', async () => {
    const list = vi.fn(async () => ({ items: [], nextToken: null }));
    const router = createRouter(handlers({ 'objects:list': list }));
    expect(await router.invoke('objects:list', { accountId: 'a', bucket: 'b', prefix: 'x/' })).toEqual({
      ok: true,
      value: { items: [], nextToken: null },
    });
    expect(list).toHaveBeenCalledWith({
      accountId: 'a',
      bucket: 'b',
      prefix: 'x/',
      continuationToken: null,
      pageSize: 1000,
    });
  });

  it('turns a thrown error into an error value', async () => {
    const router = createRouter(
      handlers({
        'buckets:delete': async () => {
          throw new CoreError('BucketNotEmpty', 'The bucket is not empty: delete its objects first.');
        },
      }),
    );
    expect(await router.invoke('buckets:delete', { accountId: 'a', bucket: 'b' })).toEqual({
      ok: false,
      error: { code: 'BucketNotEmpty', message: 'The bucket is not empty: delete its objects first.' },
    });
  });
});
