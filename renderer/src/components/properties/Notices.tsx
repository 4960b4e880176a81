/** What a properties panel shows when the service lacks a feature, or a request failed. */
import type { AppError } from '../../../../shared/errors';
import type { Feature } from '../../../../shared/properties';
import { useApp } from '../../store';
import { NOT_SUPPORTED_MESSAGE } from '../../store/support-slice';
import { InlineError } from '../Dialog';
import '../../styles/properties-access.css';
import '../../styles/properties-pane.css';

/** Whether the account's service does this (true until it answered NotSupported once). */
export function useSupported(accountId: string, feature: Feature): boolean {
  return useApp((s) => s.support.isSupported(accountId, feature));
}

export function NotSupported() {
  return (
    <p className="prop-unsupported" role="status">
      {NOT_SUPPORTED_MESSAGE}
    </p>
  );
}

/** A failed load or change: its message and code; NotSupported is shown by `NotSupported` instead. */
export function PropsError({ error }: { error: AppError | null }) {
  if (error === null || error.code === 'NotSupported') return null;
  return <InlineError message={error.message} code={error.code} />;
}
