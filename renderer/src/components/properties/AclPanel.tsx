/**
 * The ACL of a bucket (key null) or an object, in words: the owner and each grant (who, and
 * what they may do). Changed by a canned ACL, or by removing and adding grants; Apply asks
 * first when something would become public, then shows the ACL the server answers with.
 */
import { useId, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors';
import { ALL_USERS_URI, type Acl, type AclChange, type CannedAcl, type Grant } from '../../../../shared/properties';
import { aclCapability, targetId, type AccessTarget } from '../../store/access-slice';
import { useApp, useAppStore } from '../../store';
import {
  cannedAclLabel,
  cannedAclsFor,
  granteeDetail,
  granteeLabel,
  granteeTypeLabel,
  permissionLabel,
} from '../../view-model/access-format';
import { InlineError } from '../Dialog';
import { AddGrant, granteeKey, sameGrant } from './AddGrant';
import { PropTableHead, RemoveRowCell } from './PropTable';
import { PublicWarningDialog } from './PublicWarningDialog';
import detailsStyles from '../DetailsPane.module.css';
import styles from './AclPanel.module.css';
import propStyles from './properties.module.css';

export function AclPanel({ target }: { target: { accountId: string; bucket: string; key: string | null } }) {
  const store = useAppStore();
  const { accountId, bucket, key } = target;
  const id = targetId(target);
  const supported = useApp((s) => s.support.isSupported(accountId, aclCapability(target)));
  const loaded = useApp((s) => s.access.acls[id]);
  const [notice, setNotice] = useState<{ id: string; text: string } | null>(null);
  const { t } = useTranslation('properties');

  useEffect(() => {
    if (supported) void store.getState().access.loadAcl({ accountId, bucket, key });
  }, [store, supported, accountId, bucket, key]);

  if (!supported) {
    return (
      <div className={propStyles.propPanel}>
        <p className={propStyles.propUnsupported}>{t('notSupported')}</p>
        <fieldset className={styles.propFieldset} disabled>
          <legend className="visually-hidden">{t('tab.permissions')}</legend>
          <CannedSelect scope={key === null ? 'bucket' : 'object'} value="" onChange={() => undefined} />
          <div className={propStyles.propActions}>
            <button type="button" className="button primary">
              {t('acl.apply')}
            </button>
          </div>
        </fieldset>
      </div>
    );
  }
  if (loaded === undefined || loaded.status === 'loading') {
    return (
      <p className="muted" aria-busy="true">
        {t('acl.loading')}
      </p>
    );
  }
  if (loaded.status === 'error') {
    return (
      <div className={propStyles.propPanel}>
        <InlineError message={t('acl.loadFailed', { message: loaded.error.message })} code={loaded.error.code} />
        <button
          type="button"
          className="button button-small"
          onClick={() => void store.getState().access.loadAcl(target)}
        >
          {t('common:action.tryAgain')}
        </button>
      </div>
    );
  }
  return (
    <div className={propStyles.propPanel}>
      <AclEditor
        key={`${id}#${loaded.revision}`}
        target={target}
        acl={loaded.value}
        onEdit={() => setNotice(null)}
        onApplied={() => setNotice({ id, text: t('acl.applied') })}
      />
      {notice?.id === id && (
        <p role="status" className={propStyles.propNotice}>
          {notice.text}
        </p>
      )}
    </div>
  );
}

function AclEditor({
  target,
  acl,
  onEdit,
  onApplied,
}: {
  target: AccessTarget;
  acl: Acl;
  onEdit: () => void;
  onApplied: () => void;
}) {
  const store = useAppStore();
  const [grants, setGrants] = useState<Grant[]>(acl.grants);
  const [canned, setCanned] = useState<CannedAcl | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [confirm, setConfirm] = useState<{ warnings: string[]; change: AclChange } | null>(null);
  const { t } = useTranslation('properties');
  const what = target.key === null ? 'bucket' : 'object';
  const grantsChanged = grants.length !== acl.grants.length || grants.some((g, i) => !sameGrant(g, acl.grants[i] ?? g));
  const dirty = canned !== '' || grantsChanged;
  const owner = acl.owner.displayName !== null && acl.owner.displayName !== '' ? acl.owner.displayName : acl.owner.id;

  const edit = (): void => {
    setError(null);
    onEdit();
  };

  async function apply(change: AclChange, confirmed: boolean): Promise<void> {
    setBusy(true);
    const outcome = await store.getState().access.applyAcl(target, change, confirmed);
    setBusy(false);
    if (outcome.status === 'confirm') setConfirm({ warnings: outcome.warnings, change });
    else if (outcome.status === 'failed') setError(outcome.error);
    else if (outcome.status === 'done') onApplied();
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!dirty || busy) return;
    void apply(canned !== '' ? { canned } : { grants }, false);
  }

  return (
    <>
      <form className="form" onSubmit={submit} noValidate aria-label={t('tab.permissions')}>
        <dl className={detailsStyles.detailsList}>
          <dt>{t('acl.owner')}</dt>
          <dd>
            {owner}
            {owner !== acl.owner.id && <span className={styles.propSub}>{acl.owner.id}</span>}
          </dd>
        </dl>
        <fieldset className={styles.propFieldset} disabled={busy || canned !== ''}>
          <legend className={propStyles.propLegend}>{t('acl.grants')}</legend>
          {grants.length === 0 ? (
            <p className="muted">{t('acl.noGrants')}</p>
          ) : (
            <table className={propStyles.propTable} aria-label={t('acl.grants')}>
              <PropTableHead columns={[t('acl.grantee'), t('grant.permission')]} />
              <tbody>
                {grants.map((g, i) => {
                  const name = granteeLabel(g.grantee);
                  const detail = granteeDetail(g.grantee);
                  return (
                    <tr key={`${i}:${granteeKey(g.grantee)}:${g.permission}`}>
                      <td>
                        <span
                          className={
                            g.grantee.type === 'Group' && g.grantee.uri === ALL_USERS_URI
                              ? styles.propPublic
                              : undefined
                          }
                        >
                          {name}
                        </span>
                        <span className={styles.propSub}>
                          {granteeTypeLabel(g.grantee.type)}
                          {detail !== null && ` · ${detail}`}
                        </span>
                      </td>
                      <td>{permissionLabel(g.permission)}</td>
                      <RemoveRowCell
                        label={t('acl.removeGrant', { permission: permissionLabel(g.permission), name })}
                        title={t('acl.removeThis')}
                        onRemove={() => {
                          setGrants(grants.filter((_, j) => j !== i));
                          edit();
                        }}
                      />
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <AddGrant
            existing={grants}
            onAdd={(grant) => {
              setGrants([...grants, grant]);
              edit();
            }}
          />
        </fieldset>
        <CannedSelect
          scope={what}
          value={canned}
          disabled={busy}
          onChange={(value) => {
            setCanned(value);
            edit();
          }}
        />
        {canned !== '' && <p className="field-hint">{t(`acl.cannedHint.${what}`, { acl: cannedAclLabel(canned) })}</p>}
        <InlineError
          message={error === null ? null : t('acl.applyFailed', { message: error.message })}
          code={error?.code}
        />
        <div className={propStyles.propActions}>
          <button
            type="button"
            className="button"
            disabled={!dirty || busy}
            onClick={() => {
              setGrants(acl.grants);
              setCanned('');
              edit();
            }}
          >
            {t('acl.revert')}
          </button>
          <button type="submit" className="button primary" disabled={!dirty || busy}>
            {busy ? t('acl.applying') : t('acl.apply')}
          </button>
        </div>
      </form>
      {confirm !== null && (
        <PublicWarningDialog
          title={t(`acl.makePublic.${what}`)}
          warnings={confirm.warnings}
          confirmLabel={t('acl.makePublicConfirm')}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const { change } = confirm;
            setConfirm(null);
            void apply(change, true);
          }}
        />
      )}
    </>
  );
}

function CannedSelect({
  scope,
  value,
  onChange,
  disabled = false,
}: {
  scope: 'object' | 'bucket';
  value: CannedAcl | '';
  onChange: (value: CannedAcl | '') => void;
  disabled?: boolean;
}) {
  const choices = cannedAclsFor(scope);
  const id = useId();
  const { t } = useTranslation('properties');
  return (
    <div className="field">
      <label htmlFor={`${id}-canned`}>{t('acl.cannedLabel')}</label>
      <select
        id={`${id}-canned`}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(choices.find((c) => c === e.target.value) ?? '')}
      >
        <option value="">{t('acl.cannedNone')}</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {cannedAclLabel(c)} ({c})
          </option>
        ))}
      </select>
    </div>
  );
}
