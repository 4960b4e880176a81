/**
 * One job in the transfers list: name, direction, bytes, progress, speed, ETA, state, and what
 * is going on (a pending retry, a notice, or why it failed), with its own pause/resume/cancel/retry.
 * Rows have a fixed height so the list can be virtualised.
 */
import { memo, useEffect, useState, type MouseEvent } from 'react';
import type { TransferJobView } from '../../../shared/transfers';
import type { TransferAction } from '../store';
import { formatSize } from '../view-model/format';
import {
  DIRECTION_LABEL,
  STATE_LABEL,
  formatBytesProgress,
  formatEta,
  formatRetry,
  formatSpeed,
  jobPercent,
} from '../view-model/transfer-format';
import { CancelIcon, PauseIcon, PlayIcon, RetryIcon } from './Icons';

export const TRANSFER_ROW_HEIGHT = 46;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** "Retrying in 4 s …", counting down each second (remounted per retry, so the clock starts fresh). */
function RetryMessage({ retry }: { retry: NonNullable<TransferJobView['retry']> }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span className="transfer-message is-retry">{formatRetry(retry, now)}</span>;
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
      <span className={`transfer-message${job.state === 'failed' ? ' is-error' : ''}`} title={detail}>
        {job.error.message} <span className="error-code">({job.error.code})</span>
      </span>
    );
  }
  if (job.notice !== null) {
    return (
      <span className="transfer-message is-notice" title={job.notice}>
        {job.notice}
      </span>
    );
  }
  return <span className="transfer-message muted">{whereTo(job)}</span>;
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
      className={`transfer-row is-${job.state}${selected ? ' is-selected' : ''}${index % 2 ? ' is-odd' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      onClick={onClick}
    >
      <input
        type="checkbox"
        className="transfer-check"
        aria-label={`Select ${job.name}`}
        checked={selected}
        onChange={() => onSelect(job.id, { toggle: true })}
      />
      <span
        className={`transfer-dir is-${job.direction}`}
        role="img"
        aria-label={DIRECTION_LABEL[job.direction]}
        title={DIRECTION_LABEL[job.direction]}
      >
        {job.direction === 'upload' ? '↑' : '↓'}
      </span>
      <span className="transfer-name" title={whereTo(job)}>
        {job.name}
      </span>
      <span className="transfer-meta">
        <span className="transfer-bytes">{formatBytesProgress(job.bytesDone, job.bytesTotal)}</span>
        {running && <span className="transfer-speed">{formatSpeed(job.speed)}</span>}
        {running && job.etaSeconds !== null && (
          <span className="transfer-eta" title="Time left">
            {formatEta(job.etaSeconds)} left
          </span>
        )}
        <span className="transfer-state">{STATE_LABEL[job.state]}</span>
      </span>
      <span className="transfer-line">
        <span
          className="transfer-bar"
          role="progressbar"
          aria-label={`Progress of ${job.name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct ?? undefined}
          aria-valuetext={
            pct === null
              ? `${formatSize(job.bytesDone)} so far`
              : `${pct}% (${formatBytesProgress(job.bytesDone, job.bytesTotal)})`
          }
        >
          <span
            className={`transfer-bar-fill${pct === null ? ' is-indeterminate' : ''}`}
            style={{ width: `${pct ?? 100}%` }}
          />
        </span>
        <Message job={job} />
      </span>
      <span className="transfer-actions">
        {canPause && (
          <button
            type="button"
            className="icon-button"
            aria-label={`Pause ${job.name}`}
            title="Pause"
            onClick={() => onControl('pause', job)}
          >
            <PauseIcon />
          </button>
        )}
        {canResume && (
          <button
            type="button"
            className="icon-button"
            aria-label={`Resume ${job.name}`}
            title="Resume"
            onClick={() => onControl('resume', job)}
          >
            <PlayIcon />
          </button>
        )}
        {canRetry && (
          <button
            type="button"
            className="icon-button"
            aria-label={`Retry ${job.name}`}
            title="Retry"
            onClick={() => onControl('retry', job)}
          >
            <RetryIcon />
          </button>
        )}
        {canCancel && (
          <button
            type="button"
            className="icon-button"
            aria-label={`Cancel ${job.name}`}
            title="Cancel"
            onClick={() => onControl('cancel', job)}
          >
            <CancelIcon />
          </button>
        )}
      </span>
    </div>
  );
});

/** A row whose job is not loaded yet (scrolled into view; its window is on its way). */
export function TransferRowPlaceholder({ index, count, start }: { index: number; count: number; start: number }) {
  return (
    <div
      role="listitem"
      aria-posinset={index + 1}
      aria-setsize={count}
      aria-busy="true"
      className={`transfer-row is-placeholder${index % 2 ? ' is-odd' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
    >
      <span className="transfer-name muted">Loading…</span>
    </div>
  );
}
