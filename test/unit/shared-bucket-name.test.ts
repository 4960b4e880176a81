import { describe, expect, it } from 'vitest';
import { bucketNameProblem } from '../../shared/bucket-name';

describe('bucketNameProblem (QStorage naming rules)', () => {
  it.each(['abc', 'my-bucket', 'logs.2026', 'a'.repeat(63), '0backup9'])('accepts %s', (name) => {
    expect(bucketNameProblem(name)).toBeNull();
  });

  it.each([
    ['ab', /3 to 63/],
    ['a'.repeat(64), /3 to 63/],
    ['My-Bucket', /lowercase/],
    ['under_score', /lowercase/],
    ['sp ace', /lowercase/],
    ['-start', /begin and end/],
    ['end-', /begin and end/],
    ['.dot', /begin and end/],
    ['two..dots', /adjacent dots/],
    ['192.168.5.4', /IP address/],
    ['xn--bucket', /start with "xn--"/],
    ['sthree-x', /start with "sthree-"/],
    ['amzn-s3-demo-bucket', /start with "amzn-s3-demo-"/],
    ['name-s3alias', /end with "-s3alias"/],
    ['name--ol-s3', /end with "--ol-s3"/],
    ['name.mrap', /end with ".mrap"/],
    ['name--x-s3', /end with "--x-s3"/],
  ])('rejects %s with the rule it breaks', (name, rule) => {
    expect(bucketNameProblem(name)).toMatch(rule);
  });

  it('does not mistake a dotted name with letters for an IP address', () => {
    expect(bucketNameProblem('1.2.3.abc')).toBeNull();
  });
});
