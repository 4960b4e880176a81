/**
 * One job in the transfers list: name, direction, bytes, progress, speed, ETA, state, and what
 * is going on (a pending retry, a notice, or why it failed), with its own pause/resume/cancel/retry.
 * Rows have a fixed height so the list can be virtualised.
 */
import { memo, useEffect, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferJobView, TransferState } from '../../../shared/transfers';
import { useAppStore, type TransferAction } from '../store';
import { formatSize } from '../view-model/format';
import {
  directionLabel,
  formatBytesProgress,
  formatEta,
  formatRetry,
  formatSpeed,
  jobPercent,
  stateLabel,
} from '../view-model/transfer-format';
import { CancelIcon, PauseIcon, PlayIcon, RetryIcon } from './Icons';
import { menuTriggerProps } from './ContextMenuTriggers';
import { cx } from './cx';
import styles from './TransferRow.module.css';
import { IconButton } from './IconButton';

/** The states that colour a row's state text and bar (the others look alike). */
const STATE_CLASS: Partial<Record<TransferState, string | undefined>> = {
  failed: styles.isFailed,
  done: styles.isDone,
  conflict: styles.isConflict,
  paused: styles.isPaused,
  cancelled: styles.isCancelled,
  skipped: styles.isSkipped,
};

export const TRANSFER_ROW_HEIGHT = 46;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** "Retrying in 4 s …", counting down each second (remounted per retry, so the clock starts fresh). */
function RetryMessage({ retry }: { retry: NonNullable<TransferJobView['retry']> }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span className={cx(styles.transferMessage, styles.isRetry)}>{formatRetry(retry, now)}</span>;
}

function whereTo(job: TransferJobView): string {
  const remote = `${job.bucket}/${job.key}`;
  const local = job.localPath ?? job.name;
  return job.direction === 'upload' ? `${local} → ${remote}` : `${remote} → ${local}`;
}

/** The second line's message: a pending retry, then a failure, then a notice, else where it goes. */
function Message({ job }: { job: TransferJobView }) {
  if (job.retry !== null) return <RetryMessage key={`${job.retry.at}-${job.retry.attempt}`} retry={job.retry} />;
  if (job.error !== null && (job.state === 'failed' || job.state === 'skipped')) {
    const detail = job.error.detail === undefined ? job.error.code : `${job.error.code} · ${job.error.detail}`;
    return (
      <span className={cx(styles.transferMessage, job.state === 'failed' && styles.isError)} title={detail}>
        {job.error.message} <span className="error-code">({job.error.code})</span>
      </span>
    );
  }
  if (job.notice !== null) {
    return (
      <span className={cx(styles.transferMessage, styles.isNotice)} title={job.notice}>
        {job.notice}
      </span>
    );
  }
  return <span className={cx(styles.transferMessage, 'muted')}>{whereTo(job)}</span>;
}

export interface TransferRowProps {
  job: TransferJobView;
  index: number;
  count: number;
  start: number;
  selected: boolean;
  onSelect: (jobId: string, mods: { range?: boolean; toggle?: boolean }) => void;
  onControl: (action: TransferAction, job: TransferJobView) => void;
}

export const TransferRow = memo(function TransferRow({
  job,
  index,
  count,
  start,
  selected,
  onSelect,
  onControl,
}: TransferRowProps) {
  const store = useAppStore();
  const { t } = useTranslation('transfers');
  const pct = jobPercent(job);
  const running = job.state === 'running';
  const canPause = job.state === 'running' || job.state === 'queued';
  const canResume = job.state === 'paused';
  const canCancel = canPause || canResume || job.state === 'conflict' || job.state === 'failed';
  const canRetry = job.state === 'failed' || job.state === 'cancelled';

  function onClick(event: MouseEvent<HTMLDivElement>): void {
    if ((event.target as Element).closest('button, input') !== null) return;
    if (event.shiftKey) event.preventDefault();
    onSelect(job.id, { range: event.shiftKey, toggle: isMac ? event.metaKey : event.ctrlKey });
  }

  return (
    <div
      role="listitem"
      aria-posinset={index + 1}
      aria-setsize={count}
      className={cx(
        styles.transferRow,
        STATE_CLASS[job.state],
        selected && styles.isSelected,
        index % 2 === 1 && styles.isOdd,
      )}
      style={{ transform: `translateY(${start}px)` }}
      onClick={onClick}
      {...menuTriggerProps(store, () => ({ kind: 'transfer', job }))}
    >
      <input
        type="checkbox"
        className={styles.transferCheck}
        aria-label={t('common:selectNamed', { name: job.name })}
        checked={selected}
        onChange={() => onSelect(job.id, { toggle: true })}
      />
      <span
        className={cx(styles.transferDir, job.direction === 'upload' ? styles.isUpload : styles.isDownload)}
        role="img"
        aria-label={directionLabel(job.direction)}
        title={directionLabel(job.direction)}
      >
        {job.direction === 'upload' ? '↑' : '↓'}
      </span>
      <span className={styles.transferName} title={whereTo(job)}>
        {job.name}
      </span>
      <span className={styles.transferMeta}>
        <span>{formatBytesProgress(job.bytesDone, job.bytesTotal)}</span>
        {running && <span>{formatSpeed(job.speed)}</span>}
        {running && job.etaSeconds !== null && (
          <span title={t('row.timeLeft')}>{t('row.left', { eta: formatEta(job.etaSeconds) })}</span>
        )}
        <span className={styles.transferState}>{stateLabel(job.state)}</span>
      </span>
      <span className={styles.transferLine}>
        <span
          className={styles.transferBar}
          role="progressbar"
          aria-label={t('row.progress', { name: job.name })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct ?? undefined}
          aria-valuetext={
            pct === null
              ? t('row.soFar', { size: formatSize(job.bytesDone) })
              : t('row.percent', { pct, bytes: formatBytesProgress(job.bytesDone, job.bytesTotal) })
          }
        >
          <span
            className={cx(styles.transferBarFill, pct === null && styles.isIndeterminate)}
            style={{ width: `${pct ?? 100}%` }}
          />
        </span>
        <Message job={job} />
      </span>
      <span className={styles.transferActions}>
        {canPause && (
          <IconButton
            label={t('row.pause', { name: job.name })}
            title={t('row.pauseTitle')}
            icon={<PauseIcon />}
            onClick={() => onControl('pause', job)}
          />
        )}
        {canResume && (
          <IconButton
            label={t('row.resume', { name: job.name })}
            title={t('row.resumeTitle')}
            icon={<PlayIcon />}
            onClick={() => onControl('resume', job)}
          />
        )}
        {canRetry && (
          <IconButton
            label={t('row.retry', { name: job.name })}
            title={t('row.retryTitle')}
            icon={<RetryIcon />}
            onClick={() => onControl('retry', job)}
          />
        )}
        {canCancel && (
          <IconButton
            label={t('row.cancel', { name: job.name })}
            title={t('row.cancelTitle')}
            icon={<CancelIcon />}
            onClick={() => onControl('cancel', job)}
          />
        )}
      </span>
    </div>
  );
});

/** A row whose job is not loaded yet (scrolled into view; its window is on its way). */
export function TransferRowPlaceholder({ index, count, start }: { index: number; count: number; start: number }) {
  const { t } = useTranslation('common');
  return (
    <div
      role="listitem"
      aria-posinset={index + 1}
      aria-setsize={count}
      aria-busy="true"
      className={cx(styles.transferRow, styles.isPlaceholder, index % 2 === 1 && styles.isOdd)}
      style={{ transform: `translateY(${start}px)` }}
    >
      <span className={cx(styles.transferName, 'muted')}>{t('loading')}</span>
    </div>
  );
}
