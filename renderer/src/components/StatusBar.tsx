/** "N items loaded · loading…", the selection count and the last batch operation. */
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore, selectLastRun, selectVisibleRows } from '../store';
import { selectListingRows } from '../store/props-slice';
import { SizeStatus } from './SizeSection';
import { TransfersToggle } from './TransfersToggle';
import styles from './StatusBar.module.css';
import { cx } from './cx';

/** The last batch operation's progress or outcome, with Clear once it has ended. */
export function LastOperation() {
  const store = useAppStore();
  const run = useApp(selectLastRun);
  const { t } = useTranslation('browser');
  if (run === null) return null;
  let text: string;
  if (run.status === 'running') {
    const p = run.progress;
    text =
      p === null
        ? t('lastRun.starting', { label: run.label })
        : p.total === null
          ? t('lastRun.soFar', { label: run.label, done: p.done })
          : t('lastRun.ofTotal', { label: run.label, done: p.done, total: p.total });
  } else if (run.status === 'failed') {
    text = t('common:labelled', { label: run.label, text: run.error?.message ?? t('lastRun.didNotRun') });
  } else {
    const failed = run.summary?.failed.length ?? 0;
    text =
      failed > 0
        ? t('lastRun.doneFailed', { label: run.label, count: failed })
        : t('lastRun.done', { label: run.label });
  }
  return (
    <span
      className={cx(
        styles.statusOp,
        (run.status === 'failed' || (run.summary?.failed.length ?? 0) > 0) && styles.isError,
      )}
    >
      {text}
      {run.status !== 'running' && (
        <button type="button" className={styles.linkButton} onClick={() => store.getState().operations.dismiss(run.id)}>
          {t('lastRun.clear')}
        </button>
      )}
    </span>
  );
}

/** The status line's layout: what is listed, the selection count, the last batch operation and the transfers toggle. */
export function StatusLine({ text, selected }: { text: string; selected: number }) {
  const { t } = useTranslation('browser');
  return (
    <footer className={styles.statusbar}>
      <span role="status">{text}</span>
      {selected > 0 && <span>{t('status.selected', { count: selected })}</span>}
      <span className="spacer" />
      <SizeStatus />
      <LastOperation />
      <TransfersToggle />
    </footer>
  );
}

export function StatusBar() {
  const loading = useApp((s) => s.objects.loading);
  const loaded = useApp((s) => s.objects.entries.length);
  const search = useApp((s) => s.objects.search);
  const filter = useApp((s) => s.objects.filter);
  const shown = useApp(
    (s) => (s.props.versionsShown && s.objects.search === null ? selectListingRows(s) : selectVisibleRows(s)).length,
  );
  const selected = useApp((s) => s.objects.selected.size);
  const listing = useApp((s) => (s.props.versionsShown ? s.props.listing : null));
  const { t } = useTranslation('browser');

  let text: string;
  if (listing !== null && search === null) {
    text =
      t('status.versionRows', { count: listing.rows.length }) + (listing.loading ? t('common:status.loading') : '');
  } else if (search !== null) {
    text =
      t('status.matches', { count: search.entries.length, searched: t('status.searched', { count: search.scanned }) }) +
      (search.running ? t('status.searching') : '');
  } else {
    text = t('status.loaded', { count: loaded }) + (loading ? t('common:status.loading') : '');
  }
  if (filter.trim() !== '') text += t('common:status.shown', { count: shown });
  return <StatusLine text={text} selected={selected} />;
}
