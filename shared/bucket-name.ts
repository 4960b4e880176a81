/**
 * QStorage bucket naming rules (spec/NOTES.md), checked before any request so the person
 * gets the exact rule they broke rather than a service error.
 * Returns null when the name is valid, else the reason.
 */
const FORBIDDEN_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const FORBIDDEN_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3'];

export function bucketNameProblem(name: string): string | null {
  if (name.length < 3 || name.length > 63) return 'Bucket names must be 3 to 63 characters long.';
  if (!/^[a-z0-9.-]+$/.test(name))
    return 'Bucket names may contain only lowercase letters, digits, dots (.) and hyphens (-).';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
    return 'Bucket names must begin and end with a letter or digit.';
  if (name.includes('..')) return 'Bucket names must not contain two adjacent dots.';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'Bucket names must not be formatted as an IP address.';
  const prefix = FORBIDDEN_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `Bucket names must not start with "${prefix}".`;
  const suffix = FORBIDDEN_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `Bucket names must not end with "${suffix}".`;
  return null;
}
