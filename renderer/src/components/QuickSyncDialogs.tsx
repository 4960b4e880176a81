/** Deleting QuickSync files: confirm, then the batch's progress and summary. */
import { useState } from 'react';
import { useAppStore } from '../store';
import { formatCount } from '../view-model/format';
import { describeFileDeletion } from '../view-model/quicksync-files';
import { Dialog, DialogActions } from './Dialog';
import { useBatch } from './ObjectDialogs';
import { OperationView } from './OperationView';

const LISTED = 6;

export function DeleteFilesDialog({ fileKeys }: { fileKeys: string[] }) {
  const store = useAppStore();
  const batch = useBatch();
  const close = () => store.getState().ui.closeDialog();
  // Named once: the list is asked again after the deletion, and then they are gone.
  const [names] = useState(() => {
    const files = store.getState().quicksync.files;
    return fileKeys.map((k) => files.find((f) => f.fileKey === k)?.name ?? k);
  });
  const summary = describeFileDeletion(names);

  return (
    <Dialog title={summary.title} onClose={close}>
      {batch.operationId === null ? (
        <>
          <p>{summary.description}</p>
          <ul className="key-list" aria-label="Files to delete">
            {names.slice(0, LISTED).map((name, i) => (
              <li key={fileKeys[i]}>{name}</li>
            ))}
            {names.length > LISTED && <li className="muted">…and {formatCount(names.length - LISTED)} more</li>}
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
            <button
              type="button"
              className="button danger"
              onClick={() => batch.setOperationId(store.getState().quicksync.remove(fileKeys).operationId)}
            >
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
