/**
 * What the local sandbox does not keep, said where the control would be: its emulator has no
 * tags, permissions, versions, lock, encryption or website hosting (shared/capabilities.ts),
 * yet a newcomer should see that those tabs exist. Other accounts without a capability still
 * have the tab left out.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Capability } from '../../../shared/capabilities';
import { selectHasCapability, selectIsSandbox, useApp, type AppState } from '../store';
import propStyles from './properties/properties.module.css';

type Lack = 'tags' | 'permissions' | 'versions' | 'lock' | 'encryption' | 'website';

const LACKS: Partial<Record<Capability, Lack>> = {
  objectTags: 'tags',
  bucketTags: 'tags',
  objectAcl: 'permissions',
  bucketAcl: 'permissions',
  versioning: 'versions',
  objectLock: 'lock',
  retention: 'lock',
  legalHold: 'lock',
  bucketEncryption: 'encryption',
  website: 'website',
};

/** Whether a property tab is shown: the account has the capability, or it is the sandbox (which says it lacks it). */
export const selectShowsPropertyTab =
  (capability: Capability) =>
  (s: AppState): boolean =>
    selectHasCapability(capability)(s) || selectIsSandbox(s);

/** The tab's panel where the account has the capability; the sandbox's sentence where it does not. */
export function SandboxGate({ capability, children }: { capability: Capability; children: ReactNode }) {
  const { t } = useTranslation('sandbox');
  const has = useApp(selectHasCapability(capability));
  const lack = LACKS[capability];
  if (has || lack === undefined) return children;
  return (
    <p className={propStyles.propUnsupported} role="status" data-sandbox-lacks={lack}>
      {t(`lacks.${lack}`)} {t('realAccount')}
    </p>
  );
}

/** A tab's panel behind SandboxGate. */
export const sandboxGate = (capability: Capability, panel: ReactNode) => (
  <SandboxGate capability={capability}>{panel}</SandboxGate>
);
