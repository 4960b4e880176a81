/**
 * Object lock in the UI: retain-until dates typed in local time (<input type="datetime-local">)
 * and sent as ISO, checked with the shared rule first; and how a retention reads.
 */
import type { ObjectRetention } from '../../../shared/properties';
import { retainUntilRule } from '../../../shared/property-rules';
import { ruleText } from '../i18n/rules';
import { i18n } from '../i18n';
import { formatDate } from './format';

const pad = (n: number): string => String(n).padStart(2, '0');

/** An ISO date-time as a datetime-local value (local time, to the minute); '' if not a date. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (local time) as an ISO date-time, or null when it is not a date. */
export function fromLocalInput(value: string): string | null {
  const t = new Date(value).getTime();
  return value.trim() === '' || Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Problem with a typed retain-until date, or null. */
export function retainInputProblem(value: string, now: number = Date.now()): string | null {
  return ruleText(retainUntilRule(fromLocalInput(value) ?? value, now));
}

/** A day from now: a retain-until date to start from. */
export function suggestedRetainUntil(now: number = Date.now()): string {
  return toLocalInput(new Date(now + 24 * 60 * 60 * 1000).toISOString());
}

export const retentionModeLabel = (mode: ObjectRetention['mode']): string => i18n.t(`properties:lock.mode.${mode}`);

export function describeRetention(r: ObjectRetention | null): string {
  return r === null
    ? i18n.t('properties:lock.noRetention')
    : i18n.t('properties:lock.retention', { mode: retentionModeLabel(r.mode), date: formatDate(r.retainUntil) });
}
