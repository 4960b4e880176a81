/**
 * Download objects and folders to a folder on this computer. The desktop app asks with its
 * native folder dialog; the browser host has none, so it takes a folder path (prefilled with
 * the Downloads folder). Folders keep their structure below the folder shown in the list.
 */
import { useId, useState, type FormEvent } from 'react';
import type { AppError } from '../../../shared/errors';
import { baseName, isFolderKey } from '../../../shared/keys';
import type { ConflictPolicy } from '../../../shared/transfers';
import { selectPlace, useApp, useAppStore } from '../store';
import { formatCount, plural } from '../view-model/format';
import { Dialog, FormActions, InlineError } from './Dialog';

const LISTED = 6;

export const CONFLICT_OPTIONS: { value: ConflictPolicy; label: string }[] = [
  { value: 'ask', label: 'Ask' },
  { value: 'overwrite', label: 'Overwrite' },
  { value: 'skip', label: 'Skip' },
  { value: 'rename', label: 'Keep both' },
];

/** "If a file exists": the batch's conflict policy. */
export function ConflictPolicyField({
  value,
  onChange,
  disabled,
}: {
  value: ConflictPolicy;
  onChange: (value: ConflictPolicy) => void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="field field-inline">
      <label htmlFor={id}>If a file exists</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as ConflictPolicy)}>
        {CONFLICT_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** `names`: how to call the items when the keys are not names (a QuickSync account's file keys). */
export function DownloadDialog({ keys, names }: { keys: string[]; names?: string[] | undefined }) {
  const store = useAppStore();
  const info = useApp((s) => s.ui.info);
  const location = useApp(selectPlace);
  const quicksync = useApp((s) => s.quicksync.place !== null);
  const id = useId();
  const nativeDialog = info?.host === 'electron';
  const [targetDir, setTargetDir] = useState(info?.downloadsDir ?? '');
  const [conflict, setConflict] = useState<ConflictPolicy>('ask');
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const close = () => store.getState().ui.closeDialog();

  const folders = names === undefined ? keys.filter(isFolderKey).length : 0;
  const label = (i: number): string => {
    const key = keys[i] ?? '';
    return names?.[i] ?? (isFolderKey(key) ? `${baseName(key)}/` : baseName(key));
  };
  const what = keys.length === 1 ? `“${label(0)}”` : plural(keys.length, 'item');
  const from = quicksync ? 'this account’s files' : `“${location?.bucket ?? ''}/${location?.prefix ?? ''}”`;
  const problem = !nativeDialog && targetDir.trim() === '' ? 'Enter the folder to download into.' : null;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setTouched(true);
    if (problem !== null || busy) return;
    setBusy(true);
    setError(null);
    const result = await store.getState().transfers.download(keys, nativeDialog ? null : targetDir.trim(), conflict);
    setBusy(false);
    // A cancelled folder dialog leaves this one open, to choose again or cancel.
    if (result.ok && result.value.kind === 'started') close();
    else if (!result.ok) setError(result.error);
  }

  const showProblem = touched && problem !== null;
  return (
    <Dialog title={`Download ${what}`} onClose={close}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p>
          {folders > 0
            ? `${plural(folders, 'folder')} with everything in ${folders === 1 ? 'it' : 'them'}${
                keys.length > folders ? ` and ${plural(keys.length - folders, 'file')}` : ''
              }, from ${from}.`
            : `From ${from}.`}
        </p>
        {keys.length > 1 && (
          <ul className="key-list" aria-label="Items to download">
            {keys.slice(0, LISTED).map((k, i) => (
              <li key={k}>{label(i)}</li>
            ))}
            {keys.length > LISTED && <li className="muted">…and {formatCount(keys.length - LISTED)} more</li>}
          </ul>
        )}
        {nativeDialog ? (
          <p className="field-hint">You choose the folder next.</p>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-dir`}>Download to folder</label>
            <input
              id={`${id}-dir`}
              type="text"
              value={targetDir}
              spellCheck={false}
              disabled={busy}
              aria-invalid={showProblem ? true : undefined}
              aria-describedby={`${id}-hint`}
              onChange={(e) => {
                setTargetDir(e.target.value);
                setError(null);
              }}
            />
            <p id={`${id}-hint`} className={showProblem ? 'field-error' : 'field-hint'} aria-live="polite">
              {showProblem ? problem : 'A folder on the computer that runs the app.'}
            </p>
          </div>
        )}
        <ConflictPolicyField value={conflict} onChange={setConflict} disabled={busy} />
        <InlineError message={error?.message ?? null} code={error?.code} />
        <FormActions submitLabel={nativeDialog ? 'Choose folder…' : 'Download'} onCancel={close} disabled={busy} />
      </form>
    </Dialog>
  );
}
