/** The toolbar's "Upload options": opens the dialog, and says what uploads here carry when anything is set. */
import { useId } from 'react';
import type { Feature } from '../../../../shared/properties';
import { selectHasFeature, useApp, useAppStore } from '../../store';
import { NOT_SUPPORTED_MESSAGE } from '../../store/support-slice';
import { uploadOptionsSummary } from '../../view-model/access-format';
import { GearIcon } from '../Icons';
import '../../styles/properties-access.css';

const UPLOAD_OPTION_FEATURES: readonly Feature[] = ['objectTags', 'objectAcl', 'bucketEncryption', 'storageClass'];

export function UploadOptionsButton() {
  const store = useAppStore();
  const id = useId();
  const location = useApp((s) => s.objects.location);
  const summary = useApp((s) =>
    location === null ? null : uploadOptionsSummary(s.access.uploadOptionsFor(location.accountId, location.bucket)),
  );
  const declared = useApp((s) => UPLOAD_OPTION_FEATURES.some((f) => selectHasFeature(f)(s)));
  // A service that turned out not to keep any of these: the button says so instead of offering them.
  const supported = useApp(
    (s) => location !== null && UPLOAD_OPTION_FEATURES.some((f) => s.support.isSupported(location.accountId, f)),
  );
  // A provider without any of them (the local sandbox, QuickSync) shows no button at all.
  if (!declared) return null;
  return (
    <button
      type="button"
      className={`tool-button${summary !== null ? ' has-upload-options' : ''}`}
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
        <span id={id} className="upload-options-summary">
          {summary}
        </span>
      )}
    </button>
  );
}
