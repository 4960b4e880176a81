/**
 * QStorage bucket naming rules (spec/NOTES.md), checked before any request so the person
 * gets the exact rule they broke rather than a service error.
 * Returns null when the name is valid, else the reason (as data, or as an English sentence).
 */
import { ruleBook, type RuleProblem } from './rule-problem';

const FORBIDDEN_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const FORBIDDEN_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3'];

const rules = ruleBook({
  'bucketName.length': () => 'Bucket names must be 3 to 63 characters long.',
  'bucketName.characters': () => 'Bucket names may contain only lowercase letters, digits, dots (.) and hyphens (-).',
  'bucketName.ends': () => 'Bucket names must begin and end with a letter or digit.',
  'bucketName.dots': () => 'Bucket names must not contain two adjacent dots.',
  'bucketName.ipAddress': () => 'Bucket names must not be formatted as an IP address.',
  'bucketName.prefix': (v) => `Bucket names must not start with "${v.prefix}".`,
  'bucketName.suffix': (v) => `Bucket names must not end with "${v.suffix}".`,
});
export const BUCKET_NAME_RULE_IDS = rules.ids;

export function bucketNameRule(name: string): RuleProblem | null {
  const { broken } = rules;
  if (name.length < 3 || name.length > 63) return broken('bucketName.length');
  if (!/^[a-z0-9.-]+$/.test(name)) return broken('bucketName.characters');
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return broken('bucketName.ends');
  if (name.includes('..')) return broken('bucketName.dots');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return broken('bucketName.ipAddress');
  const prefix = FORBIDDEN_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return broken('bucketName.prefix', { prefix });
  const suffix = FORBIDDEN_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return broken('bucketName.suffix', { suffix });
  return null;
}

export const bucketNameProblem = (name: string): string | null => rules.sentence(bucketNameRule(name));
