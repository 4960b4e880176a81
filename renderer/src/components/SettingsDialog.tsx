/** Settings: the secret-storage warning, the accounts (add, edit, remove), theme, transfers, about. */
import { useState } from 'react';
import type { AccountSummary } from '../../../shared/models';
import { useApp, useAppStore, type Theme } from '../store';
import { AccountForm } from './AccountForm';
import { Dialog, DialogActions, InlineError } from './Dialog';
import { WarningIcon } from './Icons';
import { TransferSettingsSection } from './TransferSettingsSection';
import { cx } from './cx';
import styles from './SettingsDialog.module.css';

const KIND_LABEL: Record<AccountSummary['kind'], string> = {
  qstorage: 'QStorage',
  s3: 'S3-compatible',
  sandbox: 'Local sandbox',
  quicksync: 'QuickSync',
};

function AccountRow({ account, onEdit }: { account: AccountSummary; onEdit: () => void }) {
  const store = useAppStore();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<{ message: string; code: string } | null>(null);
  const [busy, setBusy] = useState(false);

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
          {KIND_LABEL[account.kind]} · {account.endpoint}
          {account.keyHint !== '' && ` · ${account.keyHint}`}
        </span>
        {confirming && (
          <span className={styles.accountRowConfirm}>
            Remove “{account.name}”?{' '}
            {account.kind === 'quicksync'
              ? 'Its session token is forgotten on this computer; no file is deleted.'
              : 'Its keys are forgotten on this computer; nothing in the bucket is deleted.'}
          </span>
        )}
        <InlineError message={error?.message ?? null} code={error?.code} />
      </div>
      {confirming ? (
        <div className={styles.accountRowActions}>
          <button type="button" className="button danger" disabled={busy} onClick={() => void remove()}>
            Remove account
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </div>
      ) : (
        <div className={styles.accountRowActions}>
          {account.kind !== 'sandbox' && (
            <button type="button" className="button" aria-label={`Edit ${account.name}`} onClick={onEdit}>
              Edit
            </button>
          )}
          <button
            type="button"
            className="button"
            aria-label={`Remove ${account.name}`}
            onClick={() => setConfirming(true)}
          >
            Remove
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
  const [editing, setEditing] = useState<string | 'new' | null>(edit);
  const close = () => store.getState().ui.closeDialog();
  // Opened straight onto a form (e.g. "Add account"): leaving the form closes the dialog.
  const backToList = () => (edit === null ? setEditing(null) : close());
  const account = editing !== null && editing !== 'new' ? (accounts.find((a) => a.id === editing) ?? null) : null;
  const warning = info?.secretStorage.warning ?? null;

  const title = editing === 'new' ? 'Add account' : account !== null ? `Edit ${account.name}` : 'Settings';
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
            <h3 id="settings-accounts">Accounts</h3>
            {accounts.length === 0 ? (
              <p className="muted">No accounts yet: add your QStorage keys or open the local sandbox.</p>
            ) : (
              <ul className={styles.accountRows}>
                {accounts.map((a) => (
                  <AccountRow key={a.id} account={a} onEdit={() => setEditing(a.id)} />
                ))}
              </ul>
            )}
            <button type="button" className="button" onClick={() => setEditing('new')}>
              New account
            </button>
          </section>
          <section className={styles.settingsSection} aria-labelledby="settings-appearance">
            <h3 id="settings-appearance">Appearance</h3>
            <div className="field field-inline">
              <label htmlFor="settings-theme">Theme</label>
              <select
                id="settings-theme"
                value={theme}
                onChange={(e) => store.getState().ui.setTheme(e.target.value as Theme)}
              >
                <option value="system">Follow the system</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </div>
          </section>
          <TransferSettingsSection />
          {info !== null && (
            <p className={cx('muted', styles.about)}>
              QStorage Desktop {info.version} · {info.host === 'electron' ? 'desktop app' : 'browser host'} · secrets
              stored with {info.secretStorage.kind}
            </p>
          )}
          <DialogActions>
            <button type="button" className="button primary" onClick={close}>
              Done
            </button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
