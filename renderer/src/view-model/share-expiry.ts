/**
 * How long a share link lives: four usual choices and a custom length in hours and minutes,
 * checked with the shared rule (15 minutes to 7 days) before anything is sent.
 */
import { shareExpiryRule } from '../../../shared/property-rules';
import { ruleText } from '../i18n/rules';
import { i18n } from '../i18n';

/** A usual length, worded `properties:share.expiry.<id>`. */
export interface ExpiryChoice {
  id: string;
  seconds: number;
}

export const EXPIRY_CHOICES: readonly ExpiryChoice[] = [
  { id: '15m', seconds: 15 * 60 },
  { id: '1h', seconds: 60 * 60 },
  { id: '1d', seconds: 24 * 60 * 60 },
  { id: '7d', seconds: 7 * 24 * 60 * 60 },
];

/** "15 minutes", "1 hour"… in the UI's language. */
export const expiryLabel = (choice: ExpiryChoice): string => i18n.t(`properties:share.expiry.${choice.id}`);

export const CUSTOM_EXPIRY = 'custom';
export const DEFAULT_EXPIRY = '1h';

const WHOLE = /^\d{1,6}$/;

/** Seconds for a choice id, or for the custom hours and minutes typed (blank counts as 0). */
export function expirySeconds(choice: string, hours: string, minutes: string): number {
  const fixed = EXPIRY_CHOICES.find((c) => c.id === choice);
  if (fixed !== undefined) return fixed.seconds;
  const h = hours.trim() === '' ? '0' : hours.trim();
  const m = minutes.trim() === '' ? '0' : minutes.trim();
  // Not whole numbers: NaN, which the rule refuses like any other out-of-range length.
  if (!WHOLE.test(h) || !WHOLE.test(m)) return Number.NaN;
  return Number(h) * 3600 + Number(m) * 60;
}

/** The problem with the chosen length, or null. */
export function expiryProblem(choice: string, hours: string, minutes: string): string | null {
  return ruleText(shareExpiryRule(expirySeconds(choice, hours, minutes)));
}
