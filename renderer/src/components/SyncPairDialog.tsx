/**
 * A new sync pair, or a pair's settings: the local folder (the desktop app asks with its folder
 * dialog; the browser host has none, so the full path is typed, as for downloads), the bucket
 * folder, the direction, how files are compared, how conflicts are settled, deletions, ignore
 * rules (gitignore syntax, beside the defaults that always apply) and watching the folder.
 * QuickSync accounts sync upload only.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { capabilitiesOf } from '../../../shared/capabilities';
import { MAX_SYNC_IGNORE_CHARS } from '../../../shared/channels/sync';
import type { AppError } from '../../../shared/errors';
import {
  DEFAULT_SYNC_IGNORES,
  DEFAULT_SYNC_SETTINGS,
  SYNC_COMPARES,
  SYNC_CONFLICT_MODES,
  syncDirectionsFor,
  type SyncDirection,
  type SyncPairSettings,
} from '../../../shared/sync';
import { useApp, useAppStore } from '../store';
import { normalisePrefix } from '../view-model/sync-format';
import { usePairNames } from './use-pair-names';
import { ChoiceField } from './ChoiceField';
import { Dialog, FormActions, InlineError } from './Dialog';
import { LocalFolderField } from './LocalFolderField';
import styles from './SyncPairDialog.module.css';

const uploads = (direction: SyncDirection): boolean => direction !== 'download';

export function SyncPairDialog({
  accountId,
  bucket: initialBucket,
  prefix: initialPrefix,
  pairId,
}: {
  accountId: string;
  bucket: string;
  prefix: string;
  pairId: string | null;
}) {
  const store = useAppStore();
  const info = useApp((s) => s.ui.info);
  const pair = useApp((s) => (pairId === null ? null : (s.sync.pairs.find((p) => p.id === pairId) ?? null)));
  const kind = useApp((s) => s.accounts.list.find((a) => a.id === accountId)?.kind);
  const buckets = useApp((s) => s.buckets.list);
  const names = usePairNames(pair);
  const id = useId();
  const { t } = useTranslation('sync');
  const canBrowse = kind === undefined || capabilitiesOf(kind).has('buckets');
  const directions = syncDirectionsFor(canBrowse);
  const nativeDialog = info?.host === 'electron';

  const [settings, setSettings] = useState<SyncPairSettings>(() => {
    const start = pair ?? DEFAULT_SYNC_SETTINGS;
    const { direction, compare, conflicts, deleteMissing, ignore, watch } = start;
    return { direction, compare, conflicts, deleteMissing, ignore, watch };
  });
  const [localFolder, setLocalFolder] = useState('');
  const [bucket, setBucket] = useState(initialBucket);
  const [prefix, setPrefix] = useState(initialPrefix);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const close = () => store.getState().ui.closeDialog();
  const change = (next: Partial<SyncPairSettings>) => {
    setSettings((s) => ({ ...s, ...next }));
    setError(null);
  };

  const editing = pair !== null;
  const folderProblem = !editing && !nativeDialog && localFolder.trim() === '' ? t('pair.enterFolder') : null;
  const bucketProblem = !editing && canBrowse && bucket === '' ? t('pair.chooseBucket') : null;
  const problem = folderProblem ?? bucketProblem;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setTouched(true);
    if (problem !== null || busy) return;
    setBusy(true);
    setError(null);
    const sync = store.getState().sync;
    const values = { ...settings, watch: uploads(settings.direction) && settings.watch };
    if (pair !== null) {
      const result = await sync.update(pair.id, values);
      setBusy(false);
      if (result.ok) close();
      else setError(result.error);
      return;
    }
    const result = await sync.create({
      ...values,
      accountId,
      bucket,
      prefix: canBrowse ? normalisePrefix(prefix) : '',
      localFolder: nativeDialog ? null : localFolder.trim(),
    });
    setBusy(false);
    // A cancelled folder dialog leaves this one open, to choose again or cancel.
    if (result.ok && result.value.kind === 'created') close();
    else if (!result.ok) setError(result.error);
  }

  const deleteHint =
    settings.direction === 'upload'
      ? t('pair.deleteHint.upload')
      : settings.direction === 'download'
        ? t('pair.deleteHint.download')
        : t('pair.deleteHint.both');

  return (
    <Dialog title={editing ? t('pair.editTitle') : t('pair.newTitle')} onClose={close} wide>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {editing ? (
          <p className={styles.pairFixed}>{t('pair.fixed', { folder: pair.localFolder, remote: names.remote })}</p>
        ) : (
          <>
            <LocalFolderField
              nativeDialog={nativeDialog}
              value={localFolder}
              onChange={(value) => {
                setLocalFolder(value);
                setError(null);
              }}
              disabled={busy}
              problem={touched ? folderProblem : null}
              text={{ label: t('pair.localFolder'), hint: t('pair.folderHint'), chooseNext: t('pair.chooseNext') }}
            />
            {canBrowse ? (
              <div className="field-row">
                <div className="field">
                  <label htmlFor={`${id}-bucket`}>{t('pair.bucket')}</label>
                  <select
                    id={`${id}-bucket`}
                    value={bucket}
                    disabled={busy}
                    aria-invalid={touched && bucketProblem !== null ? true : undefined}
                    onChange={(e) => setBucket(e.target.value)}
                  >
                    {bucket === '' && <option value="">{t('pair.chooseBucket')}</option>}
                    {!buckets.some((b) => b.name === bucket) && bucket !== '' && (
                      <option value={bucket}>{bucket}</option>
                    )}
                    {buckets.map((b) => (
                      <option key={b.name} value={b.name}>
                        {b.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field field-grow">
                  <label htmlFor={`${id}-prefix`}>{t('pair.prefix')}</label>
                  <input
                    id={`${id}-prefix`}
                    type="text"
                    value={prefix}
                    spellCheck={false}
                    disabled={busy}
                    placeholder={t('pair.prefixPlaceholder')}
                    onChange={(e) => setPrefix(e.target.value)}
                  />
                </div>
              </div>
            ) : (
              <p className="field-hint">{t('pair.quicksyncTarget')}</p>
            )}
          </>
        )}

        <ChoiceField
          label={t('pair.direction')}
          value={settings.direction}
          options={directions}
          optionLabel={(d) => t(`direction.${d}`)}
          disabled={busy || directions.length === 1}
          onChange={(direction) => change({ direction })}
        />
        {!canBrowse && <p className="field-hint">{t('pair.quicksyncUploadOnly')}</p>}

        <ChoiceField
          label={t('pair.compare')}
          value={settings.compare}
          options={SYNC_COMPARES}
          optionLabel={(c) => t(`compare.${c}`)}
          disabled={busy}
          onChange={(compare) => change({ compare })}
        />

        {settings.direction === 'both' && (
          <ChoiceField
            label={t('pair.conflicts')}
            value={settings.conflicts}
            options={SYNC_CONFLICT_MODES}
            optionLabel={(c) => t(`conflicts.${c}`)}
            disabled={busy}
            onChange={(conflicts) => change({ conflicts })}
          />
        )}

        <label className="field-check">
          <input
            type="checkbox"
            checked={settings.deleteMissing}
            disabled={busy}
            aria-describedby={`${id}-delete-hint`}
            onChange={(e) => change({ deleteMissing: e.target.checked })}
          />
          {t('pair.deleteMissing')}
          <span id={`${id}-delete-hint`} className="field-hint">
            {deleteHint}
          </span>
        </label>

        {uploads(settings.direction) && (
          <label className="field-check">
            <input
              type="checkbox"
              checked={settings.watch}
              disabled={busy}
              aria-describedby={`${id}-watch-hint`}
              onChange={(e) => change({ watch: e.target.checked })}
            />
            {t('pair.watch')}
            <span id={`${id}-watch-hint`} className="field-hint">
              {t('pair.watchHint')}
            </span>
          </label>
        )}

        <div className="field">
          <label htmlFor={`${id}-ignore`}>{t('pair.ignore')}</label>
          <textarea
            id={`${id}-ignore`}
            className={styles.ignore}
            value={settings.ignore}
            rows={4}
            spellCheck={false}
            maxLength={MAX_SYNC_IGNORE_CHARS}
            disabled={busy}
            placeholder={t('pair.ignorePlaceholder')}
            aria-describedby={`${id}-ignore-hint`}
            onChange={(e) => change({ ignore: e.target.value })}
          />
          <p id={`${id}-ignore-hint`} className="field-hint">
            {t('pair.ignoreHint')} <code className={styles.defaults}>{DEFAULT_SYNC_IGNORES.join('  ')}</code>
          </p>
        </div>

        <InlineError message={error?.message ?? null} code={error?.code} />
        <FormActions
          submitLabel={editing ? t('common:action.save') : nativeDialog ? t('pair.chooseAndCreate') : t('pair.create')}
          onCancel={close}
          disabled={busy}
        />
      </form>
    </Dialog>
  );
}
