/** Renders the one open dialog from ui.dialog. */
import { useApp, type Dialog } from '../store';
import { CreateBucketDialog, DeleteBucketDialog } from './BucketDialogs';
import { ConflictPrompt } from './ConflictDialog';
import { DownloadDialog } from './DownloadDialog';
import { IncompleteUploadsDialog } from './IncompleteUploadsDialog';
import { DeleteObjectsDialog, NewFolderDialog, RenameDialog, TransferDialog } from './ObjectDialogs';
import { BucketPropertiesDialog } from './properties/BucketPropertiesDialog';
import { DeleteFilesDialog } from './QuickSyncDialogs';
import { ShareDialog } from './properties/ShareDialog';
import { UploadOptionsDialog } from './properties/UploadOptionsDialog';
import { SettingsDialog } from './SettingsDialog';
import { SyncDeleteDialog, SyncRemoveDialog } from './SyncDialogs';
import { SyncPairDialog } from './SyncPairDialog';

// Each opening gets its own component instance (no state carried over between two renames).
const instances = new WeakMap<Dialog, number>();
let nextInstance = 1;
const instanceOf = (dialog: Dialog): number => {
  let n = instances.get(dialog);
  if (n === undefined) instances.set(dialog, (n = nextInstance++));
  return n;
};

export function DialogHost() {
  const dialog = useApp((s) => s.ui.dialog);
  return (
    <>
      {dialog !== null && <OpenDialog key={instanceOf(dialog)} dialog={dialog} />}
      {/* Transfer conflicts ask whatever else is open: the queue waits for the answer. */}
      <ConflictPrompt />
    </>
  );
}

function OpenDialog({ dialog }: { dialog: Dialog }) {
  switch (dialog.kind) {
    case 'settings':
      return <SettingsDialog edit={dialog.edit} />;
    case 'createBucket':
      return <CreateBucketDialog />;
    case 'deleteBucket':
      return <DeleteBucketDialog bucket={dialog.bucket} />;
    case 'newFolder':
      return <NewFolderDialog />;
    case 'rename':
      return <RenameDialog itemKey={dialog.key} />;
    case 'deleteObjects':
      return <DeleteObjectsDialog keys={dialog.keys} />;
    case 'transfer':
      return <TransferDialog keys={dialog.keys} move={dialog.move} />;
    case 'download':
      return <DownloadDialog keys={dialog.keys} names={dialog.names} />;
    case 'deleteFiles':
      return <DeleteFilesDialog fileKeys={dialog.fileKeys} />;
    case 'incompleteUploads':
      return <IncompleteUploadsDialog bucket={dialog.bucket} />;
    case 'share':
      return <ShareDialog objectKey={dialog.key} />;
    case 'bucketProperties':
      return <BucketPropertiesDialog bucket={dialog.bucket} />;
    case 'uploadOptions':
      return <UploadOptionsDialog accountId={dialog.accountId} bucket={dialog.bucket} />;
    case 'syncPair':
      return <SyncPairDialog {...dialog} />;
    case 'syncRemove':
      return <SyncRemoveDialog pairId={dialog.pairId} />;
    case 'syncDelete':
      return <SyncDeleteDialog {...dialog} />;
  }
}
