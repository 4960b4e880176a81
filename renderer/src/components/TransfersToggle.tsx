/** The status line's "Transfers" button with overall progress, and a status line with only that button. */
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../store';
import { activeCount, totalsPercent } from '../view-model/transfer-format';
import { cx } from './cx';
import statusStyles from './StatusBar.module.css';
import styles from './TransfersToggle.module.css';

/** The status bar's button: "Transfers", with overall progress while something is active. */
export function TransfersToggle() {
  const store = useAppStore();
  const open = useApp((s) => s.transfers.panelOpen);
  const totals = useApp((s) => s.transfers.totals);
  const active = activeCount(totals);
  const failed = totals?.byState.failed ?? 0;
  const pct = totalsPercent(totals);
  const { t } = useTranslation('transfers');
  const activeText = t('toggle.active', { count: active });
  const progress = active > 0 ? (pct === null ? activeText : t('toggle.percent', { pct, active: activeText })) : '';
  const failedText = failed > 0 ? t('toggle.failed', { count: failed }) : '';
  const described = progress !== '' || failedText !== '';
  return (
    <button
      type="button"
      className={cx(styles.statusTransfers, open && styles.isOpen)}
      aria-label={t('title')}
      aria-expanded={open}
      aria-controls={open ? 'transfers-panel' : undefined}
      aria-describedby={described ? 'transfers-toggle-status' : undefined}
      onClick={() => store.getState().transfers.togglePanel()}
    >
      <span>{t('title')}</span>
      {active > 0 && pct !== null && (
        <span className={styles.miniBar} aria-hidden="true">
          <span className={styles.miniBarFill} style={{ width: `${pct}%` }} />
        </span>
      )}
      {described && (
        <span id="transfers-toggle-status">
          {progress}
          {progress !== '' && failedText !== '' && ' · '}
          {failedText !== '' && <span className={styles.statusFailed}>{failedText}</span>}
        </span>
      )}
    </button>
  );
}

/** A status line with just the toggle, for screens without the object browser's status bar. */
export function TransfersFooter() {
  const hasJobs = useApp((s) => (s.transfers.totals?.jobs ?? s.transfers.page?.total ?? 0) > 0);
  const open = useApp((s) => s.transfers.panelOpen);
  if (!hasJobs && !open) return null;
  return (
    <footer className={statusStyles.statusbar}>
      <span className="spacer" />
      <TransfersToggle />
    </footer>
  );
}
