/** What a properties panel shows when the service lacks a capability, or a request failed. */
import { useTranslation } from 'react-i18next';
import type { Capability } from '../../../../shared/capabilities';
import type { AppError } from '../../../../shared/errors';
import { useApp } from '../../store';
import { InlineError } from '../Dialog';
import propStyles from './properties.module.css';

/** Whether the account's service does this (true until it answered NotSupported once). */
export function useSupported(accountId: string, capability: Capability): boolean {
  return useApp((s) => s.support.isSupported(accountId, capability));
}

export function NotSupported() {
  const { t } = useTranslation('properties');
  return (
    <p className={propStyles.propUnsupported} role="status">
      {t('notSupported')}
    </p>
  );
}

/** A failed load or change: its message and code; NotSupported is shown by `NotSupported` instead. */
export function PropsError({ error }: { error: AppError | null }) {
  if (error === null || error.code === 'NotSupported') return null;
  return <InlineError message={error.message} code={error.code} />;
}

/** What is wrong with a form's input, next to its fields (nothing when it is fine). */
export function FieldProblem({ problem }: { problem: string | null }) {
  if (problem === null) return null;
  return (
    <p className="field-error" role="alert">
      {problem}
    </p>
  );
}
