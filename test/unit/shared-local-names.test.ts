// The one rule for local file names: Windows device names however spelled, and the safe form of a name.
import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../electron/core/content-disposition';
import { suggestedFileName } from '../../electron/core/local-save';
import { safeLocalPath } from '../../electron/core/transfers/local-paths';
import { localNameProblem, safeFileName, windowsReservedName } from '../../shared/local-names';
import { downloadNameProblem } from '../../shared/property-rules';

const RESERVED = [
  'con',
  'Con',
  'CON',
  'con.txt',
  'con .txt',
  'NUL  .log',
  'nul.',
  'prn',
  'aux.tar.gz',
  'AUX .tar.gz',
  'CONIN$',
  'conout$.txt',
  'com0',
  'com1',
  'COM9.log',
  'COM¹',
  'com²',
  'com³.txt',
  'lpt0',
  'LPT9',
  'lpt²',
  'Lpt¹.txt',
  'lpt³ .x',
];

const ALLOWED = [
  'console.txt',
  'com10',
  'com',
  'lpt',
  'lpt10.txt',
  'nul-file',
  'auxiliary',
  'prn_1',
  'conin',
  'conin$x',
  'com⁴',
  'x.con',
  'my con.txt',
  '_con',
  'con_',
  'a.nul',
];

describe('windowsReservedName', () => {
  it.each(RESERVED)('%j is a device name', (name) => expect(windowsReservedName(name)).toBe(true));
  it.each(ALLOWED)('%j is an ordinary name', (name) => expect(windowsReservedName(name)).toBe(false));
});

describe('the same rule everywhere a local name is made', () => {
  it.each(RESERVED)('%j: downloads refuse it, save-as, drag-out and link names rename it', (name) => {
    const key = `dir/${name}`;
    for (const platform of ['linux', 'win32'] as const) {
      const result = safeLocalPath('/dl', key, { platform });
      expect(result.ok, `${platform} ${key}`).toBe(false);
    }
    expect(localNameProblem(name, false)).toMatch(/Windows reserves|ends with a dot or a space/);
    // Save-as and drag-out (suggestedFileName), link names (Content-Disposition): never a device.
    expect(windowsReservedName(suggestedFileName(key))).toBe(false);
    expect(windowsReservedName(safeFileName(name))).toBe(false);
    const disposition = contentDisposition(name);
    const fallback = /filename="([^"]*)"/.exec(disposition)?.[1] ?? '';
    const exact = decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(disposition)?.[1] ?? '');
    expect(windowsReservedName(fallback), disposition).toBe(false);
    expect(windowsReservedName(exact), disposition).toBe(false);
    // Share links refuse such a download name with a sentence.
    expect(downloadNameProblem(name)).toMatch(/device name on Windows/);
  });

  it.each(ALLOWED)('%j stays as it is', (name) => {
    expect(safeLocalPath('/dl', name, { platform: 'win32' }).ok).toBe(true);
    expect(suggestedFileName(`a/${name}`)).toBe(name);
    expect(safeFileName(name)).toBe(name);
    expect(contentDisposition(name)).toBe(
      `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    expect(downloadNameProblem(name)).toBeNull();
  });

  it('safeFileName replaces what no system accepts and never leaves an empty name', () => {
    expect(safeFileName('a<b>c:d"e/f\\g|h?i*j')).toBe('a_b_c_d_e_f_g_h_i_j');
    expect(safeFileName('tab\there\u007f')).toBe('tab_here_');
    expect(safeFileName('name. . ')).toBe('name');
    expect(safeFileName('con .txt')).toBe('_con .txt');
    expect(safeFileName('nul.')).toBe('_nul');
    for (const empty of ['', '.', '..', ' ', '. .']) expect(safeFileName(empty)).toBe('download');
  });

  it('localNameProblem explains each refusal', () => {
    expect(localNameProblem('a:b', true)).toMatch(/character Windows refuses/);
    expect(localNameProblem('a:b', false)).toBeNull();
    expect(localNameProblem('a\\b', false)).toMatch(/backslash/);
    expect(localNameProblem('..', false)).toMatch(/".." segment/);
    expect(localNameProblem('x'.repeat(256), false)).toMatch(/255 bytes/);
    expect(localNameProblem('LPT¹', false)).toBe('"LPT¹" is a name Windows reserves for a device');
  });
});
