/**
 * Models for what the details pane and the bucket properties show and change: tags, ACLs,
 * versions, object lock, encryption, website. Plain serialisable data; no SDK types.
 */

export interface Tag {
  key: string;
  value: string;
}

export const PERMISSIONS = ['FULL_CONTROL', 'READ', 'WRITE', 'READ_ACP', 'WRITE_ACP'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The two predefined groups that make a grant public. */
export const ALL_USERS_URI = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS_URI = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
export const LOG_DELIVERY_URI = 'http://acs.amazonaws.com/groups/s3/LogDelivery';

export type Grantee =
  | { type: 'CanonicalUser'; id: string; displayName: string | null }
  | { type: 'AmazonCustomerByEmail'; email: string }
  | { type: 'Group'; uri: string };

export interface Grant {
  grantee: Grantee;
  permission: Permission;
}

export interface Acl {
  owner: { id: string; displayName: string | null };
  grants: Grant[];
}

/** The canned ACLs offered; the bucket-owner-* ones apply to objects only (OBJECT_ONLY_CANNED_ACLS). */
export const CANNED_ACLS = [
  'private',
  'public-read',
  'public-read-write',
  'authenticated-read',
  'bucket-owner-read',
  'bucket-owner-full-control',
] as const;
export type CannedAcl = (typeof CANNED_ACLS)[number];

/** S3 refuses these on a bucket: they name the bucket owner's access to an object. */
export const OBJECT_ONLY_CANNED_ACLS: readonly CannedAcl[] = ['bucket-owner-read', 'bucket-owner-full-control'];

/** Canned ACLs that open the bucket or object to people outside the account. */
export const PUBLIC_CANNED_ACLS: readonly CannedAcl[] = ['public-read', 'public-read-write', 'authenticated-read'];

/** A grant to everyone, or to every holder of any key, makes the resource public. */
export const isPublicGrant = (g: Grant): boolean =>
  g.grantee.type === 'Group' && (g.grantee.uri === ALL_USERS_URI || g.grantee.uri === AUTHENTICATED_USERS_URI);

/** What a change to an ACL sets: a canned ACL, or the full list of grants (the owner stays). */
export type AclChange = { canned: CannedAcl } | { grants: Grant[] };

/** The public grants a canned ACL stands for (S3's definitions); none for the private ones. */
export function cannedPublicGrants(canned: CannedAcl): Grant[] {
  const group = (uri: string, permission: Permission): Grant => ({ grantee: { type: 'Group', uri }, permission });
  if (canned === 'public-read') return [group(ALL_USERS_URI, 'READ')];
  if (canned === 'public-read-write') return [group(ALL_USERS_URI, 'READ'), group(ALL_USERS_URI, 'WRITE')];
  if (canned === 'authenticated-read') return [group(AUTHENTICATED_USERS_URI, 'READ')];
  return [];
}

/**
 * The public grants a change would add to what is public now: a new public reader, and also a
 * public reader who would become a public writer (public-read → public-read-write).
 */
export function newPublicGrants(current: Acl | null, change: AclChange): Grant[] {
  const groupOf = (g: Grant): string => (g.grantee.type === 'Group' ? g.grantee.uri : '');
  const had = (current?.grants ?? []).filter(isPublicGrant);
  const covered = (g: Grant): boolean =>
    had.some((h) => groupOf(h) === groupOf(g) && (h.permission === g.permission || h.permission === 'FULL_CONTROL'));
  const next = 'canned' in change ? cannedPublicGrants(change.canned) : change.grants.filter(isPublicGrant);
  return next.filter((g) => !covered(g));
}

/** Would this change make something public (or more public) than it is now? (The UI warns first.) */
export function becomesPublic(current: Acl | null, change: AclChange): boolean {
  return newPublicGrants(current, change).length > 0;
}

/** Content headers that copy-in-place can change; null removes the header. */
export interface ContentHeaders {
  contentType: string | null;
  cacheControl: string | null;
  contentDisposition: string | null;
  contentEncoding: string | null;
  contentLanguage: string | null;
  /** An HTTP date or an ISO date-time; sent as an HTTP date. */
  expires: string | null;
}

export const SSE_ALGORITHMS = ['AES256', 'verenc', 'verenc:dsse'] as const;
/** QStorage's values (spec/NOTES.md); `aws:kms` is accepted too for other S3 services. */
export type SseAlgorithm = (typeof SSE_ALGORITHMS)[number] | 'aws:kms' | 'aws:kms:dsse';

export interface Encryption {
  algorithm: SseAlgorithm;
  /** `qkms:<uuid>`, `arn:verenc:<account>:key/<uuid>` or an AWS key ARN: passed through verbatim. */
  kmsKeyId: string | null;
}

/** The storage classes offered in the UI; the service may know others (shown as they come). */
export const STORAGE_CLASSES = ['STANDARD', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER_IR'] as const;

/** Options chosen at upload time: sent with PutObject / CreateMultipartUpload. */
export interface UploadObjectOptions {
  tags: Tag[];
  acl: CannedAcl | null;
  encryption: Encryption | null;
  storageClass: string | null;
}

export const NO_UPLOAD_OPTIONS: UploadObjectOptions = { tags: [], acl: null, encryption: null, storageClass: null };

export type VersioningStatus = 'Unversioned' | 'Enabled' | 'Suspended';

export interface ObjectVersion {
  key: string;
  /** "null" for objects written while versioning was off. */
  versionId: string;
  isLatest: boolean;
  isDeleteMarker: boolean;
  size: number | null;
  lastModified: string | null;
  etag: string | null;
  storageClass: string | null;
}

/** One page of a versions listing: folders (with a delimiter) and the versions of each key. */
export interface VersionPage {
  folders: string[];
  versions: ObjectVersion[];
  nextToken: string | null;
}

export type RetentionMode = 'GOVERNANCE' | 'COMPLIANCE';

export interface DefaultRetention {
  mode: RetentionMode;
  days: number | null;
  years: number | null;
}

export interface BucketObjectLock {
  enabled: boolean;
  defaultRetention: DefaultRetention | null;
}

export interface ObjectRetention {
  mode: RetentionMode;
  /** ISO date-time. */
  retainUntil: string;
}

export interface ObjectLockState {
  retention: ObjectRetention | null;
  legalHold: boolean;
}

export interface WebsiteConfig {
  indexDocument: string;
  errorDocument: string | null;
}

export interface BucketWebsite {
  config: WebsiteConfig | null;
  /** Where the bucket is served: the bucket subdomain of the endpoint (or the path-style URL). */
  publicUrl: string;
}

export interface ShareLink {
  url: string;
  /** ISO date-time. */
  expiresAt: string;
}

/** Share links live 15 minutes to 7 days (SigV4 presigning allows at most 7 days). */
export const SHARE_MIN_SECONDS = 15 * 60;
export const SHARE_MAX_SECONDS = 7 * 24 * 60 * 60;
