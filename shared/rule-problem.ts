/**
 * A broken rule as data: its id and the values its sentence names. The shared checks
 * (property-rules.ts, bucket-name.ts, keys.ts) return one; the core says it in English from
 * the check's own sentence table, the renderer from its catalogue (`rules:<id>`), in the UI's
 * language.
 */
export interface RuleProblem<Id extends string = string> {
  rule: Id;
  values: Record<string, string | number>;
}

type Values = Record<string, string | number> & { bytes: number; max: number };
export type Sentences = Record<string, (v: Values) => string>;

/** A module's checks: its rule ids, how to report one broken, and its English sentences. */
export function ruleBook<S extends Sentences>(sentences: S) {
  type Id = keyof S & string;
  return {
    ids: Object.keys(sentences) as Id[],
    broken: (rule: Id, values: Record<string, string | number> = {}): RuleProblem<Id> => ({ rule, values }),
    sentence: (problem: RuleProblem | null): string | null =>
      problem === null ? null : (sentences[problem.rule as Id] as S[Id])(problem.values as Values),
  };
}
