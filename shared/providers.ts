/**
 * What each kind of account can do, declared once: the core refuses what a provider lacks before
 * sending anything, and the UI hides or disables those controls instead of failing.
 */
import type { AccountKind } from './models';
import { FEATURES, type Feature } from './properties';

export interface ProviderCapabilities {
  /** Several named buckets (QuickSync has one flat list of files per session). */
  buckets: boolean;
  /** "/"-delimited folders, new folder, folder uploads keeping their structure as keys. */
  folders: boolean;
  /** Server-side copy, move and rename. */
  copy: boolean;
  /** Recursive search by name. */
  search: boolean;
  /** Listing and aborting incomplete multipart uploads. */
  multipartTool: boolean;
  /** Details-pane and bucket-properties features it has. */
  features: readonly Feature[];
}

const S3: ProviderCapabilities = {
  buckets: true,
  folders: true,
  copy: true,
  search: true,
  multipartTool: true,
  features: FEATURES,
};

// The sandbox's emulator (fauxqs) takes PUT ?acl or ?tagging for an object write and would
// replace the object: of the properties, only share links (plain presigned GETs) are safe.
const SANDBOX: ProviderCapabilities = { ...S3, multipartTool: false, features: ['share'] };

const QUICKSYNC: ProviderCapabilities = {
  buckets: false,
  folders: false,
  copy: false,
  search: false,
  multipartTool: false,
  features: [],
};

/** The same object for every call, so UI selectors can return it without re-rendering. */
export function capabilitiesOf(kind: AccountKind): ProviderCapabilities {
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
