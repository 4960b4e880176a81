/** The toolbar's "Upload options": opens the dialog, and says what uploads here carry when anything is set. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Capability } from '../../../../shared/capabilities';
import { selectHasCapability, useApp, useAppStore } from '../../store';
import { uploadOptionsSummary } from '../../view-model/access-format';
import { GearIcon } from '../Icons';
import styles from './UploadOptionsButton.module.css';
import toolbarStyles from '../Toolbar.module.css';

const UPLOAD_OPTION_CAPABILITIES: readonly Capability[] = [
  'objectTags',
  'objectAcl',
  'bucketEncryption',
  'storageClass',
];

export function UploadOptionsButton() {
  const store = useAppStore();
  const id = useId();
  const { t } = useTranslation('properties');
  const location = useApp((s) => s.objects.location);
  const summary = useApp((s) =>
    location === null ? null : uploadOptionsSummary(s.access.uploadOptionsFor(location.accountId, location.bucket)),
  );
  const declared = useApp((s) => UPLOAD_OPTION_CAPABILITIES.some((c) => selectHasCapability(c)(s)));
  // A service that turned out not to keep any of these: the button says so instead of offering them.
  const supported = useApp(
    (s) => location !== null && UPLOAD_OPTION_CAPABILITIES.some((c) => s.support.isSupported(location.accountId, c)),
  );
  // A provider without any of them (the local sandbox, QuickSync) shows no button at all.
  if (!declared) return null;
  return (
    <button
      type="button"
      className={toolbarStyles.toolButton}
      aria-label={t('uploadOptions.title')}
      aria-describedby={summary !== null ? id : undefined}
      title={
        location !== null && !supported ? t('notSupported') : summary === null ? undefined : t('uploadOptions.title')
      }
      disabled={!supported}
      onClick={() =>
        location !== null &&
        store
          .getState()
          .ui.openDialog({ kind: 'uploadOptions', accountId: location.accountId, bucket: location.bucket })
      }
    >
      <GearIcon />
      {/* Set options take the label's place: the toolbar has little room to spare. */}
      {summary === null ? (
        <span>{t('uploadOptions.title')}</span>
      ) : (
        <span id={id} className={styles.uploadOptionsSummary}>
          {summary}
        </span>
      )}
    </button>
  );
}
