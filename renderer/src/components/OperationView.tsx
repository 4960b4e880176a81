/** A batch operation's live progress, then its summary: how many succeeded and which keys failed, with why. */
import type { ItemFailure } from '../../../shared/models';
import { useApp, useAppStore, selectRun } from '../store';
import { OPERATION_VERBS } from '../store/operations-slice';
import { formatCount, plural } from '../view-model/format';
import { InlineError } from './Dialog';
import styles from './OperationView.module.css';

const SHOWN_FAILURES = 200;

export function OperationView({ operationId }: { operationId: string }) {
  const store = useAppStore();
  const run = useApp(selectRun(operationId));
  if (run === null) return null;
  const [doing, done, past] = OPERATION_VERBS[run.kind];

  if (run.status === 'running') {
    const p = run.progress;
    const total = p?.total ?? null;
    return (
      <div className={styles.operation}>
        <progress
          className={styles.progress}
          aria-label={`${doing} progress`}
          max={total ?? undefined}
          value={total !== null ? (p?.done ?? 0) : undefined}
        />
        <p role="status">
          {p === null
            ? `${doing}…`
            : total === null
              ? `${doing}… ${formatCount(p.done)} so far`
              : `${doing} ${formatCount(p.done)} of ${formatCount(total)}`}
          {p !== null && p.failed > 0 && ` · ${p.failed} failed`}
        </p>
        <button type="button" className="button" onClick={() => void store.getState().operations.cancel(run.id)}>
          Stop
        </button>
      </div>
    );
  }

  if (run.status === 'failed') {
    const error = <InlineError message={run.error?.message ?? 'The operation did not run.'} code={run.error?.code} />;
    // A long run that ended part-way keeps the failures of the chunks that did finish.
    const failed = run.summary?.failed ?? [];
    if (failed.length === 0) return error;
    return (
      <div className={styles.operationSummary}>
        {error}
        <p>
          {plural(failed.length, 'item')} could not be {past}:
        </p>
        <FailureList failed={failed} />
      </div>
    );
  }

  const summary = run.summary;
  if (summary === null) return null;
  return (
    <div className={styles.operationSummary}>
      <p role="status">
        {done} {plural(summary.succeeded, 'item')}.
        {summary.failed.length > 0 && ` ${plural(summary.failed.length, 'item')} could not be ${past}:`}
      </p>
      {summary.failed.length > 0 && <FailureList failed={summary.failed} />}
    </div>
  );
}

function FailureList({ failed }: { failed: ItemFailure[] }) {
  return (
    <ul className={styles.failureList} aria-label="Failures">
      {failed.slice(0, SHOWN_FAILURES).map((f) => (
        <li key={f.key}>
          <span className={styles.failureKey}>{f.key}</span>
          <span className={styles.failureMessage}>
            {f.message} <span className="error-code">({f.code})</span>
          </span>
        </li>
      ))}
      {failed.length > SHOWN_FAILURES && (
        <li className="muted">…and {formatCount(failed.length - SHOWN_FAILURES)} more</li>
      )}
    </ul>
  );
}
