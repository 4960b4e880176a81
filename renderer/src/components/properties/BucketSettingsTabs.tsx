/**
 * The bucket properties tabs for versioning and default encryption (object lock: BucketLockTab,
 * website: WebsiteTab). Each loads when shown, checks its form with the shared rules before
 * sending, and turns itself off where the service lacks it.
 */
import { useId, useState, type FormEvent } from 'react';
import {
  SSE_ALGORITHMS,
  type Encryption,
  type SseAlgorithm,
  type VersioningStatus,
} from '../../../../shared/properties';
import { encryptionProblem } from '../../../../shared/property-rules';
import { useAppStore } from '../../store';
import type { BucketRef } from '../../store/props-slice';
import { cx } from '../cx';
import { FieldProblem, PropsError, useSupported } from './Notices';
import { Loaded, SaveFooter, useBucketProp, useSave } from './bucket-tab-parts';
import propStyles from './properties.module.css';

const STATUS_TEXT: Record<VersioningStatus, string> = {
  Unversioned:
    'Versioning is off: overwriting or deleting an object loses its previous content. Once enabled, versioning can be suspended but never turned off.',
  Enabled: 'Every overwrite and delete keeps the previous version, which can be downloaded, restored or deleted.',
  Suspended:
    'New writes no longer keep previous versions (they replace the "null" version); the versions already kept stay.',
};

export function VersioningTab({ bucketRef }: { bucketRef: BucketRef }) {
  const store = useAppStore();
  const value = useBucketProp(bucketRef, 'versioning');
  const supported = useSupported(bucketRef.accountId, 'versioning');
  const { busy, error, save } = useSave<VersioningStatus>();
  const set = (status: 'Enabled' | 'Suspended') =>
    void save(() => store.getState().props.setVersioning(bucketRef, status));
  return (
    <Loaded value={value} supported={supported}>
      {(status) => (
        <div className={propStyles.propsForm}>
          <p role="status">
            Versioning: <strong>{status}</strong>
          </p>
          <p className="field-hint">{STATUS_TEXT[status]}</p>
          <PropsError error={error} />
          <div className={propStyles.propActions}>
            {status === 'Enabled' ? (
              <button type="button" className="button" disabled={busy} onClick={() => set('Suspended')}>
                Suspend versioning
              </button>
            ) : (
              <button type="button" className="button primary" disabled={busy} onClick={() => set('Enabled')}>
                Enable versioning
              </button>
            )}
          </div>
        </div>
      )}
    </Loaded>
  );
}

const ALGORITHM_LABEL: Record<string, string> = {
  AES256: 'AES256 (keys managed by the service)',
  verenc: 'verenc (QStorage verifiable encryption, QKMS key)',
  'verenc:dsse': 'verenc:dsse (dual-layer verifiable encryption)',
};

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
  const { busy, error, saved, save, touched } = useSave<Encryption | null>();
  const usesKey = algorithm !== '' && algorithm !== 'AES256';
  const choice: Encryption | null =
    algorithm === '' ? null : { algorithm, kmsKeyId: usesKey && kmsKeyId.trim() !== '' ? kmsKeyId.trim() : null };
  const problem = choice === null ? null : encryptionProblem(choice);
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
        <label htmlFor={`${id}-algorithm`}>Default encryption</label>
        <select
          id={`${id}-algorithm`}
          value={algorithm}
          onChange={(e) => {
            setAlgorithm(e.target.value as SseAlgorithm | '');
            touched();
          }}
        >
          <option value="">None</option>
          {options.map((a) => (
            <option key={a} value={a}>
              {ALGORITHM_LABEL[a] ?? a}
            </option>
          ))}
        </select>
        <p className="field-hint">Applies to objects written from now on; existing objects stay as they are.</p>
      </div>
      {usesKey && (
        <div className="field">
          <label htmlFor={`${id}-key`}>KMS key ID (optional)</label>
          <input
            id={`${id}-key`}
            type="text"
            spellCheck={false}
            value={kmsKeyId}
            placeholder="qkms:… or arn:verenc:…:key/…"
            onChange={(e) => {
              setKmsKeyId(e.target.value);
              touched();
            }}
          />
          <p className="field-hint">
            Only keys created in QConsole can decrypt through the S3 API: objects may become unreadable under another
            key.
          </p>
        </div>
      )}
      <FieldProblem problem={problem} />
      <SaveFooter
        label="Save encryption"
        error={error}
        saved={saved}
        disabled={busy || problem !== null || unchanged}
      />
    </form>
  );
}
