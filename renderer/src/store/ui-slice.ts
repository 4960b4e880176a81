/** App-wide UI state: host info, readiness, theme, the open dialog and toasts. */
import type { AppError } from '../../../shared/errors';
import type { AppInfo } from '../../../shared/models';
import type { SyncCount } from '../../../shared/sync';
import { i18n, isLanguageChoice, type LanguageChoice } from '../i18n';
import type { StoreSlice } from './slice';

export type Theme = 'system' | 'light' | 'dark';
/** How the object list is shown: rows of a table, or tiles with thumbnails. */
export type ObjectView = 'list' | 'grid';

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
  | { kind: 'uploadOptions'; accountId: string; bucket: string }
  /** A new sync pair of the account's bucket folder, or (`pairId`) a pair's settings. */
  | { kind: 'syncPair'; accountId: string; bucket: string; prefix: string; pairId: string | null }
  | { kind: 'syncRemove'; pairId: string }
  /** The confirmation of a plan's deletions (all of them, or `indices`). */
  | {
      kind: 'syncDelete';
      pairId: string;
      planId: string;
      indices: number[] | null;
      remote: SyncCount;
      local: SyncCount;
    };

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
  detail?: string;
  /** A batch operation whose progress, then summary, the toast shows (it stays while that runs). */
  operationId?: string;
  /** One button, e.g. Undo; pressing it dismisses the toast. */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  run: () => void;
}

/** What a toast may carry besides its text. */
export type ToastExtra = Pick<Toast, 'detail' | 'operationId' | 'action'>;

export interface UiSlice {
  /** Set by the boot flow (flows.ts). */
  info: AppInfo | null;
  ready: boolean;
  bootError: AppError | null;
  theme: Theme;
  objectView: ObjectView;
  /** The UI language: the system's, or one picked in Settings. */
  language: LanguageChoice;
  dialog: Dialog | null;
  toasts: Toast[];
  setTheme(theme: Theme): void;
  setObjectView(view: ObjectView): void;
  setLanguage(language: LanguageChoice): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  notify(kind: Toast['kind'], message: string, detail?: string | ToastExtra): number;
  notifyError(error: AppError, context?: string): number;
  dismissToast(id: number): void;
}

/** What other slices use of the UI: toasts. */
export type Notifier = Pick<UiSlice, 'notify' | 'notifyError'>;

export const THEME_PREF = 'qstorage.theme';
export const OBJECT_VIEW_PREF = 'qstorage.objectView';
export const LANGUAGE_PREF = 'qstorage.language';
const MAX_TOASTS = 4;

const isTheme = (v: string | null): v is Theme => v === 'system' || v === 'light' || v === 'dark';

export const createUiSlice: StoreSlice<'ui', UiSlice> = (patch, get, deps) => {
  const savedTheme = deps.prefs?.get(THEME_PREF) ?? null;
  const savedLanguage = deps.prefs?.get(LANGUAGE_PREF) ?? null;
  let nextToastId = 1;

  const slice: UiSlice = {
    info: null,
    ready: false,
    bootError: null,
    theme: isTheme(savedTheme) ? savedTheme : 'system',
    objectView: deps.prefs?.get(OBJECT_VIEW_PREF) === 'grid' ? 'grid' : 'list',
    language: isLanguageChoice(savedLanguage) ? savedLanguage : 'system',
    dialog: null,
    toasts: [],

    setTheme(theme) {
      deps.prefs?.set(THEME_PREF, theme);
      patch({ theme });
    },

    setObjectView(objectView) {
      deps.prefs?.set(OBJECT_VIEW_PREF, objectView);
      patch({ objectView });
    },

    setLanguage(language) {
      deps.prefs?.set(LANGUAGE_PREF, language);
      patch({ language });
    },

    openDialog(dialog) {
      patch({ dialog });
    },

    closeDialog() {
      patch({ dialog: null });
    },

    notify(kind, message, detail) {
      const id = nextToastId++;
      const extra = typeof detail === 'string' ? { detail } : detail;
      const toast: Toast = { id, kind, message, ...extra };
      patch((s) => ({ toasts: [...s.toasts, toast].slice(-MAX_TOASTS) }));
      return id;
    },

    notifyError(error, context) {
      const message =
        context === undefined ? error.message : i18n.t('common:labelled', { label: context, text: error.message });
      return get().ui.notify(
        'error',
        message,
        error.detail === undefined ? error.code : `${error.code} · ${error.detail}`,
      );
    },

    dismissToast(id) {
      patch((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },
  };
  return slice;
};
