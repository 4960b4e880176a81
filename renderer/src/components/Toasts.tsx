/** Notices in the corner: errors stay until dismissed (role="alert"), info fades after a while. */
import { useEffect } from 'react';
import { useApp, useAppStore, type Toast } from '../store';
import { CloseIcon } from './Icons';
import styles from './Toasts.module.css';
import { cx } from './cx';

const INFO_MS = 6000;

function ToastItem({ toast }: { toast: Toast }) {
  const store = useAppStore();
  useEffect(() => {
    if (toast.kind !== 'info') return;
    const timer = setTimeout(() => store.getState().ui.dismissToast(toast.id), INFO_MS);
    return () => clearTimeout(timer);
  }, [store, toast]);
  return (
    <div
      className={cx(styles.toast, toast.kind === 'error' && styles.toastError)}
      role={toast.kind === 'error' ? 'alert' : 'status'}
    >
      <div className={styles.toastText}>
        <p className={styles.toastMessage}>{toast.message}</p>
        {toast.detail !== undefined && <p className={styles.toastDetail}>{toast.detail}</p>}
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        title="Dismiss"
        onClick={() => store.getState().ui.dismissToast(toast.id)}
      >
        <CloseIcon />
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useApp((s) => s.ui.toasts);
  return (
    <section className={styles.toasts} aria-label="Notifications">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </section>
  );
}
