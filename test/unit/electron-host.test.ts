// The Electron host's pure parts, with fakes for Electron's objects (the binary is not needed).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EventMap, EventName } from '../../shared/contract';
import { ok, type Result } from '../../shared/errors';
import { appLocation, isAppUrl } from '../../electron/main/app-url';
import { electronCsp } from '../../electron/main/csp';
import { MAX_DRAG_KEYS, START_DRAG_CHANNEL, bindDragOut, type DragOutRequest } from '../../electron/main/drag-out';
import {
  EVENT_CHANNEL,
  FOREIGN_SENDER,
  INVOKE_CHANNEL,
  bindIpc,
  type IpcBindingOptions,
} from '../../electron/main/ipc';
import { menuTemplate } from '../../electron/main/menu';
import { MAX_DRAG_OUT } from '../../renderer/src/components/file-drop';
import {
  BASIC_TEXT_WARNING,
  createSafeStorageVault,
  type SafeStorageApi,
} from '../../electron/main/safe-storage-vault';

function fakeSafeStorage(
  backend: ReturnType<SafeStorageApi['getSelectedStorageBackend']>,
  available = true,
): SafeStorageApi {
  // Reversible but not identity, so a test would notice plain text passing through.
  return {
    isAsyncEncryptionAvailable: async () => available,
    encryptStringAsync: async (plain) => Buffer.from(`enc:${[...plain].reverse().join('')}`),
    decryptStringAsync: async (buf) => ({
      result: [...buf.toString().slice(4)].reverse().join(''),
      shouldReEncrypt: false,
    }),
    getSelectedStorageBackend: () => backend,
  };
}

describe('safeStorage vault', () => {
  it('round-trips through safeStorage as base64, never storing the plain text', async () => {
    const vault = await createSafeStorageVault(fakeSafeStorage('gnome_libsecret'), 'linux');
    expect(vault.kind).toBe('safeStorage');
    expect(vault.warning).toBeNull();
    const cipher = await vault.encrypt('s3cr3t/key+');
    expect(cipher).toBe(Buffer.from('enc:+yek/t3rc3s').toString('base64'));
    expect(Buffer.from(cipher, 'base64').toString()).not.toContain('s3cr3t');
    expect(await vault.decrypt(cipher)).toBe('s3cr3t/key+');
  });

  it("reports Linux's basic_text fallback with a warning for the UI", async () => {
    const vault = await createSafeStorageVault(fakeSafeStorage('basic_text'), 'linux');
    expect(vault.kind).toBe('basic_text');
    expect(vault.warning).toBe(BASIC_TEXT_WARNING);
  });

  it('ignores the Linux backend on other platforms', async () => {
    const vault = await createSafeStorageVault(fakeSafeStorage('basic_text'), 'darwin');
    expect(vault.kind).toBe('safeStorage');
    expect(vault.warning).toBeNull();
  });

  it('refuses to encrypt when the keyring is unavailable, with the contract code', async () => {
    const vault = await createSafeStorageVault(fakeSafeStorage('gnome_libsecret', false), 'linux');
    expect(vault.warning).toMatch(/not available/);
    await expect(vault.encrypt('x')).rejects.toMatchObject({ code: 'SecretStorageUnavailable' });
    await expect(vault.decrypt('eA==')).rejects.toMatchObject({ code: 'SecretStorageUnavailable' });
  });
});

describe('app URL checks', () => {
  const mainDir = '/opt/app/out/main';
  const prod = appLocation(mainDir, 'http://localhost:5173/', true);
  const dev = appLocation(mainDir, 'http://localhost:5173/', false);
  const index = pathToFileURL('/opt/app/out/renderer/index.html').href;

  it('packaged builds ignore the dev server URL', () => {
    expect(prod).toEqual({ fileUrl: index, devUrl: null });
    expect(dev.devUrl).toBe('http://localhost:5173/');
  });

  it.each([
    [index, true],
    [`${index}#/buckets`, true],
    [`${index}?x=1`, true],
    [pathToFileURL('/opt/app/out/renderer/other.html').href, false],
    [pathToFileURL('/etc/passwd').href, false],
    ['file://evil-host/opt/app/out/renderer/index.html', false],
    ['https://example.com/', false],
    ['http://localhost:5173/', false],
    ['not a url', false],
  ])('production: %s → %s', (url, expected) => {
    expect(isAppUrl(url, prod)).toBe(expected);
  });

  it('dev: the dev server origin only', () => {
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', dev)).toBe(false);
  });
});

describe('IPC binding', () => {
  type Handler = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>;

  function setup() {
    const handlers = new Map<string, Handler>();
    const sent: { channel: string; message: unknown }[] = [];
    const listeners = new Map<EventName, (payload: never) => void>();
    const invoked: { channel: string; request: unknown }[] = [];
    const contents = {
      id: 1,
      destroyed: false,
      isDestroyed: () => contents.destroyed,
      send: (channel: string, message: unknown) => sent.push({ channel, message }),
    };
    const options: IpcBindingOptions = {
      ipcMain: {
        handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
        removeHandler: (channel: string) => void handlers.delete(channel),
      } as unknown as IpcBindingOptions['ipcMain'],
      core: {
        invoke: async (channel, request) => {
          invoked.push({ channel, request });
          return ok({ channel });
        },
        onEvent: <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) => {
          listeners.set(event, listener as (payload: never) => void);
          return () => void listeners.delete(event);
        },
      },
      getContents: () => contents,
      isAppUrl: (url) => url.startsWith('file:///app/index.html'),
    };
    const unbind = bindIpc(options);
    const call = (event: unknown, ...args: unknown[]) => {
      const handler = handlers.get(INVOKE_CHANNEL);
      if (!handler) throw new Error('no handler');
      return handler(event, ...args);
    };
    const topFrame = { url: 'file:///app/index.html#/', parent: null };
    return { handlers, sent, listeners, invoked, contents, call, unbind, topFrame };
  }

  it('forwards requests from our top frame to the core', async () => {
    const t = setup();
    const result = await t.call({ sender: { id: 1 }, senderFrame: t.topFrame }, 'app:info', {});
    expect(result).toEqual(ok({ channel: 'app:info' }));
    expect(t.invoked).toEqual([{ channel: 'app:info', request: {} }]);
  });

  it.each([
    ['another window', { sender: { id: 2 }, senderFrame: { url: 'file:///app/index.html', parent: null } }],
    ['a subframe', { sender: { id: 1 }, senderFrame: { url: 'file:///app/index.html', parent: {} } }],
    ['a navigated-away page', { sender: { id: 1 }, senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a disposed frame', { sender: { id: 1 }, senderFrame: null }],
  ])('refuses %s without calling the core', async (_name, event) => {
    const t = setup();
    expect(await t.call(event, 'accounts:list', {})).toEqual(FOREIGN_SENDER);
    expect(t.invoked).toEqual([]);
  });

  it('refuses everything once the window is gone', async () => {
    const t = setup();
    t.contents.destroyed = true;
    expect(await t.call({ sender: { id: 1 }, senderFrame: t.topFrame }, 'app:info', {})).toEqual(FOREIGN_SENDER);
  });

  it('answers a non-string channel with InvalidRequest', async () => {
    const t = setup();
    expect(await t.call({ sender: { id: 1 }, senderFrame: t.topFrame }, 42, {})).toMatchObject({
      ok: false,
      error: { code: 'InvalidRequest' },
    });
    expect(t.invoked).toEqual([]);
  });

  it('forwards core events to the window and unbinds cleanly', () => {
    const t = setup();
    const payload = { operationId: 'op', done: 1, total: 2, failed: 0 };
    t.listeners.get('operations:progress')?.(payload as never);
    expect(t.sent).toEqual([{ channel: EVENT_CHANNEL, message: { event: 'operations:progress', payload } }]);
    t.unbind();
    expect(t.handlers.size).toBe(0);
    expect(t.listeners.size).toBe(0);
  });
});

describe('drag out (startDrag IPC)', () => {
  type Listener = (event: unknown, ...args: unknown[]) => void;
  const request: DragOutRequest = { accountId: 'acc-1', bucket: 'photos', keys: ['2025/cat.jpg', 'dog.jpg'] };

  function setup(
    prepare: (req: DragOutRequest) => Promise<string[]> = async (req) => req.keys.map((k) => `/tmp/d/${k}`),
  ) {
    const listeners = new Map<string, Listener>();
    const prepared: DragOutRequest[] = [];
    const errors: string[] = [];
    let dragged: (item: unknown) => void = () => undefined;
    const started = new Promise<unknown>((resolve) => (dragged = resolve));
    const sender = { id: 1, isDestroyed: () => false, startDrag: (item: unknown) => dragged(item) };
    const unbind = bindDragOut({
      ipcMain: {
        on: (channel: string, listener: Listener) => void listeners.set(channel, listener),
        removeListener: (channel: string) => void listeners.delete(channel),
      } as unknown as Parameters<typeof bindDragOut>[0]['ipcMain'],
      core: {
        prepareDragOut: (req) => {
          prepared.push(req);
          return prepare(req);
        },
      },
      getContents: () => ({ id: 1, isDestroyed: () => false }),
      isAppUrl: (url) => url.startsWith('file:///app/index.html'),
      icon: () => 'icon.png',
      onError: (message) => errors.push(message),
    });
    const send = (event: object, body: unknown) => {
      const listener = listeners.get(START_DRAG_CHANNEL);
      if (!listener) throw new Error('no listener');
      listener({ sender, ...event }, body);
    };
    const topFrame = { senderFrame: { url: 'file:///app/index.html', parent: null } };
    return { listeners, prepared, errors, started, send, topFrame, unbind };
  }

  it('downloads the objects through the core, then starts the native drag with their paths', async () => {
    const t = setup();
    t.send(t.topFrame, request);
    expect(t.prepared).toEqual([request]);
    expect(await t.started).toEqual({
      file: '/tmp/d/2025/cat.jpg',
      files: ['/tmp/d/2025/cat.jpg', '/tmp/d/dog.jpg'],
      icon: 'icon.png',
    });
  });

  it.each([
    ['a subframe', { senderFrame: { url: 'file:///app/index.html', parent: {} } }],
    ['a navigated-away page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['another window', { sender: { id: 2, isDestroyed: () => false, startDrag: () => undefined } }],
  ])('refuses a request from %s without calling the core', (_name, event) => {
    const t = setup();
    t.send({ ...t.topFrame, ...event }, request);
    expect(t.prepared).toEqual([]);
  });

  it.each([
    ['a folder key', { ...request, keys: ['2025/'] }],
    ['no keys', { ...request, keys: [] }],
    ['too many keys', { ...request, keys: Array.from({ length: MAX_DRAG_KEYS + 1 }, (_, i) => `k${i}`) }],
    ['a key with NUL', { ...request, keys: ['a\0b'] }],
    ['no bucket', { accountId: 'acc-1', keys: ['a'] }],
    ['not an object', 'photos/cat.jpg'],
  ])('refuses %s without calling the core', (_name, body) => {
    const t = setup();
    t.send(t.topFrame, body);
    expect(t.prepared).toEqual([]);
  });

  it('reports a failed download instead of starting a drag, then accepts the next drag', async () => {
    let attempt = 0;
    const t = setup(async (req) => {
      attempt += 1;
      if (attempt === 1) throw new Error('boom');
      return req.keys.map((k) => `/tmp/d/${k}`);
    });
    t.send(t.topFrame, request);
    // While the first drag is still being prepared, a second one is ignored.
    t.send(t.topFrame, request);
    expect(t.prepared).toHaveLength(1);
    await expect.poll(() => t.errors).toHaveLength(1);
    t.send(t.topFrame, request);
    expect(await t.started).toMatchObject({ file: '/tmp/d/2025/cat.jpg' });
    expect(t.prepared).toHaveLength(2);
  });

  it('unbinds cleanly', () => {
    const t = setup();
    t.unbind();
    expect(t.listeners.size).toBe(0);
  });

  it('the renderer stops at the same number of keys the main process accepts', () => {
    expect(MAX_DRAG_OUT).toBe(MAX_DRAG_KEYS);
  });
});

describe('preload bridge', () => {
  const source = readFileSync(path.resolve('electron/preload/index.ts'), 'utf8');

  it('uses the same channel names as the main process', () => {
    expect(source).toContain(`'${INVOKE_CHANNEL}'`);
    expect(source).toContain(`'${EVENT_CHANNEL}'`);
    expect(source).toContain(`'${START_DRAG_CHANNEL}'`);
  });

  it('exposes one object and never ipcRenderer or process', () => {
    expect(source.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(source).toMatch(/exposeInMainWorld\('qstorage', api\)/);
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(source).not.toMatch(/\bprocess\.\w/);
  });
});

describe('Electron CSP and menu', () => {
  it('production CSP allows only our own scripts and no network', () => {
    const csp = electronCsp(false);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("connect-src 'none'");
  });

  it('the menu has edit roles everywhere and devtools only in dev', () => {
    const linux = JSON.stringify(menuTemplate('linux', 'QStorage Desktop', false));
    expect(linux).toContain('editMenu');
    expect(linux).not.toContain('toggleDevTools');
    expect(JSON.stringify(menuTemplate('darwin', 'QStorage Desktop', true))).toContain('toggleDevTools');
  });
});
