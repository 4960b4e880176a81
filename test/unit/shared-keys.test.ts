import { describe, expect, it } from 'vitest';
import {
  baseName,
  breadcrumbs,
  isFolderKey,
  nameMatches,
  parentPrefix,
  rebaseKey,
  segmentNameProblem,
  utf8Length,
} from '../../shared/keys';

describe('key and prefix helpers', () => {
  it('names the last segment of objects and folders', () => {
    expect(baseName('a/b/c.txt')).toBe('c.txt');
    expect(baseName('a/b/')).toBe('b');
    expect(baseName('top')).toBe('top');
    expect(baseName('we ird/ü + % # ?')).toBe('ü + % # ?');
  });

  it('finds the parent prefix', () => {
    expect(parentPrefix('a/b/c.txt')).toBe('a/b/');
    expect(parentPrefix('a/b/')).toBe('a/');
    expect(parentPrefix('a/')).toBe('');
    expect(parentPrefix('x')).toBe('');
  });

  it('tells folders from objects', () => {
    expect(isFolderKey('a/')).toBe(true);
    expect(isFolderKey('a')).toBe(false);
  });

  it('builds breadcrumbs, ignoring empty segments', () => {
    expect(breadcrumbs('')).toEqual([]);
    expect(breadcrumbs('a/b/')).toEqual([
      { name: 'a', prefix: 'a/' },
      { name: 'b', prefix: 'a/b/' },
    ]);
  });

  it('rebases keys under a moved prefix and refuses foreign keys', () => {
    expect(rebaseKey('a/b/c', 'a/', 'x/')).toBe('x/b/c');
    expect(rebaseKey('a/', 'a/', 'z/')).toBe('z/');
    expect(() => rebaseKey('b/c', 'a/', 'x/')).toThrow(/not under/);
  });

  it('matches names case-insensitively on the last segment only', () => {
    expect(nameMatches('docs/Report-2024.pdf', 'report')).toBe(true);
    expect(nameMatches('report/readme.md', 'report')).toBe(false);
    expect(nameMatches('a/REPORTS/', 'report')).toBe(true);
  });

  it('counts UTF-8 bytes like TextEncoder', () => {
    for (const text of ['', 'abc', 'ü', '€', '😀', 'a/ü/€/😀']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });

  it('explains bad folder and object names', () => {
    expect(segmentNameProblem('ok name')).toBeNull();
    expect(segmentNameProblem('  ')).toMatch(/empty/);
    expect(segmentNameProblem('a/b')).toMatch(/"\/"/);
    expect(segmentNameProblem('..')).toMatch(/"\.\."/);
    expect(segmentNameProblem('€'.repeat(342))).toMatch(/1024 bytes/);
  });
});
