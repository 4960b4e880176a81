/** Plain serialisable models that cross the contract. No SDK types, ISO dates as strings. */

export type AccountKind = 'qstorage' | 's3' | 'sandbox' | 'quicksync';
export type AddressingStyle = 'virtual' | 'path';
/** 'when_required' keeps the SDK from sending aws-chunked bodies and checksum trailers (QStorage's advice). */
export type ChecksumMode = 'when_required' | 'when_supported';

export const QSTORAGE_DEFAULTS = {
  endpoint: 'https://qstorage.quilibrium.com',
  region: 'q-world-1',
  addressingStyle: 'virtual',
  checksumMode: 'when_required',
} as const;

/** What the renderer knows of an account: never the secret, only whether one is stored. */
export interface AccountSummary {
  id: string;
  kind: AccountKind;
  name: string;
  endpoint: string;
  region: string;
  /**
   * A hint of the access key id, e.g. "AKIA…7XQ", or of the QuickSync session id ("…301"): never
   * the id itself, since a session id is the QS Share passphrase.
   */
  keyHint: string;
  hasSecret: boolean;
  addressingStyle: AddressingStyle;
  checksumMode: ChecksumMode;
  /** QuickSync: new uploads' names are encrypted for QS Share (false for other kinds); the edit form shows it. */
  encryptNames: boolean;
}

export interface Page<T> {
  items: T[];
  /** Opaque token for the next page; null when this was the last page. */
  nextToken: string | null;
}

export interface Bucket {
  name: string;
  createdAt: string | null;
}

export interface ObjectEntry {
  kind: 'object' | 'folder';
  /** Full key; folders end with the delimiter "/". */
  key: string;
  /** Display name: the last path segment (folders keep no trailing slash). */
  name: string;
  size: number | null;
  lastModified: string | null;
  etag: string | null;
  storageClass: string | null;
}

export interface ObjectDetails {
  key: string;
  size: number;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  storageClass: string | null;
  serverSideEncryption: string | null;
  kmsKeyId: string | null;
  versionId: string | null;
  cacheControl: string | null;
  contentDisposition: string | null;
  contentEncoding: string | null;
  contentLanguage: string | null;
  expires: string | null;
  /** User metadata (x-amz-meta-*), names without the prefix. */
  metadata: Record<string, string>;
}

export interface SearchPage extends Page<ObjectEntry> {
  /** Keys examined in this page (matches are a subset), for "searched N keys" feedback. */
  scanned: number;
}

export interface ItemFailure {
  key: string;
  code: string;
  message: string;
}

/** Outcome of a batch operation (delete, copy, move): what succeeded and exactly what did not. */
export interface BatchSummary {
  succeeded: number;
  failed: ItemFailure[];
}

export interface ConnectionTestResult {
  bucketCount: number;
  latencyMs: number;
}

export type SecretStorageKind = 'safeStorage' | 'basic_text' | 'aes-gcm-keyfile';

export interface AppInfo {
  host: 'electron' | 'web';
  version: string;
  platform: string;
  /** Where downloads go unless the person picks another folder (the browser host has no folder dialog). */
  downloadsDir: string;
  secretStorage: {
    kind: SecretStorageKind;
    /** Set when secrets are not protected well (Linux basic_text); the UI shows it. */
    warning: string | null;
  };
}

/**
 * A same-origin link to one object's bytes for Quick Look (`<img>`, `<video>`, `fetch` with
 * Range): bound to the object's ETag, short-lived, dropped with objects:closePreview.
 */
export interface PreviewLink {
  url: string;
  size: number;
  /** The object's stored Content-Type (the link serves an allow-listed one: shared/preview-types.ts). */
  contentType: string | null;
  etag: string | null;
}

export type DownloadResult =
  { kind: 'saved'; path: string; bytes: number } | { kind: 'link'; url: string } | { kind: 'cancelled' };

export interface OperationProgress {
  operationId: string;
  done: number;
  /** null while the total is still being discovered (folder walk in progress). */
  total: number | null;
  failed: number;
  /** Size calculations only: the bytes of the `done` objects counted so far. */
  bytes?: number;
}

/** What "Calculate size" counts: every key listed recursively, as `aws s3 ls --recursive --summarize` does. */
export interface SizeSummary {
  objects: number;
  bytes: number;
}
