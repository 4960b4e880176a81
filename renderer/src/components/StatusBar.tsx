/** "N items loaded · loading…", the selection count and the last batch operation. */
import { useApp, useAppStore, selectLastRun, selectVisibleRows } from '../store';
import { selectListingRows } from '../store/props-slice';
import { formatCount, plural } from '../view-model/format';
import { TransfersToggle } from './TransfersToggle';
import styles from './StatusBar.module.css';
import { cx } from './cx';

/** The last batch operation's progress or outcome, with Clear once it has ended. */
export function LastOperation() {
  const store = useAppStore();
  const run = useApp(selectLastRun);
  if (run === null) return null;
  let text: string;
  if (run.status === 'running') {
    const p = run.progress;
    text = `${run.label}… ${p === null ? '' : p.total === null ? formatCount(p.done) : `${formatCount(p.done)} of ${formatCount(p.total)}`}`;
  } else if (run.status === 'failed') {
    text = `${run.label}: ${run.error?.message ?? 'did not run'}`;
  } else {
    const failed = run.summary?.failed.length ?? 0;
    text = `${run.label}: done${failed > 0 ? `, ${failed} failed` : ''}`;
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
          Clear
        </button>
      )}
    </span>
  );
}

/** The status line's layout: what is listed, the selection count, the last batch operation and the transfers toggle. */
export function StatusLine({ text, selected }: { text: string; selected: number }) {
  return (
    <footer className={styles.statusbar}>
      <span role="status">{text}</span>
      {selected > 0 && <span>{formatCount(selected)} selected</span>}
      <span className="spacer" />
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

  let text: string;
  if (listing !== null && search === null) {
    text = `${plural(listing.rows.length, 'row')} loaded (versions and folders)${listing.loading ? ' · loading…' : ''}`;
  } else if (search !== null) {
    text = `${plural(search.entries.length, 'match', 'matches')} · searched ${plural(search.scanned, 'key')}${search.running ? ' · searching…' : ''}`;
  } else {
    text = `${plural(loaded, 'item')} loaded${loading ? ' · loading…' : ''}`;
  }
  if (filter.trim() !== '') text += ` · ${formatCount(shown)} shown`;
  return <StatusLine text={text} selected={selected} />;
}
