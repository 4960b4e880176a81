import { describe, expect, it } from 'vitest';
import { formatSize } from '../../renderer/src/view-model/format';
import { describeDeletion, normalizeTargetPrefix, planRename, planTransfer } from '../../renderer/src/view-model/plans';

describe('rename plan', () => {
  it('renames in place and keeps the folder slash', () => {
    expect(planRename('docs/a.txt', 'b.txt')).toEqual({
      ok: true,
      value: { source: 'docs/a.txt', target: 'docs/b.txt' },
    });
    expect(planRename('docs/old/', 'new')).toEqual({ ok: true, value: { source: 'docs/old/', target: 'docs/new/' } });
  });

  it('refuses slashes, empty names and the same name', () => {
    expect(planRename('a.txt', 'x/y')).toEqual({ ok: false, problem: 'The name must not contain "/".' });
    expect(planRename('a.txt', ' ')).toMatchObject({ ok: false });
    expect(planRename('a.txt', 'a.txt')).toMatchObject({ ok: false, problem: 'That is already its name.' });
  });
});

describe('copy/move plan', () => {
  it('normalises typed folder paths', () => {
    expect(normalizeTargetPrefix('/photos/2024')).toEqual({ ok: true, value: 'photos/2024/' });
    expect(normalizeTargetPrefix('  ')).toEqual({ ok: true, value: '' });
    expect(normalizeTargetPrefix('a//b')).toMatchObject({ ok: false });
    expect(normalizeTargetPrefix('a/../b')).toMatchObject({ ok: false });
  });

  it('targets each item by its name inside the folder', () => {
    expect(planTransfer(['docs/a.txt', 'docs/sub/'], 'archive', true)).toEqual({
      ok: true,
      value: [
        { source: 'docs/a.txt', target: 'archive/a.txt' },
        { source: 'docs/sub/', target: 'archive/sub/' },
      ],
    });
  });

  it('refuses a folder into itself and a no-op', () => {
    expect(planTransfer(['docs/'], 'docs/inner', true)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('into itself'),
    });
    expect(planTransfer(['docs/a.txt'], 'docs/', false)).toMatchObject({ ok: false });
  });
});

describe('deletion description', () => {
  it('names what will be deleted, folders included', () => {
    expect(describeDeletion(['a/b.txt'])).toMatchObject({ title: 'Delete “b.txt”?', files: 1, folders: 0 });
    const many = describeDeletion(['x.txt', 'y.txt', 'logs/']);
    expect(many.title).toBe('Delete 3 items?');
    expect(many.description).toBe('2 files and 1 folder with everything inside it will be deleted permanently.');
  });
});

describe('sizes', () => {
  it('are human readable with decimal units', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(999)).toBe('999 B');
    expect(formatSize(1500)).toBe('1.5 KB');
    expect(formatSize(25_000_000)).toBe('25 MB');
    expect(formatSize(null)).toBe('');
  });
});
