/** The Lock tab: the object's retention (set, extend, remove) and legal hold, where the bucket has object lock. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors';
import type { ObjectLockState, RetentionMode } from '../../../../shared/properties';
import { useApp, useAppStore } from '../../store';
import { sameObject, type ObjectRef } from '../../store/props-slice';
import {
  describeRetention,
  fromLocalInput,
  retainInputProblem,
  retentionModeLabel,
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
  const { t } = useTranslation('properties');

  useEffect(() => {
    void store.getState().props.loadLock(target);
  }, [store, target]);

  const mine = lock !== null && sameObject(lock.target, target) ? lock : null;
  if (!supported) return <NotSupported />;
  if (mine === null || mine.bucket.status === 'loading')
    return (
      <p className="muted" aria-busy="true">
        {t('lock.loading')}
      </p>
    );
  if (mine.bucket.status === 'error') return <PropsError error={mine.bucket.error} />;
  if (!mine.bucket.value.enabled)
    return (
      <p className="muted" role="status">
        {t('lock.bucketHasNone')}
      </p>
    );
  const state = mine.object;
  if (state === null || state.status === 'loading')
    return (
      <p className="muted" aria-busy="true">
        {t('lock.loadingRetention')}
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
  const { t } = useTranslation('properties');
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
        {t('lock.retentionHeading')}
      </h3>
      <p role="status">{describeRetention(current)}</p>
      {!supported ? (
        <NotSupported />
      ) : (
        <form className={cx('form', propStyles.propsForm)} onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-mode`}>{t('lock.modeLabel')}</label>
            <select id={`${id}-mode`} value={mode} onChange={(e) => setMode(e.target.value as RetentionMode)}>
              <option value="GOVERNANCE">{retentionModeLabel('GOVERNANCE')}</option>
              <option value="COMPLIANCE">{retentionModeLabel('COMPLIANCE')}</option>
            </select>
            <p className="field-hint">{mode === 'COMPLIANCE' ? t('lock.complianceHint') : t('lock.governanceHint')}</p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-until`}>{t('lock.retainUntil')}</label>
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
            {t('lock.bypass')}
          </CheckLine>
          <PropsError error={error} />
          <div className={propStyles.propActions}>
            {current !== null && (
              <button type="button" className="button" disabled={busy} onClick={() => void put(null)}>
                {t('lock.remove')}
              </button>
            )}
            <button type="submit" className="button primary" disabled={busy || problem !== null}>
              {current === null ? t('lock.set') : t('lock.change')}
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
  const { t } = useTranslation('properties');

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
        {t('lock.legalHold')}
      </h3>
      <p role="status">{state.legalHold ? t('lock.legalHoldOn') : t('lock.legalHoldOff')}</p>
      {supported ? (
        <div className={propStyles.propActions}>
          <button type="button" className="button" disabled={busy} onClick={() => void toggle()}>
            {state.legalHold ? t('lock.turnOff') : t('lock.turnOn')}
          </button>
        </div>
      ) : (
        <NotSupported />
      )}
      <PropsError error={error} />
    </section>
  );
}
