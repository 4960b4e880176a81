/**
 * The one capability vocabulary (VS Code's FileSystemProviderCapabilities is the model): what
 * a kind of account can do, declared once. The router refuses a channel whose capability the
 * account lacks before anything is sent, the UI greys out or hides those controls, and a
 * NotSupported answer seen at run time switches the same name off for that account.
 */
import type { AccountKind } from './models';
import type { UploadObjectOptions } from './properties';

export const CAPABILITIES = [
  /** Named buckets and their objects, browsed, created and deleted here (QuickSync has its session files instead). */
  'buckets',
  /** "/"-delimited folders, new folder, folder uploads keeping their structure as keys. */
  'folders',
  /** Server-side copy, move and rename. */
  'copy',
  /** Recursive search by name. */
  'search',
  /** Listing and aborting incomplete multipart uploads. */
  'multipartUploads',
  /** QuickSync's session file list: unfinished uploads shown with the job that can resume them. */
  'sessionFiles',
  'objectTags',
  'bucketTags',
  'objectAcl',
  'bucketAcl',
  'metadata',
  'share',
  'versioning',
  'objectLock',
  'retention',
  'legalHold',
  'bucketEncryption',
  'storageClass',
  'website',
  /** Saves of a local copy uploaded back over the object (QuickSync: every upload is a new file). */
  'editInPlace',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** How a capability is named in "… not supported by this service". */
export const CAPABILITY_NAMES: Record<Capability, string> = {
  buckets: 'Buckets',
  folders: 'Folders',
  copy: 'Copy, move and rename',
  search: 'Search',
  multipartUploads: 'Incomplete multipart uploads',
  sessionFiles: 'Session files',
  objectTags: 'Object tags',
  bucketTags: 'Bucket tags',
  objectAcl: 'Object permissions (ACLs)',
  bucketAcl: 'Bucket permissions (ACLs)',
  metadata: 'Editing metadata',
  share: 'Share links',
  versioning: 'Versioning',
  objectLock: 'Object lock',
  retention: 'Retention',
  legalHold: 'Legal hold',
  bucketEncryption: 'Encryption',
  storageClass: 'Storage classes',
  website: 'Website hosting',
  editInPlace: 'Editing in place',
};

/** The sentence of a NotSupported refusal, the same in the core and the UI. */
export function notSupportedMessage(capability: Capability): string {
  return `${CAPABILITY_NAMES[capability]}: not supported by this service.`;
}

export type Capabilities = ReadonlySet<Capability>;

const S3: Capabilities = new Set(CAPABILITIES.filter((c) => c !== 'sessionFiles'));

// The sandbox's emulator (fauxqs) takes PUT ?acl or ?tagging for an object write and would
// replace the object: of the properties, only share links (plain presigned GETs) are safe.
// The UI still shows the other property tabs for it, saying what it does not keep (SandboxNotice.tsx).
const SANDBOX: Capabilities = new Set<Capability>(['buckets', 'folders', 'copy', 'search', 'share', 'editInPlace']);

const QUICKSYNC: Capabilities = new Set<Capability>(['sessionFiles']);

/** The same object for every call, so UI selectors can return it without re-rendering. */
export function capabilitiesOf(kind: AccountKind): Capabilities {
  switch (kind) {
    case 'qstorage':
    case 's3':
      return S3;
    case 'sandbox':
      return SANDBOX;
    case 'quicksync':
      return QUICKSYNC;
  }
}

/** The capabilities an upload's options need; an account lacking one refuses the upload. */
export function capabilitiesOfUploadOptions(options: UploadObjectOptions): Capability[] {
  return [
    ...(options.tags.length > 0 ? (['objectTags'] as const) : []),
    ...(options.acl !== null ? (['objectAcl'] as const) : []),
    ...(options.encryption !== null ? (['bucketEncryption'] as const) : []),
    ...(options.storageClass !== null ? (['storageClass'] as const) : []),
  ];
}
