/** What the bucket's settings tabs share: loading a setting when shown, saving it, and the form's end. */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, Result } from '../../../../shared/errors';
import { useApp, useAppStore } from '../../store';
import type { BucketPropLoads, BucketPropName, BucketPropValues, BucketRef, Loadable } from '../../store/props-slice';
import { NotSupported, PropsError } from './Notices';
import propStyles from './properties.module.css';

/** The tab's value for this bucket, asked for when the tab mounts. */
export function useBucketProp<K extends BucketPropName>(ref: BucketRef, name: K): Loadable<BucketPropValues[K]> | null {
  const store = useAppStore();
  useEffect(() => {
    void store.getState().props.loadBucketProp(ref, name);
  }, [store, ref, name]);
  return useApp((s) => {
    const p = s.props.bucketProps;
    if (p === null || p.accountId !== ref.accountId || p.bucket !== ref.bucket) return null;
    const loads: BucketPropLoads = p;
    return loads[name];
  });
}

/** Loading, failed or unsupported; else the tab's content for the loaded value. */
export function Loaded<T>({
  value,
  supported,
  children,
}: {
  value: Loadable<T> | null;
  supported: boolean;
  children: (value: T) => ReactNode;
}) {
  const { t } = useTranslation('common');
  if (!supported) return <NotSupported />;
  if (value === null || value.status === 'loading')
    return (
      <p className="muted" aria-busy="true">
        {t('loading')}
      </p>
    );
  if (value.status === 'error') return <PropsError error={value.error} />;
  return <>{children(value.value)}</>;
}

/** Sends a change; keeps its error for the form and says when it is saved. */
export function useSave<T>() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  async function save(call: () => Promise<Result<T>>): Promise<void> {
    setBusy(true);
    setError(null);
    setSaved(false);
    const result = await call();
    setBusy(false);
    if (result.ok) setSaved(true);
    else setError(result.error);
  }
  const touched = (): void => {
    setSaved(false);
    setError(null);
  };
  return { busy, error, saved, save, touched };
}

/** The end of a settings form: a failed save, "Saved.", and the submit button. */
export function SaveFooter({
  label,
  error,
  saved,
  disabled,
}: {
  label: string;
  error: AppError | null;
  saved: boolean;
  disabled: boolean;
}) {
  const { t } = useTranslation('common');
  return (
    <>
      <PropsError error={error} />
      <p className="field-hint" role="status">
        {saved ? t('saved') : ''}
      </p>
      <div className={propStyles.propActions}>
        <button type="submit" className="button primary" disabled={disabled}>
          {label}
        </button>
      </div>
    </>
  );
}
