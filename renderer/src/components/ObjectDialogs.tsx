/** Dialogs of the object browser: new folder, rename, copy/move to…, delete. */
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { AppError } from '../../../shared/errors';
import { baseName, isFolderKey, segmentNameProblem } from '../../../shared/keys';
import { useApp, useAppStore, selectRun } from '../store';
import { formatCount, plural } from '../view-model/format';
import { describeDeletion, planRename, planTransfer } from '../view-model/plans';
import { Dialog, DialogActions, FormActions, InlineError } from './Dialog';
import { OperationView } from './OperationView';

const useClose = () => {
  const store = useAppStore();
  return () => store.getState().ui.closeDialog();
};

/** Does a loaded entry in the current folder already have this key? */
const useExists = () => {
  const entries = useApp((s) => s.objects.entries);
  return (key: string) => entries.some((e) => e.key === key);
};

export function NewFolderDialog() {
  const store = useAppStore();
  const close = useClose();
  const exists = useExists();
  const prefix = useApp((s) => s.objects.location?.prefix ?? '');
  const id = useId();
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const problem =
    segmentNameProblem(name) ?? (exists(`${prefix}${name}/`) ? 'A folder with this name already exists here.' : null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setTouched(true);
    if (problem !== null) return;
    setBusy(true);
    setError(null);
    const result = await store.getState().objects.createFolder(name);
    setBusy(false);
    if (result.ok) close();
    else setError(result.error);
  }

  const showProblem = (touched || name !== '') && problem !== null;
  return (
    <Dialog title="New folder" onClose={close}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>Folder name</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            aria-invalid={showProblem ? true : undefined}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
          />
          <p id={`${id}-hint`} className={showProblem ? 'field-error' : 'field-hint'} aria-live="polite">
            {showProblem ? problem : `Created in /${prefix}`}
          </p>
        </div>
        <InlineError message={error?.message ?? null} code={error?.code} />
        <FormActions submitLabel="Create folder" onCancel={close} disabled={busy} />
      </form>
    </Dialog>
  );
}

/** Shared by rename and copy/move: once started, the dialog shows progress and then the summary. */
export function useBatch() {
  const [operationId, setOperationId] = useState<string | null>(null);
  const run = useApp(selectRun(operationId));
  return { operationId, setOperationId, run, finished: run !== null && run.status !== 'running' };
}

export function RenameDialog({ itemKey }: { itemKey: string }) {
  const store = useAppStore();
  const close = useClose();
  const exists = useExists();
  const id = useId();
  const original = baseName(itemKey);
  const [name, setName] = useState(original);
  const [touched, setTouched] = useState(false);
  const batch = useBatch();
  const plan = planRename(itemKey, name);
  const problem = !plan.ok
    ? plan.problem
    : exists(plan.value.target)
      ? 'Something with this name already exists here.'
      : null;

  function submit(event: FormEvent): void {
    event.preventDefault();
    setTouched(true);
    if (!plan.ok || problem !== null) return;
    const started = store.getState().objects.copy([plan.value], true, `Renaming “${original}”`);
    batch.setOperationId(started.operationId);
    // A clean rename needs no summary: close as soon as it is done.
    void started.done.then((run) => {
      if (run.status === 'done' && run.summary?.failed.length === 0) close();
    });
  }

  const showProblem = touched && problem !== null;
  return (
    <Dialog title={`Rename “${original}”`} onClose={close}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>New name</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            disabled={batch.operationId !== null}
            aria-invalid={showProblem ? true : undefined}
            aria-describedby={`${id}-hint`}
            onFocus={(e) => {
              // Select the name without its extension, like Finder.
              const dot = isFolderKey(itemKey) ? -1 : original.lastIndexOf('.');
              e.target.setSelectionRange(0, dot > 0 ? dot : original.length);
            }}
            onChange={(e) => {
              setName(e.target.value);
              setTouched(true);
            }}
          />
          <p id={`${id}-hint`} className={showProblem ? 'field-error' : 'field-hint'} aria-live="polite">
            {showProblem
              ? problem
              : isFolderKey(itemKey)
                ? 'Everything inside the folder is moved to the new name.'
                : '\u00a0'}
          </p>
        </div>
        {batch.operationId !== null && <OperationView operationId={batch.operationId} />}
        <FormActions
          submitLabel="Rename"
          onCancel={close}
          disabled={batch.operationId !== null}
          finished={batch.finished}
        />
      </form>
    </Dialog>
  );
}

export function TransferDialog({ keys, move }: { keys: string[]; move: boolean }) {
  const store = useAppStore();
  const close = useClose();
  const location = useApp((s) => s.objects.location);
  const id = useId();
  const [target, setTarget] = useState(location?.prefix ?? '');
  const [touched, setTouched] = useState(false);
  const batch = useBatch();
  const plan = planTransfer(keys, target, move);
  const verb = move ? 'Move' : 'Copy';
  const what = keys.length === 1 ? `“${baseName(keys[0] ?? '')}”` : plural(keys.length, 'item');

  function submit(event: FormEvent): void {
    event.preventDefault();
    setTouched(true);
    if (!plan.ok) return;
    const started = store.getState().objects.copy(plan.value, move, `${move ? 'Moving' : 'Copying'} ${what}`);
    batch.setOperationId(started.operationId);
  }

  const showProblem = touched && !plan.ok;
  return (
    <Dialog title={`${verb} ${what} to…`} onClose={close}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-target`}>Target folder</label>
          <input
            id={`${id}-target`}
            type="text"
            value={target}
            spellCheck={false}
            disabled={batch.operationId !== null}
            placeholder="folder/subfolder/"
            aria-invalid={showProblem ? true : undefined}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              setTarget(e.target.value);
              setTouched(true);
            }}
          />
          <p id={`${id}-hint`} className={showProblem ? 'field-error' : 'field-hint'} aria-live="polite">
            {showProblem && !plan.ok
              ? plan.problem
              : `A folder path in the bucket “${location?.bucket ?? ''}”; empty means its top level.`}
          </p>
        </div>
        {batch.operationId !== null && <OperationView operationId={batch.operationId} />}
        <FormActions
          submitLabel={verb}
          onCancel={close}
          disabled={batch.operationId !== null}
          finished={batch.finished}
        />
      </form>
    </Dialog>
  );
}

const LISTED = 6;

/** One item a deletion removes: its key, and how the list shows it. */
export interface DeletedItem {
  key: string;
  label: string;
}

/**
 * Confirms a deletion (what goes, the first few by name), then shows the batch's progress and
 * summary. `start` begins the deletion and returns its operation id.
 */
export function ConfirmDeleteDialog({
  summary,
  listLabel,
  items,
  start,
}: {
  summary: { title: string; description: string };
  listLabel: string;
  items: DeletedItem[];
  start: () => string;
}) {
  const close = useClose();
  const batch = useBatch();

  return (
    <Dialog title={summary.title} onClose={close}>
      {batch.operationId === null ? (
        <>
          <p>{summary.description}</p>
          <ul className="key-list" aria-label={listLabel}>
            {items.slice(0, LISTED).map((item) => (
              <li key={item.key}>{item.label}</li>
            ))}
            {items.length > LISTED && <li className="muted">…and {formatCount(items.length - LISTED)} more</li>}
          </ul>
        </>
      ) : (
        <OperationView operationId={batch.operationId} />
      )}
      <DialogActions>
        {batch.operationId === null ? (
          <>
            <button type="button" className="button" onClick={close} data-autofocus>
              Cancel
            </button>
            <button type="button" className="button danger" onClick={() => batch.setOperationId(start())}>
              Delete
            </button>
          </>
        ) : (
          <button type="button" className="button primary" onClick={close} disabled={!batch.finished}>
            Close
          </button>
        )}
      </DialogActions>
    </Dialog>
  );
}

export function DeleteObjectsDialog({ keys }: { keys: string[] }) {
  const store = useAppStore();
  const summary = useMemo(() => describeDeletion(keys), [keys]);
  const items = useMemo(
    () => keys.map((k) => ({ key: k, label: isFolderKey(k) ? `${baseName(k)}/` : baseName(k) })),
    [keys],
  );
  return (
    <ConfirmDeleteDialog
      summary={summary}
      listLabel="Items to delete"
      items={items}
      start={() => store.getState().objects.remove(keys).operationId}
    />
  );
}
