// The main process's own words (app menu, folder dialog) from the page's catalogue, with a fake
// ipcMain (no Electron binary needed): valid words from our page pass, anything else is dropped.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NATIVE_STRINGS, bindNativeStrings } from '../../electron/main/native-strings';
import { NATIVE_STRINGS_CHANNEL } from '../../shared/ipc';
import type { NativeStrings } from '../../shared/native-strings';

type Listener = (event: unknown, ...args: unknown[]) => void;

const GERMAN: NativeStrings = {
  fileMenu: 'Datei',
  viewMenu: 'Ansicht',
  downloadFolderTitle: 'Herunterladen nach',
  syncFolderTitle: 'Zu synchronisierender Ordner',
};

function setup() {
  const listeners = new Map<string, Listener>();
  const received: NativeStrings[] = [];
  const unbind = bindNativeStrings({
    ipcMain: {
      on: (channel: string, listener: Listener) => listeners.set(channel, listener),
      removeListener: (channel: string) => listeners.delete(channel),
    } as unknown as Parameters<typeof bindNativeStrings>[0]['ipcMain'],
    getContents: () => ({ id: 1, isDestroyed: () => false }),
    isAppUrl: (url) => url.startsWith('app://qstorage/index.html'),
    onStrings: (strings) => void received.push(strings),
  });
  const topFrame = { sender: { id: 1 }, senderFrame: { url: 'app://qstorage/index.html', parent: null } };
  const send = (event: object, strings: unknown): void => {
    const listener = listeners.get(NATIVE_STRINGS_CHANNEL);
    if (listener === undefined) throw new Error('no listener');
    listener(event, strings);
  };
  return { listeners, received, topFrame, send, unbind };
}

describe('native strings (the page’s words for the main process)', () => {
  it('takes the words our page sends', () => {
    const t = setup();
    t.send(t.topFrame, GERMAN);
    expect(t.received).toEqual([GERMAN]);
  });

  it.each([
    ['a subframe', { senderFrame: { url: 'app://qstorage/index.html', parent: {} } }],
    ['a navigated-away page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['another window', { sender: { id: 2 } }],
  ])('ignores words from %s', (_name, event) => {
    const t = setup();
    t.send({ ...t.topFrame, ...event }, GERMAN);
    expect(t.received).toEqual([]);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'Datei'],
    ['a missing word', { fileMenu: 'Datei', viewMenu: 'Ansicht' }],
    ['an empty word', { ...GERMAN, viewMenu: '' }],
    ['a blank word', { ...GERMAN, fileMenu: '   ' }],
    ['a word too long', { ...GERMAN, downloadFolderTitle: 'x'.repeat(101) }],
    ['a number for a word', { ...GERMAN, fileMenu: 7 }],
    ['an extra field', { ...GERMAN, role: 'quit' }],
  ])('ignores %s', (_name, strings) => {
    const t = setup();
    t.send(t.topFrame, strings);
    expect(t.received).toEqual([]);
  });

  it('unbinds cleanly', () => {
    const t = setup();
    t.unbind();
    expect(t.listeners.size).toBe(0);
  });

  it('defaults to the English catalogue’s words until the page sends its own', () => {
    const en = JSON.parse(readFileSync(path.resolve('renderer/src/i18n/locales/en/desktop.json'), 'utf8')) as {
      menu: { file: string; view: string };
      dialog: { downloadFolder: string; syncFolder: string };
    };
    expect(DEFAULT_NATIVE_STRINGS).toEqual({
      fileMenu: en.menu.file,
      viewMenu: en.menu.view,
      downloadFolderTitle: en.dialog.downloadFolder,
      syncFolderTitle: en.dialog.syncFolder,
    });
  });

  it('the preload and the main process name the channel only through shared/ipc.ts', () => {
    for (const file of ['preload/index.ts', 'main/native-strings.ts']) {
      const text = readFileSync(path.resolve('electron', file), 'utf8');
      expect(text).toMatch(/from '\.\.\/\.\.\/shared\/ipc'/);
      expect(text).not.toMatch(/['"`]qstorage:/);
    }
    const preload = readFileSync(path.resolve('electron/preload/index.ts'), 'utf8');
    expect(preload).toMatch(/ipcRenderer\.send\(NATIVE_STRINGS_CHANNEL, strings\)/);
  });
});
