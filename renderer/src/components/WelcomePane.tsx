/** The first screen when there is no account yet. */
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../store';
import { CloudIcon } from './Icons';
import styles from './WelcomePane.module.css';

export function WelcomePane({ loading }: { loading: boolean }) {
  const store = useAppStore();
  const sandboxBusy = useApp((s) => s.accounts.sandboxBusy);
  const { t } = useTranslation('common');
  if (loading) return <div className="empty-state" aria-busy="true" />;
  return (
    <section className="empty-state" aria-labelledby="welcome-title">
      <div className="empty-icon">
        <CloudIcon />
      </div>
      <h1 id="welcome-title">{t('welcome.title')}</h1>
      <p>{t('settings:accounts.empty')}</p>
      <div className={styles.emptyActions}>
        <button
          type="button"
          className="button primary"
          onClick={() => store.getState().ui.openDialog({ kind: 'settings', edit: 'new' })}
        >
          {t('welcome.addKeys')}
        </button>
        <button
          type="button"
          className="button"
          disabled={sandboxBusy}
          onClick={() => void store.getState().accounts.openSandbox()}
        >
          {sandboxBusy ? t('welcome.sandboxStarting') : t('welcome.openSandbox')}
        </button>
      </div>
    </section>
  );
}
