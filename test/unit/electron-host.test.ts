// The Electron host's pure parts, with fakes for Electron's objects (the binary is not needed).
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap, EventName } from '../../shared/contract';
import { ok, type Result } from '../../shared/errors';
import { APP_SCHEME_PRIVILEGES, appResponse, handleAppProtocol } from '../../electron/main/app-protocol';
import { APP_INDEX_URL, appLocation, isAppUrl } from '../../electron/main/app-url';
import { electronCsp } from '../../electron/main/csp';
import { MAX_DRAG_KEYS, bindDragOut, type DragOutRequest } from '../../electron/main/drag-out';
import { FOREIGN_SENDER, bindIpc, type IpcBindingOptions } from '../../electron/main/ipc';
import { menuTemplate } from '../../electron/main/menu';
import { DEFAULT_NATIVE_STRINGS } from '../../electron/main/native-strings';
import {
  bindPathHandles,
  createPathHandles,
  pickedFolderOf,
  type PathHandleBindingOptions,
} from '../../electron/main/path-handles';
import { PAGE_FOLDER_REFUSED, PAGE_PATH_REFUSED, UNKNOWN_HANDLE } from '../../electron/core/untrusted-requests';
import { EVENT_CHANNEL, INVOKE_CHANNEL, PATH_HANDLE_CHANNEL, START_DRAG_CHANNEL } from '../../shared/ipc';
import { PATH_HANDLE } from '../../shared/schemas';
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
  const prod = appLocation('http://localhost:5173/', true);
  const dev = appLocation('http://localhost:5173/', false);

  it('packaged builds ignore the dev server URL', () => {
    expect(prod).toEqual({ appUrl: 'app://qstorage/index.html', devUrl: null });
    expect(APP_INDEX_URL).toBe('app://qstorage/index.html');
    expect(dev.devUrl).toBe('http://localhost:5173/');
  });

  it.each([
    ['app://qstorage/index.html', true],
    ['app://qstorage/index.html#/buckets', true],
    ['app://qstorage/index.html?x=1', true],
    ['app://qstorage/other.html', false],
    ['app://qstorage/', false],
    ['app://evil/index.html', false],
    ['file:///opt/app/out/renderer/index.html', false],
    [pathToFileURL('/etc/passwd').href, false],
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

describe('app:// protocol', () => {
  let base: string;
  let root: string;
  const csp = electronCsp(false);
  const get = (url: string, method = 'GET') => appResponse(root, { url, method }, csp);

  beforeAll(async () => {
    base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'qs-app-protocol-')));
    root = path.join(base, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(path.join(root, 'assets', 'index.js'), 'export {};');
    await writeFile(path.join(root, '.env'), 'SECRET=1');
    // Beside the root: what a traversal would reach.
    await writeFile(path.join(base, 'secret.txt'), 'not for the page');
    await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.js'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('serves files inside out/renderer with their type and the production CSP as a header', async () => {
    const page = await get('app://qstorage/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(csp);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html><title>app</title>');
    const script = await get('app://qstorage/assets/index.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(csp);
    expect(await (await get('app://qstorage/')).text()).toContain('<title>app</title>');
  });

  it.each([
    'app://qstorage/../secret.txt',
    'app://qstorage/%2e%2e/secret.txt',
    'app://qstorage/..%2fsecret.txt',
    'app://qstorage/assets/..%2f..%2fsecret.txt',
    'app://qstorage/assets%2f..%2f..%2fsecret.txt',
    'app://qstorage/..%5csecret.txt',
    'app://qstorage/%252e%252e/secret.txt',
    'app://qstorage/index.html%00.js',
    'app://qstorage/assets/link.js',
    'app://qstorage/.env',
    'app://qstorage/missing.js',
    'app://qstorage/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s with 404 and never reads outside the root', async (url) => {
    const answer = await get(url);
    expect(answer.status).toBe(404);
    const body = await answer.text();
    expect(body).not.toContain('not for the page');
    expect(body).not.toContain('SECRET');
  });

  it('answers GET and HEAD only', async () => {
    expect((await get('app://qstorage/index.html', 'POST')).status).toBe(405);
    const head = await get('app://qstorage/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('is registered as a standard, secure scheme without CSP bypass, and handled with the given policy', async () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      // stream: Quick Look's <video>/<audio> read preview links by range.
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    });
    const handled = new Map<string, (request: Request) => Promise<Response>>();
    handleAppProtocol({ handle: (scheme, handler) => void handled.set(scheme, handler as never) }, root, csp);
    const answer = await handled.get('app')?.(new Request('app://qstorage/index.html'));
    expect(answer?.headers.get('content-security-policy')).toBe(csp);
  });
});

describe('IPC binding', () => {
  type Handler = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>;

  function setup() {
    const handlers = new Map<string, Handler>();
    const sent: { channel: string; message: unknown }[] = [];
    const listeners = new Map<EventName, (payload: never) => void>();
    const invoked: { channel: string; request: unknown }[] = [];
    const handles = createPathHandles();
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
          // A download answers with the folder the core's dialog chose.
          if (channel === 'transfers:download') return ok({ kind: 'started', batchId: 'b', targetDir: '/home/me/dl' });
          return ok({ channel });
        },
        onEvent: <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) => {
          listeners.set(event, listener as (payload: never) => void);
          return () => void listeners.delete(event);
        },
      },
      handles,
      getContents: () => contents,
      isAppUrl: (url) => url.startsWith('app://qstorage/index.html'),
    };
    const unbind = bindIpc(options);
    const call = (event: unknown, ...args: unknown[]) => {
      const handler = handlers.get(INVOKE_CHANNEL);
      if (!handler) throw new Error('no handler');
      return handler(event, ...args);
    };
    const topFrame = { url: 'app://qstorage/index.html#/', parent: null };
    return { handlers, sent, listeners, invoked, contents, call, unbind, topFrame, handles };
  }

  it('forwards requests from our top frame to the core', async () => {
    const t = setup();
    const result = await t.call({ sender: { id: 1 }, senderFrame: t.topFrame }, 'app:info', {});
    expect(result).toEqual(ok({ channel: 'app:info' }));
    expect(t.invoked).toEqual([{ channel: 'app:info', request: {} }]);
  });

  it.each([
    ['another window', { sender: { id: 2 }, senderFrame: { url: 'app://qstorage/index.html', parent: null } }],
    ['a subframe', { sender: { id: 1 }, senderFrame: { url: 'app://qstorage/index.html', parent: {} } }],
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

  describe('local paths only as handles the host minted', () => {
    const upload = (sources: unknown[]) => ({ accountId: 'a1', bucket: 'b', prefix: '', batchId: 'x', sources });
    const download = (targetDir: unknown) => ({
      accountId: 'a1',
      bucket: 'b',
      basePrefix: '',
      keys: ['k'],
      batchId: 'x',
      targetDir,
    });

    it('resolves an upload handle to its path before the core sees the request', async () => {
      const t = setup();
      const handle = t.handles.mint('/home/me/photos', 'upload');
      const event = { sender: { id: 1 }, senderFrame: t.topFrame };
      const browserFile = { kind: 'browser', relativePath: 'a', size: 1, lastModified: 0 };
      expect((await t.call(event, 'transfers:upload', upload([{ kind: 'handle', handle }, browserFile]))).ok).toBe(
        true,
      );
      expect(t.invoked).toEqual([
        { channel: 'transfers:upload', request: upload([{ kind: 'path', path: '/home/me/photos' }, browserFile]) },
      ]);
    });

    it.each([
      ['a path source', 'transfers:upload', upload([{ kind: 'path', path: '/home/me/.ssh' }]), PAGE_PATH_REFUSED],
      ['an unknown handle', 'transfers:upload', upload([{ kind: 'handle', handle: 'c'.repeat(32) }]), UNKNOWN_HANDLE],
      ['a typed download folder', 'transfers:download', download('/home/me/.config/autostart'), PAGE_FOLDER_REFUSED],
      ['an unknown folder handle', 'transfers:download', download({ handle: 'd'.repeat(32) }), UNKNOWN_HANDLE],
    ])('refuses %s with AccessDenied, without calling the core', async (_name, channel, request, error) => {
      const t = setup();
      expect(await t.call({ sender: { id: 1 }, senderFrame: t.topFrame }, channel, request)).toEqual({
        ok: false,
        error,
      });
      expect(error.code).toBe('AccessDenied');
      expect(t.invoked).toEqual([]);
    });

    it("answers a started download with a handle for the dialog's folder, which names it in the next call", async () => {
      const t = setup();
      const event = { sender: { id: 1 }, senderFrame: t.topFrame };
      const first = await t.call(event, 'transfers:download', download(null));
      if (!first.ok) throw new Error('refused');
      const { targetDirHandle } = first.value as { targetDirHandle: string };
      expect(targetDirHandle).toMatch(PATH_HANDLE);
      expect(first.value).toMatchObject({ kind: 'started', targetDir: '/home/me/dl' });
      await t.call(event, 'transfers:download', download({ handle: targetDirHandle }));
      expect(t.invoked.map((i) => (i.request as { targetDir: unknown }).targetDir)).toEqual([null, '/home/me/dl']);
    });

    it('a handle minted for an upload is no download folder, and the reverse', async () => {
      const t = setup();
      const event = { sender: { id: 1 }, senderFrame: t.topFrame };
      const dropped = t.handles.mint('/home/me/photos', 'upload');
      const folder = t.handles.mint('/home/me/dl', 'download');
      expect(await t.call(event, 'transfers:download', download({ handle: dropped }))).toEqual({
        ok: false,
        error: UNKNOWN_HANDLE,
      });
      expect(await t.call(event, 'transfers:upload', upload([{ kind: 'handle', handle: folder }]))).toEqual({
        ok: false,
        error: UNKNOWN_HANDLE,
      });
      expect(t.invoked).toEqual([]);
    });
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
      isAppUrl: (url) => url.startsWith('app://qstorage/index.html'),
      icon: () => 'icon.png',
      onError: (message) => errors.push(message),
    });
    const send = (event: object, body: unknown) => {
      const listener = listeners.get(START_DRAG_CHANNEL);
      if (!listener) throw new Error('no listener');
      listener({ sender, ...event }, body);
    };
    const topFrame = { senderFrame: { url: 'app://qstorage/index.html', parent: null } };
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
    ['a subframe', { senderFrame: { url: 'app://qstorage/index.html', parent: {} } }],
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

describe('path handles', () => {
  it('mints 128-bit random handles, the same one again for the same path and use', () => {
    const handles = createPathHandles();
    const a = handles.mint('/home/me/a.txt', 'upload');
    expect(a).toMatch(PATH_HANDLE);
    expect(handles.mint('/home/me/a.txt', 'upload')).toBe(a);
    expect(handles.mint('/home/me/a.txt', 'download')).not.toBe(a);
    expect(handles.mint('/home/me/b.txt', 'upload')).not.toBe(a);
    expect(handles.resolve(a, 'upload')).toBe('/home/me/a.txt');
    expect(handles.resolve(a, 'download')).toBeNull();
    expect(handles.resolve('/home/me/a.txt', 'upload')).toBeNull();
    handles.clear();
    expect(handles.resolve(a, 'upload')).toBeNull();
  });

  it('is bounded: past the limit the oldest handles are forgotten', () => {
    const handles = createPathHandles(3);
    const minted = ['/1', '/2', '/3', '/4'].map((p) => handles.mint(p, 'upload'));
    expect(handles.size).toBe(3);
    expect(handles.resolve(minted[0] as string, 'upload')).toBeNull();
    expect(handles.resolve(minted[3] as string, 'upload')).toBe('/4');
    expect(handles.mint('/1', 'upload')).not.toBe(minted[0]);
  });

  it.each([
    ['/home/me/holiday/day 1/a.jpg', 'holiday/day 1/a.jpg', '/home/me/holiday'],
    ['C:\\Users\\me\\holiday\\a.jpg', 'holiday/a.jpg', 'C:\\Users\\me\\holiday'],
    ['/x/a.jpg', 'a.jpg', null],
    ['/home/me/other/a.jpg', 'holiday/a.jpg', null],
    ['/home/me/a/../a.jpg', '../a.jpg', null],
  ])('the picked folder of %s with %s is %s', (filePath, relativePath, expected) => {
    expect(pickedFolderOf(filePath, relativePath)).toBe(expected);
  });

  describe('the minting channel', () => {
    type Mint = (event: unknown, ...args: unknown[]) => unknown;
    function bind() {
      const channels = new Map<string, Mint>();
      const handles = createPathHandles();
      const unbind = bindPathHandles({
        ipcMain: {
          handle: (channel: string, handler: Mint) => void channels.set(channel, handler),
          removeHandler: (channel: string) => void channels.delete(channel),
        } as unknown as PathHandleBindingOptions['ipcMain'],
        handles,
        getContents: () => ({ id: 1, isDestroyed: () => false }),
        isAppUrl: (url) => url.startsWith('app://qstorage/index.html'),
      });
      const mint = (event: unknown, ...args: unknown[]) => (channels.get(PATH_HANDLE_CHANNEL) as Mint)(event, ...args);
      const ours = { sender: { id: 1 }, senderFrame: { url: 'app://qstorage/index.html', parent: null } };
      return { channels, handles, unbind, mint, ours };
    }

    it('mints for an absolute path from our window, or for the picked folder it lies in', () => {
      const t = bind();
      const file = t.mint(t.ours, '/home/me/a.txt', '') as string;
      expect(t.handles.resolve(file, 'upload')).toBe('/home/me/a.txt');
      const folder = t.mint(t.ours, '/home/me/holiday/day 1/a.jpg', 'holiday/day 1/a.jpg') as string;
      expect(t.handles.resolve(folder, 'upload')).toBe('/home/me/holiday');
      expect(t.handles.size).toBe(2);
    });

    it.each([
      ['another window', { sender: { id: 2 }, senderFrame: { url: 'app://qstorage/index.html', parent: null } }, '/a'],
      ['a foreign page', { sender: { id: 1 }, senderFrame: { url: 'https://evil.example/', parent: null } }, '/a'],
      ['a relative path', null, 'a.txt'],
      ['a path with NUL', null, '/a\0b'],
      ['no string', null, 42],
    ])('mints nothing for %s', (_name, event, filePath) => {
      const t = bind();
      expect(t.mint(event ?? t.ours, filePath, '')).toBeNull();
      expect(t.mint(t.ours, '/home/me/a.jpg', 'other/a.jpg')).toBeNull();
      expect(t.handles.size).toBe(0);
      t.unbind();
      expect(t.channels.size).toBe(0);
    });
  });
});

describe('preload bridge', () => {
  const source = readFileSync(path.resolve('electron/preload/index.ts'), 'utf8');

  it('takes its channel names from shared/ipc.ts, as the main process does, and spells out none', () => {
    const names = [INVOKE_CHANNEL, EVENT_CHANNEL, START_DRAG_CHANNEL, PATH_HANDLE_CHANNEL];
    expect(new Set(names).size).toBe(4);
    const sources = ['preload/index.ts', 'main/ipc.ts', 'main/drag-out.ts', 'main/path-handles.ts'].map((file) =>
      readFileSync(path.resolve('electron', file), 'utf8'),
    );
    for (const text of sources) {
      expect(text).toMatch(/from '\.\.\/\.\.\/shared\/ipc'/);
      expect(text).not.toMatch(/['"`]qstorage:/);
    }
    expect(source).toMatch(/ipcRenderer\.invoke\(INVOKE_CHANNEL, channel, request\)/);
    expect(source).toMatch(/ipcRenderer\.on\(EVENT_CHANNEL, handler\)/);
    expect(source).toMatch(/ipcRenderer\.send\(START_DRAG_CHANNEL, request\)/);
  });

  it('asks for a handle only with the path Electron gives for a real File, never with one from the page', () => {
    expect(source).toMatch(/ipcRenderer\.invoke\(PATH_HANDLE_CHANNEL, path, folderOf\)/);
    expect(source).toMatch(/path = webUtils\.getPathForFile\(file as File\)/);
    expect(source).not.toMatch(/pathForFile\(/);
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
    expect(csp).toContain("connect-src 'self'");
  });

  it('the menu has edit roles everywhere and devtools only in dev', () => {
    const linux = JSON.stringify(menuTemplate('linux', 'QStorage Desktop', false, DEFAULT_NATIVE_STRINGS));
    expect(linux).toContain('editMenu');
    expect(linux).not.toContain('toggleDevTools');
    expect(JSON.stringify(menuTemplate('darwin', 'QStorage Desktop', true, DEFAULT_NATIVE_STRINGS))).toContain(
      'toggleDevTools',
    );
  });

  it('labels its own menus with the words the page sent, leaving the roles to Electron', () => {
    const labels = { fileMenu: 'Datei', viewMenu: 'Ansicht' };
    const shown = (platform: NodeJS.Platform) =>
      menuTemplate(platform, 'QStorage Desktop', false, labels).map((item) => item.label ?? item.role);
    expect(shown('linux')).toEqual(['Datei', 'editMenu', 'Ansicht', 'windowMenu', 'help']);
    expect(shown('darwin')).toEqual(['QStorage Desktop', 'Datei', 'editMenu', 'Ansicht', 'windowMenu', 'help']);
  });
});
