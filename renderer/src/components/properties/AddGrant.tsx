/** Adding one grant to an ACL being edited: who (a user, an email or a group) and what they may do. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS, type Grant, type Grantee, type Permission } from '../../../../shared/properties';
import {
  GRANT_GROUPS,
  granteeLabel,
  granteeOf,
  granteeTypeLabel,
  grantValueProblem,
  permissionLabel,
} from '../../view-model/access-format';
import { PlusIcon } from '../Icons';
import { FieldProblem } from './Notices';
import styles from './AddGrant.module.css';
import propStyles from './properties.module.css';

export const sameGrant = (a: Grant, b: Grant): boolean =>
  a.permission === b.permission && granteeKey(a.grantee) === granteeKey(b.grantee);

export function granteeKey(g: Grantee): string {
  if (g.type === 'Group') return `group:${g.uri}`;
  if (g.type === 'AmazonCustomerByEmail') return `email:${g.email.toLowerCase()}`;
  return `id:${g.id}`;
}

const GRANTEE_TYPES: readonly Grantee['type'][] = ['CanonicalUser', 'AmazonCustomerByEmail', 'Group'];

export function AddGrant({ existing, onAdd }: { existing: readonly Grant[]; onAdd: (grant: Grant) => void }) {
  const id = useId();
  const [type, setType] = useState<Grantee['type']>('CanonicalUser');
  const [value, setValue] = useState('');
  const [group, setGroup] = useState(GRANT_GROUPS[0] ?? '');
  const [permission, setPermission] = useState<Permission>('READ');
  const [problem, setProblem] = useState<string | null>(null);
  const typed = type === 'Group' ? group : value;
  const { t } = useTranslation('properties');

  function add(): void {
    const grant: Grant = { grantee: granteeOf(type, typed), permission };
    const found =
      grantValueProblem(type, typed) ?? (existing.some((g) => sameGrant(g, grant)) ? t('grant.duplicate') : null);
    setProblem(found);
    if (found !== null) return;
    onAdd(grant);
    setValue('');
  }

  return (
    <div className={styles.addGrant} role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className={propStyles.propLegend}>
        {t('grant.addTitle')}
      </p>
      <div className={styles.addGrantFields}>
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('grant.granteeType')}</label>
          <select
            id={`${id}-type`}
            value={type}
            onChange={(e) => {
              setType(GRANTEE_TYPES.find((g) => g === e.target.value) ?? 'CanonicalUser');
              setProblem(null);
            }}
          >
            {GRANTEE_TYPES.map((g) => (
              <option key={g} value={g}>
                {granteeTypeLabel(g)}
              </option>
            ))}
          </select>
        </div>
        {type === 'Group' ? (
          <div className="field">
            <label htmlFor={`${id}-group`}>{t('granteeType.Group')}</label>
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
            <label htmlFor={`${id}-value`}>{type === 'CanonicalUser' ? t('grant.userId') : t('grant.email')}</label>
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
          <label htmlFor={`${id}-permission`}>{t('grant.permission')}</label>
          <select
            id={`${id}-permission`}
            value={permission}
            onChange={(e) => setPermission(PERMISSIONS.find((p) => p === e.target.value) ?? 'READ')}
          >
            {PERMISSIONS.map((p) => (
              <option key={p} value={p}>
                {permissionLabel(p)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FieldProblem problem={problem} />
      <button type="button" className="button button-small" onClick={add}>
        <PlusIcon />
        {t('grant.add')}
      </button>
    </div>
  );
}
