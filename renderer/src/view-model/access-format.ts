/**
 * Tags and ACLs in words: who a grantee is, what a permission allows, what a change would
 * open to the public, what uploads will carry. Pure functions, so the panels and the store
 * explain things alike.
 */
import {
  ALL_USERS_URI,
  AUTHENTICATED_USERS_URI,
  CANNED_ACLS,
  LOG_DELIVERY_URI,
  type CannedAcl,
  type Grant,
  type Grantee,
  type Permission,
  type Tag,
  type UploadObjectOptions,
} from '../../../shared/properties';
import { tagProblem, tagSetProblem } from '../../../shared/property-rules';
import { plural } from './format';

/** What a change applies to: one object, a bucket, or every file uploaded from now on. */
export type AccessScope = 'object' | 'bucket' | 'uploads';

export const PERMISSION_LABELS: Record<Permission, string> = {
  FULL_CONTROL: 'Full control',
  READ: 'Read',
  WRITE: 'Write',
  READ_ACP: 'Read permissions',
  WRITE_ACP: 'Write permissions',
};

export const CANNED_ACL_LABELS: Record<CannedAcl, string> = {
  private: 'Private (owner only)',
  'public-read': 'Public read',
  'public-read-write': 'Public read and write',
  'authenticated-read': 'Any authenticated user can read',
  'bucket-owner-read': 'Bucket owner can read',
  'bucket-owner-full-control': 'Bucket owner has full control',
};

/** The canned ACLs S3 takes for a bucket: the bucket-owner ones exist for objects only. */
export function cannedAclsFor(scope: 'object' | 'bucket'): readonly CannedAcl[] {
  return scope === 'object' ? CANNED_ACLS : CANNED_ACLS.filter((c) => !c.startsWith('bucket-owner-'));
}

const GROUP_LABELS: Record<string, string> = {
  [ALL_USERS_URI]: 'Everyone (public)',
  [AUTHENTICATED_USERS_URI]: 'Any authenticated user',
  [LOG_DELIVERY_URI]: 'Log delivery',
};

/** The groups offered when adding a grant. */
export const GRANT_GROUPS: readonly string[] = [ALL_USERS_URI, AUTHENTICATED_USERS_URI, LOG_DELIVERY_URI];

export const GRANTEE_TYPE_LABELS: Record<Grantee['type'], string> = {
  CanonicalUser: 'User',
  AmazonCustomerByEmail: 'Email',
  Group: 'Group',
};

/** "Everyone (public)", "Alice", "alice@example.com", or an unknown group's URI as it is. */
export function granteeLabel(grantee: Grantee): string {
  if (grantee.type === 'Group') return GROUP_LABELS[grantee.uri] ?? grantee.uri;
  if (grantee.type === 'AmazonCustomerByEmail') return grantee.email;
  return grantee.displayName !== null && grantee.displayName !== '' ? grantee.displayName : grantee.id;
}

/** The second line under a canonical user's name: its id (the name alone may be ambiguous). */
export function granteeDetail(grantee: Grantee): string | null {
  if (grantee.type !== 'CanonicalUser' || grantee.displayName === null || grantee.displayName === '') return null;
  return grantee.id;
}

const ABILITY: Record<AccessScope, Record<Permission, string>> = {
  object: {
    READ: 'read (download) this object',
    WRITE: 'write this object',
    READ_ACP: "read this object's permissions",
    WRITE_ACP: "change this object's permissions",
    FULL_CONTROL: 'read this object and read and change its permissions',
  },
  bucket: {
    READ: 'list every object in this bucket',
    WRITE: 'add, overwrite and delete objects in this bucket',
    READ_ACP: "read this bucket's permissions",
    WRITE_ACP: "change this bucket's permissions",
    FULL_CONTROL: 'list, add, overwrite and delete objects in this bucket and change its permissions',
  },
  uploads: {
    READ: 'read (download) every file you upload',
    WRITE: 'write every file you upload',
    READ_ACP: 'read the permissions of every file you upload',
    WRITE_ACP: 'change the permissions of every file you upload',
    FULL_CONTROL: 'read every file you upload and read and change its permissions',
  },
};

const PUBLIC_WHO: Record<string, string> = {
  [ALL_USERS_URI]: 'Everyone on the internet, without signing in,',
  [AUTHENTICATED_USERS_URI]: 'Anyone with a key for this service (not only your account)',
};

/** One plain sentence per public grant: who will be able to do what. */
export function exposureSentences(grants: readonly Grant[], scope: AccessScope): string[] {
  return grants.map((g) => {
    const who =
      g.grantee.type === 'Group' ? (PUBLIC_WHO[g.grantee.uri] ?? granteeLabel(g.grantee)) : granteeLabel(g.grantee);
    return `${who} will be able to ${ABILITY[scope][g.permission]}.`;
  });
}

/** Whether two tag lists hold the same tags in the same order. */
export function sameTags(a: readonly Tag[], b: readonly Tag[]): boolean {
  return a.length === b.length && a.every((t, i) => t.key === b[i]?.key && t.value === b[i]?.value);
}

/** Problem with a grant being added (the value typed for its grantee), or null. */
export function grantValueProblem(type: Grantee['type'], value: string): string | null {
  const v = value.trim();
  if (type === 'Group') return GRANT_GROUPS.includes(v) ? null : 'Choose a group.';
  if (v === '') return type === 'CanonicalUser' ? 'Enter the canonical user ID.' : 'Enter an email address.';
  if (type === 'AmazonCustomerByEmail' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v))
    return `"${v}" is not an email address.`;
  if (v.length > 256) return 'At most 256 characters.';
  return null;
}

/** The grantee a typed grant stands for. */
export function granteeOf(type: Grantee['type'], value: string): Grantee {
  const v = value.trim();
  if (type === 'Group') return { type, uri: v };
  if (type === 'AmazonCustomerByEmail') return { type, email: v };
  return { type, id: v, displayName: null };
}

/** Problem with a bulk tag edit (tags to set, keys to remove), or null. */
export function bulkTagsProblem(set: readonly Tag[], remove: readonly string[]): string | null {
  const setProblem = tagSetProblem(set, 'object');
  if (setProblem !== null) return setProblem;
  for (const key of remove) {
    const problem = tagProblem(key, '');
    if (problem !== null) return problem;
    if (set.some((t) => t.key === key)) return `The tag key "${key}" is both set and removed.`;
  }
  if (new Set(remove).size !== remove.length) return 'A tag key to remove is listed twice.';
  if (set.length === 0 && remove.length === 0) return 'Add a tag to set or a tag key to remove.';
  return null;
}

/** "Uploads: public-read · AES256 · 2 tags", or null when uploads carry nothing special. */
export function uploadOptionsSummary(options: UploadObjectOptions): string | null {
  const parts: string[] = [];
  if (options.acl !== null) parts.push(options.acl);
  if (options.encryption !== null) parts.push(options.encryption.algorithm);
  if (options.storageClass !== null) parts.push(options.storageClass);
  if (options.tags.length > 0) parts.push(plural(options.tags.length, 'tag'));
  return parts.length === 0 ? null : `Uploads: ${parts.join(' · ')}`;
}
