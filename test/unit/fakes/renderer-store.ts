/** A renderer store over a FakeAppApi, with one account and one bucket opened when asked. */
import { ok } from '../../../shared/errors';
import type { AccountSummary, AppInfo } from '../../../shared/models';
import { createAppStore } from '../../../renderer/src/store/create-store';
import type { AppStore } from '../../../renderer/src/store/app-state';
import type { StoreDeps } from '../../../renderer/src/store/deps';
import { FakeAppApi, settle } from './fake-app-api';

/** What the host says of itself: the browser host on Linux unless told otherwise. */
export function appInfo(host: AppInfo['host'] = 'web'): AppInfo {
  return {
    host,
    version: '0.0.0',
    platform: 'linux',
    secretStorage: { kind: 'aes-gcm-keyfile', warning: null },
    downloadsDir: '/home/me/Downloads',
  };
}

export function account(id: string, name = id): AccountSummary {
  return {
    id,
    kind: 'qstorage',
    name,
    endpoint: 'https://qstorage.quilibrium.com',
    region: 'q-world-1',
    keyHint: 'AKIA…XY',
    hasSecret: true,
    addressingStyle: 'virtual',
    checksumMode: 'when_required',
    encryptNames: false,
  };
}

export interface Harness {
  api: FakeAppApi;
  store: AppStore;
  downloads: string[];
  /** Desktop notifications shown (title, body); empty when `desktop` is not granted. */
  notifications: { title: string; body: string }[];
  /** How often the store asked for notification permission. */
  permission: { requests: number };
}

export interface HarnessOptions {
  putStagedFile?: StoreDeps['effects']['putStagedFile'];
  /** Whether desktop notifications are permitted (false: the store falls back to toasts). */
  desktop?: boolean;
  now?: () => number;
  prefs?: StoreDeps['prefs'];
}

export function createHarness(api = new FakeAppApi(), options: HarnessOptions = {}): Harness {
  const downloads: string[] = [];
  const notifications: { title: string; body: string }[] = [];
  let op = 0;
  const harness = { api, downloads, notifications, permission: { requests: 0 } };
  const store = createAppStore({
    api,
    effects: {
      startDownload: (url) => downloads.push(url),
      putStagedFile: options.putStagedFile ?? (() => Promise.resolve(ok(null))),
      notify: {
        requestPermission: () => void harness.permission.requests++,
        show: (title, body) => {
          if (options.desktop !== true) return false;
          notifications.push({ title, body });
          return true;
        },
      },
    },
    newOperationId: () => `op-${++op}`,
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.prefs !== undefined ? { prefs: options.prefs } : {}),
  });
  return Object.assign(harness, { store });
}

/** Boots with one account "a1" whose only bucket is "b1" (open at the root). */
export async function bootWithBucket(api = new FakeAppApi(), options: HarnessOptions = {}): Promise<Harness> {
  api
    .on('app:info', () => ok(appInfo()))
    .on('accounts:list', () => ok([account('a1')]))
    .on('buckets:list', () => ok({ items: [{ name: 'b1', createdAt: null }], nextToken: null }));
  const h = createHarness(api, options);
  await h.store.getState().ui.boot();
  await settle();
  return h;
}

/** `bootWithBucket` with the empty bucket "b1" open. */
export async function openEmptyBucket(api = new FakeAppApi()): Promise<Harness> {
  api.on('objects:list', () => ok({ items: [], nextToken: null }));
  const h = await bootWithBucket(api);
  h.store.getState().buckets.select('b1');
  await settle();
  return h;
}
