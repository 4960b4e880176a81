/**
 * The one typed contract between the renderer and the core, GitHub-Desktop style:
 * each channel maps to its response type; requests come from schemas.ts.
 */
import type { Result } from './errors';
import type {
  AccountSummary,
  AppInfo,
  BatchSummary,
  Bucket,
  ConnectionTestResult,
  DownloadResult,
  ObjectDetails,
  ObjectEntry,
  OperationProgress,
  Page,
  SearchPage,
} from './models';
import type {
  Acl,
  BucketObjectLock,
  BucketWebsite,
  Encryption,
  ObjectLockState,
  ShareLink,
  Tag,
  VersioningStatus,
  VersionPage,
} from './properties';
import type { QuickSyncFile } from './quicksync';
import type { Channel, RequestOf } from './schemas';
import type {
  DownloadStarted,
  IncompleteUpload,
  TransferPage,
  TransferSettings,
  TransfersSnapshot,
  UploadStarted,
} from './transfers';

export interface AppSettings {
  transfers: TransferSettings;
}

export interface ResponseMap {
  'app:info': AppInfo;
  'accounts:list': AccountSummary[];
  'accounts:create': AccountSummary;
  'accounts:update': AccountSummary;
  'accounts:remove': null;
  'accounts:test': ConnectionTestResult;
  'sandbox:open': AccountSummary;
  'buckets:list': Page<Bucket>;
  'buckets:create': Bucket;
  'buckets:delete': null;
  'objects:list': Page<ObjectEntry>;
  'objects:search': SearchPage;
  'objects:head': ObjectDetails;
  'objects:createFolder': null;
  'objects:delete': BatchSummary;
  'objects:copy': BatchSummary;
  'objects:download': DownloadResult;
  'operations:cancel': null;
  'transfers:upload': UploadStarted;
  'transfers:download': DownloadStarted;
  'transfers:list': TransferPage;
  'transfers:control': { affected: number };
  'transfers:resolveConflict': null;
  'transfers:clear': { removed: number };
  'tags:getObject': Tag[];
  'tags:putObject': null;
  'tags:getBucket': Tag[];
  'tags:putBucket': null;
  'tags:editMany': BatchSummary;
  'acl:get': Acl;
  'acl:put': Acl;
  'objects:updateProperties': ObjectDetails;
  'share:create': ShareLink;
  'versioning:get': VersioningStatus;
  'versioning:put': VersioningStatus;
  'versions:list': VersionPage;
  'versions:restore': null;
  'versions:delete': null;
  'objectLock:getBucket': BucketObjectLock;
  'objectLock:putBucket': BucketObjectLock;
  'objectLock:getObject': ObjectLockState;
  'objectLock:putRetention': ObjectLockState;
  'objectLock:putLegalHold': ObjectLockState;
  'encryption:getBucket': Encryption | null;
  'encryption:putBucket': Encryption | null;
  'website:get': BucketWebsite;
  'website:put': BucketWebsite;
  'quicksync:list': QuickSyncFile[];
  'quicksync:details': QuickSyncFile;
  'quicksync:delete': BatchSummary;
  'settings:get': AppSettings;
  'settings:update': AppSettings;
  'multipart:list': Page<IncompleteUpload>;
  'multipart:abort': BatchSummary;
}

export type ResponseOf<C extends Channel> = ResponseMap[C];

export interface EventMap {
  'operations:progress': OperationProgress;
  'transfers:progress': TransfersSnapshot;
}
export type EventName = keyof EventMap;

/** The single object the renderer gets from its host (preload bridge or WebSocket client). */
export interface AppApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /**
   * Electron only: an unguessable handle the host minted for a dropped or picked File's local
   * path (with `folder`: for the picked folder the File lies in), or null when it has none. The
   * page names local files only by such handles (upload source `{ kind: 'handle' }`); the
   * browser host has neither paths nor handles: its renderer streams the bytes to a stage path.
   */
  handleForFile?(file: unknown, options?: { folder?: boolean }): Promise<string | null>;
  /** Electron only: drag these objects out of the window to the file manager (webContents.startDrag). */
  startDrag?(request: { accountId: string; bucket: string; keys: string[] }): void;
}

/** Wire format shared by both transports. */
export interface InvokeMessage {
  type: 'invoke';
  id: number;
  channel: string;
  request: unknown;
}
export interface ResultMessage {
  type: 'result';
  id: number;
  result: Result<unknown>;
}
export interface EventMessage {
  type: 'event';
  event: EventName;
  payload: unknown;
}

// Compile-time guard: every channel with a schema has a response type and vice versa.
type Missing = Exclude<Channel, keyof ResponseMap> | Exclude<keyof ResponseMap, Channel>;
export const contractIsComplete: Missing extends never ? true : never = true;

export type { Channel, RequestOf } from './schemas';
