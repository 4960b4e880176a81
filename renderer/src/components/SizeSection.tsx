/**
 * "Calculate size" where it is shown: a section of the details pane for what the pane shows (a
 * folder, a selection, or the folder or bucket open when nothing is selected), and a note in the
 * status bar for the calculation running or last done, each with Stop while it counts.
 */
import { useTranslation } from 'react-i18next';
import { baseName } from '../../../shared/keys';
import { useApp, useAppStore } from '../store';
import { measures, type SizeRun, type SizeTarget } from '../store/sizes-slice';
import { formatSize } from '../view-model/format';
import styles from './SizeSection.module.css';

type T = ReturnType<typeof useTranslation<'organize'>>['t'];

/** "1,106 objects · 80.2 KB", with what the run's state says about it. */
function runText(t: T, run: SizeRun): string {
  const counted = {
    objects: t('size.objects', { count: run.counted.objects }),
    bytes: formatSize(run.counted.bytes),
  };
  switch (run.status) {
    case 'running':
      return t('size.counting', counted);
    case 'done':
      return t('size.result', counted);
    case 'cancelled':
      return t('size.stopped', counted);
    case 'failed':
      return t('size.failed', { message: run.error?.message ?? '' });
  }
}

function targetText(t: T, run: SizeRun): string {
  const target = run.target;
  if (target.kind === 'bucket') return t('size.ofBucket', { name: run.bucket });
  if (target.kind === 'folder') return t('size.ofFolder', { name: baseName(target.prefix) });
  return target.keys.length === 1
    ? t('size.ofFolder', { name: baseName(target.keys[0] ?? '') })
    : t('size.ofSelection', { count: target.keys.length });
}

/** The details pane's size of `target`: the button, then the count growing, then the sum. */
export function SizeSection({ target }: { target: SizeTarget }) {
  const { t } = useTranslation('organize');
  const store = useAppStore();
  const location = useApp((s) => s.objects.location);
  const current = useApp((s) => s.sizes.current);
  const run = measures(current, location, target) ? current : null;
  const sizes = () => store.getState().sizes;
  return (
    <section className={styles.size} aria-label={t('size.region')}>
      <h3 className={styles.sizeTitle}>{t('size.title')}</h3>
      {run !== null && (
        <p
          role="status"
          className={styles.sizeValue}
          data-size-objects={run.counted.objects}
          data-size-bytes={run.counted.bytes}
        >
          {runText(t, run)}
        </p>
      )}
      {run?.status === 'running' ? (
        <button type="button" className="button" onClick={() => void sizes().cancel()}>
          {t('size.stop')}
        </button>
      ) : (
        <button type="button" className="button" onClick={() => void sizes().calculate(target)}>
          {run === null ? t('size.calculate') : t('size.again')}
        </button>
      )}
      <p className={styles.sizeNote}>{t('size.note')}</p>
    </section>
  );
}

/** The status bar's note of the calculation running or last done. */
export function SizeStatus() {
  const { t } = useTranslation('organize');
  const store = useAppStore();
  const run = useApp((s) => s.sizes.current);
  if (run === null) return null;
  const sizes = store.getState().sizes;
  return (
    <span className={styles.sizeStatus} data-testid="size-status">
      {t('size.status', { what: targetText(t, run), text: runText(t, run) })}
      {run.status === 'running' ? (
        <button type="button" className={styles.linkButton} onClick={() => void sizes.cancel()}>
          {t('size.stop')}
        </button>
      ) : (
        <button type="button" className={styles.linkButton} onClick={() => sizes.clear()}>
          {t('size.clear')}
        </button>
      )}
    </span>
  );
}
