/**
 * "photo.jpg already exists": asked while the queue holds a conflict (batches whose policy is
 * "Ask"). The answer can be remembered for the rest of that batch. The question comes from
 * the transfers snapshot, not from ui.dialog, so it can appear over whatever is open.
 */
import { useId, useState } from 'react';
import { baseName, parentPrefix } from '../../../shared/keys';
import type { ConflictChoice, ConflictQuestion } from '../../../shared/transfers';
import { useApp, useAppStore } from '../store';
import { formatDate, formatSize } from '../view-model/format';
import { Dialog, DialogActions } from './Dialog';

/** Where the existing item is, for the sentence: the local folder or the bucket folder. */
export function placeOf(question: Pick<ConflictQuestion, 'direction' | 'key' | 'localPath'>): string {
  if (question.direction === 'download') {
    const path = question.localPath ?? '';
    const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return `“${cut > 0 ? path.slice(0, cut) : path}”`;
  }
  const folder = parentPrefix(question.key);
  return folder === '' ? 'the top level of the bucket' : `the bucket folder “${folder}”`;
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

  const name = baseName(question.key) || question.name;
  const existing = question.existing;
  const facts = [
    existing.size !== null ? formatSize(existing.size) : null,
    existing.lastModified !== null ? `modified ${formatDate(existing.lastModified)}` : null,
  ].filter((f): f is string => f !== null);

  async function answer(choice: ConflictChoice): Promise<void> {
    setBusy(true);
    await store.getState().transfers.resolveConflict(question.jobId, choice, applyToBatch);
    setBusy(false);
  }

  return (
    // No Escape: the transfer waits for an answer, and "Skip" is the way to leave it alone.
    <Dialog title="The file already exists" onClose={() => undefined} dismissable={false}>
      <p id={`${id}-question`}>
        “{name}” already exists in {placeOf(question)}.
        {facts.length > 0 && <span className="muted"> The existing one: {facts.join(', ')}.</span>}
      </p>
      <p className="muted">
        {question.direction === 'upload' ? 'Uploading' : 'Downloading'} “{question.name}”.
      </p>
      <label className="field-check">
        <input type="checkbox" checked={applyToBatch} onChange={(e) => setApplyToBatch(e.target.checked)} />
        <span>
          Do this for the rest of the batch
          {waiting > 1 && <span className="muted"> ({waiting - 1} more waiting)</span>}
        </span>
      </label>
      <DialogActions>
        <button type="button" className="button" disabled={busy} data-autofocus onClick={() => void answer('skip')}>
          Skip
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void answer('rename')}>
          Keep both
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => void answer('overwrite')}>
          Overwrite
        </button>
      </DialogActions>
    </Dialog>
  );
}
