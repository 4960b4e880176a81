/**
 * Download, restore or delete one version of an object, each change after a confirmation.
 * Used in the Versions tab and, for a version row of the "Show versions" listing, in the pane.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors';
import type { ObjectVersion } from '../../../../shared/properties';
import { useAppStore } from '../../store';
import type { ObjectRef } from '../../store/props-slice';
import { PropsError } from './Notices';
import styles from './VersionActions.module.css';
import { CheckLine } from './CheckLine';

export function VersionActions({ target, version }: { target: ObjectRef; version: ObjectVersion }) {
  const store = useAppStore();
  const id = useId();
  const [confirming, setConfirming] = useState<'restore' | 'delete' | null>(null);
  const [bypass, setBypass] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const props = () => store.getState().props;
  const { t } = useTranslation('properties');

  async function run(action: 'restore' | 'delete'): Promise<void> {
    setBusy(true);
    setError(null);
    const result =
      action === 'restore'
        ? await props().restoreVersion(target, version.versionId)
        : await props().deleteVersion(target, version.versionId, bypass);
    setBusy(false);
    if (result.ok) setConfirming(null);
    else setError(result.error);
  }

  return (
    <div className={styles.versionActions}>
      {confirming === null ? (
        <div className={styles.versionButtons}>
          {!version.isDeleteMarker && (
            <button
              type="button"
              className="button button-small"
              onClick={() => void store.getState().objects.download(target.key, version.versionId)}
            >
              {t('common:action.download')}
            </button>
          )}
          {!version.isDeleteMarker && !version.isLatest && (
            <button type="button" className="button button-small" onClick={() => setConfirming('restore')}>
              {t('versions.restore')}
            </button>
          )}
          <button type="button" className="button button-small" onClick={() => setConfirming('delete')}>
            {t('common:action.delete')}
          </button>
        </div>
      ) : (
        <div
          className={`confirm-box${confirming === 'restore' ? ' is-neutral' : ''}`}
          role="group"
          aria-labelledby={`${id}-confirm`}
        >
          <p id={`${id}-confirm`}>
            {confirming === 'restore'
              ? t('versions.confirmRestore')
              : version.isDeleteMarker
                ? t('versions.confirmRemoveMarker')
                : t('versions.confirmDelete')}
          </p>
          {confirming === 'delete' && (
            <CheckLine checked={bypass} onChange={setBypass}>
              {t('versions.bypass')}
            </CheckLine>
          )}
          <div className={styles.versionButtons}>
            <button type="button" className="button button-small" onClick={() => setConfirming(null)} data-autofocus>
              {t('common:action.cancel')}
            </button>
            <button
              type="button"
              className={`button button-small ${confirming === 'delete' ? 'danger' : 'primary'}`}
              disabled={busy}
              onClick={() => void run(confirming)}
            >
              {confirming === 'restore' ? t('versions.restoreVersion') : t('versions.deleteVersion')}
            </button>
          </div>
        </div>
      )}
      {/* A refusal by object lock comes with its reason (hold, or retention until when) from the core. */}
      <PropsError error={error} />
    </div>
  );
}
