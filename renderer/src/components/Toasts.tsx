/** Notices in the corner: errors stay until dismissed (role="alert"), info fades after a while. */
import { useEffect } from 'react';
import { useApp, useAppStore, type Toast } from '../store';
import { CloseIcon } from './Icons';

const INFO_MS = 6000;

function ToastItem({ toast }: { toast: Toast }) {
  const store = useAppStore();
  useEffect(() => {
    if (toast.kind !== 'info') return;
    const timer = setTimeout(() => store.getState().ui.dismissToast(toast.id), INFO_MS);
    return () => clearTimeout(timer);
  }, [store, toast]);
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <div className="toast-text">
        <p className="toast-message">{toast.message}</p>
        {toast.detail !== undefined && <p className="toast-detail">{toast.detail}</p>}
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
    <section className="toasts" aria-label="Notifications">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </section>
  );
}
