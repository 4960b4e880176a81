/** Settings: the secret-storage warning, the accounts (add, edit, remove), theme, language, transfers, about. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/models';
import { isLanguageChoice, LANGUAGES } from '../i18n';
import { useApp, useAppStore, type Theme } from '../store';
import { AccountForm } from './AccountForm';
import { Dialog, DialogActions, InlineError } from './Dialog';
import { WarningIcon } from './Icons';
import { TransferSettingsSection } from './TransferSettingsSection';
import { cx } from './cx';
import styles from './SettingsDialog.module.css';

function AccountRow({ account, onEdit }: { account: AccountSummary; onEdit: () => void }) {
  const store = useAppStore();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<{ message: string; code: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation('settings');

  async function remove(): Promise<void> {
    setBusy(true);
    const result = await store.getState().accounts.remove(account.id);
    setBusy(false);
    if (!result.ok) setError(result.error);
  }

  return (
    <li className={styles.accountRow}>
      <div className={styles.accountRowText}>
        <span className={styles.accountRowName}>{account.name}</span>
        <span className={styles.accountRowSub}>
          {t(`accounts:kind.${account.kind}`)} · {account.endpoint}
          {account.keyHint !== '' && ` · ${account.keyHint}`}
        </span>
        {confirming && (
          <span className={styles.accountRowConfirm}>
            {account.kind === 'quicksync'
              ? t('account.removeQuickSyncConfirm', { name: account.name })
              : t('account.removeConfirm', { name: account.name })}
          </span>
        )}
        <InlineError message={error?.message ?? null} code={error?.code} />
      </div>
      {confirming ? (
        <div className={styles.accountRowActions}>
          <button type="button" className="button danger" disabled={busy} onClick={() => void remove()}>
            {t('account.remove')}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {t('account.keep')}
          </button>
        </div>
      ) : (
        <div className={styles.accountRowActions}>
          {account.kind !== 'sandbox' && (
            <button
              type="button"
              className="button"
              aria-label={t('account.editNamed', { name: account.name })}
              onClick={onEdit}
            >
              {t('common:action.edit')}
            </button>
          )}
          <button
            type="button"
            className="button"
            aria-label={t('account.removeNamed', { name: account.name })}
            onClick={() => setConfirming(true)}
          >
            {t('common:action.remove')}
          </button>
        </div>
      )}
    </li>
  );
}

export function SettingsDialog({ edit }: { edit: string | 'new' | null }) {
  const store = useAppStore();
  const accounts = useApp((s) => s.accounts.list);
  const info = useApp((s) => s.ui.info);
  const theme = useApp((s) => s.ui.theme);
  const language = useApp((s) => s.ui.language);
  const { t } = useTranslation('settings');
  const [editing, setEditing] = useState<string | 'new' | null>(edit);
  const close = () => store.getState().ui.closeDialog();
  // Opened straight onto a form (e.g. "Add account"): leaving the form closes the dialog.
  const backToList = () => (edit === null ? setEditing(null) : close());
  const account = editing !== null && editing !== 'new' ? (accounts.find((a) => a.id === editing) ?? null) : null;
  const warning = info?.secretStorage.warning ?? null;

  const title =
    editing === 'new'
      ? t('account.add')
      : account !== null
        ? t('account.editNamed', { name: account.name })
        : t('title');
  return (
    <Dialog title={title} onClose={close} wide>
      {warning !== null && (
        <div className="banner banner-warning" role="status">
          <WarningIcon />
          <span>{warning}</span>
        </div>
      )}
      {editing !== null && (editing === 'new' || account !== null) ? (
        <AccountForm key={editing} account={account} onDone={backToList} />
      ) : (
        <>
          <section className={styles.settingsSection} aria-labelledby="settings-accounts">
            <h3 id="settings-accounts">{t('accounts.heading')}</h3>
            {accounts.length === 0 ? (
              <p className="muted">{t('accounts.empty')}</p>
            ) : (
              <ul className={styles.accountRows}>
                {accounts.map((a) => (
                  <AccountRow key={a.id} account={a} onEdit={() => setEditing(a.id)} />
                ))}
              </ul>
            )}
            <button type="button" className="button" onClick={() => setEditing('new')}>
              {t('accounts.new')}
            </button>
          </section>
          <section className={styles.settingsSection} aria-labelledby="settings-appearance">
            <h3 id="settings-appearance">{t('appearance.heading')}</h3>
            <div className="field field-inline">
              <label htmlFor="settings-theme">{t('appearance.theme')}</label>
              <select
                id="settings-theme"
                value={theme}
                onChange={(e) => store.getState().ui.setTheme(e.target.value as Theme)}
              >
                <option value="system">{t('appearance.themeSystem')}</option>
                <option value="light">{t('appearance.themeLight')}</option>
                <option value="dark">{t('appearance.themeDark')}</option>
              </select>
            </div>
            <div className="field field-inline">
              <label htmlFor="settings-language">{t('appearance.language')}</label>
              <select
                id="settings-language"
                value={language}
                onChange={(e) => {
                  if (isLanguageChoice(e.target.value)) store.getState().ui.setLanguage(e.target.value);
                }}
              >
                <option value="system">{t('appearance.languageSystem')}</option>
                {/* Each language by its own name, so it can be found whatever the UI's language. */}
                {LANGUAGES.map((code) => (
                  <option key={code} value={code} lang={code}>
                    {t(`appearance.languageName.${code}`, { lng: code })}
                  </option>
                ))}
              </select>
            </div>
          </section>
          <TransferSettingsSection />
          {info !== null && (
            <p className={cx('muted', styles.about)}>
              {t(info.host === 'electron' ? 'about.desktop' : 'about.browser', {
                version: info.version,
                storage: info.secretStorage.kind,
              })}
            </p>
          )}
          <DialogActions>
            <button type="button" className="button primary" onClick={close}>
              {t('common:action.done')}
            </button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
