/** The store's shape: one object per slice, each holding its data and its actions. */
import type { StoreApi } from 'zustand/vanilla';
import type { AppError, Result } from '../../../shared/errors';
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
} from '../../../shared/models';
import type { AppSettings } from '../../../shared/contract';
import type { Feature } from '../../../shared/properties';
import type { AccountInput, AccountPatch, RequestOf, TransferSettingsPatch } from '../../../shared/schemas';
import type {
  ConflictChoice,
  ConflictPolicy,
  ConflictQuestion,
  DownloadStarted,
  TransferFilter,
  TransferPage,
  TransferSettings,
  TransferTotals,
  UploadStarted,
} from '../../../shared/transfers';
import type { Domains } from '../api/domains';
import type { AccessSlice } from './access-slice';
import type { PropsSlice } from './props-slice';
import type { QuickSyncSlice } from './quicksync-slice';
import type { RowsView, SortColumn, SortState } from '../view-model/rows-view';
import type { ClickModifiers, FocusTarget } from '../view-model/selection';

export interface StoreDeps {
  domains: Domains;
  effects: {
    /** Hands a download link to the browser (a temporary <a download>). */
    startDownload(url: string): void;
    /** Browser host: streams a dropped file's bytes to its one-time stage path (PUT, same origin). */
    putStagedFile(stagePath: string, file: Blob, signal?: AbortSignal): Promise<Result<null>>;
    /** Desktop notifications; absent (or not permitted) means the store shows a toast instead. */
    notify?: DesktopNotifier;
  };
  /** Small non-secret preferences (theme, last account id). */
  prefs?: { get(key: string): string | null; set(key: string, value: string): void };
  newOperationId?: () => string;
  /** Clock for the speed graph's samples (tests pass their own). */
  now?: () => number;
}

export interface DesktopNotifier {
  /** Asks for permission once the person starts a transfer (browsers want a user gesture nearby). */
  requestPermission(): void;
  /** Shows a notification; false when not permitted or unavailable. */
  show(title: string, body: string): boolean;
}

export type TestState = { status: 'idle' } | { status: 'testing' } | { status: 'ok' | 'failed'; message: string };

export interface AccountsSlice {
  list: AccountSummary[];
  loaded: boolean;
  loadError: AppError | null;
  selectedId: string | null;
  sandboxBusy: boolean;
  test: TestState;
  load(): Promise<boolean>;
  select(id: string | null): void;
  create(input: AccountInput): Promise<Result<AccountSummary>>;
  update(id: string, patch: AccountPatch): Promise<Result<AccountSummary>>;
  remove(id: string): Promise<Result<null>>;
  testConnection(request: RequestOf<'accounts:test'>): Promise<Result<ConnectionTestResult>>;
  resetTest(): void;
  openSandbox(): Promise<Result<AccountSummary>>;
}

export interface BucketsSlice {
  accountId: string | null;
  list: Bucket[];
  loading: boolean;
  error: AppError | null;
  /** Changes with every load, so a stale answer (another account) is dropped. */
  loadId: number;
  selected: string | null;
  load(): Promise<void>;
  select(name: string | null): void;
  create(name: string, objectLock: boolean): Promise<Result<Bucket>>;
  remove(name: string): Promise<Result<null>>;
}

export interface Location {
  accountId: string;
  bucket: string;
  prefix: string;
}

export interface SearchState {
  query: string;
  listId: number;
  entries: ObjectEntry[];
  running: boolean;
  scanned: number;
  error: AppError | null;
}

export type DetailsState =
  | { key: string; status: 'loading' }
  | { key: string; status: 'ready'; value: ObjectDetails }
  | { key: string; status: 'error'; error: AppError };

export interface ObjectsSlice {
  location: Location | null;
  /** Generation of the listing: a new id for every (re)load, so stale pages are dropped. */
  listId: number;
  entries: ObjectEntry[];
  loading: boolean;
  error: AppError | null;
  sort: SortState;
  filter: string;
  /** Non-null while showing recursive search results instead of the folder. */
  search: SearchState | null;
  selected: ReadonlySet<string>;
  anchor: string | null;
  focused: string | null;
  details: DetailsState | null;
  /** Memoised rows view for this store (not reactive data). */
  rowsView: RowsView;
  open(bucket: string, prefix: string): void;
  refresh(): void;
  up(): void;
  close(): void;
  setSort(column: SortColumn): void;
  setFilter(filter: string): void;
  startSearch(query: string): Promise<void>;
  stopSearch(): void;
  clearSearch(): void;
  click(key: string, mods?: ClickModifiers): void;
  moveFocus(target: FocusTarget, extend: boolean): void;
  selectAll(): void;
  clearSelection(): void;
  /** `fresh`: ask again although loaded (the object changed); the old details stay shown meanwhile. */
  loadDetails(key: string, fresh?: boolean): Promise<void>;
  /** Enter / double-click: a folder opens, a file downloads. */
  activate(key: string): void;
  createFolder(name: string): Promise<Result<null>>;
  remove(keys: readonly string[]): StartedOperation;
  copy(items: { source: string; target: string }[], move: boolean, label: string): StartedOperation;
  /** One object to the browser or the downloads folder; `versionId` picks an older version. */
  download(key: string, versionId?: string): Promise<Result<DownloadResult>>;
}

export type OperationKind = 'delete' | 'copy' | 'move' | 'tag';

export interface OperationRun {
  id: string;
  kind: OperationKind;
  label: string;
  status: 'running' | 'done' | 'failed';
  progress: OperationProgress | null;
  /** When done; when failed after some chunks finished, what those did. */
  summary: BatchSummary | null;
  error: AppError | null;
}

export interface StartedOperation {
  operationId: string;
  done: Promise<OperationRun>;
}

export interface OperationsSlice {
  runs: Record<string, OperationRun>;
  /** The most recent run (its summary stays visible after it ends). */
  lastId: string | null;
  /**
   * Runs one operation over `items`: a single request when they fit one (`maxCount` items and
   * MAX_LIST_JSON_BYTES), else consecutive requests over chunks, each with its own operation id,
   * shown as one run with progress and summary added up across them.
   */
  start<T>(
    kind: OperationKind,
    label: string,
    items: readonly T[],
    maxCount: number,
    call: (chunk: T[], operationId: string) => Promise<Result<BatchSummary>>,
  ): StartedOperation;
  progress(event: OperationProgress): void;
  /** Cancels the request in flight and starts no further chunk. */
  cancel(operationId: string): Promise<void>;
  dismiss(operationId: string): void;
}

export interface SpeedSample {
  at: number;
  up: number;
  down: number;
}

export type TransferAction = 'pause' | 'resume' | 'cancel' | 'retry';
export type TransferTarget = { all: true } | { batchId: string } | { jobIds: string[] };
export interface TransferDestination {
  bucket: string;
  prefix: string;
}

export interface TransfersSlice {
  totals: TransferTotals | null;
  revision: number;
  filter: TransferFilter;
  /** The loaded window of the panel: never the whole history (100,000 jobs stay light). */
  page: TransferPage | null;
  /** The last 60 samples, about one a second. */
  speedHistory: SpeedSample[];
  conflicts: ConflictQuestion[];
  settings: TransferSettings | null;
  panelOpen: boolean;
  selected: ReadonlySet<string>;
  /** Why the panel's page could not be listed (cleared by the next good answer). */
  loadError: AppError | null;
  /** Listens to 'transfers:progress'; the store does this once when it is created. */
  subscribe(): () => void;
  setFilter(filter: TransferFilter): void;
  /** Loads the window [offset, offset + limit) of the current filter (limit ≤ 500). */
  loadRange(offset: number, limit: number): Promise<void>;
  /**
   * Electron: queues local files and folders by the handles the host minted for them (the page
   * never names a path). Upload errors are shown as toasts by the slice; the Result is for the caller's flow.
   */
  uploadLocal(
    handles: string[],
    target: TransferDestination,
    conflict?: ConflictPolicy,
  ): Promise<Result<UploadStarted>>;
  /** Browser host: queues the files, then PUTs each to its stage path (4 at a time) in the background. */
  uploadFiles(
    files: { file: Blob; relativePath: string }[],
    target: TransferDestination,
    conflict?: ConflictPolicy,
  ): Promise<Result<UploadStarted>>;
  /**
   * From the place shown (selectPlace), basePrefix = its prefix; targetDir null asks the host.
   * No toast on failure: the caller (the download dialog) shows the error.
   */
  download(keys: string[], targetDir: string | null, conflict?: ConflictPolicy): Promise<Result<DownloadStarted>>;
  control(action: TransferAction, target: TransferTarget): Promise<void>;
  /** Retries exactly the failed jobs (retry with `all` would re-queue cancelled ones too). */
  retryFailed(): Promise<void>;
  resolveConflict(jobId: string, choice: ConflictChoice, applyToBatch: boolean): Promise<void>;
  clearFinished(includeFailed: boolean): Promise<void>;
  loadSettings(): Promise<void>;
  updateSettings(patch: TransferSettingsPatch): Promise<Result<AppSettings>>;
  togglePanel(open?: boolean): void;
  select(jobId: string, mods?: ClickModifiers): void;
}

export type Theme = 'system' | 'light' | 'dark';

export type Dialog =
  | { kind: 'settings'; edit: string | 'new' | null }
  | { kind: 'createBucket' }
  | { kind: 'deleteBucket'; bucket: string }
  | { kind: 'newFolder' }
  | { kind: 'rename'; key: string }
  | { kind: 'deleteObjects'; keys: string[] }
  | { kind: 'transfer'; keys: string[]; move: boolean }
  /** `names`: what to call the items when their keys are not names (QuickSync file keys). */
  | { kind: 'download'; keys: string[]; names?: string[] }
  | { kind: 'deleteFiles'; fileKeys: string[] }
  | { kind: 'incompleteUploads'; bucket: string }
  | { kind: 'share'; key: string }
  | { kind: 'bucketProperties'; bucket: string }
  | { kind: 'uploadOptions'; accountId: string; bucket: string };

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
  detail?: string;
}

export interface UiSlice {
  info: AppInfo | null;
  ready: boolean;
  bootError: AppError | null;
  theme: Theme;
  dialog: Dialog | null;
  toasts: Toast[];
  boot(): Promise<void>;
  setTheme(theme: Theme): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  notify(kind: Toast['kind'], message: string, detail?: string): number;
  notifyError(error: AppError, context?: string): number;
  dismissToast(id: number): void;
}

export interface SupportSlice {
  /** Per account id, the features its service answered NotSupported for. */
  unsupported: Record<string, Feature[]>;
  isSupported(accountId: string, feature: Feature): boolean;
  /** True (and the feature is switched off for the account) when the error is NotSupported. */
  noteFailure(accountId: string, feature: Feature, error: AppError): boolean;
  /** The account's endpoint or keys changed: what was learnt may no longer hold. */
  forget(accountId: string): void;
}

export interface AppState {
  accounts: AccountsSlice;
  access: AccessSlice;
  support: SupportSlice;
  buckets: BucketsSlice;
  objects: ObjectsSlice;
  operations: OperationsSlice;
  props: PropsSlice;
  quicksync: QuickSyncSlice;
  transfers: TransfersSlice;
  ui: UiSlice;
}

export type AppStore = StoreApi<AppState>;
export type SetState = AppStore['setState'];
export type GetState = AppStore['getState'];

/** Merge a partial into one slice (slices are nested objects). */
export function patchSlice<K extends keyof AppState>(set: SetState, key: K) {
  return (patch: Partial<AppState[K]> | ((slice: AppState[K]) => Partial<AppState[K]>)): void =>
    set((state) => {
      const current = state[key];
      const next = typeof patch === 'function' ? patch(current) : patch;
      return { [key]: { ...current, ...next } } as unknown as Partial<AppState>;
    });
}

export type SliceCreator<K extends keyof AppState> = (set: SetState, get: GetState, deps: StoreDeps) => AppState[K];
