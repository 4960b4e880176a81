/**
 * ACLs of buckets and objects, mapped between the SDK's Owner/Grants and the shared Acl. A
 * canned change goes as the x-amz-acl header; a list of grants as an AccessControlPolicy that
 * keeps the current owner. Every change answers with the ACL read back from the service.
 */
import {
  GetBucketAclCommand,
  GetObjectAclCommand,
  PutBucketAclCommand,
  PutObjectAclCommand,
  type AccessControlPolicy,
  type BucketCannedACL,
  type Grant as SdkGrant,
  type Owner,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  OBJECT_ONLY_CANNED_ACLS,
  PERMISSIONS,
  type Acl,
  type AclChange,
  type Grant,
  type Grantee,
  type Permission,
} from '../../../../shared/properties';
import { CoreError } from '../../errors';
import type { MethodsOf } from '../storage-provider';
import type { S3Account } from './context';

/** A bucket (key null) or an object, optionally one version of it. */
export interface AclTarget {
  bucket: string;
  key: string | null;
  versionId?: string | undefined;
}

const isPermission = (p: string | undefined): p is Permission => PERMISSIONS.some((known) => known === p);

function fromSdkGrantee(g: SdkGrant['Grantee']): Grantee | null {
  switch (g?.Type) {
    case 'CanonicalUser':
      return g.ID ? { type: 'CanonicalUser', id: g.ID, displayName: g.DisplayName ?? null } : null;
    case 'AmazonCustomerByEmail':
      return g.EmailAddress ? { type: 'AmazonCustomerByEmail', email: g.EmailAddress } : null;
    case 'Group':
      return g.URI ? { type: 'Group', uri: g.URI } : null;
    default:
      return null;
  }
}

/** The service's ACL as the shared model; grants the model cannot express are left out. */
export function fromSdkAcl(out: { Owner?: Owner | undefined; Grants?: SdkGrant[] | undefined }): Acl {
  const grants = (out.Grants ?? []).flatMap((g): Grant[] => {
    const grantee = fromSdkGrantee(g.Grantee);
    return grantee && isPermission(g.Permission) ? [{ grantee, permission: g.Permission }] : [];
  });
  return { owner: { id: out.Owner?.ID ?? '', displayName: out.Owner?.DisplayName ?? null }, grants };
}

function toSdkGrantee(g: Grantee): NonNullable<SdkGrant['Grantee']> {
  switch (g.type) {
    case 'CanonicalUser':
      return { Type: 'CanonicalUser', ID: g.id };
    case 'AmazonCustomerByEmail':
      return { Type: 'AmazonCustomerByEmail', EmailAddress: g.email };
    case 'Group':
      return { Type: 'Group', URI: g.uri };
  }
}

/** The policy a PUT sends: these grants under the given owner (display names are the service's). */
export function toSdkPolicy(owner: Acl['owner'], grants: readonly Grant[]): AccessControlPolicy {
  return {
    Owner: { ID: owner.id },
    Grants: grants.map((g) => ({ Grantee: toSdkGrantee(g.grantee), Permission: g.permission })),
  };
}

export async function getAcl(client: S3Client, target: AclTarget): Promise<Acl> {
  const out =
    target.key === null
      ? await client.send(new GetBucketAclCommand({ Bucket: target.bucket }))
      : await client.send(
          new GetObjectAclCommand({ Bucket: target.bucket, Key: target.key, VersionId: target.versionId }),
        );
  return fromSdkAcl(out);
}

/** Sets exactly this owner's grants (used to put back an ACL a copy reset). */
export async function putAclPolicy(client: S3Client, target: AclTarget, acl: Acl): Promise<void> {
  const policy = toSdkPolicy(acl.owner, acl.grants);
  if (target.key === null)
    await client.send(new PutBucketAclCommand({ Bucket: target.bucket, AccessControlPolicy: policy }));
  else
    await client.send(
      new PutObjectAclCommand({
        Bucket: target.bucket,
        Key: target.key,
        VersionId: target.versionId,
        AccessControlPolicy: policy,
      }),
    );
}

export async function putAcl(client: S3Client, target: AclTarget, change: AclChange): Promise<Acl> {
  if ('grants' in change) {
    const current = await getAcl(client, target);
    await putAclPolicy(client, target, { owner: current.owner, grants: change.grants });
  } else if (target.key === null) {
    if (OBJECT_ONLY_CANNED_ACLS.includes(change.canned))
      throw new CoreError('InvalidRequest', `"${change.canned}" applies to objects only, not to a bucket.`);
    await client.send(new PutBucketAclCommand({ Bucket: target.bucket, ACL: change.canned as BucketCannedACL }));
  } else {
    await client.send(new PutObjectAclCommand({ Bucket: target.bucket, Key: target.key, ACL: change.canned }));
  }
  return getAcl(client, target);
}

/** True when the ACL is what a new object gets anyway: only the owner, with full control. */
export const isOwnerOnly = (acl: Acl): boolean =>
  acl.grants.every(
    (g) => g.grantee.type === 'CanonicalUser' && g.grantee.id === acl.owner.id && g.permission === 'FULL_CONTROL',
  );

export const aclMethods = (s3: S3Account): MethodsOf<'acl:get' | 'acl:put'> => ({
  getAcl: async ({ bucket, key }) => getAcl(await s3.client(bucket), { bucket, key }),
  putAcl: async ({ bucket, key, change }) => putAcl(await s3.client(bucket), { bucket, key }, change),
});
