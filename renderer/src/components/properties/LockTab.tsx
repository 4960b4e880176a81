/** The Lock tab: the object's retention (set, extend, remove) and legal hold, where the bucket has object lock. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { ObjectLockState, RetentionMode } from '../../../../shared/properties';
import { useApp, useAppStore } from '../../store';
import { sameObject, type ObjectRef } from '../../store/props-slice';
import {
  RETENTION_MODE_LABEL,
  describeRetention,
  fromLocalInput,
  retainInputProblem,
  suggestedRetainUntil,
  toLocalInput,
} from '../../view-model/lock-form';
import { NotSupported, PropsError, useSupported } from './Notices';
import { cx } from '../cx';
import detailsStyles from '../DetailsPane.module.css';
import styles from './LockTab.module.css';
import propStyles from './properties.module.css';
import { CheckLine } from './CheckLine';

export function LockTab({ target }: { target: ObjectRef }) {
  const store = useAppStore();
  const lock = useApp((s) => s.props.lock);
  const supported = useSupported(target.accountId, 'objectLock');
  const retentionSupported = useSupported(target.accountId, 'retention');

  useEffect(() => {
    void store.getState().props.loadLock(target);
  }, [store, target]);

  const mine = lock !== null && sameObject(lock.target, target) ? lock : null;
  if (!supported) return <NotSupported />;
  if (mine === null || mine.bucket.status === 'loading')
    return (
      <p className="muted" aria-busy="true">
        Loading object lock…
      </p>
    );
  if (mine.bucket.status === 'error') return <PropsError error={mine.bucket.error} />;
  if (!mine.bucket.value.enabled)
    return (
      <p className="muted" role="status">
        This bucket has no object lock, so its objects cannot be retained or put on legal hold. Object lock can only be
        turned on when a bucket is created.
      </p>
    );
  const state = mine.object;
  if (state === null || state.status === 'loading')
    return (
      <p className="muted" aria-busy="true">
        Loading retention…
      </p>
    );
  if (state.status === 'error')
    return (
      <>
        {!retentionSupported && <NotSupported />}
        <PropsError error={state.error} />
      </>
    );
  return (
    <>
      <RetentionSection target={target} state={state.value} />
      <LegalHoldSection target={target} state={state.value} />
    </>
  );
}

function RetentionSection({ target, state }: { target: ObjectRef; state: ObjectLockState }) {
  const store = useAppStore();
  const id = useId();
  const supported = useSupported(target.accountId, 'retention');
  const current = state.retention;
  const [mode, setMode] = useState<RetentionMode>(current?.mode ?? 'GOVERNANCE');
  const [until, setUntil] = useState(() =>
    current !== null ? toLocalInput(current.retainUntil) : suggestedRetainUntil(),
  );
  const [bypass, setBypass] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const problem = retainInputProblem(until);

  async function put(retention: { mode: RetentionMode; retainUntil: string } | null): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await store.getState().props.putRetention(target, retention, bypass);
    setBusy(false);
    if (!result.ok) setError(result.error);
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    const retainUntil = fromLocalInput(until);
    if (problem !== null || retainUntil === null || busy) return;
    void put({ mode, retainUntil });
  }

  return (
    <section className={styles.lockSection} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={detailsStyles.detailsSubheading}>
        Retention
      </h3>
      <p role="status">{describeRetention(current)}</p>
      {!supported ? (
        <NotSupported />
      ) : (
        <form className={cx('form', propStyles.propsForm)} onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-mode`}>Mode</label>
            <select id={`${id}-mode`} value={mode} onChange={(e) => setMode(e.target.value as RetentionMode)}>
              <option value="GOVERNANCE">{RETENTION_MODE_LABEL.GOVERNANCE}</option>
              <option value="COMPLIANCE">{RETENTION_MODE_LABEL.COMPLIANCE}</option>
            </select>
            <p className="field-hint">
              {mode === 'COMPLIANCE'
                ? 'Compliance: nobody can delete this version or shorten its retention until the date.'
                : 'Governance: only people allowed to bypass governance can delete or shorten it.'}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-until`}>Retain until</label>
            <input
              id={`${id}-until`}
              type="datetime-local"
              value={until}
              aria-invalid={problem !== null ? true : undefined}
              onChange={(e) => {
                setUntil(e.target.value);
                setError(null);
              }}
            />
            {problem !== null && (
              <p className="field-error" role="alert">
                {problem}
              </p>
            )}
          </div>
          <CheckLine checked={bypass} onChange={setBypass}>
            Bypass governance (to shorten or remove a governance retention)
          </CheckLine>
          <PropsError error={error} />
          <div className={propStyles.propActions}>
            {current !== null && (
              <button type="button" className="button" disabled={busy} onClick={() => void put(null)}>
                Remove retention
              </button>
            )}
            <button type="submit" className="button primary" disabled={busy || problem !== null}>
              {current === null ? 'Set retention' : 'Change retention'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function LegalHoldSection({ target, state }: { target: ObjectRef; state: ObjectLockState }) {
  const store = useAppStore();
  const id = useId();
  const supported = useSupported(target.accountId, 'legalHold');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  async function toggle(): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await store.getState().props.putLegalHold(target, !state.legalHold);
    setBusy(false);
    if (!result.ok) setError(result.error);
  }

  return (
    <section className={styles.lockSection} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={detailsStyles.detailsSubheading}>
        Legal hold
      </h3>
      <p role="status">
        {state.legalHold
          ? 'Legal hold is on: this version cannot be deleted until it is turned off.'
          : 'Legal hold is off.'}
      </p>
      {supported ? (
        <div className={propStyles.propActions}>
          <button type="button" className="button" disabled={busy} onClick={() => void toggle()}>
            {state.legalHold ? 'Turn legal hold off' : 'Turn legal hold on'}
          </button>
        </div>
      ) : (
        <NotSupported />
      )}
      <PropsError error={error} />
    </section>
  );
}
