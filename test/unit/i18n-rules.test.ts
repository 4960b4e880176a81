// The renderer words the shared rules from its catalogue: in English exactly as the core says them.
import { describe, expect, it } from 'vitest';
import { BUCKET_NAME_RULE_IDS, bucketNameProblem, bucketNameRule } from '../../shared/bucket-name';
import { SEGMENT_NAME_RULE_IDS, segmentNameProblem, segmentNameRule } from '../../shared/keys';
import { PROPERTY_RULE_IDS, ruleSentence } from '../../shared/property-rules';
import type { RuleProblem } from '../../shared/rule-problem';
import { i18n } from '../../renderer/src/i18n';
import { ruleText } from '../../renderer/src/i18n/rules';

const values = { key: 'team', name: 'x-note', max: 2048, bytes: 3100, excess: 2 };

describe('the shared rules in the catalogue', () => {
  it.each(PROPERTY_RULE_IDS)('%s reads in English as the core says it', async (rule) => {
    await i18n.changeLanguage('en');
    for (const scope of ['object', 'bucket']) {
      const problem: RuleProblem = { rule, values: { ...values, scope } };
      expect(ruleText(problem)).toBe(ruleSentence(problem));
    }
  });

  it('names of buckets and folders read in English as the core says them', async () => {
    await i18n.changeLanguage('en');
    const buckets = ['ab', 'Ab-c', '-abc', 'a..b', '10.0.0.1', 'xn--abc', 'abc-s3alias'];
    expect(new Set(buckets.map((n) => bucketNameRule(n)?.rule))).toEqual(new Set(BUCKET_NAME_RULE_IDS));
    for (const name of buckets) expect(ruleText(bucketNameRule(name))).toBe(bucketNameProblem(name));
    const segments = ['', 'a/b', '..', 'x'.repeat(1025)];
    expect(new Set(segments.map((n) => segmentNameRule(n)?.rule))).toEqual(new Set(SEGMENT_NAME_RULE_IDS));
    for (const name of segments) expect(ruleText(segmentNameRule(name))).toBe(segmentNameProblem(name));
  });

  it('reads in German in German', async () => {
    await i18n.changeLanguage('de');
    expect(ruleText({ rule: 'tags.tooMany', values: { max: 10, scope: 'object', excess: 1 } })).toBe(
      'Höchstens 10 Tags pro Objekt: Entfernen Sie 1.',
    );
    expect(ruleText({ rule: 'metadata.tooLarge', values: { bytes: 3100, max: 2048 } })).toBe(
      'Die Benutzer-Metadaten umfassen 3.100 Bytes; S3 erlaubt insgesamt 2.048.',
    );
    await i18n.changeLanguage('en');
  });
});
