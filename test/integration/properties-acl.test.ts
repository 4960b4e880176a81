/**
 * ACLs through the core against the real server, checked with aws-cli both ways: canned ACLs,
 * explicit grants (groups and another user) on objects and buckets, and what S3 refuses.
 */
import { GetObjectCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, becomesPublic, type Acl, type Grant } from '../../shared/properties';
import { awsCli, type AwsCli } from './aws-cli';
import { sdkClient, startHarness, type Harness } from './core-harness';
import { propertiesTarget } from './properties-helpers';

const { s3, title } = propertiesTarget();

interface CliAcl {
  Owner: { ID: string; DisplayName?: string };
  Grants: { Grantee: { Type: string; ID?: string; URI?: string; EmailAddress?: string }; Permission: string }[];
}
/** Grants as "type:who:permission", sorted: order is the service's business. */
const cliGrants = (acl: CliAcl): string[] =>
  acl.Grants.map(
    (g) => `${g.Grantee.Type}:${g.Grantee.ID ?? g.Grantee.URI ?? g.Grantee.EmailAddress ?? ''}:${g.Permission}`,
  ).sort();
const coreGrants = (acl: Acl): string[] =>
  acl.grants
    .map((g) => {
      const who =
        g.grantee.type === 'CanonicalUser'
          ? g.grantee.id
          : g.grantee.type === 'Group'
            ? g.grantee.uri
            : g.grantee.email;
      return `${g.grantee.type}:${who}:${g.permission}`;
    })
    .sort();

describe.skipIf(!s3)(title('properties: ACLs (core and aws-cli)'), () => {
  let h: Harness;
  let cli: AwsCli;
  let bucket: string;
  let ownerId: string;

  beforeAll(async () => {
    h = await startHarness(s3!);
    cli = awsCli(s3!);
    bucket = await h.newBucket('acl');
    ownerId = (await h.sdk.send(new ListBucketsCommand({}))).Owner?.ID ?? '';
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('object: a new object is private to its owner; public-read opens it to everyone (anonymous GET works)', async () => {
    await h.put(bucket, 'photo.jpg', 'jpeg bytes');
    const target = { accountId: h.accountId, bucket, key: 'photo.jpg' };
    const before = await h.call('acl:get', target);
    expect(before.owner.id).toBe(ownerId);
    expect(coreGrants(before)).toEqual([`CanonicalUser:${ownerId}:FULL_CONTROL`]);
    expect(becomesPublic(before, { canned: 'public-read' })).toBe(true);

    const anonymousUrl = `${s3!.endpoint}/${bucket}/photo.jpg`;
    expect((await fetch(anonymousUrl)).status).toBe(403);

    const after = await h.call('acl:put', { ...target, change: { canned: 'public-read' } });
    expect(coreGrants(after)).toEqual([`CanonicalUser:${ownerId}:FULL_CONTROL`, `Group:${ALL_USERS_URI}:READ`].sort());
    expect(cliGrants(await cli.s3api('get-object-acl', '--bucket', bucket, '--key', 'photo.jpg'))).toEqual(
      coreGrants(after),
    );
    const anonymous = await fetch(anonymousUrl);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.text()).toBe('jpeg bytes');

    const back = await h.call('acl:put', { ...target, change: { canned: 'private' } });
    expect(coreGrants(back)).toEqual([`CanonicalUser:${ownerId}:FULL_CONTROL`]);
    expect((await fetch(anonymousUrl)).status).toBe(403);
  });

  it('object: explicit grants keep the owner; aws-cli grants show in the core', async () => {
    await h.put(bucket, 'shared.txt', 'shared');
    const target = { accountId: h.accountId, bucket, key: 'shared.txt' };
    const grants: Grant[] = [
      { grantee: { type: 'CanonicalUser', id: ownerId, displayName: null }, permission: 'FULL_CONTROL' },
      { grantee: { type: 'Group', uri: AUTHENTICATED_USERS_URI }, permission: 'READ' },
    ];
    const other = s3!.other ? sdkClient(s3!, s3!.other) : null;
    const otherId = other ? ((await other.send(new ListBucketsCommand({}))).Owner?.ID ?? '') : null;
    if (otherId)
      grants.push({ grantee: { type: 'CanonicalUser', id: otherId, displayName: null }, permission: 'READ' });

    const after = await h.call('acl:put', { ...target, change: { grants } });
    expect(after.owner.id).toBe(ownerId);
    expect(coreGrants(after)).toEqual(coreGrants({ owner: after.owner, grants }));
    const fromCli = await cli.s3api<CliAcl>('get-object-acl', '--bucket', bucket, '--key', 'shared.txt');
    expect(fromCli.Owner.ID).toBe(ownerId);
    expect(cliGrants(fromCli)).toEqual(coreGrants(after));
    if (other) {
      // The grant is real: the other user can now read the object.
      const out = await other.send(new GetObjectCommand({ Bucket: bucket, Key: 'shared.txt' }));
      expect(await out.Body!.transformToString()).toBe('shared');
      other.destroy();
    }

    await cli.s3api(
      'put-object-acl',
      '--bucket',
      bucket,
      '--key',
      'shared.txt',
      '--access-control-policy',
      JSON.stringify({
        Owner: { ID: ownerId },
        Grants: [
          { Grantee: { Type: 'CanonicalUser', ID: ownerId }, Permission: 'FULL_CONTROL' },
          { Grantee: { Type: 'Group', URI: ALL_USERS_URI }, Permission: 'READ_ACP' },
          { Grantee: { Type: 'Group', URI: AUTHENTICATED_USERS_URI }, Permission: 'WRITE_ACP' },
        ],
      }),
    );
    const read = await h.call('acl:get', target);
    expect(coreGrants(read)).toEqual(
      [
        `CanonicalUser:${ownerId}:FULL_CONTROL`,
        `Group:${ALL_USERS_URI}:READ_ACP`,
        `Group:${AUTHENTICATED_USERS_URI}:WRITE_ACP`,
      ].sort(),
    );
    expect(read.owner.displayName).not.toBe('');
  });

  it('bucket: canned and explicit ACLs round-trip; object-only canned ACLs are refused for a bucket', async () => {
    const target = { accountId: h.accountId, bucket, key: null };
    const after = await h.call('acl:put', { ...target, change: { canned: 'authenticated-read' } });
    expect(coreGrants(after)).toEqual(
      [`CanonicalUser:${ownerId}:FULL_CONTROL`, `Group:${AUTHENTICATED_USERS_URI}:READ`].sort(),
    );
    expect(cliGrants(await cli.s3api('get-bucket-acl', '--bucket', bucket))).toEqual(coreGrants(after));

    await cli.s3api('put-bucket-acl', '--bucket', bucket, '--acl', 'public-read');
    const read = await h.call('acl:get', target);
    expect(coreGrants(read)).toEqual([`CanonicalUser:${ownerId}:FULL_CONTROL`, `Group:${ALL_USERS_URI}:READ`].sort());

    const grants: Grant[] = [
      { grantee: { type: 'CanonicalUser', id: ownerId, displayName: null }, permission: 'FULL_CONTROL' },
      { grantee: { type: 'Group', uri: AUTHENTICATED_USERS_URI }, permission: 'READ_ACP' },
    ];
    const explicit = await h.call('acl:put', { ...target, change: { grants } });
    expect(cliGrants(await cli.s3api('get-bucket-acl', '--bucket', bucket))).toEqual(coreGrants(explicit));
    expect(coreGrants(explicit)).toEqual(coreGrants({ owner: explicit.owner, grants }));

    expect(await h.fail('acl:put', { ...target, change: { canned: 'bucket-owner-read' } })).toMatchObject({
      code: 'InvalidRequest',
      message: '"bucket-owner-read" applies to objects only, not to a bucket.',
    });
    await h.call('acl:put', { ...target, change: { canned: 'private' } });
  });

  it('an ACL of a missing object is NoSuchKey', async () => {
    expect(await h.fail('acl:get', { accountId: h.accountId, bucket, key: 'missing.txt' })).toMatchObject({
      code: 'NoSuchKey',
    });
  });
});
