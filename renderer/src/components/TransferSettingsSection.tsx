/**
 * Settings → Transfers: how many transfers and parts run at once, bandwidth limits, when to
 * upload in parts, retries, stalls and resuming. Checked in the form with the schema's own
 * ranges; saved with one settings:update and applied by the core at once.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/errors';
import type { TransferSettings } from '../../../shared/transfers';
import { useApp, useAppStore } from '../store';
import {
  NUMERIC_SETTINGS,
  checkDraft,
  draftFrom,
  fieldHint,
  fieldLabel,
  type NumericSetting,
  type SettingsDraft,
} from '../view-model/transfer-settings-form';
import { InlineError } from './Dialog';
import { cx } from './cx';
import settingsStyles from './SettingsDialog.module.css';
import styles from './TransferSettingsSection.module.css';

export function TransferSettingsSection() {
  const store = useAppStore();
  const settings = useApp((s) => s.transfers.settings);
  const { t } = useTranslation('settings');
  useEffect(() => {
    if (store.getState().transfers.settings === null) void store.getState().transfers.loadSettings();
  }, [store]);
  return (
    <section className={settingsStyles.settingsSection} aria-labelledby="settings-transfers">
      <h3 id="settings-transfers">{t('transfers.heading')}</h3>
      {settings === null ? (
        <p className="muted">{t('common:loading')}</p>
      ) : (
        <TransferSettingsForm settings={settings} />
      )}
    </section>
  );
}

function TransferSettingsForm({ settings }: { settings: TransferSettings }) {
  const store = useAppStore();
  const id = useId();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(settings));
  const [problems, setProblems] = useState<Partial<Record<NumericSetting, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const { t } = useTranslation('settings');

  const edit = (patch: Partial<SettingsDraft>): void => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(false);
    setError(null);
  };

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const checked = checkDraft(draft, settings);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    if (Object.keys(checked.patch).length === 0) {
      setSaved(true);
      return;
    }
    setBusy(true);
    const result = await store.getState().transfers.updateSettings(checked.patch);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setDraft(draftFrom(result.value.transfers));
    setSaved(true);
  }

  return (
    <form
      className={cx('form', styles.transferSettings)}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={t('transfers.formLabel')}
    >
      <div className={styles.transferSettingsGrid}>
        {NUMERIC_SETTINGS.map((field) => {
          const problem = problems[field];
          const hintId = `${id}-${field}-hint`;
          return (
            <div className="field" key={field}>
              <label htmlFor={`${id}-${field}`}>{fieldLabel(field)}</label>
              <input
                id={`${id}-${field}`}
                type="text"
                inputMode="decimal"
                value={draft[field]}
                disabled={busy}
                aria-invalid={problem !== undefined ? true : undefined}
                aria-describedby={hintId}
                onChange={(e) => edit({ [field]: e.target.value })}
              />
              <p id={hintId} className={problem !== undefined ? 'field-error' : 'field-hint'}>
                {problem ?? fieldHint(field)}
              </p>
            </div>
          );
        })}
      </div>
      <label className="field-check">
        <input
          type="checkbox"
          checked={draft.resumeOnStart}
          disabled={busy}
          onChange={(e) => edit({ resumeOnStart: e.target.checked })}
        />
        <span>{t('transfers.resumeOnStart')}</span>
      </label>
      <InlineError message={error?.message ?? null} code={error?.code} />
      <div className={styles.transferSettingsActions}>
        <button type="submit" className="button" disabled={busy}>
          {t('transfers.save')}
        </button>
        <span className="muted" role="status">
          {saved ? t('transfers.saved') : ''}
        </span>
      </div>
    </form>
  );
}
