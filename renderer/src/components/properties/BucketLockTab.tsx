/** The bucket's object lock tab: whether it is on, and new objects' default retention. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BucketObjectLock, DefaultRetention, RetentionMode } from '../../../../shared/properties';
import { defaultRetentionRule } from '../../../../shared/property-rules';
import { ruleText } from '../../i18n/rules';
import { useAppStore } from '../../store';
import type { BucketRef } from '../../store/props-slice';
import { retentionModeLabel } from '../../view-model/lock-form';
import { cx } from '../cx';
import { FieldProblem, useSupported } from './Notices';
import { Loaded, SaveFooter, useBucketProp, useSave } from './bucket-tab-parts';
import propStyles from './properties.module.css';
import { CheckLine } from './CheckLine';

export function BucketLockTab({ bucketRef }: { bucketRef: BucketRef }) {
  const value = useBucketProp(bucketRef, 'objectLock');
  const supported = useSupported(bucketRef.accountId, 'objectLock');
  const { t } = useTranslation('properties');
  return (
    <Loaded value={value} supported={supported}>
      {(lock) =>
        lock.enabled ? (
          <DefaultRetentionForm bucketRef={bucketRef} lock={lock} />
        ) : (
          <p role="status">{t('bucketLock.off')}</p>
        )
      }
    </Loaded>
  );
}

function DefaultRetentionForm({ bucketRef, lock }: { bucketRef: BucketRef; lock: BucketObjectLock }) {
  const store = useAppStore();
  const id = useId();
  const { t } = useTranslation('properties');
  const current = lock.defaultRetention;
  const [on, setOn] = useState(current !== null);
  const [mode, setMode] = useState<RetentionMode>(current?.mode ?? 'GOVERNANCE');
  const [unit, setUnit] = useState<'days' | 'years'>(current !== null && current.years !== null ? 'years' : 'days');
  const [amount, setAmount] = useState(String(current?.years ?? current?.days ?? 30));
  const { busy, error, saved, save, touched } = useSave<BucketObjectLock>();
  const n = /^\d+$/.test(amount.trim()) ? Number(amount.trim()) : Number.NaN;
  const retention: DefaultRetention = {
    mode,
    days: unit === 'days' ? n : null,
    years: unit === 'years' ? n : null,
  };
  const problem = on ? ruleText(defaultRetentionRule(retention)) : null;

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (problem !== null || busy) return;
    void save(() => store.getState().props.setDefaultRetention(bucketRef, on ? retention : null));
  }

  return (
    <form className={cx('form', propStyles.propsForm)} onSubmit={submit} noValidate>
      <p role="status">{t('bucketLock.on')}</p>
      <CheckLine
        checked={on}
        onChange={(checked) => {
          setOn(checked);
          touched();
        }}
      >
        {t('bucketLock.retainByDefault')}
      </CheckLine>
      {on && (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-mode`}>{t('lock.modeLabel')}</label>
            <select
              id={`${id}-mode`}
              value={mode}
              onChange={(e) => {
                setMode(e.target.value as RetentionMode);
                touched();
              }}
            >
              <option value="GOVERNANCE">{retentionModeLabel('GOVERNANCE')}</option>
              <option value="COMPLIANCE">{retentionModeLabel('COMPLIANCE')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-amount`}>{t('bucketLock.period')}</label>
            <input
              id={`${id}-amount`}
              type="text"
              inputMode="numeric"
              value={amount}
              aria-invalid={problem !== null ? true : undefined}
              onChange={(e) => {
                setAmount(e.target.value);
                touched();
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-unit`}>{t('bucketLock.unit')}</label>
            <select
              id={`${id}-unit`}
              value={unit}
              onChange={(e) => {
                setUnit(e.target.value as 'days' | 'years');
                touched();
              }}
            >
              <option value="days">{t('bucketLock.days')}</option>
              <option value="years">{t('bucketLock.years')}</option>
            </select>
          </div>
        </div>
      )}
      <FieldProblem problem={problem} />
      <SaveFooter label={t('bucketLock.save')} error={error} saved={saved} disabled={busy || problem !== null} />
    </form>
  );
}
