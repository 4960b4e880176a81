import type { Readable } from 'node:stream';

/** Identifies one object in one account. */
export interface ObjectSource {
  accountId: string;
  bucket: string;
  key: string;
  /** One version of the object; absent: the current one. */
  versionId?: string;
  /** Only these bytes (first and last, inclusive): a preview's Range request. */
  range?: { start: number; end: number };
  /** Refuse (HTTP 412) unless the object still has this ETag, so a changed object never mixes bytes. */
  ifMatch?: string;
}

export interface ObjectStream {
  stream: Readable;
  size: number;
  contentType: string | null;
  /** Suggested file name (the key's last segment). */
  name: string;
}

/** What one preview link reads: the object as it was when the preview opened. */
export interface PreviewTarget {
  source: ObjectSource;
  size: number;
  etag: string | null;
  /** The allow-listed type the link serves the bytes as (shared/preview-types.ts). */
  servedType: string;
}

/** Why the core asks for a folder: the host words its dialog (in the UI language) after it. */
export type FolderPurpose = 'download' | 'sync';

/**
 * What a host offers the core beyond transport. Each host implements what it can:
 * the Electron host has native dialogs; the browser host hands the browser a one-time link.
 */
export interface HostServices {
  /** Ask the person where to save a file; null when they cancel. */
  chooseSavePath?(suggestedName: string): Promise<string | null>;
  /** Register a one-time URL from which the page downloads the object. */
  createDownloadLink?(source: ObjectSource): string;
  /**
   * Register a short-lived same-origin preview link (`/preview/<id>`). The core supplies this
   * itself (preview-links.ts); both hosts serve the path through Core.answerPreview.
   */
  createPreviewLink?(target: PreviewTarget): string;
  /** Ask the person for a folder for this purpose (the host titles its dialog); null when they cancel. */
  chooseFolder?(purpose: FolderPurpose): Promise<string | null>;
  /**
   * Open a file (always inside the core's edit cache) with the system's application for it;
   * resolves to null once it was handed over, or to the system's reason it could not be.
   */
  openWithSystem?(path: string): Promise<string | null>;
  /**
   * Move a file to the system's trash (a sync's local deletions, so a mistake can be undone);
   * resolves to null once it is there, or to the system's reason it could not be. The browser
   * host has no trash: its deletions unlink.
   */
  trashItem?(path: string): Promise<string | null>;
}
