/** A renderer store over a FakeAppApi, with one account and one bucket opened when asked. */
import { ok } from '../../../shared/errors';
import type { AccountSummary } from '../../../shared/models';
import { createDomains } from '../../../renderer/src/api/domains';
import { createAppStore } from '../../../renderer/src/store/create-store';
import type { AppStore } from '../../../renderer/src/store/types';
import { FakeAppApi, settle } from './fake-app-api';

export function account(id: string, name = id): AccountSummary {
  return {
    id,
    kind: 'qstorage',
    name,
    endpoint: 'https://qstorage.quilibrium.com',
    region: 'q-world-1',
    accessKeyId: `AK${id}`,
    keyHint: 'AK…XY',
    hasSecret: true,
    addressingStyle: 'virtual',
    checksumMode: 'when_required',
  };
}

export interface Harness {
  api: FakeAppApi;
  store: AppStore;
  downloads: string[];
}

export function createHarness(api = new FakeAppApi()): Harness {
  const downloads: string[] = [];
  let op = 0;
  const store = createAppStore({
    domains: createDomains(api),
    effects: { startDownload: (url) => downloads.push(url) },
    newOperationId: () => `op-${++op}`,
  });
  return { api, store, downloads };
}

/** Boots with one account "a1" whose only bucket is "b1" (open at the root). */
export async function bootWithBucket(api = new FakeAppApi()): Promise<Harness> {
  api
    .on('app:info', () =>
      ok({
        host: 'web',
        version: '0.0.0',
        platform: 'linux',
        secretStorage: { kind: 'aes-gcm-keyfile', warning: null },
      }),
    )
    .on('accounts:list', () => ok([account('a1')]))
    .on('buckets:list', () => ok({ items: [{ name: 'b1', createdAt: null }], nextToken: null }));
  const h = createHarness(api);
  await h.store.getState().ui.boot();
  await settle();
  return h;
}
