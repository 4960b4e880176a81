/**
 * S3 (QStorage, any S3-compatible service, the sandbox) behind the provider seam: each module
 * contributes the methods of its channels; the kind decides the capabilities (the sandbox's
 * emulator has fewer).
 */
import { capabilitiesOf, type Capability } from '../../../../shared/capabilities';
import type { ProviderTransfers } from '../../transfers/provider-transfers';
import type { CapableOf, StorageProvider } from '../storage-provider';
import { aclMethods } from './acl';
import { bucketMethods } from './buckets';
import type { S3Account } from './context';
import { propertyEditMethods } from './copy-in-place';
import { copyMethods } from './copy';
import { deleteMethods } from './delete';
import { downloadMethods } from './download';
import { encryptionMethods } from './encryption';
import { multipartMethods } from './multipart-uploads';
import { objectLockMethods } from './object-lock';
import { objectMethods } from './objects';
import { previewMethods } from './preview';
import { shareMethods } from './share';
import { sizeMethods } from './sizes';
import { tagEditMethods } from './tag-edits';
import { tagMethods } from './tags';
import { versionListingMethods } from './version-listing';
import { versionMethods } from './versions';
import { websiteMethods } from './website';

/** Every capability but QuickSync's session file list. */
type S3Capability = Exclude<Capability, 'sessionFiles'>;

export type S3Provider = StorageProvider & CapableOf<S3Capability>;

export function s3Provider(s3: S3Account & { readonly transfers: ProviderTransfers }): S3Provider {
  return {
    capabilities: capabilitiesOf(s3.account.kind),
    transfers: s3.transfers,
    ...bucketMethods(s3),
    ...objectMethods(s3),
    ...deleteMethods(s3),
    ...copyMethods(s3),
    ...sizeMethods(s3),
    ...downloadMethods(s3),
    ...previewMethods(s3),
    ...multipartMethods(s3),
    ...tagMethods(s3),
    ...tagEditMethods(s3),
    ...aclMethods(s3),
    ...propertyEditMethods(s3),
    ...shareMethods(s3),
    ...versionMethods(s3),
    ...versionListingMethods(s3),
    ...objectLockMethods(s3),
    ...encryptionMethods(s3),
    ...websiteMethods(s3),
  };
}
