/** The window: sidebar, object (or QuickSync file) browser or a sync pair, dialogs and toasts; publishes data-app-state for tests. */
import { useEffect, useLayoutEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostConnection } from '../api';
import { applyLanguage } from '../i18n';
import { selectPlace, useApp, useAppStore } from '../store';
import { ContextMenuHost } from './ContextMenu';
import { DialogHost } from './DialogHost';
import { useWindowDropGuard } from './file-drop';
import { ObjectBrowser } from './ObjectBrowser';
import { QuickLook } from './preview/QuickLook';
import { QuickSyncBrowser } from './QuickSyncBrowser';
import { Sidebar } from './Sidebar';
import { SyncView } from './SyncView';
import { Toasts } from './Toasts';
import { TransfersPanel } from './TransfersPanel';
import { TransfersFooter } from './TransfersToggle';
import { WelcomePane } from './WelcomePane';
import styles from './App.module.css';

export function App({ connection }: { connection: HostConnection }) {
  const store = useAppStore();
  const ready = useApp((s) => s.ui.ready);
  const bootError = useApp((s) => s.ui.bootError);
  const theme = useApp((s) => s.ui.theme);
  const language = useApp((s) => s.ui.language);
  const dialogOpen = useApp((s) => s.ui.dialog !== null);
  const hasAccounts = useApp((s) => s.accounts.list.length > 0);
  const browsing = useApp((s) => selectPlace(s) !== null);
  const quicksync = useApp((s) => s.quicksync.place !== null);
  const syncing = useApp((s) => s.sync.viewing);
  const connectionState = useSyncExternalStore(connection.onState, connection.state);
  useWindowDropGuard(); // a file dropped outside the drop zones must not replace the app
  const { t } = useTranslation('common');

  // Before paint, so a language picked in Settings never flashes the system's first.
  useLayoutEffect(() => applyLanguage(language), [language]);

  useEffect(() => {
    document.documentElement.dataset.appState = ready ? 'ready' : bootError !== null ? 'error' : 'loading';
  }, [ready, bootError]);

  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  if (bootError !== null && !ready) {
    return (
      <div className={styles.bootError} role="alert">
        <h1>{t('app.bootFailed')}</h1>
        <p>
          {bootError.message} <span className="error-code">({bootError.code})</span>
        </p>
        <button type="button" className="button primary" onClick={() => void store.getState().ui.boot()}>
          {t('action.tryAgain')}
        </button>
      </div>
    );
  }

  return (
    <>
      {/* aria-hidden while a modal is open: the dialog is then the only thing to interact with. */}
      <div className={styles.app} aria-hidden={dialogOpen ? true : undefined}>
        <Sidebar />
        <main className={styles.main}>
          {connectionState === 'closed' && ready && (
            <div className="banner banner-warning" role="status">
              {t('app.reconnecting')}
            </div>
          )}
          {!hasAccounts ? (
            <WelcomePane loading={!ready} />
          ) : syncing !== null ? (
            <SyncView key={syncing} pairId={syncing} />
          ) : quicksync ? (
            <QuickSyncBrowser />
          ) : (
            <ObjectBrowser />
          )}
          {/* The browsers' status bars have the Transfers toggle; other screens get a slim one. */}
          {(!browsing || syncing !== null) && ready && <TransfersFooter />}
          <TransfersPanel />
        </main>
      </div>
      <DialogHost />
      <QuickLook />
      <ContextMenuHost />
      <Toasts />
    </>
  );
}
