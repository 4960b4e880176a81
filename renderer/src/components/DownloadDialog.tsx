/**
 * Download objects and folders to a folder on this computer. The desktop app asks with its
 * native folder dialog; the browser host has none, so it takes a folder path (prefilled with
 * the Downloads folder). Folders keep their structure below the folder shown in the list.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/errors';
import { baseName, isFolderKey } from '../../../shared/keys';
import type { ConflictPolicy } from '../../../shared/transfers';
import { selectPlace, useApp, useAppStore } from '../store';
import { ChoiceField } from './ChoiceField';
import { Dialog, FormActions, InlineError } from './Dialog';
import { LocalFolderField } from './LocalFolderField';

const LISTED = 6;

/** Labelled `transfers:policy.<value>`. */
const CONFLICT_POLICIES: ConflictPolicy[] = ['ask', 'overwrite', 'skip', 'rename'];

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
  const { t } = useTranslation('transfers');
  return (
    <ChoiceField
      label={t('policy.label')}
      value={value}
      options={CONFLICT_POLICIES}
      optionLabel={(policy) => t(`policy.${policy}`)}
      disabled={disabled}
      onChange={onChange}
    />
  );
}

/** `names`: how to call the items when the keys are not names (a QuickSync account's file keys). */
export function DownloadDialog({ keys, names }: { keys: string[]; names?: string[] | undefined }) {
  const store = useAppStore();
  const info = useApp((s) => s.ui.info);
  const location = useApp(selectPlace);
  const quicksync = useApp((s) => s.quicksync.place !== null);
  const nativeDialog = info?.host === 'electron';
  const [targetDir, setTargetDir] = useState(info?.downloadsDir ?? '');
  const [conflict, setConflict] = useState<ConflictPolicy>('ask');
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const close = () => store.getState().ui.closeDialog();
  const { t } = useTranslation('transfers');

  const folders = names === undefined ? keys.filter(isFolderKey).length : 0;
  const label = (i: number): string => {
    const key = keys[i] ?? '';
    return names?.[i] ?? (isFolderKey(key) ? `${baseName(key)}/` : baseName(key));
  };
  const title =
    keys.length === 1 ? t('download.titleOne', { name: label(0) }) : t('download.titleMany', { count: keys.length });
  const from = quicksync
    ? t('download.fromAccount')
    : t('download.fromFolder', { path: `${location?.bucket ?? ''}/${location?.prefix ?? ''}` });
  const problem = !nativeDialog && targetDir.trim() === '' ? t('download.enterFolder') : null;

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

  return (
    <Dialog title={title} onClose={close}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p>
          {folders === 0
            ? t('download.from', { from })
            : keys.length > folders
              ? t('download.foldersAndFiles', {
                  folders: t('common:count.folderWithContents', { count: folders }),
                  files: t('common:count.file', { count: keys.length - folders }),
                  from,
                })
              : t('download.folders', { folders: t('common:count.folderWithContents', { count: folders }), from })}
        </p>
        {keys.length > 1 && (
          <ul className="key-list" aria-label={t('download.itemsLabel')}>
            {keys.slice(0, LISTED).map((k, i) => (
              <li key={k}>{label(i)}</li>
            ))}
            {keys.length > LISTED && <li className="muted">{t('common:andMore', { count: keys.length - LISTED })}</li>}
          </ul>
        )}
        <LocalFolderField
          nativeDialog={nativeDialog}
          value={targetDir}
          onChange={(value) => {
            setTargetDir(value);
            setError(null);
          }}
          disabled={busy}
          problem={touched ? problem : null}
          text={{ label: t('download.toFolder'), hint: t('download.folderHint'), chooseNext: t('download.chooseNext') }}
        />
        <ConflictPolicyField value={conflict} onChange={setConflict} disabled={busy} />
        <InlineError message={error?.message ?? null} code={error?.code} />
        <FormActions
          submitLabel={nativeDialog ? t('download.chooseFolder') : t('common:action.download')}
          onCancel={close}
          disabled={busy}
        />
      </form>
    </Dialog>
  );
}
