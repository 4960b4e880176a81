/**
 * Object lock against the real server, checked with aws-cli both ways: a bucket created with
 * object lock, its default retention, an object's retention and legal hold, and the refusal
 * (with the reason) to delete a locked version. Only GOVERNANCE is used, so the test can clean up.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, type AwsCli } from './aws-cli';
import { startHarness, uniqueName, type Harness } from './core-harness';
import { destroyVersionedBucket, propertiesTarget } from './properties-helpers';

const { s3, title } = propertiesTarget();

interface CliLockConfiguration {
  ObjectLockConfiguration: {
    ObjectLockEnabled: string;
    Rule?: { DefaultRetention: { Mode: string; Days?: number; Years?: number } };
  };
}

describe.skipIf(!s3)(title('properties: object lock (core and aws-cli)'), () => {
  let h: Harness;
  let cli: AwsCli;
  let bucket: string;
  let plain: string;
  let versionId: string;
  const inAnHour = (): string => new Date(Date.now() + 3600_000).toISOString();

  beforeAll(async () => {
    h = await startHarness(s3!);
    cli = awsCli(s3!);
    bucket = uniqueName('lock');
    await h.call('buckets:create', { accountId: h.accountId, name: bucket, objectLock: true });
    plain = await h.newBucket('no-lock');
    versionId = (await h.sdk.send(new PutObjectCommand({ Bucket: bucket, Key: 'contract.pdf', Body: 'signed' })))
      .VersionId!;
  });
  afterAll(async () => {
    if (bucket) await destroyVersionedBucket(h.sdk, bucket).catch(() => {});
    await h?.dispose();
  });

  it('without object lock: the bucket says disabled and an object has no retention or hold (not an error)', async () => {
    await h.put(plain, 'free.txt', 'free');
    expect(await h.call('objectLock:getBucket', { accountId: h.accountId, bucket: plain })).toEqual({
      enabled: false,
      defaultRetention: null,
    });
    expect(await h.call('objectLock:getObject', { accountId: h.accountId, bucket: plain, key: 'free.txt' })).toEqual({
      retention: null,
      legalHold: false,
    });
    expect(
      await h.fail('objectLock:putBucket', {
        accountId: h.accountId,
        bucket: plain,
        defaultRetention: { mode: 'GOVERNANCE', days: 1, years: null },
      }),
    ).toMatchObject({ code: 'InvalidRequest', message: expect.stringMatching(/only when a bucket is created/) });
  });

  it('default retention: set by the core, read by aws-cli; set by aws-cli, read by the core; removed', async () => {
    const base = { accountId: h.accountId, bucket };
    expect(await h.call('objectLock:getBucket', base)).toEqual({ enabled: true, defaultRetention: null });
    // Object lock implies versioning.
    expect(await h.call('versioning:get', base)).toBe('Enabled');

    expect(
      await h.call('objectLock:putBucket', { ...base, defaultRetention: { mode: 'GOVERNANCE', days: 3, years: null } }),
    ).toEqual({ enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 3, years: null } });
    expect(await cli.s3api<CliLockConfiguration>('get-object-lock-configuration', '--bucket', bucket)).toEqual({
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 3 } },
      },
    });

    await cli.s3api(
      'put-object-lock-configuration',
      '--bucket',
      bucket,
      '--object-lock-configuration',
      JSON.stringify({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Years: 1 } } }),
    );
    expect(await h.call('objectLock:getBucket', base)).toEqual({
      enabled: true,
      defaultRetention: { mode: 'GOVERNANCE', days: null, years: 1 },
    });

    expect(await h.call('objectLock:putBucket', { ...base, defaultRetention: null })).toEqual({
      enabled: true,
      defaultRetention: null,
    });
    expect(await cli.s3api('get-object-lock-configuration', '--bucket', bucket)).toEqual({
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' },
    });

    expect(
      await h.fail('objectLock:putBucket', { ...base, defaultRetention: { mode: 'GOVERNANCE', days: 2, years: 1 } }),
    ).toMatchObject({ code: 'InvalidRequest', message: expect.stringMatching(/in days or in years/) });
  });

  it('object retention and legal hold: both ways between the core and aws-cli', async () => {
    const target = { accountId: h.accountId, bucket, key: 'contract.pdf', versionId };
    expect(await h.call('objectLock:getObject', target)).toEqual({ retention: null, legalHold: false });

    const until = inAnHour();
    expect(
      await h.call('objectLock:putRetention', { ...target, retention: { mode: 'GOVERNANCE', retainUntil: until } }),
    ).toEqual({ retention: { mode: 'GOVERNANCE', retainUntil: until }, legalHold: false });
    const cliRetention = await cli.s3api<{ Retention: { Mode: string; RetainUntilDate: string } }>(
      'get-object-retention',
      '--bucket',
      bucket,
      '--key',
      'contract.pdf',
      `--version-id=${versionId}`,
    );
    expect(cliRetention.Retention.Mode).toBe('GOVERNANCE');
    expect(Date.parse(cliRetention.Retention.RetainUntilDate)).toBe(Date.parse(until));

    // aws-cli extends it; the core sees the new date.
    const later = new Date(Date.now() + 2 * 3600_000).toISOString();
    await cli.s3api(
      'put-object-retention',
      '--bucket',
      bucket,
      '--key',
      'contract.pdf',
      `--version-id=${versionId}`,
      '--retention',
      JSON.stringify({ Mode: 'GOVERNANCE', RetainUntilDate: later }),
    );
    expect((await h.call('objectLock:getObject', target)).retention).toEqual({
      mode: 'GOVERNANCE',
      retainUntil: later,
    });

    // Shortening without governance bypass is refused, with the rule spelled out.
    expect(
      await h.fail('objectLock:putRetention', { ...target, retention: { mode: 'GOVERNANCE', retainUntil: until } }),
    ).toMatchObject({ code: 'AccessDenied', message: expect.stringMatching(/can only be extended/) });

    expect(await h.call('objectLock:putLegalHold', { ...target, on: true })).toEqual({
      retention: { mode: 'GOVERNANCE', retainUntil: later },
      legalHold: true,
    });
    expect(
      await cli.s3api(
        'get-object-legal-hold',
        '--bucket',
        bucket,
        '--key',
        'contract.pdf',
        `--version-id=${versionId}`,
      ),
    ).toEqual({ LegalHold: { Status: 'ON' } });
    await cli.s3api(
      'put-object-legal-hold',
      '--bucket',
      bucket,
      '--key',
      'contract.pdf',
      `--version-id=${versionId}`,
      '--legal-hold',
      'Status=OFF',
    );
    expect((await h.call('objectLock:getObject', target)).legalHold).toBe(false);
    await h.call('objectLock:putLegalHold', { ...target, on: true });
  });

  it('refuses to delete a locked version and says why; governance bypass deletes it once the hold is off', async () => {
    const target = { accountId: h.accountId, bucket, key: 'contract.pdf', versionId };
    const refused = await h.fail('versions:delete', target);
    expect(refused.code).toBe('AccessDenied');
    expect(refused.message).toMatch(
      /^This version cannot be deleted: it is under a legal hold \(turn the hold off first\); and it is retained in GOVERNANCE mode until .+ \(delete it with governance bypass, or wait\)\.$/,
    );
    // Bypass does not lift a legal hold.
    expect(await h.fail('versions:delete', { ...target, bypassGovernance: true })).toMatchObject({
      code: 'AccessDenied',
      message: expect.stringMatching(/legal hold/),
    });

    await h.call('objectLock:putLegalHold', { ...target, on: false });
    expect((await h.fail('versions:delete', target)).message).toMatch(
      /^This version cannot be deleted: it is retained in GOVERNANCE mode until /,
    );
    // Removing a GOVERNANCE retention needs the bypass to be asked for.
    expect(await h.fail('objectLock:putRetention', { ...target, retention: null })).toMatchObject({
      code: 'AccessDenied',
      message: expect.stringMatching(/needs governance bypass/),
    });

    expect(await h.call('versions:delete', { ...target, bypassGovernance: true })).toBeNull();
    expect(await h.call('versions:list', { accountId: h.accountId, bucket, prefix: '', key: 'contract.pdf' })).toEqual({
      folders: [],
      versions: [],
      nextToken: null,
    });
  });

  it('radosgw cannot remove a retention: the app says so and the lock stays as it was', async () => {
    const id = (await h.sdk.send(new PutObjectCommand({ Bucket: bucket, Key: 'memo.txt', Body: 'memo' }))).VersionId!;
    const target = { accountId: h.accountId, bucket, key: 'memo.txt', versionId: id };
    const until = inAnHour();
    await h.call('objectLock:putRetention', { ...target, retention: { mode: 'GOVERNANCE', retainUntil: until } });
    const result = await h.core.invoke('objectLock:putRetention', {
      ...target,
      retention: null,
      bypassGovernance: true,
    });
    if (s3!.kind === 'radosgw') {
      // radosgw 16 needs a mode and a date in every retention (MalformedXML otherwise).
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'InvalidRequest', message: expect.stringMatching(/^This service cannot remove a retention/) },
      });
      expect((await h.call('objectLock:getObject', target)).retention).toEqual({
        mode: 'GOVERNANCE',
        retainUntil: until,
      });
    } else {
      expect(result).toEqual({ ok: true, value: { retention: null, legalHold: false } });
    }
  });
});
