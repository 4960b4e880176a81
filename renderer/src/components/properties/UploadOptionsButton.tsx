/** The toolbar's "Upload options": opens the dialog, and says what uploads here carry when anything is set. */
import { useId } from 'react';
import type { Capability } from '../../../../shared/capabilities';
import { selectHasCapability, useApp, useAppStore } from '../../store';
import { NOT_SUPPORTED_MESSAGE } from '../../store/support-slice';
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
      aria-label="Upload options"
      aria-describedby={summary !== null ? id : undefined}
      title={location !== null && !supported ? NOT_SUPPORTED_MESSAGE : summary === null ? undefined : 'Upload options'}
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
        <span>Upload options</span>
      ) : (
        <span id={id} className={styles.uploadOptionsSummary}>
          {summary}
        </span>
      )}
    </button>
  );
}
