/** A bucket's properties in tabs: tags, permissions, versioning, object lock, encryption, website. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../../store';
import { Dialog, DialogActions } from '../Dialog';
import { sandboxGate } from '../SandboxNotice';
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
  const { t } = useTranslation('properties');

  const tabs: TabSpec<BucketTab>[] = [
    { id: 'tags', label: t('tab.tags'), render: () => sandboxGate('bucketTags', <TagsPanel target={target} />) },
    {
      id: 'permissions',
      label: t('tab.permissions'),
      render: () => sandboxGate('bucketAcl', <AclPanel target={target} />),
    },
    {
      id: 'versioning',
      label: t('tab.versioning'),
      render: () => sandboxGate('versioning', <VersioningTab bucketRef={bucketRef} />),
    },
    {
      id: 'objectLock',
      label: t('tab.objectLock'),
      render: () => sandboxGate('objectLock', <BucketLockTab bucketRef={bucketRef} />),
    },
    {
      id: 'encryption',
      label: t('tab.encryption'),
      render: () => sandboxGate('bucketEncryption', <EncryptionTab bucketRef={bucketRef} />),
    },
    {
      id: 'website',
      label: t('tab.website'),
      render: () => sandboxGate('website', <WebsiteTab bucketRef={bucketRef} />),
    },
  ];

  return (
    <Dialog title={t('bucketTitle', { bucket })} onClose={close} wide className={styles.bucketProps}>
      <Tabs label={t('bucketTabs')} tabs={tabs} selected={tab} onSelect={setTab} />
      <DialogActions>
        <button type="button" className="button primary" onClick={close}>
          {t('common:action.done')}
        </button>
      </DialogActions>
    </Dialog>
  );
}
