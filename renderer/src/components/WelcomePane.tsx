/** The first screen when there is no account yet. */
import { useApp, useAppStore } from '../store';
import { CloudIcon } from './Icons';
import styles from './WelcomePane.module.css';

export function WelcomePane({ loading }: { loading: boolean }) {
  const store = useAppStore();
  const sandboxBusy = useApp((s) => s.accounts.sandboxBusy);
  if (loading) return <div className="empty-state" aria-busy="true" />;
  return (
    <section className="empty-state" aria-labelledby="welcome-title">
      <div className="empty-icon">
        <CloudIcon />
      </div>
      <h1 id="welcome-title">Welcome to QStorage Desktop</h1>
      <p>No accounts yet: add your QStorage keys or open the local sandbox.</p>
      <div className={styles.emptyActions}>
        <button
          type="button"
          className="button primary"
          onClick={() => store.getState().ui.openDialog({ kind: 'settings', edit: 'new' })}
        >
          Add QStorage keys
        </button>
        <button
          type="button"
          className="button"
          disabled={sandboxBusy}
          onClick={() => void store.getState().accounts.openSandbox()}
        >
          {sandboxBusy ? 'Starting sandbox…' : 'Open sandbox'}
        </button>
      </div>
    </section>
  );
}
