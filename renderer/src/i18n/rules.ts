/**
 * The shared rules' problems (shared/rule-problem.ts) in the UI's language: the core says
 * them in English; the renderer words the same rule ids from the `rules` catalogue.
 */
import type { TOptions } from 'i18next';
import type { RuleProblem } from '../../../shared/rule-problem';
import { i18n } from './index';

export function ruleText(problem: RuleProblem | null): string | null {
  if (problem === null) return null;
  // "per object" / "per bucket" is worded by the rule's variant (i18next context), not by a value.
  const context = problem.values['scope'];
  const options: TOptions = { ...problem.values, ...(typeof context === 'string' && { context }) };
  return i18n.t(`rules:${problem.rule}`, options);
}
