/** Asked before anything becomes public: says who will be able to do what; Cancel has the focus. */
import { Dialog, DialogActions } from '../Dialog';
import { WarningIcon } from '../Icons';
import styles from './PublicWarningDialog.module.css';

export function PublicWarningDialog({
  title,
  warnings,
  confirmLabel,
  onCancel,
  onConfirm,
}: {
  title: string;
  warnings: readonly string[];
  confirmLabel: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog title={title} onClose={onCancel}>
      <div className={styles.publicWarning}>
        <WarningIcon />
        <ul aria-label="What becomes public">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      </div>
      <p className="muted">You can make it private again later, but copies taken meanwhile stay out there.</p>
      <DialogActions>
        <button type="button" className="button" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button type="button" className="button danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </DialogActions>
    </Dialog>
  );
}
