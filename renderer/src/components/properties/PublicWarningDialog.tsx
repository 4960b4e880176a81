/** Asked before anything becomes public: says who will be able to do what; Cancel has the focus. */
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('properties');
  return (
    <Dialog title={title} onClose={onCancel}>
      <div className={styles.publicWarning}>
        <WarningIcon />
        <ul aria-label={t('public.listLabel')}>
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      </div>
      <p className="muted">{t('public.later')}</p>
      <DialogActions>
        <button type="button" className="button" onClick={onCancel} data-autofocus>
          {t('common:action.cancel')}
        </button>
        <button type="button" className="button danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </DialogActions>
    </Dialog>
  );
}
