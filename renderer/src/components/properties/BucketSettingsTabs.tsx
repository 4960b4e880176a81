/**
 * The bucket properties tabs for versioning and default encryption (object lock: BucketLockTab,
 * website: WebsiteTab). Each loads when shown, checks its form with the shared rules before
 * sending, and turns itself off where the service lacks it.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SSE_ALGORITHMS,
  type Encryption,
  type SseAlgorithm,
  type VersioningStatus,
} from '../../../../shared/properties';
import { encryptionRule } from '../../../../shared/property-rules';
import { ruleText } from '../../i18n/rules';
import { useAppStore } from '../../store';
import type { BucketRef } from '../../store/props-slice';
import { algorithmLabel } from '../../view-model/access-format';
import { cx } from '../cx';
import { FieldProblem, PropsError, useSupported } from './Notices';
import { Loaded, SaveFooter, useBucketProp, useSave } from './bucket-tab-parts';
import propStyles from './properties.module.css';

export function VersioningTab({ bucketRef }: { bucketRef: BucketRef }) {
  const store = useAppStore();
  const value = useBucketProp(bucketRef, 'versioning');
  const supported = useSupported(bucketRef.accountId, 'versioning');
  const { busy, error, save } = useSave<VersioningStatus>();
  const { t } = useTranslation('properties');
  const set = (status: 'Enabled' | 'Suspended') =>
    void save(() => store.getState().props.setVersioning(bucketRef, status));
  return (
    <Loaded value={value} supported={supported}>
      {(status) => (
        <div className={propStyles.propsForm}>
          <p role="status">
            {t('versioning.label')} <strong>{t(`versioning.status.${status}`)}</strong>
          </p>
          <p className="field-hint">{t(`versioning.explain.${status}`)}</p>
          <PropsError error={error} />
          <div className={propStyles.propActions}>
            {status === 'Enabled' ? (
              <button type="button" className="button" disabled={busy} onClick={() => set('Suspended')}>
                {t('versioning.suspend')}
              </button>
            ) : (
              <button type="button" className="button primary" disabled={busy} onClick={() => set('Enabled')}>
                {t('versioning.enable')}
              </button>
            )}
          </div>
        </div>
      )}
    </Loaded>
  );
}

export function EncryptionTab({ bucketRef }: { bucketRef: BucketRef }) {
  const value = useBucketProp(bucketRef, 'encryption');
  const supported = useSupported(bucketRef.accountId, 'bucketEncryption');
  return (
    <Loaded value={value} supported={supported}>
      {(encryption) => <EncryptionForm bucketRef={bucketRef} current={encryption} />}
    </Loaded>
  );
}

function EncryptionForm({ bucketRef, current }: { bucketRef: BucketRef; current: Encryption | null }) {
  const store = useAppStore();
  const id = useId();
  const [algorithm, setAlgorithm] = useState<SseAlgorithm | ''>(current?.algorithm ?? '');
  const [kmsKeyId, setKmsKeyId] = useState(current?.kmsKeyId ?? '');
  const { t } = useTranslation('properties');
  const { busy, error, saved, save, touched } = useSave<Encryption | null>();
  const usesKey = algorithm !== '' && algorithm !== 'AES256';
  const choice: Encryption | null =
    algorithm === '' ? null : { algorithm, kmsKeyId: usesKey && kmsKeyId.trim() !== '' ? kmsKeyId.trim() : null };
  const problem = choice === null ? null : ruleText(encryptionRule(choice));
  // Nothing to send: also spares radosgw 16 a DeleteBucketEncryption, which it takes for DeleteBucket.
  const unchanged = choice?.algorithm === current?.algorithm && choice?.kmsKeyId === current?.kmsKeyId;
  const options: string[] = [...SSE_ALGORITHMS];
  if (current !== null && !options.includes(current.algorithm)) options.push(current.algorithm);

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (problem !== null || unchanged || busy) return;
    void save(() => store.getState().props.setEncryption(bucketRef, choice));
  }

  return (
    <form className={cx('form', propStyles.propsForm)} onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-algorithm`}>{t('encryption.default')}</label>
        <select
          id={`${id}-algorithm`}
          value={algorithm}
          onChange={(e) => {
            setAlgorithm(e.target.value as SseAlgorithm | '');
            touched();
          }}
        >
          <option value="">{t('encryption.none')}</option>
          {options.map((a) => (
            <option key={a} value={a}>
              {algorithmLabel(a)}
            </option>
          ))}
        </select>
        <p className="field-hint">{t('encryption.fromNowOn')}</p>
      </div>
      {usesKey && (
        <div className="field">
          <label htmlFor={`${id}-key`}>{t('encryption.kmsKey')}</label>
          <input
            id={`${id}-key`}
            type="text"
            spellCheck={false}
            value={kmsKeyId}
            placeholder={t('encryption.kmsPlaceholder')}
            onChange={(e) => {
              setKmsKeyId(e.target.value);
              touched();
            }}
          />
          <p className="field-hint">{t('encryption.kmsHint')}</p>
        </div>
      )}
      <FieldProblem problem={problem} />
      <SaveFooter
        label={t('encryption.save')}
        error={error}
        saved={saved}
        disabled={busy || problem !== null || unchanged}
      />
    </form>
  );
}
