/**
 * The seam between the core's browsing handlers and a storage service. It holds only what every
 * provider does (S3 and QuickSync); what one cannot do is declared in `capabilities` and refused
 * before anything is sent. Property features (tags, ACLs, …) stay S3's and are refused by
 * capabilities too (capabilities.ts).
 */
import type { BatchSummary, Bucket, DownloadResult, ObjectDetails, ObjectEntry, Page } from '../../../shared/models';
import type { ProviderCapabilities } from '../../../shared/providers';
import type { HostServices, ObjectSource, ObjectStream } from '../host-services';
import type { Operation } from '../operations';
import type { ListRequest } from '../s3-objects';

export interface StorageProvider {
  readonly capabilities: ProviderCapabilities;
  listBuckets(continuationToken: string | null): Promise<Page<Bucket>>;
  /** One page of a folder (S3) or of the files (QuickSync, which has no folders). */
  listObjects(request: ListRequest): Promise<Page<ObjectEntry>>;
  headObject(bucket: string, key: string, versionId?: string): Promise<ObjectDetails>;
  deleteObjects(bucket: string, keys: string[], op: Operation): Promise<BatchSummary>;
  /** The "save this file" action: a file the person picks, or a one-time link. */
  download(host: HostServices, source: ObjectSource): Promise<DownloadResult>;
  /** The bytes behind a one-time link. */
  openObjectStream(source: ObjectSource): Promise<ObjectStream>;
}
