/** App-wide UI state: host info, readiness, theme, the open dialog and toasts. */
import { DEFAULT_WINDOW } from './transfers-slice';
import { patchSlice, type SliceCreator, type Theme, type UiSlice } from './types';

export const THEME_PREF = 'qstorage.theme';
const MAX_TOASTS = 4;
let nextToastId = 1;

const isTheme = (v: string | null): v is Theme => v === 'system' || v === 'light' || v === 'dark';

export const createUiSlice: SliceCreator<'ui'> = (set, get, deps) => {
  const patch = patchSlice(set, 'ui');
  const savedTheme = deps.prefs?.get(THEME_PREF) ?? null;

  const slice: UiSlice = {
    info: null,
    ready: false,
    bootError: null,
    theme: isTheme(savedTheme) ? savedTheme : 'system',
    dialog: null,
    toasts: [],

    async boot() {
      // Transfer settings and the history's first window (its totals feed the status bar).
      void get().transfers.loadSettings();
      void get().transfers.loadRange(0, DEFAULT_WINDOW);
      const [info, accountsLoaded] = await Promise.all([deps.domains.app.info(), get().accounts.load()]);
      if (info.ok) patch({ info: info.value });
      const error = !info.ok ? info.error : accountsLoaded ? null : get().accounts.loadError;
      patch({ ready: info.ok && accountsLoaded, bootError: error });
    },

    setTheme(theme) {
      deps.prefs?.set(THEME_PREF, theme);
      patch({ theme });
    },

    openDialog(dialog) {
      patch({ dialog });
    },

    closeDialog() {
      patch({ dialog: null });
    },

    notify(kind, message, detail) {
      const id = nextToastId++;
      const toast = detail === undefined ? { id, kind, message } : { id, kind, message, detail };
      patch((s) => ({ toasts: [...s.toasts, toast].slice(-MAX_TOASTS) }));
      return id;
    },

    notifyError(error, context) {
      const message = context === undefined ? error.message : `${context}: ${error.message}`;
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
