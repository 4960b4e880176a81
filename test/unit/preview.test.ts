// Quick Look's pure parts: the allow-list of kinds and served types, Range parsing, and the
// preview slice (links dropped when replaced or closed, stale answers ignored, files-only walk),
// and the curated highlighting grammars.
import { describe, expect, it } from 'vitest';
import { ok } from '../../shared/errors';
import type { PreviewLink } from '../../shared/models';
import { previewKind, servedContentType } from '../../shared/preview-types';
import { parseRange } from '../../electron/core/previews/preview-answer';
import { grammarFor } from '../../renderer/src/components/preview/languages';
import { FakeAppApi, entry, pagedListing, settle } from './fakes/fake-app-api';
import { bootWithBucket } from './fakes/renderer-store';

describe('preview kinds and served types', () => {
  it.each([
    ['a/photo.PNG', null, 'image', 'image/png'],
    ['x.svg', 'text/html', 'svg', 'image/svg+xml'],
    ['page.html', 'text/html', 'html', 'text/plain; charset=utf-8'],
    ['notes', 'text/html', 'html', 'text/plain; charset=utf-8'],
    ['script.js', 'application/javascript', 'text', 'text/plain; charset=utf-8'],
    ['data.json', null, 'json', 'text/plain; charset=utf-8'],
    ['README.md', null, 'markdown', 'text/plain; charset=utf-8'],
    ['Dockerfile', null, 'text', 'text/plain; charset=utf-8'],
    ['doc.pdf', 'application/pdf', 'pdf', 'application/octet-stream'],
    ['clip.webm', null, 'video', 'video/webm'],
    ['song', 'audio/mpeg', 'audio', 'audio/mpeg'],
    ['blob', 'image/x-weird', 'other', 'application/octet-stream'],
    ['app.exe', 'image/png', 'image', 'image/png'],
    ['frame.xml', 'application/xhtml+xml', 'text', 'text/plain; charset=utf-8'],
  ] as const)('%s (%s) is %s, served as %s', (key, type, kind, served) => {
    expect(previewKind(key, type)).toBe(kind);
    expect(servedContentType(key, type)).toBe(served);
  });
});

describe('highlighting grammars', () => {
  it.each([
    ['ts', 'typescript'],
    ['tsx', 'tsx'],
    ['mjs', 'javascript'],
    ['json', 'json'],
    ['yml', 'yaml'],
    ['toml', 'toml'],
    ['html', 'html'],
    ['scss', 'scss'],
    ['md', 'markdown'],
    ['py', 'python'],
    ['rs', 'rust'],
    ['kts', 'kotlin'],
    ['h', 'c'],
    ['hpp', 'cpp'],
    ['cs', 'csharp'],
    ['zsh', 'shellscript'],
    ['ps1', 'powershell'],
    ['dockerfile', 'docker'],
    ['makefile', 'make'],
    ['patch', 'diff'],
    ['csv', 'csv'],
    ['vue', 'vue'],
    ['svelte', 'svelte'],
    ['tf', 'terraform'],
  ])('.%s loads the %s grammar', async (extension, id) => {
    const grammar = grammarFor(extension);
    expect(grammar?.id).toBe(id);
    const loaded = await grammar!.load();
    expect(loaded.default.map((registration) => registration.name)).toContain(id);
  });

  it.each(['txt', 'cobol', 'constructor', ''])('"%s" stays plain text', (language) => {
    expect(grammarFor(language)).toBeNull();
  });
});

describe('Range header', () => {
  it.each([
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=90-500', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=-500', 100, { start: 0, end: 99 }],
    ['bytes=100-', 100, 'unsatisfiable'],
    ['bytes=-0', 100, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'],
    ['bytes=9-1', 100, null],
    ['bytes=0-1,5-6', 100, null],
    ['items=0-1', 100, null],
    ['bytes=-', 100, null],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('preview slice', () => {
  const link = (key: string): PreviewLink => ({ url: `/preview/${key}`, size: 1, contentType: null, etag: '"e"' });

  async function shown() {
    const api = new FakeAppApi();
    const rows = [entry('b.txt'), entry('sub/'), entry('a.png'), entry('c.md')];
    api
      .on('objects:list', (req) => pagedListing(rows, 100)(req.continuationToken))
      .on('objects:preview', (req) => ok(link(req.key)))
      .on('objects:closePreview', () => ok(null));
    const { store } = await bootWithBucket(api);
    store.getState().buckets.select('b1');
    await settle();
    return { api, store };
  }

  it('walks the files in the order shown, skipping folders, and drops each link it leaves', async () => {
    const { api, store } = await shown();
    const preview = () => store.getState().preview;
    await preview().open('a.png');
    expect(preview().current).toEqual({ key: 'a.png', status: 'ready', link: link('a.png') });
    preview().step(-1); // a.png is the first file: nothing before it
    preview().step(1);
    await settle();
    expect(preview().current?.key).toBe('b.txt');
    expect(store.getState().objects.focused).toBe('b.txt');
    preview().step(1);
    await settle();
    expect(preview().current?.key).toBe('c.md');
    preview().step(1); // the last file
    await settle();
    expect(preview().current?.key).toBe('c.md');
    preview().close();
    expect(preview().current).toBeNull();
    expect(api.callsOf('objects:closePreview').map((r) => r.url)).toEqual([
      '/preview/a.png',
      '/preview/b.txt',
      '/preview/c.md',
    ]);
  });

  it('drops the link of an answer that arrives after the preview moved on', async () => {
    const { api, store } = await shown();
    api.gate('objects:preview');
    const first = store.getState().preview.open('a.png');
    const second = store.getState().preview.open('b.txt');
    await api.releaseNext('objects:preview');
    await api.releaseNext('objects:preview');
    await Promise.all([first, second]);
    expect(store.getState().preview.current).toEqual({ key: 'b.txt', status: 'ready', link: link('b.txt') });
    expect(api.callsOf('objects:closePreview').map((r) => r.url)).toEqual(['/preview/a.png']);
  });
});
