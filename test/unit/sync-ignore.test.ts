/**
 * Sync ignore rules: the OS-junk defaults always apply (a "!" rule cannot bring them back), the
 * person's gitignore lines add to them, folders match with their contents, case is ignored,
 * and paths `ignore` cannot take are not ignored (the trees report those).
 */
import { describe, expect, it } from 'vitest';
import { ignoreMatcher } from '../../electron/core/sync/ignore-rules';

describe('sync ignore rules', () => {
  it('leaves out OS junk and editor temp files by default, anywhere in the tree', () => {
    const ignored = ignoreMatcher('');
    for (const p of [
      '.DS_Store',
      'photos/.DS_Store',
      'a/._resource',
      'Thumbs.db',
      'deep/down/THUMBS.DB',
      'desktop.ini',
      'notes.txt~',
      '.~lock.report.odt#',
      '~$report.docx',
      'a/.main.ts.swp',
      'a/.#draft',
      'setup.tmp',
      'movie.mkv.crdownload',
      'big.iso.part',
      'a/.video.mp4.qsdownload-1a2b3c',
      '.Trashes/x',
      '$RECYCLE.BIN/S-1-5/desktop.ini',
    ]) {
      expect(ignored(p, false), p).toBe(true);
    }
    expect(ignored('.Spotlight-V100', true)).toBe(true);
    expect(ignored('.fseventsd', true)).toBe(true);
    for (const p of ['report.docx', 'photos/a.jpg', 'Thumbs.db.txt', 'partial.txt', 'a/tmp/x', 'spotlight/x']) {
      expect(ignored(p, false), p).toBe(false);
    }
  });

  it("adds the person's rules: globs, folders with what they hold, anchors and negations", () => {
    const ignored = ignoreMatcher(
      ['# build output', 'build/', '*.log', '!keep.log', '/top-only.txt', 'cache/**/*.bin', ''].join('\n'),
    );
    expect(ignored('build', true)).toBe(true);
    expect(ignored('build/out.js', false)).toBe(true);
    expect(ignored('src/build/deep/out.js', false)).toBe(true);
    expect(ignored('build', false)).toBe(false); // a file named build is not the folder
    expect(ignored('a/b/server.log', false)).toBe(true);
    expect(ignored('SERVER.LOG', false)).toBe(true);
    expect(ignored('keep.log', false)).toBe(false);
    expect(ignored('top-only.txt', false)).toBe(true);
    expect(ignored('sub/top-only.txt', false)).toBe(false);
    expect(ignored('cache/x/y/z.bin', false)).toBe(true);
    expect(ignored('cache/x/y/z.txt', false)).toBe(false);
    expect(ignored('# build output', false)).toBe(false);
  });

  it('keeps the defaults whatever the rules say, and takes Windows line ends', () => {
    const ignored = ignoreMatcher('!.DS_Store\r\n!Thumbs.db\r\n*.bak\r\n');
    expect(ignored('.DS_Store', false)).toBe(true);
    expect(ignored('x/Thumbs.db', false)).toBe(true);
    expect(ignored('old.bak', false)).toBe(true);
  });

  it('takes malformed lines as git does (they match nothing) rather than failing', () => {
    const ignored = ignoreMatcher('[\n\\\na[\n[]\n!\n**/\n[z-a]\nreal.txt');
    expect(ignored('real.txt', false)).toBe(true);
    expect(ignored('a[', false)).toBe(false);
    expect(ignored('other.txt', false)).toBe(false);
  });

  it('does not ignore paths it cannot take as relative (the trees report them as problems)', () => {
    const ignored = ignoreMatcher('*');
    expect(ignored('', false)).toBe(false);
    expect(ignored('/abs', false)).toBe(false);
    expect(ignored('../up', false)).toBe(false);
    expect(ignored('./here', false)).toBe(false);
    expect(ignored('fine', false)).toBe(true);
  });
});
