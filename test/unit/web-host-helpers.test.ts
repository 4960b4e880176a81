// Pure helpers of the browser host: argument parsing, data dir, download names, token checks.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseCliArgs } from '../../electron/web/cli-args';
import { contentDisposition, encodeRfc5987 } from '../../electron/core/content-disposition';
import { createDownloadLinks } from '../../electron/web/download-links';
import { hasValidToken, isAllowedOrigin, tokenProtocol, tokensEqual } from '../../electron/web/request-guard';
import { parseInvoke } from '../../electron/web/ws-api';

describe('web cli arguments', () => {
  it('defaults: random port, XDG data dir, opens the browser, no sandbox', () => {
    const opts = parseCliArgs([], { XDG_DATA_HOME: '/xdg/data' });
    expect(opts).toEqual({
      port: 0,
      dataDir: '/xdg/data/qstorage-desktop',
      staticDir: path.resolve('out/renderer'),
      sandbox: false,
      open: true,
      printUrl: false,
    });
  });

  it('reads --port, --data-dir, --sandbox and --no-open', () => {
    const opts = parseCliArgs(['--port', '8080', '--data-dir', 'rel/dir', '--sandbox', '--no-open'], {});
    expect(opts).toMatchObject({ port: 8080, dataDir: path.resolve('rel/dir'), sandbox: true, open: false });
    expect(parseCliArgs(['--port=0'], {}).port).toBe(0);
    expect(parseCliArgs(['--print-url'], {}).printUrl).toBe(true);
  });

  it.each([['--port', 'abc'], ['--port', '70000'], ['--port', '-1'], ['--port', '1.5'], ['--port', ' '], ['--bogus']])(
    'refuses %s %s',
    (...args) => {
      expect(() => parseCliArgs(args, {})).toThrow();
    },
  );

  it('falls back to ~/.local/share when XDG_DATA_HOME is unset or relative', () => {
    expect(defaultDataDir({}, '/home/ann')).toBe('/home/ann/.local/share/qstorage-desktop');
    expect(defaultDataDir({ XDG_DATA_HOME: 'relative' }, '/home/ann')).toBe('/home/ann/.local/share/qstorage-desktop');
  });
});

describe('Content-Disposition for downloads', () => {
  it.each([
    ['report.pdf', `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
    [
      '日本語 (1).txt',
      `attachment; filename="___ (1).txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E%20%281%29.txt`,
    ],
    ['a"b\\c.txt', `attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b_c.txt`],
    ['line\r\nbreak', `attachment; filename="line__break"; filename*=UTF-8''line__break`],
    ['100%.txt', `attachment; filename="100_.txt"; filename*=UTF-8''100%25.txt`],
    ['..', `attachment; filename="download"; filename*=UTF-8''download`],
    ['', `attachment; filename="download"; filename*=UTF-8''download`],
  ])('%j', (name, header) => {
    expect(contentDisposition(name)).toBe(header);
  });

  it("encodes RFC 5987's non-attr-chars that encodeURIComponent leaves alone", () => {
    expect(encodeRfc5987("it's (x)*")).toBe('it%27s%20%28x%29%2A');
  });
});

describe('download link registry', () => {
  const source = { accountId: 'a', bucket: 'b', key: 'k' };

  it('ids are unpredictable and single-use', () => {
    const links = createDownloadLinks();
    const a = links.create(source);
    const b = links.create(source);
    expect(a).not.toBe(b);
    const id = a.slice('/download/'.length);
    expect(links.take(id)).toEqual(source);
    expect(links.take(id)).toBeNull();
  });

  it('keeps at most 1000 live links, dropping the oldest', () => {
    const links = createDownloadLinks();
    const first = links.create(source);
    for (let i = 0; i < 1000; i++) links.create(source);
    expect(links.size).toBe(1000);
    expect(links.take(first.slice('/download/'.length))).toBeNull();
  });
});

describe('token and origin checks', () => {
  const token = 'ab'.repeat(32);

  it('finds the token protocol among several', () => {
    expect(tokenProtocol(`chat, qstorage.token.${token}`)).toBe(`qstorage.token.${token}`);
    expect(tokenProtocol('chat')).toBeNull();
    expect(tokenProtocol(undefined)).toBeNull();
  });

  it('accepts only the exact token', () => {
    expect(hasValidToken(`qstorage.token.${token}`, token)).toBe(true);
    expect(hasValidToken(`qstorage.token.${token.toUpperCase()}`, token)).toBe(false);
    expect(hasValidToken(`qstorage.token.${token}0`, token)).toBe(false);
    expect(hasValidToken('qstorage.token.', token)).toBe(false);
    expect(tokensEqual('x', 'y')).toBe(false);
  });

  it('our origins are http on 127.0.0.1 or localhost with our port', () => {
    expect(isAllowedOrigin('http://127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedOrigin('http://localhost:4000', 4000)).toBe(true);
    expect(isAllowedOrigin('https://127.0.0.1:4000', 4000)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:4001', 4000)).toBe(false);
    expect(isAllowedOrigin('null', 4000)).toBe(false);
  });
});

describe('WebSocket message parsing', () => {
  it('accepts a well-formed invoke and keeps the id of a malformed one', () => {
    expect(parseInvoke(Buffer.from('{"type":"invoke","id":1,"channel":"app:info","request":{}}'), false)).toEqual({
      ok: true,
      message: { type: 'invoke', id: 1, channel: 'app:info', request: {} },
    });
    expect(parseInvoke(Buffer.from('{"type":"invoke","id":9}'), false)).toMatchObject({ ok: false, id: 9 });
    expect(parseInvoke(Buffer.from('{"type":"invoke","id":1.5,"channel":"x"}'), false)).toMatchObject({
      ok: false,
      id: -1,
    });
    expect(parseInvoke(Buffer.from('[1]'), false)).toMatchObject({ ok: false });
    expect(parseInvoke(Buffer.from('null'), false)).toMatchObject({ ok: false });
  });
});
