/**
 * "photo.jpg already exists": asked while the queue holds a conflict (batches whose policy is
 * "Ask"). The answer can be remembered for the rest of that batch. The question comes from
 * the transfers snapshot, not from ui.dialog, so it can appear over whatever is open.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { baseName, parentPrefix } from '../../../shared/keys';
import type { ConflictChoice, ConflictQuestion } from '../../../shared/transfers';
import { i18n } from '../i18n';
import { useApp, useAppStore } from '../store';
import { formatDate, formatSize } from '../view-model/format';
import { Dialog, DialogActions } from './Dialog';

/** Where the existing item is, for the sentence: the local folder or the bucket folder. */
export function placeOf(question: Pick<ConflictQuestion, 'direction' | 'key' | 'localPath'>): string {
  if (question.direction === 'download') {
    const path = question.localPath ?? '';
    const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return i18n.t('transfers:conflict.localFolder', { folder: cut > 0 ? path.slice(0, cut) : path });
  }
  const folder = parentPrefix(question.key);
  return folder === '' ? i18n.t('transfers:conflict.bucketTop') : i18n.t('transfers:conflict.bucketFolder', { folder });
}

export function ConflictPrompt() {
  const question = useApp((s) => s.transfers.conflicts[0] ?? null);
  // Keyed by job: a new question starts with fresh state (the checkbox is per answer).
  return question === null ? null : <ConflictDialog key={question.jobId} question={question} />;
}

function ConflictDialog({ question }: { question: ConflictQuestion }) {
  const store = useAppStore();
  const waiting = useApp((s) => s.transfers.conflicts.length);
  const id = useId();
  const [applyToBatch, setApplyToBatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation('transfers');

  const name = baseName(question.key) || question.name;
  const existing = question.existing;
  const facts = [
    existing.size !== null ? formatSize(existing.size) : null,
    existing.lastModified !== null ? t('conflict.modified', { date: formatDate(existing.lastModified) }) : null,
  ].filter((f): f is string => f !== null);

  async function answer(choice: ConflictChoice): Promise<void> {
    setBusy(true);
    await store.getState().transfers.resolveConflict(question.jobId, choice, applyToBatch);
    setBusy(false);
  }

  return (
    // No Escape: the transfer waits for an answer, and "Skip" is the way to leave it alone.
    <Dialog title={t('conflict.title')} onClose={() => undefined} dismissable={false}>
      <p id={`${id}-question`}>
        {t('conflict.exists', { name, place: placeOf(question) })}
        {facts.length > 0 && <span className="muted"> {t('conflict.existing', { facts: facts.join(', ') })}</span>}
      </p>
      <p className="muted">
        {t(question.direction === 'upload' ? 'conflict.uploading' : 'conflict.downloading', { name: question.name })}
      </p>
      <label className="field-check">
        <input type="checkbox" checked={applyToBatch} onChange={(e) => setApplyToBatch(e.target.checked)} />
        <span>
          {t('conflict.applyToBatch')}
          {waiting > 1 && <span className="muted"> {t('conflict.moreWaiting', { count: waiting - 1 })}</span>}
        </span>
      </label>
      <DialogActions>
        <button type="button" className="button" disabled={busy} data-autofocus onClick={() => void answer('skip')}>
          {t('conflict.skip')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void answer('rename')}>
          {t('conflict.keepBoth')}
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => void answer('overwrite')}>
          {t('conflict.overwrite')}
        </button>
      </DialogActions>
    </Dialog>
  );
}
