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
import { tagRule, tagSetRule } from '../../../shared/property-rules';
import { ruleText } from '../i18n/rules';
import { i18n } from '../i18n';

/** What a change applies to: one object, a bucket, or every file uploaded from now on. */
export type AccessScope = 'object' | 'bucket' | 'uploads';

export const permissionLabel = (permission: Permission): string => i18n.t(`properties:permission.${permission}`);

export const cannedAclLabel = (acl: CannedAcl): string => i18n.t(`properties:canned.${acl}`);

/** Catalogue ids of the encryption algorithms (their names hold ":", i18next's namespace separator). */
const ALGORITHM_IDS: Record<string, string> = { AES256: 'aes256', verenc: 'verenc', 'verenc:dsse': 'verencDsse' };

/** "AES256 (keys managed by the service)"; an algorithm we do not know by its name. */
export function algorithmLabel(algorithm: string): string {
  const id = ALGORITHM_IDS[algorithm];
  return id === undefined ? algorithm : i18n.t(`properties:algorithm.${id}`);
}

/** The canned ACLs S3 takes for a bucket: the bucket-owner ones exist for objects only. */
export function cannedAclsFor(scope: 'object' | 'bucket'): readonly CannedAcl[] {
  return scope === 'object' ? CANNED_ACLS : CANNED_ACLS.filter((c) => !c.startsWith('bucket-owner-'));
}

/** The groups S3 knows, by URI: worded `properties:group.<id>` (and `publicWho.<id>`). */
const GROUP_IDS: Record<string, string> = {
  [ALL_USERS_URI]: 'allUsers',
  [AUTHENTICATED_USERS_URI]: 'authenticatedUsers',
  [LOG_DELIVERY_URI]: 'logDelivery',
};

/** The groups offered when adding a grant. */
export const GRANT_GROUPS: readonly string[] = [ALL_USERS_URI, AUTHENTICATED_USERS_URI, LOG_DELIVERY_URI];

export const granteeTypeLabel = (type: Grantee['type']): string => i18n.t(`properties:granteeType.${type}`);

/** "Everyone (public)", "Alice", "alice@example.com", or an unknown group's URI as it is. */
export function granteeLabel(grantee: Grantee): string {
  if (grantee.type === 'Group') {
    const group = GROUP_IDS[grantee.uri];
    return group === undefined ? grantee.uri : i18n.t(`properties:group.${group}`);
  }
  if (grantee.type === 'AmazonCustomerByEmail') return grantee.email;
  return grantee.displayName !== null && grantee.displayName !== '' ? grantee.displayName : grantee.id;
}

/** The second line under a canonical user's name: its id (the name alone may be ambiguous). */
export function granteeDetail(grantee: Grantee): string | null {
  if (grantee.type !== 'CanonicalUser' || grantee.displayName === null || grantee.displayName === '') return null;
  return grantee.id;
}

/** Who a public group is, said in full ("Everyone on the internet, without signing in,"). */
const PUBLIC_GROUPS = new Set([ALL_USERS_URI, AUTHENTICATED_USERS_URI]);

/** One plain sentence per public grant: who will be able to do what (`properties:ability.<scope>.<permission>`). */
export function exposureSentences(grants: readonly Grant[], scope: AccessScope): string[] {
  return grants.map((g) => {
    const who =
      g.grantee.type === 'Group' && PUBLIC_GROUPS.has(g.grantee.uri)
        ? i18n.t(`properties:publicWho.${GROUP_IDS[g.grantee.uri]}`)
        : granteeLabel(g.grantee);
    return i18n.t('properties:exposure', { who, ability: i18n.t(`properties:ability.${scope}.${g.permission}`) });
  });
}

/** Whether two tag lists hold the same tags in the same order. */
export function sameTags(a: readonly Tag[], b: readonly Tag[]): boolean {
  return a.length === b.length && a.every((t, i) => t.key === b[i]?.key && t.value === b[i]?.value);
}

/** Problem with a grant being added (the value typed for its grantee), or null. */
export function grantValueProblem(type: Grantee['type'], value: string): string | null {
  const v = value.trim();
  if (type === 'Group') return GRANT_GROUPS.includes(v) ? null : i18n.t('properties:grantProblem.group');
  if (v === '')
    return i18n.t(type === 'CanonicalUser' ? 'properties:grantProblem.userId' : 'properties:grantProblem.email');
  if (type === 'AmazonCustomerByEmail' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v))
    return i18n.t('properties:grantProblem.notEmail', { value: v });
  if (v.length > 256) return i18n.t('properties:grantProblem.tooLong', { max: 256 });
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
  const setProblem = ruleText(tagSetRule(set, 'object'));
  if (setProblem !== null) return setProblem;
  for (const key of remove) {
    const problem = ruleText(tagRule(key, ''));
    if (problem !== null) return problem;
    if (set.some((t) => t.key === key)) return i18n.t('properties:bulkProblem.setAndRemoved', { key });
  }
  if (new Set(remove).size !== remove.length) return i18n.t('properties:bulkProblem.removedTwice');
  if (set.length === 0 && remove.length === 0) return i18n.t('properties:bulkProblem.nothing');
  return null;
}

/** "Uploads: public-read · AES256 · 2 tags", or null when uploads carry nothing special. */
export function uploadOptionsSummary(options: UploadObjectOptions): string | null {
  const parts: string[] = [];
  if (options.acl !== null) parts.push(options.acl);
  if (options.encryption !== null) parts.push(options.encryption.algorithm);
  if (options.storageClass !== null) parts.push(options.storageClass);
  if (options.tags.length > 0) parts.push(i18n.t('properties:uploadOptions.tags', { count: options.tags.length }));
  return parts.length === 0 ? null : i18n.t('properties:uploadOptions.summary', { parts: parts.join(' · ') });
}
