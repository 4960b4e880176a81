/**
 * The ACL of a bucket (key null) or an object, in words: the owner and each grant (who, and
 * what they may do). Changed by a canned ACL, or by removing and adding grants; Apply asks
 * first when something would become public, then shows the ACL the server answers with.
 */
import { useId, useEffect, useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/errors';
import {
  ALL_USERS_URI,
  PERMISSIONS,
  type Acl,
  type AclChange,
  type CannedAcl,
  type Grant,
  type Grantee,
  type Permission,
} from '../../../../shared/properties';
import { aclFeature, targetId, type AccessTarget } from '../../store/access-slice';
import { NOT_SUPPORTED_MESSAGE } from '../../store/support-slice';
import { useApp, useAppStore } from '../../store';
import {
  CANNED_ACL_LABELS,
  GRANTEE_TYPE_LABELS,
  GRANT_GROUPS,
  PERMISSION_LABELS,
  cannedAclsFor,
  granteeDetail,
  granteeLabel,
  granteeOf,
  grantValueProblem,
} from '../../view-model/access-format';
import { InlineError } from '../Dialog';
import { CloseIcon, PlusIcon } from '../Icons';
import { PublicWarningDialog } from './PublicWarningDialog';
import '../../styles/properties-access.css';

export function AclPanel({ target }: { target: { accountId: string; bucket: string; key: string | null } }) {
  const store = useAppStore();
  const { accountId, bucket, key } = target;
  const id = targetId(target);
  const supported = useApp((s) => s.support.isSupported(accountId, aclFeature(target)));
  const loaded = useApp((s) => s.access.acls[id]);
  const [notice, setNotice] = useState<{ id: string; text: string } | null>(null);

  useEffect(() => {
    if (supported) void store.getState().access.loadAcl({ accountId, bucket, key });
  }, [store, supported, accountId, bucket, key]);

  if (!supported) {
    return (
      <div className="prop-panel">
        <p className="prop-unsupported">{NOT_SUPPORTED_MESSAGE}</p>
        <fieldset className="prop-fieldset" disabled>
          <legend className="visually-hidden">Permissions</legend>
          <CannedSelect scope={key === null ? 'bucket' : 'object'} value="" onChange={() => undefined} />
          <div className="prop-actions">
            <button type="button" className="button primary">
              Apply
            </button>
          </div>
        </fieldset>
      </div>
    );
  }
  if (loaded === undefined || loaded.status === 'loading') {
    return (
      <p className="muted" aria-busy="true">
        Loading permissions…
      </p>
    );
  }
  if (loaded.status === 'error') {
    return (
      <div className="prop-panel">
        <InlineError message={`Could not load the permissions: ${loaded.error.message}`} code={loaded.error.code} />
        <button
          type="button"
          className="button button-small"
          onClick={() => void store.getState().access.loadAcl(target)}
        >
          Try again
        </button>
      </div>
    );
  }
  return (
    <div className="prop-panel">
      <AclEditor
        key={`${id}#${loaded.revision}`}
        target={target}
        acl={loaded.value}
        onEdit={() => setNotice(null)}
        onApplied={() => setNotice({ id, text: 'Permissions applied. This is what the server now has.' })}
      />
      {notice?.id === id && (
        <p role="status" className="prop-notice">
          {notice.text}
        </p>
      )}
    </div>
  );
}

const sameGrant = (a: Grant, b: Grant): boolean =>
  a.permission === b.permission && granteeKey(a.grantee) === granteeKey(b.grantee);

function granteeKey(g: Grantee): string {
  if (g.type === 'Group') return `group:${g.uri}`;
  if (g.type === 'AmazonCustomerByEmail') return `email:${g.email.toLowerCase()}`;
  return `id:${g.id}`;
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
      <form className="form" onSubmit={submit} noValidate aria-label="Permissions">
        <dl className="details-list">
          <dt>Owner</dt>
          <dd>
            {owner}
            {owner !== acl.owner.id && <span className="prop-sub">{acl.owner.id}</span>}
          </dd>
        </dl>
        <fieldset className="prop-fieldset" disabled={busy || canned !== ''}>
          <legend className="prop-legend">Grants</legend>
          {grants.length === 0 ? (
            <p className="muted">No grants: only the owner has access.</p>
          ) : (
            <table className="prop-table" aria-label="Grants">
              <thead>
                <tr>
                  <th scope="col">Grantee</th>
                  <th scope="col">Permission</th>
                  <th scope="col" className="prop-table-action">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {grants.map((g, i) => {
                  const name = granteeLabel(g.grantee);
                  const detail = granteeDetail(g.grantee);
                  return (
                    <tr key={`${i}:${granteeKey(g.grantee)}:${g.permission}`}>
                      <td>
                        <span
                          className={g.grantee.type === 'Group' && g.grantee.uri === ALL_USERS_URI ? 'prop-public' : ''}
                        >
                          {name}
                        </span>
                        <span className="prop-sub">
                          {GRANTEE_TYPE_LABELS[g.grantee.type]}
                          {detail !== null && ` · ${detail}`}
                        </span>
                      </td>
                      <td>{PERMISSION_LABELS[g.permission]}</td>
                      <td className="prop-table-action">
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Remove ${PERMISSION_LABELS[g.permission]} for ${name}`}
                          title="Remove this grant"
                          onClick={() => {
                            setGrants(grants.filter((_, j) => j !== i));
                            edit();
                          }}
                        >
                          <CloseIcon />
                        </button>
                      </td>
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
        {canned !== '' && (
          <p className="field-hint">
            Apply replaces every grant of this {what} with “{CANNED_ACL_LABELS[canned]}”.
          </p>
        )}
        <InlineError
          message={error === null ? null : `Could not change the permissions: ${error.message}`}
          code={error?.code}
        />
        <div className="prop-actions">
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
            Revert
          </button>
          <button type="submit" className="button primary" disabled={!dirty || busy}>
            {busy ? 'Applying…' : 'Apply'}
          </button>
        </div>
      </form>
      {confirm !== null && (
        <PublicWarningDialog
          title={`Make this ${what} public?`}
          warnings={confirm.warnings}
          confirmLabel="Make public"
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
  return (
    <div className="field">
      <label htmlFor={`${id}-canned`}>Replace with a canned ACL</label>
      <select
        id={`${id}-canned`}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(choices.find((c) => c === e.target.value) ?? '')}
      >
        <option value="">No: apply the grants above</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {CANNED_ACL_LABELS[c]} ({c})
          </option>
        ))}
      </select>
    </div>
  );
}

const GRANTEE_TYPES: readonly Grantee['type'][] = ['CanonicalUser', 'AmazonCustomerByEmail', 'Group'];

function AddGrant({ existing, onAdd }: { existing: readonly Grant[]; onAdd: (grant: Grant) => void }) {
  const id = useId();
  const [type, setType] = useState<Grantee['type']>('CanonicalUser');
  const [value, setValue] = useState('');
  const [group, setGroup] = useState(GRANT_GROUPS[0] ?? '');
  const [permission, setPermission] = useState<Permission>('READ');
  const [problem, setProblem] = useState<string | null>(null);
  const typed = type === 'Group' ? group : value;

  function add(): void {
    const grant: Grant = { grantee: granteeOf(type, typed), permission };
    const found =
      grantValueProblem(type, typed) ??
      (existing.some((g) => sameGrant(g, grant)) ? 'This grant is already in the list.' : null);
    setProblem(found);
    if (found !== null) return;
    onAdd(grant);
    setValue('');
  }

  return (
    <div className="add-grant" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="prop-legend">
        Add a grant
      </p>
      <div className="add-grant-fields">
        <div className="field">
          <label htmlFor={`${id}-type`}>Grantee type</label>
          <select
            id={`${id}-type`}
            value={type}
            onChange={(e) => {
              setType(GRANTEE_TYPES.find((t) => t === e.target.value) ?? 'CanonicalUser');
              setProblem(null);
            }}
          >
            {GRANTEE_TYPES.map((t) => (
              <option key={t} value={t}>
                {GRANTEE_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        {type === 'Group' ? (
          <div className="field">
            <label htmlFor={`${id}-group`}>Group</label>
            <select id={`${id}-group`} value={group} onChange={(e) => setGroup(e.target.value)}>
              {GRANT_GROUPS.map((uri) => (
                <option key={uri} value={uri}>
                  {granteeLabel({ type: 'Group', uri })}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="field field-grow">
            <label htmlFor={`${id}-value`}>{type === 'CanonicalUser' ? 'Canonical user ID' : 'Email address'}</label>
            <input
              id={`${id}-value`}
              type="text"
              value={value}
              spellCheck={false}
              aria-invalid={problem !== null ? true : undefined}
              onChange={(e) => {
                setValue(e.target.value);
                setProblem(null);
              }}
              onKeyDown={(e) => {
                // Enter adds the grant here, instead of applying the whole form.
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-permission`}>Permission</label>
          <select
            id={`${id}-permission`}
            value={permission}
            onChange={(e) => setPermission(PERMISSIONS.find((p) => p === e.target.value) ?? 'READ')}
          >
            {PERMISSIONS.map((p) => (
              <option key={p} value={p}>
                {PERMISSION_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {problem !== null && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="button button-small add-grant-button" onClick={add}>
        <PlusIcon />
        Add grant
      </button>
    </div>
  );
}
