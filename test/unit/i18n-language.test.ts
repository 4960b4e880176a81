// The UI language: picked from the system's preferences or in Settings (remembered), applied at
// once, and dates, numbers and sizes follow it.
import { afterEach, describe, expect, it } from 'vitest';
import type { NativeStrings } from '../../shared/native-strings';
import { shareNativeStrings } from '../../renderer/src/api/native-strings';
import { applyLanguage, currentLocale, i18n, systemLanguage } from '../../renderer/src/i18n';
import { formatCount, formatDate, formatSize } from '../../renderer/src/view-model/format';
import { FakeAppApi } from './fakes/fake-app-api';
import { createHarness } from './fakes/renderer-store';

function memoryPrefs() {
  const values = new Map<string, string>();
  return { get: (k: string) => values.get(k) ?? null, set: (k: string, v: string) => void values.set(k, v) };
}

afterEach(() => applyLanguage('en'));

describe('the UI language', () => {
  it('is the first of the system’s languages the app has, else English', () => {
    expect(systemLanguage(['de-AT', 'en-US'])).toBe('de');
    expect(systemLanguage(['fr-FR', 'en-GB'])).toBe('en');
    expect(systemLanguage(['fr-FR', 'ja'])).toBe('en');
    expect(systemLanguage([])).toBe('en');
  });

  it('changes at once, and what the store wraps in words follows', () => {
    applyLanguage('de');
    expect(i18n.language).toBe('de');
    expect(i18n.t('browser:status.loaded', { count: 3 })).toBe('3 Objekte geladen');
    expect(i18n.t('browser:status.loaded', { count: 1 })).toBe('1 Objekt geladen');
    applyLanguage('en');
    expect(i18n.t('browser:status.loaded', { count: 3 })).toBe('3 items loaded');
  });

  it('is remembered with the other preferences', () => {
    const prefs = memoryPrefs();
    const first = createHarness(new FakeAppApi(), { prefs }).store;
    expect(first.getState().ui.language).toBe('system');
    first.getState().ui.setLanguage('de');
    expect(prefs.get('qstorage.language')).toBe('de');
    expect(createHarness(new FakeAppApi(), { prefs }).store.getState().ui.language).toBe('de');
    prefs.set('qstorage.language', 'klingon');
    expect(createHarness(new FakeAppApi(), { prefs }).store.getState().ui.language).toBe('system');
  });
});

describe('the Electron host’s own words (app menu, folder dialog)', () => {
  it('are sent from the catalogue at start and again in German after switching to German', () => {
    const sent: NativeStrings[] = [];
    const api = Object.assign(new FakeAppApi(), { setNativeStrings: (strings: NativeStrings) => sent.push(strings) });
    const stop = shareNativeStrings(api);
    expect(sent).toEqual([
      { fileMenu: 'File', viewMenu: 'View', downloadFolderTitle: 'Download to', syncFolderTitle: 'Folder to sync' },
    ]);
    applyLanguage('de');
    expect(sent.at(-1)).toEqual({
      fileMenu: 'Datei',
      viewMenu: 'Ansicht',
      downloadFolderTitle: 'Herunterladen nach',
      syncFolderTitle: 'Zu synchronisierender Ordner',
    });
    applyLanguage('system');
    expect(sent.at(-1)?.fileMenu).toBe('File');
    stop();
    applyLanguage('de');
    expect(sent).toHaveLength(3);
  });
});

describe('formatting in the UI language', () => {
  it('writes sizes and counts with the language’s separators', () => {
    expect(formatSize(1_500_000)).toBe('1.5 MB');
    expect(formatSize(25_000_000)).toBe('25 MB');
    expect(formatCount(12_345)).toBe('12,345');
    applyLanguage('de');
    expect(currentLocale()).toBe('de');
    expect(formatSize(1_500_000)).toBe('1,5 MB');
    expect(formatSize(999)).toBe('999 B');
    expect(formatCount(12_345)).toBe('12.345');
  });

  it('writes dates the language’s way', () => {
    const iso = '2026-12-06T20:31:00Z';
    applyLanguage('de');
    expect(formatDate(iso)).toMatch(/^06\.12\.2026, \d{2}:31$/);
    applyLanguage('en');
    expect(formatDate(iso)).toMatch(/^Dec 6, 2026, \d{1,2}:31\s?[AP]M$/);
  });
});
