/**
 * What every upload into a bucket carries, whichever way it starts (drop, Upload files,
 * Upload folder): tags, a canned ACL, server-side encryption and a storage class. Kept for
 * this session only, so a public ACL chosen today is not silently applied after a restart.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CANNED_ACLS,
  SSE_ALGORITHMS,
  STORAGE_CLASSES,
  type CannedAcl,
  type Encryption,
  type Tag,
  type UploadObjectOptions,
} from '../../../../shared/properties';
import { encryptionRule, tagSetRule, MAX_OBJECT_TAGS } from '../../../../shared/property-rules';
import { ruleText } from '../../i18n/rules';
import { useApp, useAppStore } from '../../store';
import { algorithmLabel, cannedAclLabel } from '../../view-model/access-format';
import { Dialog, FormActions } from '../Dialog';
import { PublicWarningDialog } from './PublicWarningDialog';
import { TagRows } from './TagRows';
import { cx } from '../cx';
import propStyles from './properties.module.css';

type Algorithm = (typeof SSE_ALGORITHMS)[number];

const usesKmsKey = (a: Algorithm | ''): boolean => a === 'verenc' || a === 'verenc:dsse';

export function UploadOptionsDialog({ accountId, bucket }: { accountId: string; bucket: string }) {
  const store = useAppStore();
  const id = useId();
  const saved = useApp((s) => s.access.uploadOptionsFor(accountId, bucket));
  const classSupported = useApp((s) => s.support.isSupported(accountId, 'storageClass'));
  const [tags, setTags] = useState<Tag[]>(saved.tags);
  const [acl, setAcl] = useState<CannedAcl | ''>(saved.acl ?? '');
  const [algorithm, setAlgorithm] = useState<Algorithm | ''>(
    SSE_ALGORITHMS.find((a) => a === saved.encryption?.algorithm) ?? '',
  );
  const [kmsKeyId, setKmsKeyId] = useState(saved.encryption?.kmsKeyId ?? '');
  const [storageClass, setStorageClass] = useState(saved.storageClass ?? '');
  const [touched, setTouched] = useState(false);
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const close = () => store.getState().ui.closeDialog();
  const { t } = useTranslation('properties');

  const encryption: Encryption | null =
    algorithm === ''
      ? null
      : { algorithm, kmsKeyId: usesKmsKey(algorithm) && kmsKeyId.trim() !== '' ? kmsKeyId.trim() : null };
  const options: UploadObjectOptions = {
    tags,
    acl: acl === '' ? null : acl,
    encryption,
    storageClass: storageClass === '' ? null : storageClass,
  };
  const tagsProblem = ruleText(tagSetRule(tags, 'object'));
  const keyProblem = encryption === null ? null : ruleText(encryptionRule(encryption));

  function save(confirmed: boolean): void {
    const outcome = store.getState().access.setUploadOptions(accountId, bucket, options, confirmed);
    if (outcome.status === 'confirm') setWarnings(outcome.warnings);
    else if (outcome.status === 'done') close();
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    setTouched(true);
    if (tagsProblem === null && keyProblem === null) save(false);
  }

  const reset = (): void => {
    setTags([]);
    setAcl('');
    setAlgorithm('');
    setKmsKeyId('');
    setStorageClass('');
    setTouched(false);
  };

  return (
    <Dialog title={t('uploadOptions.dialogTitle', { bucket })} onClose={close} wide>
      <form className="form" onSubmit={submit} noValidate>
        <p className="field-hint">{t('uploadOptions.intro')}</p>
        <div role="group" aria-labelledby={`${id}-tags`}>
          <p id={`${id}-tags`} className={propStyles.propLegend}>
            {t('uploadOptions.tagsCount', { count: tags.length, max: MAX_OBJECT_TAGS })}
          </p>
          <TagRows
            tags={tags}
            onChange={(next) => {
              setTags(next);
              setTouched(true);
            }}
            showProblems={touched}
            emptyText={t('tags.none')}
          />
          {touched && tagsProblem !== null && (
            <p className="field-error" role="alert">
              {tagsProblem}
            </p>
          )}
        </div>
        <div className="field-row">
          <div className="field field-grow">
            <label htmlFor={`${id}-acl`}>{t('uploadOptions.acl')}</label>
            <select
              id={`${id}-acl`}
              value={acl}
              onChange={(e) => setAcl(CANNED_ACLS.find((c) => c === e.target.value) ?? '')}
            >
              <option value="">{t('uploadOptions.bucketDefault')}</option>
              {CANNED_ACLS.map((c) => (
                <option key={c} value={c}>
                  {cannedAclLabel(c)} ({c})
                </option>
              ))}
            </select>
          </div>
          <div className="field field-grow">
            <label htmlFor={`${id}-class`}>{t('details.storageClass')}</label>
            <select
              id={`${id}-class`}
              value={storageClass}
              disabled={!classSupported}
              aria-describedby={classSupported ? undefined : `${id}-class-hint`}
              onChange={(e) => setStorageClass(e.target.value)}
            >
              <option value="">{t('uploadOptions.bucketDefault')}</option>
              {STORAGE_CLASSES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            {!classSupported && (
              <p id={`${id}-class-hint`} className="field-hint">
                {t('notSupported')}
              </p>
            )}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sse`}>{t('tab.encryption')}</label>
          <select
            id={`${id}-sse`}
            value={algorithm}
            onChange={(e) => setAlgorithm(SSE_ALGORITHMS.find((a) => a === e.target.value) ?? '')}
          >
            <option value="">{t('uploadOptions.noEncryption')}</option>
            {SSE_ALGORITHMS.map((a) => (
              <option key={a} value={a}>
                {algorithmLabel(a)}
              </option>
            ))}
          </select>
        </div>
        {usesKmsKey(algorithm) && (
          <div className="field">
            <label htmlFor={`${id}-kms`}>{t('encryption.kmsKey')}</label>
            <input
              id={`${id}-kms`}
              type="text"
              value={kmsKeyId}
              spellCheck={false}
              placeholder={t('uploadOptions.kmsPlaceholder')}
              aria-invalid={touched && keyProblem !== null ? true : undefined}
              aria-describedby={`${id}-kms-hint`}
              onChange={(e) => {
                setKmsKeyId(e.target.value);
                setTouched(true);
              }}
            />
            <p
              id={`${id}-kms-hint`}
              className={touched && keyProblem !== null ? 'field-error' : 'field-hint'}
              role={touched && keyProblem !== null ? 'alert' : undefined}
            >
              {touched && keyProblem !== null ? keyProblem : t('uploadOptions.kmsHint')}
            </p>
          </div>
        )}
        <div className={cx(propStyles.propActions, propStyles.propActionsStart)}>
          <button type="button" className="button button-small" onClick={reset}>
            {t('uploadOptions.reset')}
          </button>
        </div>
        <FormActions
          submitLabel={t('uploadOptions.save')}
          onCancel={close}
          disabled={touched && (tagsProblem !== null || keyProblem !== null)}
        />
      </form>
      {warnings !== null && (
        <PublicWarningDialog
          title={t('uploadOptions.makePublic')}
          warnings={warnings}
          confirmLabel={t('uploadOptions.makePublicConfirm')}
          onCancel={() => setWarnings(null)}
          onConfirm={() => {
            setWarnings(null);
            save(true);
          }}
        />
      )}
    </Dialog>
  );
}
