/** A batch operation's live progress, then its summary: how many succeeded and which keys failed, with why. */
import { useTranslation } from 'react-i18next';
import type { ItemFailure } from '../../../shared/models';
import { useApp, useAppStore, selectRun } from '../store';
import { InlineError } from './Dialog';
import styles from './OperationView.module.css';

const SHOWN_FAILURES = 200;

export function OperationView({ operationId }: { operationId: string }) {
  const store = useAppStore();
  const run = useApp(selectRun(operationId));
  const { t } = useTranslation('browser');
  if (run === null) return null;
  const doing = t(`operation.${run.kind}.doing`);

  if (run.status === 'running') {
    const p = run.progress;
    const total = p?.total ?? null;
    return (
      <div className={styles.operation}>
        <progress
          className={styles.progress}
          aria-label={t('operation.progressLabel', { doing })}
          max={total ?? undefined}
          value={total !== null ? (p?.done ?? 0) : undefined}
        />
        <p role="status">
          {p === null
            ? t('operation.starting', { doing })
            : total === null
              ? t('operation.soFar', { doing, done: p.done })
              : t('operation.ofTotal', { doing, done: p.done, total })}
          {p !== null && p.failed > 0 && t('operation.failedCount', { count: p.failed })}
        </p>
        <button type="button" className="button" onClick={() => void store.getState().operations.cancel(run.id)}>
          {t('operation.stop')}
        </button>
      </div>
    );
  }

  if (run.status === 'failed') {
    const error = <InlineError message={run.error?.message ?? t('operation.didNotRun')} code={run.error?.code} />;
    // A long run that ended part-way keeps the failures of the chunks that did finish.
    const failed = run.summary?.failed ?? [];
    if (failed.length === 0) return error;
    return (
      <div className={styles.operationSummary}>
        {error}
        <p>{t(`operation.${run.kind}.failed`, { count: failed.length })}</p>
        <FailureList failed={failed} />
      </div>
    );
  }

  const summary = run.summary;
  if (summary === null) return null;
  return (
    <div className={styles.operationSummary}>
      <p role="status">
        {t(`operation.${run.kind}.done`, { count: summary.succeeded })}
        {summary.failed.length > 0 && ` ${t(`operation.${run.kind}.failed`, { count: summary.failed.length })}`}
      </p>
      {summary.failed.length > 0 && <FailureList failed={summary.failed} />}
    </div>
  );
}

function FailureList({ failed }: { failed: ItemFailure[] }) {
  const { t } = useTranslation('common');
  return (
    <ul className={styles.failureList} aria-label={t('failures')}>
      {failed.slice(0, SHOWN_FAILURES).map((f) => (
        <li key={f.key}>
          <span className={styles.failureKey}>{f.key}</span>
          <span className={styles.failureMessage}>
            {f.message} <span className="error-code">({f.code})</span>
          </span>
        </li>
      ))}
      {failed.length > SHOWN_FAILURES && (
        <li className="muted">{t('andMore', { count: failed.length - SHOWN_FAILURES })}</li>
      )}
    </ul>
  );
}
