/** A bucket's properties in tabs: tags, permissions, versioning, object lock, encryption, website. */
import { useMemo, useState } from 'react';
import { useApp, useAppStore } from '../../store';
import { Dialog, DialogActions } from '../Dialog';
import { AclPanel } from './AclPanel';
import { BucketLockTab } from './BucketLockTab';
import { EncryptionTab, VersioningTab } from './BucketSettingsTabs';
import { WebsiteTab } from './WebsiteTab';
import { TagsPanel } from './TagsPanel';
import { Tabs, type TabSpec } from './Tabs';
import styles from './BucketPropertiesDialog.module.css';

type BucketTab = 'tags' | 'permissions' | 'versioning' | 'objectLock' | 'encryption' | 'website';

export function BucketPropertiesDialog({ bucket }: { bucket: string }) {
  const store = useAppStore();
  // The sidebar lists the selected account's buckets; the one open in the browser belongs to it too.
  const accountId = useApp((s) => s.accounts.selectedId) ?? '';
  const [tab, setTab] = useState<BucketTab>('tags');
  const bucketRef = useMemo(() => ({ accountId, bucket }), [accountId, bucket]);
  const target = useMemo(() => ({ accountId, bucket, key: null }), [accountId, bucket]);
  const close = () => store.getState().ui.closeDialog();

  const tabs: TabSpec<BucketTab>[] = [
    { id: 'tags', label: 'Tags', render: () => <TagsPanel target={target} /> },
    { id: 'permissions', label: 'Permissions', render: () => <AclPanel target={target} /> },
    { id: 'versioning', label: 'Versioning', render: () => <VersioningTab bucketRef={bucketRef} /> },
    { id: 'objectLock', label: 'Object lock', render: () => <BucketLockTab bucketRef={bucketRef} /> },
    { id: 'encryption', label: 'Encryption', render: () => <EncryptionTab bucketRef={bucketRef} /> },
    { id: 'website', label: 'Website', render: () => <WebsiteTab bucketRef={bucketRef} /> },
  ];

  return (
    <Dialog title={`Properties of “${bucket}”`} onClose={close} wide className={styles.bucketProps}>
      <Tabs label="Bucket properties" tabs={tabs} selected={tab} onSelect={setTab} />
      <DialogActions>
        <button type="button" className="button primary" onClick={close}>
          Done
        </button>
      </DialogActions>
    </Dialog>
  );
}
