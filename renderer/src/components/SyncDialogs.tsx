/** The sync view's confirmations: removing a pair (nothing is deleted), and running a plan's deletions. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/errors';
import type { SyncCount } from '../../../shared/sync';
import { useApp, useAppStore, type DeletionChoice } from '../store';
import { localDeletionsTrashed } from '../store/sync-slice';
import { formatSize } from '../view-model/format';
import { usePairNames } from './use-pair-names';
import { Dialog, FormActions, InlineError } from './Dialog';

export function SyncRemoveDialog({ pairId }: { pairId: string }) {
  const store = useAppStore();
  const pair = useApp((s) => s.sync.pairs.find((p) => p.id === pairId) ?? null);
  const names = usePairNames(pair);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const close = () => store.getState().ui.closeDialog();
  const { t } = useTranslation('sync');
  if (pair === null) return null;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    const result = await store.getState().sync.remove(pairId);
    setBusy(false);
    if (result.ok) close();
    else setError(result.error);
  }

  return (
    <Dialog title={t('remove.title', names)} onClose={close}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p>{t('remove.body', { ...names, path: pair.localFolder })}</p>
        <InlineError message={error?.message ?? null} code={error?.code} />
        <FormActions submitLabel={t('remove.submit')} onCancel={close} disabled={busy} />
      </form>
    </Dialog>
  );
}

/** "12 files (3.4 MB)". */
function useCountText(): (count: SyncCount) => string {
  const { t } = useTranslation('sync');
  return (count) => t('filesWithSize', { count: count.files, size: formatSize(count.bytes) });
}

export function SyncDeleteDialog(choice: DeletionChoice) {
  const store = useAppStore();
  const pair = useApp((s) => s.sync.pairs.find((p) => p.id === choice.pairId) ?? null);
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().ui.closeDialog();
  const names = usePairNames(pair);
  const countText = useCountText();
  const trashed = useApp((s) => localDeletionsTrashed(s.ui.info));
  const { t } = useTranslation('sync');
  if (pair === null) return null;
  const { remote, local } = choice;
  const files = remote.files + local.files;
  const where = { remote: names.remote, folder: pair.localFolder };
  const question =
    remote.files > 0 && local.files > 0
      ? t('delete.questionBoth', { ...where, remoteCount: countText(remote), localCount: countText(local) })
      : remote.files > 0
        ? t('delete.questionRemote', { ...where, what: countText(remote) })
        : t('delete.questionLocal', { ...where, what: countText(local) });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    await store.getState().sync.runDeletions(choice);
    setBusy(false);
    close();
  }

  return (
    <Dialog title={t('delete.title', { count: files })} onClose={close}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <div className="confirm-box">
          <p>{question}</p>
          {local.files > 0 && <p className="field-hint">{t(trashed ? 'delete.localTrash' : 'delete.localDeleted')}</p>}
          {(remote.files > 0 || !trashed) && <p className="field-hint">{t('delete.cannotUndo')}</p>}
        </div>
        <FormActions submitLabel={t('delete.submit', { count: files })} onCancel={close} disabled={busy} />
      </form>
    </Dialog>
  );
}
