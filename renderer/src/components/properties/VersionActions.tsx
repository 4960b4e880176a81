/**
 * Download, restore or delete one version of an object, each change after a confirmation.
 * Used in the Versions tab and, for a version row of the "Show versions" listing, in the pane.
 */
import { useId, useState } from 'react';
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
              Download
            </button>
          )}
          {!version.isDeleteMarker && !version.isLatest && (
            <button type="button" className="button button-small" onClick={() => setConfirming('restore')}>
              Restore
            </button>
          )}
          <button type="button" className="button button-small" onClick={() => setConfirming('delete')}>
            Delete
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
              ? 'Restore this version? It is copied over the current one and becomes the latest version; the versions in between are kept.'
              : version.isDeleteMarker
                ? 'Remove this delete marker permanently? If it is the latest, the version below it becomes current again.'
                : 'Delete this version permanently? This cannot be undone.'}
          </p>
          {confirming === 'delete' && (
            <CheckLine checked={bypass} onChange={setBypass}>
              Bypass governance retention
            </CheckLine>
          )}
          <div className={styles.versionButtons}>
            <button type="button" className="button button-small" onClick={() => setConfirming(null)} data-autofocus>
              Cancel
            </button>
            <button
              type="button"
              className={`button button-small ${confirming === 'delete' ? 'danger' : 'primary'}`}
              disabled={busy}
              onClick={() => void run(confirming)}
            >
              {confirming === 'restore' ? 'Restore version' : 'Delete version'}
            </button>
          </div>
        </div>
      )}
      {/* A refusal by object lock comes with its reason (hold, or retention until when) from the core. */}
      <PropsError error={error} />
    </div>
  );
}
