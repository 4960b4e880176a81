/** Create a bucket (live name rules, optional object lock) and delete one (with confirmation). */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { bucketNameRule } from '../../../shared/bucket-name';
import type { AppError } from '../../../shared/errors';
import { ruleText } from '../i18n/rules';
import { useAppStore } from '../store';
import { Dialog, DialogActions, FormActions, InlineError } from './Dialog';

export function CreateBucketDialog() {
  const store = useAppStore();
  const id = useId();
  const [name, setName] = useState('');
  const [objectLock, setObjectLock] = useState(false);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const problem = ruleText(bucketNameRule(name));
  const { t } = useTranslation('browser');
  const close = () => store.getState().ui.closeDialog();

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setTouched(true);
    setError(null);
    if (problem !== null) return;
    setBusy(true);
    const result = await store.getState().buckets.create(name, objectLock);
    setBusy(false);
    if (result.ok) close();
    else setError(result.error);
  }

  const showProblem = touched || name.length >= 3;
  return (
    <Dialog title={t('bucket.create')} onClose={close}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('bucket.name')}</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            spellCheck={false}
            autoCapitalize="off"
            placeholder={t('bucket.namePlaceholder')}
            aria-invalid={showProblem && problem !== null ? true : undefined}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            onBlur={() => name !== '' && setTouched(true)}
          />
          <p
            id={`${id}-hint`}
            className={showProblem && problem !== null ? 'field-error' : 'field-hint'}
            aria-live="polite"
          >
            {showProblem && problem !== null ? problem : t('bucket.nameHint')}
          </p>
        </div>
        <div className="field field-check">
          <input
            id={`${id}-lock`}
            type="checkbox"
            checked={objectLock}
            onChange={(e) => setObjectLock(e.target.checked)}
            aria-describedby={`${id}-lock-hint`}
          />
          <label htmlFor={`${id}-lock`}>{t('bucket.objectLock')}</label>
          <p id={`${id}-lock-hint`} className="field-hint">
            {t('bucket.objectLockHint')}
          </p>
        </div>
        <InlineError message={error?.message ?? null} code={error?.code} />
        <FormActions submitLabel={t('bucket.create')} onCancel={close} disabled={busy} />
      </form>
    </Dialog>
  );
}

export function DeleteBucketDialog({ bucket }: { bucket: string }) {
  const store = useAppStore();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const close = () => store.getState().ui.closeDialog();
  const { t } = useTranslation('browser');

  async function remove(): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await store.getState().buckets.remove(bucket);
    setBusy(false);
    if (result.ok) close();
    else setError(result.error);
  }

  return (
    <Dialog title={t('bucket.deleteTitle', { bucket })} onClose={close}>
      <p>{t('bucket.deleteText')}</p>
      <InlineError message={error?.message ?? null} code={error?.code} />
      <DialogActions>
        <button type="button" className="button" onClick={close} data-autofocus>
          {t('common:action.cancel')}
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={() => void remove()}>
          {busy ? t('common:deleting') : t('bucket.delete')}
        </button>
      </DialogActions>
    </Dialog>
  );
}
