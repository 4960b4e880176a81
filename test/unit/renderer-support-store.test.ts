import { describe, expect, it } from 'vitest';
import { ok } from '../../shared/errors';
import { CAPABILITIES } from '../../shared/capabilities';
import { FakeAppApi } from './fakes/fake-app-api';
import { account, createHarness } from './fakes/renderer-store';
import { selectHasBucketProperties, selectHasCapability } from '../../renderer/src/store/selectors';

async function withAccounts() {
  const api = new FakeAppApi().on('accounts:list', () => ok([account('q1'), { ...account('sb'), kind: 'sandbox' }]));
  const harness = createHarness(api);
  await harness.store.getState().accounts.load();
  return harness.store;
}

describe('support slice', () => {
  it('knows before any request that the sandbox keeps share links and in-place edits, no properties', async () => {
    const store = await withAccounts();
    const { support } = store.getState();
    expect(CAPABILITIES.filter((c) => support.isSupported('sb', c))).toEqual([
      'buckets',
      'folders',
      'copy',
      'search',
      'share',
      'editInPlace',
    ]);
    expect(CAPABILITIES.filter((c) => !support.isSupported('q1', c))).toEqual(['sessionFiles']);
  });

  it('switches a capability off for one account on NotSupported, and forgets it when the account changes', async () => {
    const store = await withAccounts();
    const support = () => store.getState().support;
    expect(support().noteFailure('q1', 'website', { code: 'AccessDenied', message: 'no' })).toBe(false);
    expect(support().isSupported('q1', 'website')).toBe(true);
    expect(support().noteFailure('q1', 'website', { code: 'NotSupported', message: 'not here' })).toBe(true);
    expect(support().isSupported('q1', 'website')).toBe(false);
    expect(support().isSupported('q1', 'objectTags')).toBe(true);
    support().forget('q1');
    expect(support().isSupported('q1', 'website')).toBe(true);
  });

  it('hides what the selected account’s provider lacks, but the sandbox shows its properties to say what it lacks', async () => {
    const store = await withAccounts();
    store.getState().accounts.select('q1');
    expect(selectHasCapability('objectTags')(store.getState())).toBe(true);
    expect(selectHasBucketProperties(store.getState())).toBe(true);
    store.getState().accounts.select('sb');
    expect(selectHasCapability('objectTags')(store.getState())).toBe(false);
    expect(selectHasCapability('share')(store.getState())).toBe(true);
    // Its Properties button stays, and each tab says "The local sandbox does not keep …".
    expect(selectHasBucketProperties(store.getState())).toBe(true);
  });
});
