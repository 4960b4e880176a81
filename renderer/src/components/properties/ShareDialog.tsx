/**
 * Share link: a presigned download URL that lives 15 minutes to 7 days, optionally suggesting a
 * file name; shown with Copy, its expiry and a QR code (drawn here as SVG, nothing fetched).
 */
import { toString as qrSvg } from 'qrcode';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors';
import { baseName } from '../../../../shared/keys';
import type { ShareLink } from '../../../../shared/properties';
import { downloadNameRule } from '../../../../shared/property-rules';
import { ruleText } from '../../i18n/rules';
import { useApp, useAppStore } from '../../store';
import { formatDate } from '../../view-model/format';
import {
  CUSTOM_EXPIRY,
  DEFAULT_EXPIRY,
  EXPIRY_CHOICES,
  expiryLabel,
  expiryProblem,
  expirySeconds,
} from '../../view-model/share-expiry';
import { Dialog, DialogActions, FormActions } from '../Dialog';
import { NotSupported, PropsError, useSupported } from './Notices';
import { cx } from '../cx';
import styles from './ShareDialog.module.css';
import propStyles from './properties.module.css';

interface Created {
  link: ShareLink;
  /** The QR code as an SVG document. */
  qr: string;
}

export function ShareDialog({ objectKey }: { objectKey: string }) {
  const store = useAppStore();
  const location = useApp((s) => s.objects.location);
  const accountId = location?.accountId ?? '';
  const supported = useSupported(accountId, 'share');
  const id = useId();
  const [choice, setChoice] = useState(DEFAULT_EXPIRY);
  const [hours, setHours] = useState('2');
  const [minutes, setMinutes] = useState('0');
  const [downloadName, setDownloadName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const close = () => store.getState().ui.closeDialog();
  const name = baseName(objectKey);
  const { t } = useTranslation('properties');

  const expiry = expiryProblem(choice, hours, minutes);
  const nameProblem = downloadName === '' ? null : ruleText(downloadNameRule(downloadName));

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (location === null || expiry !== null || nameProblem !== null || busy || !supported) return;
    setBusy(true);
    setError(null);
    const result = await store.getState().props.share({
      accountId: location.accountId,
      bucket: location.bucket,
      key: objectKey,
      expiresInSeconds: expirySeconds(choice, hours, minutes),
      downloadName: downloadName === '' ? null : downloadName,
    });
    if (result.ok) setCreated({ link: result.value, qr: await qrSvg(result.value.url, { type: 'svg', margin: 1 }) });
    else setError(result.error);
    setBusy(false);
  }

  async function copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(t('share.copied'));
    } catch {
      setCopied(t('share.copyFailed'));
    }
  }

  if (created !== null)
    return (
      <Dialog title={t('share.title', { name })} onClose={close}>
        <div className="field">
          <label htmlFor={`${id}-url`}>{t('share.link')}</label>
          <div className={propStyles.copyRow}>
            <input id={`${id}-url`} type="text" readOnly value={created.link.url} onFocus={(e) => e.target.select()} />
            <button type="button" className="button" onClick={() => void copy(created.link.url)}>
              {t('share.copy')}
            </button>
          </div>
          <p className="field-hint" role="status">
            {copied ?? t('share.anyone')}
          </p>
        </div>
        <p>
          {t('share.expires')} <time dateTime={created.link.expiresAt}>{formatDate(created.link.expiresAt)}</time>
        </p>
        <img
          className={styles.shareQr}
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(created.qr)}`}
          alt={t('share.qr')}
          width={200}
          height={200}
        />
        <DialogActions>
          <button
            type="button"
            className="button"
            onClick={() => {
              setCreated(null);
              setCopied(null);
            }}
          >
            {t('share.newLink')}
          </button>
          <button type="button" className="button primary" onClick={close}>
            {t('common:action.done')}
          </button>
        </DialogActions>
      </Dialog>
    );

  return (
    <Dialog title={t('share.title', { name })} onClose={close}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className={propStyles.choiceFieldset} disabled={!supported}>
          <legend>{t('share.expiresAfter')}</legend>
          {EXPIRY_CHOICES.map((c) => (
            <label key={c.id} className={propStyles.checkLine}>
              <input
                type="radio"
                name={`${id}-expiry`}
                value={c.id}
                checked={choice === c.id}
                onChange={() => setChoice(c.id)}
              />
              {expiryLabel(c)}
            </label>
          ))}
          <label className={propStyles.checkLine}>
            <input
              type="radio"
              name={`${id}-expiry`}
              value={CUSTOM_EXPIRY}
              checked={choice === CUSTOM_EXPIRY}
              onChange={() => setChoice(CUSTOM_EXPIRY)}
            />
            {t('share.custom')}
          </label>
          {choice === CUSTOM_EXPIRY && (
            <div className={cx('field-row', styles.customExpiry)}>
              <div className="field">
                <label htmlFor={`${id}-hours`}>{t('share.hours')}</label>
                <input
                  id={`${id}-hours`}
                  type="text"
                  inputMode="numeric"
                  value={hours}
                  aria-invalid={expiry !== null ? true : undefined}
                  onChange={(e) => setHours(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-minutes`}>{t('share.minutes')}</label>
                <input
                  id={`${id}-minutes`}
                  type="text"
                  inputMode="numeric"
                  value={minutes}
                  aria-invalid={expiry !== null ? true : undefined}
                  onChange={(e) => setMinutes(e.target.value)}
                />
              </div>
            </div>
          )}
          {expiry !== null && (
            <p className="field-error" role="alert">
              {expiry}
            </p>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('share.downloadName')}</label>
          <input
            id={`${id}-name`}
            type="text"
            value={downloadName}
            placeholder={name}
            disabled={!supported}
            aria-invalid={nameProblem !== null ? true : undefined}
            onChange={(e) => setDownloadName(e.target.value)}
          />
          {nameProblem !== null ? (
            <p className="field-error" role="alert">
              {nameProblem}
            </p>
          ) : (
            <p className="field-hint">{t('share.downloadNameHint', { name })}</p>
          )}
        </div>
        {!supported && <NotSupported />}
        <PropsError error={error} />
        <FormActions
          submitLabel={busy ? t('share.creating') : t('share.create')}
          onCancel={close}
          disabled={busy || !supported || expiry !== null || nameProblem !== null}
        />
      </form>
    </Dialog>
  );
}
