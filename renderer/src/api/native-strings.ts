/**
 * The Electron main process's own words (application menu, folder dialog) come from the same
 * catalogue as the page's: the page translates them and sends them at start and whenever the
 * UI language changes (Settings, or the system's). The browser host has no native words.
 */
import type { AppApi } from '../../../shared/contract';
import type { NativeStrings } from '../../../shared/native-strings';
import { i18n } from '../i18n';

/** The native words in the UI's current language. */
export function nativeStrings(): NativeStrings {
  return {
    fileMenu: i18n.t('desktop:menu.file'),
    viewMenu: i18n.t('desktop:menu.view'),
    downloadFolderTitle: i18n.t('desktop:dialog.downloadFolder'),
    syncFolderTitle: i18n.t('desktop:dialog.syncFolder'),
  };
}

/** Sends the native words now and after every language change; returns the undo. */
export function shareNativeStrings(api: Pick<AppApi, 'setNativeStrings'>): () => void {
  if (api.setNativeStrings === undefined) return () => undefined;
  const send = (): void => api.setNativeStrings?.(nativeStrings());
  send();
  i18n.on('languageChanged', send);
  return () => i18n.off('languageChanged', send);
}
