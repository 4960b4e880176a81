/** The toolbar's List/Grid switch for the object list (remembered in the preferences by the UI slice). */
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore, type ObjectView } from '../store';
import { cx } from './cx';
import styles from './ObjectGridToggle.module.css';

const VIEWS: ObjectView[] = ['list', 'grid'];

const ListIcon = () => (
  <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
    <path d="M2 4h12M2 8h12M2 12h12" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
  </svg>
);

const TilesIcon = () => (
  <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
    <path
      d="M2.5 2.5h4v4h-4zM9.5 2.5h4v4h-4zM2.5 9.5h4v4h-4zM9.5 9.5h4v4h-4z"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinejoin="round"
    />
  </svg>
);

export function ObjectViewToggle() {
  const { t } = useTranslation('grid');
  const store = useAppStore();
  const view = useApp((s) => s.ui.objectView);
  return (
    <div className={styles.views} role="group" aria-label={t('view.label')}>
      {VIEWS.map((v) => (
        <button
          key={v}
          type="button"
          className={cx('icon-button', styles.view, v === view && styles.isActive)}
          aria-pressed={v === view}
          aria-label={t(`view.${v}`)}
          title={t(`view.${v}`)}
          onClick={() => store.getState().ui.setObjectView(v)}
        >
          {v === 'list' ? <ListIcon /> : <TilesIcon />}
        </button>
      ))}
    </div>
  );
}
