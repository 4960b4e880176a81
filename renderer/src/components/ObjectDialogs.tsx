/** Dialogs of the object browser: new folder, rename, copy/move to…, delete. */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/errors';
import { baseName, isFolderKey, segmentNameRule } from '../../../shared/keys';
import { ruleText } from '../i18n/rules';
import { useApp, useAppStore, selectRun } from '../store';
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
  const { t } = useTranslation('browser');
  const problem = ruleText(segmentNameRule(name)) ?? (exists(`${prefix}${name}/`) ? t('newFolder.exists') : null);

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
    <Dialog title={t('newFolder.title')} onClose={close}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('newFolder.name')}</label>
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
            {showProblem ? problem : t('newFolder.createdIn', { path: `/${prefix}` })}
          </p>
        </div>
        <InlineError message={error?.message ?? null} code={error?.code} />
        <FormActions submitLabel={t('newFolder.submit')} onCancel={close} disabled={busy} />
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
  const { t } = useTranslation('browser');
  const plan = planRename(itemKey, name);
  const problem = !plan.ok ? plan.problem : exists(plan.value.target) ? t('rename.exists') : null;

  function submit(event: FormEvent): void {
    event.preventDefault();
    setTouched(true);
    if (!plan.ok || problem !== null) return;
    const started = store.getState().objects.copy([plan.value], true, t('rename.running', { name: original }));
    batch.setOperationId(started.operationId);
    // A clean rename needs no summary: close as soon as it is done.
    void started.done.then((run) => {
      if (run.status === 'done' && run.summary?.failed.length === 0) close();
    });
  }

  const showProblem = touched && problem !== null;
  return (
    <Dialog title={t('rename.title', { name: original })} onClose={close}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('rename.newName')}</label>
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
            {showProblem ? problem : isFolderKey(itemKey) ? t('rename.folderHint') : '\u00a0'}
          </p>
        </div>
        {batch.operationId !== null && <OperationView operationId={batch.operationId} />}
        <FormActions
          submitLabel={t('rename.submit')}
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
  const { t } = useTranslation('browser');
  const mode = move ? 'move' : 'copy';
  const one = keys.length === 1 ? { name: baseName(keys[0] ?? '') } : null;
  const words = (phrase: string): string =>
    one !== null ? t(`${mode}.${phrase}One`, one) : t(`${mode}.${phrase}Many`, { count: keys.length });

  function submit(event: FormEvent): void {
    event.preventDefault();
    setTouched(true);
    if (!plan.ok) return;
    const started = store.getState().objects.copy(plan.value, move, words('running'));
    batch.setOperationId(started.operationId);
  }

  const showProblem = touched && !plan.ok;
  const title = words('title');
  return (
    <Dialog title={title} onClose={close}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-target`}>{t('transferDialog.target')}</label>
          <input
            id={`${id}-target`}
            type="text"
            value={target}
            spellCheck={false}
            disabled={batch.operationId !== null}
            placeholder={t('transferDialog.placeholder')}
            aria-invalid={showProblem ? true : undefined}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              setTarget(e.target.value);
              setTouched(true);
            }}
          />
          <p id={`${id}-hint`} className={showProblem ? 'field-error' : 'field-hint'} aria-live="polite">
            {showProblem && !plan.ok ? plan.problem : t('transferDialog.hint', { bucket: location?.bucket ?? '' })}
          </p>
        </div>
        {batch.operationId !== null && <OperationView operationId={batch.operationId} />}
        <FormActions
          submitLabel={t(`${mode}.submit`)}
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
  const { t } = useTranslation('common');

  return (
    <Dialog title={summary.title} onClose={close}>
      {batch.operationId === null ? (
        <>
          <p>{summary.description}</p>
          <ul className="key-list" aria-label={listLabel}>
            {items.slice(0, LISTED).map((item) => (
              <li key={item.key}>{item.label}</li>
            ))}
            {items.length > LISTED && <li className="muted">{t('andMore', { count: items.length - LISTED })}</li>}
          </ul>
        </>
      ) : (
        <OperationView operationId={batch.operationId} />
      )}
      <DialogActions>
        {batch.operationId === null ? (
          <>
            <button type="button" className="button" onClick={close} data-autofocus>
              {t('action.cancel')}
            </button>
            <button type="button" className="button danger" onClick={() => batch.setOperationId(start())}>
              {t('action.delete')}
            </button>
          </>
        ) : (
          <button type="button" className="button primary" onClick={close} disabled={!batch.finished}>
            {t('action.close')}
          </button>
        )}
      </DialogActions>
    </Dialog>
  );
}

export function DeleteObjectsDialog({ keys }: { keys: string[] }) {
  const store = useAppStore();
  const { t } = useTranslation('browser');
  // Not memoised: cheap, and it must follow the UI's language.
  const summary = describeDeletion(keys);
  const items = useMemo(
    () => keys.map((k) => ({ key: k, label: isFolderKey(k) ? `${baseName(k)}/` : baseName(k) })),
    [keys],
  );
  return (
    <ConfirmDeleteDialog
      summary={summary}
      listLabel={t('delete.itemsLabel')}
      items={items}
      start={() => store.getState().objects.remove(keys).operationId}
    />
  );
}
