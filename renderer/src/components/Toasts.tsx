/** Notices in the corner: errors stay until dismissed (role="alert"), info fades after a while. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore, type Toast } from '../store';
import { CloseIcon } from './Icons';
import { OperationView } from './OperationView';
import styles from './Toasts.module.css';
import { cx } from './cx';

const INFO_MS = 6000;
/** Long enough to reach for Undo. */
const ACTION_MS = 15_000;

function ToastItem({ toast }: { toast: Toast }) {
  const store = useAppStore();
  const { t } = useTranslation('common');
  // A toast showing a running operation stays until it ends.
  const running = useApp(
    (s) => toast.operationId !== undefined && s.operations.runs[toast.operationId]?.status === 'running',
  );
  useEffect(() => {
    if (toast.kind !== 'info' || running) return;
    const timer = setTimeout(() => store.getState().ui.dismissToast(toast.id), toast.action ? ACTION_MS : INFO_MS);
    return () => clearTimeout(timer);
  }, [store, toast, running]);
  return (
    <div
      className={cx(styles.toast, toast.kind === 'error' && styles.toastError)}
      role={toast.kind === 'error' ? 'alert' : 'status'}
    >
      <div className={styles.toastText}>
        <p className={styles.toastMessage}>{toast.message}</p>
        {toast.detail !== undefined && <p className={styles.toastDetail}>{toast.detail}</p>}
        {toast.operationId !== undefined && <OperationView operationId={toast.operationId} />}
        {toast.action !== undefined && (
          <button
            type="button"
            className="button"
            onClick={() => {
              store.getState().ui.dismissToast(toast.id);
              toast.action?.run();
            }}
          >
            {toast.action.label}
          </button>
        )}
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label={t('action.dismiss')}
        title={t('action.dismiss')}
        onClick={() => store.getState().ui.dismissToast(toast.id)}
      >
        <CloseIcon />
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useApp((s) => s.ui.toasts);
  const { t } = useTranslation('common');
  return (
    <section className={styles.toasts} aria-label={t('notifications')}>
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </section>
  );
}
