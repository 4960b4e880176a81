import { describe, expect, it } from 'vitest';
import { contractIsComplete, requestSchemas } from '../../shared/contract';

const validAccount = {
  kind: 'qstorage',
  name: 'Work',
  endpoint: 'https://qstorage.quilibrium.com',
  region: 'q-world-1',
  accessKeyId: 'AKIAEXAMPLE',
  secretAccessKey: 's3cr3t',
  addressingStyle: 'virtual',
  checksumMode: 'when_required',
};

describe('request schemas', () => {
  it('is complete: every channel has a response type', () => {
    expect(contractIsComplete).toBe(true);
  });

  it('accepts a valid account and says what is wrong with a bad one', () => {
    expect(requestSchemas['accounts:create'].safeParse({ account: validAccount }).success).toBe(true);
    const bad = requestSchemas['accounts:create'].safeParse({ account: { ...validAccount, endpoint: 'ftp://x' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/http/);
    const noSecret = requestSchemas['accounts:create'].safeParse({ account: { ...validAccount, secretAccessKey: '' } });
    expect(noSecret.error?.issues[0]?.message).toMatch(/secret/i);
  });

  it('an account edit changes only what it names: a rename keeps encryptNames as stored', () => {
    const rename = requestSchemas['accounts:update'].parse({ id: 'a1', patch: { name: 'Renamed' } });
    expect(rename.patch).toEqual({ name: 'Renamed' });
    const created = requestSchemas['accounts:create'].parse({ account: validAccount });
    expect(created.account.encryptNames).toBe(false);
  });

  it('rejects keys with NUL or over 1024 bytes, and folder keys without a slash', () => {
    const head = requestSchemas['objects:head'];
    expect(head.safeParse({ accountId: 'a', bucket: 'b', key: 'x\0y' }).success).toBe(false);
    expect(head.safeParse({ accountId: 'a', bucket: 'b', key: 'é'.repeat(513) }).success).toBe(false);
    expect(head.safeParse({ accountId: 'a', bucket: 'b', key: 'é'.repeat(512) }).success).toBe(true);
    const folder = requestSchemas['objects:createFolder'];
    expect(folder.safeParse({ accountId: 'a', bucket: 'b', key: 'new' }).success).toBe(false);
    expect(folder.safeParse({ accountId: 'a', bucket: 'b', key: 'new/' }).success).toBe(true);
  });

  it('fills defaults for paging', () => {
    const parsed = requestSchemas['objects:list'].parse({ accountId: 'a', bucket: 'b', prefix: '' });
    expect(parsed).toMatchObject({ continuationToken: null, pageSize: 1000 });
  });

  it('strips unknown fields so nothing unexpected reaches a handler', () => {
    const parsed = requestSchemas['accounts:remove'].parse({ id: 'x', extra: 'y' });
    expect(parsed).toEqual({ id: 'x' });
  });
});
