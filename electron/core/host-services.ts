import type { Readable } from 'node:stream';

/** Identifies one object in one account. */
export interface ObjectSource {
  accountId: string;
  bucket: string;
  key: string;
  /** One version of the object; absent: the current one. */
  versionId?: string;
}

export interface ObjectStream {
  stream: Readable;
  size: number;
  contentType: string | null;
  /** Suggested file name (the key's last segment). */
  name: string;
}

/**
 * What a host offers the core beyond transport. Each host implements what it can:
 * the Electron host has native dialogs; the browser host hands the browser a one-time link.
 */
export interface HostServices {
  /** Ask the person where to save a file; null when they cancel. */
  chooseSavePath?(suggestedName: string): Promise<string | null>;
  /** Register a one-time URL from which the page downloads the object. */
  createDownloadLink?(source: ObjectSource): string;
  /** Ask the person for a folder (downloads); null when they cancel. */
  chooseFolder?(title: string): Promise<string | null>;
}
