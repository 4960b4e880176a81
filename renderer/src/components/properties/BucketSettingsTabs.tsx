/**
 * The bucket properties tabs that are the bucket's own settings: versioning, object lock's
 * default retention, default encryption and static website. Each loads when shown, checks its
 * form with the shared rules before sending, and turns itself off where the service lacks it.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { AppError, Result } from '../../../../shared/errors';
import {
  SSE_ALGORITHMS,
  type BucketObjectLock,
  type BucketWebsite,
  type DefaultRetention,
  type Encryption,
  type RetentionMode,
  type SseAlgorithm,
  type VersioningStatus,
} from '../../../../shared/properties';
import { defaultRetentionProblem, encryptionProblem, websiteProblem } from '../../../../shared/property-rules';
import { useApp, useAppStore } from '../../store';
import type { BucketPropLoads, BucketPropName, BucketPropValues, BucketRef, Loadable } from '../../store/props-slice';
import { RETENTION_MODE_LABEL } from '../../view-model/lock-form';
import { NotSupported, PropsError, useSupported } from './Notices';

/** The tab's value for this bucket, asked for when the tab mounts. */
function useBucketProp<K extends BucketPropName>(ref: BucketRef, name: K): Loadable<BucketPropValues[K]> | null {
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
function Loaded<T>({
  value,
  supported,
  children,
}: {
  value: Loadable<T> | null;
  supported: boolean;
  children: (value: T) => ReactNode;
}) {
  if (!supported) return <NotSupported />;
  if (value === null || value.status === 'loading')
    return (
      <p className="muted" aria-busy="true">
        Loading…
      </p>
    );
  if (value.status === 'error') return <PropsError error={value.error} />;
  return <>{children(value.value)}</>;
}

/** Sends a change; keeps its error for the form and says when it is saved. */
function useSave<T>() {
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

function SavedNote({ saved }: { saved: boolean }) {
  return (
    <p className="field-hint" role="status">
      {saved ? 'Saved.' : ''}
    </p>
  );
}

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
        <div className="props-form">
          <p role="status">
            Versioning: <strong>{status}</strong>
          </p>
          <p className="field-hint">{STATUS_TEXT[status]}</p>
          <PropsError error={error} />
          <div className="prop-actions">
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

export function BucketLockTab({ bucketRef }: { bucketRef: BucketRef }) {
  const value = useBucketProp(bucketRef, 'objectLock');
  const supported = useSupported(bucketRef.accountId, 'objectLock');
  return (
    <Loaded value={value} supported={supported}>
      {(lock) =>
        lock.enabled ? (
          <DefaultRetentionForm bucketRef={bucketRef} lock={lock} />
        ) : (
          <p role="status">
            Object lock is off for this bucket. It can only be enabled when the bucket is created (Create bucket →
            Object lock).
          </p>
        )
      }
    </Loaded>
  );
}

function DefaultRetentionForm({ bucketRef, lock }: { bucketRef: BucketRef; lock: BucketObjectLock }) {
  const store = useAppStore();
  const id = useId();
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
  const problem = on ? defaultRetentionProblem(retention) : null;

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (problem !== null || busy) return;
    void save(() => store.getState().props.setDefaultRetention(bucketRef, on ? retention : null));
  }

  return (
    <form className="form props-form" onSubmit={submit} noValidate>
      <p role="status">
        Object lock is on: objects can be given a retention date or a legal hold. It cannot be turned off.
      </p>
      <label className="check-line">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => {
            setOn(e.target.checked);
            touched();
          }}
        />
        Retain new objects by default
      </label>
      {on && (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-mode`}>Mode</label>
            <select
              id={`${id}-mode`}
              value={mode}
              onChange={(e) => {
                setMode(e.target.value as RetentionMode);
                touched();
              }}
            >
              <option value="GOVERNANCE">{RETENTION_MODE_LABEL.GOVERNANCE}</option>
              <option value="COMPLIANCE">{RETENTION_MODE_LABEL.COMPLIANCE}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-amount`}>Period</label>
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
            <label htmlFor={`${id}-unit`}>Unit</label>
            <select
              id={`${id}-unit`}
              value={unit}
              onChange={(e) => {
                setUnit(e.target.value as 'days' | 'years');
                touched();
              }}
            >
              <option value="days">days</option>
              <option value="years">years</option>
            </select>
          </div>
        </div>
      )}
      {problem !== null && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <PropsError error={error} />
      <SavedNote saved={saved} />
      <div className="prop-actions">
        <button type="submit" className="button primary" disabled={busy || problem !== null}>
          Save default retention
        </button>
      </div>
    </form>
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
    <form className="form props-form" onSubmit={submit} noValidate>
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
      {problem !== null && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <PropsError error={error} />
      <SavedNote saved={saved} />
      <div className="prop-actions">
        <button type="submit" className="button primary" disabled={busy || problem !== null || unchanged}>
          Save encryption
        </button>
      </div>
    </form>
  );
}

export function WebsiteTab({ bucketRef }: { bucketRef: BucketRef }) {
  const value = useBucketProp(bucketRef, 'website');
  const supported = useSupported(bucketRef.accountId, 'website');
  return (
    <Loaded value={value} supported={supported}>
      {(website) => <WebsiteForm bucketRef={bucketRef} current={website} />}
    </Loaded>
  );
}

function WebsiteForm({ bucketRef, current }: { bucketRef: BucketRef; current: BucketWebsite }) {
  const store = useAppStore();
  const id = useId();
  const [on, setOn] = useState(current.config !== null);
  const [indexDocument, setIndex] = useState(current.config?.indexDocument ?? 'index.html');
  const [errorDocument, setErrorDocument] = useState(current.config?.errorDocument ?? '');
  const [copied, setCopied] = useState<string | null>(null);
  const { busy, error, saved, save, touched } = useSave<BucketWebsite>();
  const config = on ? { indexDocument, errorDocument: errorDocument === '' ? null : errorDocument } : null;
  const problem = config === null ? null : websiteProblem(config);

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (problem !== null || busy) return;
    void save(() => store.getState().props.setWebsite(bucketRef, config));
  }

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(current.publicUrl);
      setCopied('Copied');
    } catch {
      setCopied('Could not copy here: select the address and copy it.');
    }
  }

  return (
    <form className="form props-form" onSubmit={submit} noValidate>
      <label className="check-line">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => {
            setOn(e.target.checked);
            touched();
          }}
        />
        Serve this bucket as a static website
      </label>
      {on && (
        <>
          <div className="field">
            <label htmlFor={`${id}-index`}>Index document</label>
            <input
              id={`${id}-index`}
              type="text"
              spellCheck={false}
              value={indexDocument}
              onChange={(e) => {
                setIndex(e.target.value);
                touched();
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-error`}>Error document (optional)</label>
            <input
              id={`${id}-error`}
              type="text"
              spellCheck={false}
              value={errorDocument}
              placeholder="error.html"
              onChange={(e) => {
                setErrorDocument(e.target.value);
                touched();
              }}
            />
          </div>
        </>
      )}
      {problem !== null && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {current.config !== null && (
        <div className="field">
          <label htmlFor={`${id}-url`}>Website address</label>
          <div className="copy-row">
            <input id={`${id}-url`} type="text" readOnly value={current.publicUrl} onFocus={(e) => e.target.select()} />
            <button type="button" className="button" onClick={() => void copy()}>
              Copy
            </button>
          </div>
          <p className="field-hint" role="status">
            {copied ?? 'Visitors see the objects that are public (for example through a public-read ACL).'}
          </p>
        </div>
      )}
      <PropsError error={error} />
      <SavedNote saved={saved} />
      <div className="prop-actions">
        <button type="submit" className="button primary" disabled={busy || problem !== null}>
          Save website
        </button>
      </div>
    </form>
  );
}
