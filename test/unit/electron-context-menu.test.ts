// The Electron host's native context menus, with a fake Menu (no Electron binary needed): the
// page's menu shown at its point, the chosen id answered, foreign senders and bad menus refused.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MenuItemConstructorOptions, PopupOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { NativeMenu } from '../../shared/context-menu';
import { CONTEXT_MENU_CHANNEL } from '../../shared/ipc';
import { CLOSE_GRACE_MS, bindContextMenu, type ContextMenuOptions } from '../../electron/main/context-menu';
import { pagePermission } from '../../electron/main/permissions';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

const MENU: NativeMenu = {
  items: [
    { type: 'item', id: 'open', label: 'Open', enabled: true, accelerator: 'Enter' },
    { type: 'separator' },
    { type: 'item', id: 'share', label: 'Share link… — Folders have no share link', enabled: false },
  ],
  x: 120,
  y: 48,
};

function setup() {
  const handlers = new Map<string, Handler>();
  const shown: { template: MenuItemConstructorOptions[]; options: PopupOptions }[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const window = { id: 'the window' };
  const unbind = bindContextMenu({
    ipcMain: {
      handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
      removeHandler: (channel: string) => void handlers.delete(channel),
    } as unknown as ContextMenuOptions['ipcMain'],
    Menu: {
      buildFromTemplate: (template) => ({ popup: (options) => void shown.push({ template, options }) }),
    },
    getWindow: () => window as unknown as ReturnType<ContextMenuOptions['getWindow']>,
    getContents: () => ({ id: 1, isDestroyed: () => false }),
    isAppUrl: (url) => url.startsWith('app://qstorage/index.html'),
    later: (run, ms) => void timers.push({ run, ms }),
  });
  const topFrame = { sender: { id: 1 }, senderFrame: { url: 'app://qstorage/index.html', parent: null } };
  const ask = (event: object, menu: unknown) => {
    const handler = handlers.get(CONTEXT_MENU_CHANNEL);
    if (handler === undefined) throw new Error('no handler');
    return Promise.resolve(handler(event, menu)) as Promise<string | null>;
  };
  return { handlers, shown, timers, window, topFrame, ask, unbind };
}

describe('native context menu (Menu.popup over IPC)', () => {
  it('shows the page’s menu at its point in the app window and answers with the clicked id', async () => {
    const t = setup();
    const answer = t.ask(t.topFrame, MENU);
    expect(t.shown).toHaveLength(1);
    const [{ template, options }] = t.shown as [(typeof t.shown)[number]];
    expect(options).toMatchObject({ window: t.window, x: 120, y: 48 });
    expect(template.map((i) => [i.type ?? 'normal', i.label, i.enabled])).toEqual([
      ['normal', 'Open', true],
      ['separator', undefined, undefined],
      ['normal', 'Share link… — Folders have no share link', false],
    ]);
    // The shortcut is a hint: never registered as a global key.
    expect(template[0]).toMatchObject({ accelerator: 'Enter', registerAccelerator: false });
    // macOS may close the menu before it reports the click: the click still wins.
    options.callback?.();
    (template[0]?.click as () => void)();
    for (const timer of t.timers) timer.run();
    expect(await answer).toBe('open');
  });

  it('answers null when the menu is dismissed, after the grace for a late click', async () => {
    const t = setup();
    const answer = t.ask(t.topFrame, MENU);
    t.shown[0]?.options.callback?.();
    expect(t.timers.map((timer) => timer.ms)).toEqual([CLOSE_GRACE_MS]);
    t.timers[0]?.run();
    expect(await answer).toBeNull();
  });

  it.each([
    ['a subframe', { senderFrame: { url: 'app://qstorage/index.html', parent: {} } }],
    ['a navigated-away page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['another window', { sender: { id: 2 } }],
  ])('refuses a request from %s without showing anything', async (_name, event) => {
    const t = setup();
    expect(await t.ask({ ...t.topFrame, ...event }, MENU)).toBeNull();
    expect(t.shown).toEqual([]);
  });

  it.each([
    ['no items', { ...MENU, items: [] }],
    ['too many items', { ...MENU, items: Array.from({ length: 65 }, () => ({ type: 'separator' })) }],
    ['an item without a label', { ...MENU, items: [{ type: 'item', id: 'x', label: '', enabled: true }] }],
    ['a role instead of an id', { ...MENU, items: [{ type: 'item', role: 'quit', label: 'Quit', enabled: true }] }],
    ['a point off the screen', { ...MENU, x: -1 }],
    ['not a menu', 'Open'],
  ])('refuses %s without showing anything', async (_name, menu) => {
    const t = setup();
    expect(await t.ask(t.topFrame, menu)).toBeNull();
    expect(t.shown).toEqual([]);
  });

  it('unbinds cleanly', () => {
    const t = setup();
    t.unbind();
    expect(t.handlers.size).toBe(0);
  });

  it('the preload and the main process name the channel only through shared/ipc.ts', () => {
    for (const file of ['preload/index.ts', 'main/context-menu.ts']) {
      const text = readFileSync(path.resolve('electron', file), 'utf8');
      expect(text).toMatch(/from '\.\.\/\.\.\/shared\/ipc'/);
      expect(text).not.toMatch(/['"`]qstorage:/);
    }
    const preload = readFileSync(path.resolve('electron/preload/index.ts'), 'utf8');
    expect(preload).toMatch(/ipcRenderer\.invoke\(CONTEXT_MENU_CHANNEL, menu\)/);
  });
});

describe('page permissions', () => {
  it('grants notifications and clipboard writes only', () => {
    expect(pagePermission('notifications')).toBe(true);
    expect(pagePermission('clipboard-sanitized-write')).toBe(true);
    for (const refused of ['clipboard-read', 'media', 'geolocation', 'openExternal', 'fileSystem'])
      expect(pagePermission(refused)).toBe(false);
  });
});
