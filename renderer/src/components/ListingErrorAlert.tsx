/** Why a list could not be loaded, with Try again: above the object grid and the QuickSync file grid. */
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/errors';
import styles from './ListingErrorAlert.module.css';

export function ListingErrorAlert({ error, onRetry }: { error: AppError; onRetry: () => void }) {
  const { t } = useTranslation('common');
  return (
    <div className={styles.listingError} role="alert">
      <span>
        {error.message} <span className="error-code">({error.code})</span>
      </span>
      <button type="button" className="button button-small" onClick={onRetry}>
        {t('action.tryAgain')}
      </button>
    </div>
  );
}
