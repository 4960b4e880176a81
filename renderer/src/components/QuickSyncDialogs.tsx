/** Deleting QuickSync files: confirm, then the batch's progress and summary. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { describeFileDeletion } from '../view-model/quicksync-files';
import { ConfirmDeleteDialog } from './ObjectDialogs';

export function DeleteFilesDialog({ fileKeys }: { fileKeys: string[] }) {
  const store = useAppStore();
  const { t } = useTranslation('quicksync');
  // Named once: the list is asked again after the deletion, and then they are gone.
  const [items] = useState(() => {
    const files = store.getState().quicksync.files;
    return fileKeys.map((k) => ({ key: k, label: files.find((f) => f.fileKey === k)?.name ?? k }));
  });
  const summary = describeFileDeletion(items.map((item) => item.label));
  return (
    <ConfirmDeleteDialog
      summary={summary}
      listLabel={t('delete.itemsLabel')}
      items={items}
      start={() => store.getState().quicksync.remove(fileKeys).operationId}
    />
  );
}
