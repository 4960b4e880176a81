/** A router over fake handlers and one fake provider: what a test does not give throws when reached. */
import { vi } from 'vitest';
import { capabilitiesOf, type Capabilities } from '../../../shared/capabilities';
import { createOperationRegistry } from '../../../electron/core/operations';
import type { CallContext, ProviderMethods, StorageProvider } from '../../../electron/core/providers/storage-provider';
import { createRouter, type Handlers } from '../../../electron/core/router';

export interface FakeRouterOptions {
  handlers?: Partial<Handlers>;
  provider?: Partial<ProviderMethods>;
  /** What the account can do (default: an S3 account's capabilities). */
  capabilities?: Capabilities;
  /** Answers whatever the test did not give (default: throws "not expected"). */
  fallback?: (...args: unknown[]) => Promise<unknown>;
}

export function fakeRouter(options: FakeRouterOptions = {}) {
  const capabilities = options.capabilities ?? capabilitiesOf('s3');
  const fallback =
    options.fallback ??
    (async () => {
      throw new Error('not expected in this test');
    });
  // `then` stays undefined, so an awaited fake is not taken for a promise.
  const answering = <T extends object>(given: T): T =>
    new Proxy(given, {
      get: (target, name) => (name in target ? target[name as keyof T] : name === 'then' ? undefined : fallback),
    });
  const provider = answering({ capabilities, ...options.provider }) as unknown as StorageProvider;
  const providers = { capabilities: vi.fn(async () => capabilities), get: vi.fn(async () => provider) };
  const progress = vi.fn();
  const operations = createOperationRegistry(progress);
  const context = (accountId: string): CallContext => ({
    accountId,
    host: {},
    jobs: { unfinishedUploads: () => new Map(), cancel: () => {} },
  });
  const handlers = answering((options.handlers ?? {}) as Handlers);
  const router = createRouter({ handlers, providers, operations, context });
  return { router, providers, operations, progress };
}
