/**
 * Add or edit an account. The secret (an S3 secret key or a QuickSync session token) exists
 * only in this component's state while the form is open and is cleared on save and on cancel;
 * it is never pre-filled, nor is a saved key id (its hint is shown instead). Changing the
 * endpoint, the addressing style or the key id asks for the secret again, and says why.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/models';
import { QUICKSYNC_DEFAULT_API } from '../../../shared/quicksync';
import { useApp, useAppStore } from '../store';
import {
  changeKind,
  emptyAccountForm,
  fieldErrorFromAppError,
  fieldLabels,
  formFromAccount,
  secretRequiredReason,
  validateAccountPatch,
  validateNewAccount,
  type AccountField,
  type AccountFormValues,
  type EditableKind,
  type FieldErrors,
} from '../view-model/account-form';
import { DialogActions, InlineError } from './Dialog';
import { cx } from './cx';
import styles from './AccountForm.module.css';

interface Props {
  /** null: a new account. */
  account: AccountSummary | null;
  onDone: () => void;
}

export function AccountForm({ account, onDone }: Props) {
  const store = useAppStore();
  const test = useApp((s) => s.accounts.test);
  const { t } = useTranslation('accounts');
  const [values, setValues] = useState<AccountFormValues>(() =>
    account === null ? emptyAccountForm() : formFromAccount(account),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const editing = account !== null;
  const quicksync = values.kind === 'quicksync';
  const labels = fieldLabels(values.kind);
  const secretReason = account === null ? null : secretRequiredReason(account, values);
  // Why the secret is asked for again, next to its field (an error there says it already).
  const showWhy = secretReason !== null && errors.secretAccessKey === undefined;

  // A test result belongs to the values it was run with: forget it when the form closes.
  useEffect(() => {
    const accounts = store.getState().accounts;
    accounts.resetTest();
    return () => accounts.resetTest();
  }, [store]);

  const set = <K extends AccountField>(field: K, value: AccountFormValues[K]): void => {
    setValues((v) => ({ ...v, [field]: value }));
    // Where the secret goes changed too: why it is (or is no longer) needed is worked out afresh.
    const rebinds = field === 'endpoint' || field === 'addressingStyle' || field === 'accessKeyId';
    const stale: AccountField[] = rebinds ? [field, 'secretAccessKey'] : [field];
    setErrors((e) => ({ ...e, ...Object.fromEntries(stale.map((f) => [f, undefined])) }));
  };

  const finish = (): void => {
    setValues((v) => ({ ...v, secretAccessKey: '' }));
    onDone();
  };

  const showError = (error: Parameters<typeof fieldErrorFromAppError>[0]): void => {
    const { field, message } = fieldErrorFromAppError(error, values.kind);
    if (field === null) setFormError(message);
    else setErrors((e) => ({ ...e, [field]: message }));
  };

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setFormError(null);
    const accounts = store.getState().accounts;
    if (account === null) {
      const checked = validateNewAccount(values);
      if (!checked.ok) return setErrors(checked.errors);
      setSaving(true);
      const result = await accounts.create(checked.value);
      setSaving(false);
      if (result.ok) finish();
      else showError(result.error);
    } else {
      const checked = validateAccountPatch(values, account);
      if (!checked.ok) return setErrors(checked.errors);
      setSaving(true);
      const result = await accounts.update(account.id, checked.value);
      setSaving(false);
      if (result.ok) finish();
      else showError(result.error);
    }
  }

  function runTest(): void {
    setFormError(null);
    const accounts = store.getState().accounts;
    if (account === null) {
      const checked = validateNewAccount(values);
      if (!checked.ok) return setErrors(checked.errors);
      void accounts.testConnection({ account: checked.value });
    } else {
      const checked = validateAccountPatch(values, account);
      if (!checked.ok) return setErrors(checked.errors);
      void accounts.testConnection({ id: account.id, patch: checked.value });
    }
  }

  const field = (name: AccountField) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] !== undefined ? true : undefined,
    'aria-describedby': errors[name] !== undefined ? `${id}-${name}-error` : undefined,
  });
  const error = (name: AccountField) =>
    errors[name] !== undefined && (
      <p className="field-error" id={`${id}-${name}-error`}>
        {errors[name]}
      </p>
    );

  return (
    <form className="form" onSubmit={(e) => void save(e)} noValidate autoComplete="off">
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('form.name')}</label>
        <input
          {...field('name')}
          autoFocus
          type="text"
          value={values.name}
          placeholder={t('form.namePlaceholder')}
          onChange={(e) => set('name', e.target.value)}
        />
        {error('name')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('form.service')}</label>
        <select
          {...field('kind')}
          // A secret is bound to its kind of service: remove the account and add it again instead.
          disabled={editing}
          value={values.kind}
          onChange={(e) => setValues((v) => changeKind(v, e.target.value as EditableKind))}
        >
          <option value="qstorage">{t('kind.qstorage')}</option>
          <option value="s3">{t('kind.s3')}</option>
          <option value="quicksync">{t('kind.quicksync')}</option>
        </select>
      </div>
      <div className="field-row">
        <div className="field field-grow">
          <label htmlFor={`${id}-endpoint`}>{labels.endpoint}</label>
          <input
            {...field('endpoint')}
            type="url"
            value={values.endpoint}
            placeholder={quicksync ? QUICKSYNC_DEFAULT_API : t('form.endpointPlaceholder')}
            onChange={(e) => set('endpoint', e.target.value)}
          />
          {error('endpoint')}
        </div>
        {!quicksync && (
          <div className={cx('field', styles.fieldRegion)}>
            <label htmlFor={`${id}-region`}>{t('form.region')}</label>
            <input
              {...field('region')}
              type="text"
              value={values.region}
              placeholder={t('form.regionPlaceholder')}
              onChange={(e) => set('region', e.target.value)}
            />
            {error('region')}
          </div>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-accessKeyId`}>{labels.accessKeyId}</label>
        <input
          {...field('accessKeyId')}
          type="text"
          spellCheck={false}
          value={values.accessKeyId}
          placeholder={editing ? t('form.keyUnchanged', { hint: account.keyHint }) : ''}
          onChange={(e) => set('accessKeyId', e.target.value)}
        />
        {error('accessKeyId')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-secretAccessKey`}>{labels.secretAccessKey}</label>
        <input
          {...field('secretAccessKey')}
          {...(showWhy && { 'aria-describedby': `${id}-secretAccessKey-why` })}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          aria-required={!editing || secretReason !== null}
          value={values.secretAccessKey}
          placeholder={editing && account.hasSecret && secretReason === null ? t('form.secretStored') : ''}
          onChange={(e) => set('secretAccessKey', e.target.value)}
        />
        {error('secretAccessKey')}
        {showWhy && (
          <p className="field-hint" id={`${id}-secretAccessKey-why`}>
            {secretReason}
          </p>
        )}
      </div>
      {quicksync ? (
        <div className="field">
          <label className="field-check">
            <input
              type="checkbox"
              checked={values.encryptNames}
              aria-describedby={`${id}-encryptNames-hint`}
              onChange={(e) => set('encryptNames', e.target.checked)}
            />
            <span>{t('form.encryptNames')}</span>
          </label>
          <p className="field-hint" id={`${id}-encryptNames-hint`}>
            {t('form.encryptNamesHint')}
          </p>
        </div>
      ) : (
        <div className="field-row">
          <div className="field field-grow">
            <label htmlFor={`${id}-addressingStyle`}>{t('form.addressingStyle')}</label>
            <select
              {...field('addressingStyle')}
              value={values.addressingStyle}
              onChange={(e) => set('addressingStyle', e.target.value as AccountFormValues['addressingStyle'])}
            >
              <option value="virtual">{t('form.addressingVirtual')}</option>
              <option value="path">{t('form.addressingPath')}</option>
            </select>
          </div>
          <div className="field field-grow">
            <label htmlFor={`${id}-checksumMode`}>{t('form.checksumMode')}</label>
            <select
              {...field('checksumMode')}
              value={values.checksumMode}
              onChange={(e) => set('checksumMode', e.target.value as AccountFormValues['checksumMode'])}
            >
              <option value="when_required">{t('form.checksumWhenRequired')}</option>
              <option value="when_supported">{t('form.checksumWhenSupported')}</option>
            </select>
          </div>
        </div>
      )}

      <InlineError message={formError} />
      {test.status !== 'idle' && (
        <p
          className={cx(
            styles.testResult,
            test.status === 'ok' && styles.testOk,
            test.status === 'failed' && styles.testFailed,
          )}
          role="status"
        >
          {test.status === 'testing' ? t('test.running') : test.message}
        </p>
      )}

      <DialogActions>
        <button type="button" className="button" onClick={runTest} disabled={test.status === 'testing'}>
          {t('test.button')}
        </button>
        <span className="spacer" />
        <button type="button" className="button" onClick={finish}>
          {t('common:action.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? t('common:saving') : t('common:action.save')}
        </button>
      </DialogActions>
    </form>
  );
}
