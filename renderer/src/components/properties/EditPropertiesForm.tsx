/**
 * Edit an object's content headers, user metadata and storage class. The shared rules check
 * every field as it is typed; Save stays off while a problem remains, so nothing invalid is sent.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors';
import type { ObjectDetails } from '../../../../shared/models';
import { useAppStore } from '../../store';
import type { ObjectRef } from '../../store/props-slice';
import {
  HEADER_FIELDS,
  formChange,
  formFromDetails,
  formProblems,
  headerProblem,
  metadataRow,
  storageClassOptions,
  type HeaderField,
  type PropertiesForm,
} from '../../view-model/properties-form';
import { CloseIcon } from '../Icons';
import { NotSupported, PropsError, useSupported } from './Notices';
import { cx } from '../cx';
import propStyles from './properties.module.css';

export function EditPropertiesForm({
  target,
  details,
  onDone,
}: {
  target: ObjectRef;
  details: ObjectDetails;
  onDone: () => void;
}) {
  const store = useAppStore();
  const id = useId();
  const [form, setForm] = useState<PropertiesForm>(() => formFromDetails(details));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const supported = useSupported(target.accountId, 'metadata');
  const classSupported = useSupported(target.accountId, 'storageClass');
  const { t } = useTranslation('properties');
  const problems = formProblems(form);
  const change = formChange(form);

  const update = (next: (f: PropertiesForm) => PropertiesForm): void => {
    setForm(next);
    setError(null);
  };
  const setHeader = (field: HeaderField, value: string): void =>
    update((f) => ({ ...f, headers: { ...f.headers, [field]: value } }));
  const setRow = (rowId: number, part: 'name' | 'value', value: string): void =>
    update((f) => ({ ...f, metadata: f.metadata.map((r) => (r.id === rowId ? { ...r, [part]: value } : r)) }));

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (change === null || busy || !supported) return;
    setBusy(true);
    const result = await store
      .getState()
      .props.updateProperties(target, classSupported ? change : { ...change, storageClass: null });
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error);
  }

  return (
    <form
      className={cx('form', propStyles.propsForm)}
      aria-label={t('details.edit')}
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <p className="field-hint">{t('edit.intro')}</p>
      {HEADER_FIELDS.map(({ field, label, placeholder }) => {
        const problem = headerProblem(form, field);
        return (
          <div className="field" key={field}>
            <label htmlFor={`${id}-${field}`}>{label}</label>
            <input
              id={`${id}-${field}`}
              type="text"
              spellCheck={false}
              value={form.headers[field]}
              placeholder={placeholder}
              aria-invalid={problem !== null ? true : undefined}
              onChange={(e) => setHeader(field, e.target.value)}
            />
            {problem !== null && (
              <p className="field-error" role="alert">
                {problem}
              </p>
            )}
          </div>
        );
      })}
      <fieldset className={propStyles.metaFieldset}>
        <legend>{t('edit.userMetadata')}</legend>
        {form.metadata.length === 0 && <p className="muted">{t('details.noMetadata')}</p>}
        {form.metadata.map((row) => (
          <div className={propStyles.metaRow} key={row.id}>
            <input
              type="text"
              aria-label={t('edit.metadataName')}
              placeholder={t('edit.namePlaceholder')}
              spellCheck={false}
              value={row.name}
              onChange={(e) => setRow(row.id, 'name', e.target.value)}
            />
            <input
              type="text"
              aria-label={t('edit.metadataValue')}
              placeholder={t('edit.valuePlaceholder')}
              spellCheck={false}
              value={row.value}
              onChange={(e) => setRow(row.id, 'value', e.target.value)}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={
                row.name.trim() === '' ? t('edit.removeEmptyRow') : t('edit.removeMetadata', { name: row.name })
              }
              title={t('common:action.remove')}
              onClick={() => update((f) => ({ ...f, metadata: f.metadata.filter((r) => r.id !== row.id) }))}
            >
              <CloseIcon />
            </button>
          </div>
        ))}
        <p className="field-hint">{t('edit.metadataHint')}</p>
        {problems.metadata !== null && (
          <p className="field-error" role="alert">
            {problems.metadata}
          </p>
        )}
        <button
          type="button"
          className="button button-small"
          onClick={() => update((f) => ({ ...f, metadata: [...f.metadata, metadataRow()] }))}
        >
          {t('edit.addMetadata')}
        </button>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-class`}>{t('details.storageClass')}</label>
        <select
          id={`${id}-class`}
          value={form.storageClass}
          disabled={!classSupported}
          onChange={(e) => update((f) => ({ ...f, storageClass: e.target.value }))}
        >
          <option value="">{t('edit.keepClass', { storageClass: details.storageClass ?? 'STANDARD' })}</option>
          {storageClassOptions(details.storageClass).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        {!classSupported && <NotSupported />}
      </div>
      <PropsError error={error} />
      {!supported && <NotSupported />}
      <div className={propStyles.propActions}>
        <button type="button" className="button" onClick={onDone}>
          {t('common:action.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={busy || change === null || !supported}>
          {busy ? t('common:saving') : t('common:action.save')}
        </button>
      </div>
    </form>
  );
}
