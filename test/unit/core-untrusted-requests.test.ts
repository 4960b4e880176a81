// What each host lets its page name on this computer, screened before the router sees a request.
import { describe, expect, it } from 'vitest';
import {
  PAGE_FOLDER_REFUSED,
  PAGE_PATH_REFUSED,
  PAGE_SYNC_FOLDER_REFUSED,
  UNKNOWN_HANDLE,
  screenPageRequest,
  type HandleUse,
  type PagePolicy,
} from '../../electron/core/untrusted-requests';
import { DEFAULT_SYNC_SETTINGS } from '../../shared/sync';

const HANDLE = 'a'.repeat(32);
const FOLDER = 'f'.repeat(32);
const browser: PagePolicy = { kind: 'browser' };
const electron: PagePolicy = {
  kind: 'electron',
  resolve: (handle: string, use: HandleUse) =>
    handle === HANDLE && use === 'upload' ? '/home/me/photos' : handle === FOLDER && use === 'download' ? '/dl' : null,
};

const upload = (...sources: unknown[]) => ({ accountId: 'a1', bucket: 'b', prefix: '', batchId: 'x', sources });
const download = (targetDir: unknown) => ({
  accountId: 'a1',
  bucket: 'b',
  basePrefix: '',
  keys: ['k'],
  batchId: 'x',
  targetDir,
});
const syncPair = (localFolder: unknown) => ({
  accountId: 'a1',
  bucket: 'b',
  prefix: '',
  localFolder,
  ...DEFAULT_SYNC_SETTINGS,
});
const staged = { kind: 'browser', relativePath: 'a.txt', size: 1, lastModified: 0 };

describe('screenPageRequest: browser host', () => {
  it('refuses any upload source that names a local path, however it is mixed in', () => {
    for (const request of [
      upload({ kind: 'path', path: '/etc/passwd' }),
      upload(staged, { kind: 'path', path: 'x' }),
    ]) {
      expect(screenPageRequest('transfers:upload', request, browser)).toEqual({ ok: false, error: PAGE_PATH_REFUSED });
    }
    expect(PAGE_PATH_REFUSED).toEqual({
      code: 'AccessDenied',
      message: 'The page cannot name files on this computer: drop them or choose them with Upload files.',
    });
  });

  it('passes staged uploads and a typed download folder (it has no dialog; the core checks the folder)', () => {
    expect(screenPageRequest('transfers:upload', upload(staged), browser)).toEqual({
      ok: true,
      request: upload(staged),
    });
    expect(screenPageRequest('transfers:download', download('/home/me/dl'), browser)).toEqual({
      ok: true,
      request: download('/home/me/dl'),
    });
  });

  it('passes a typed folder to sync, and null (the core answers that it has no dialog)', () => {
    for (const request of [syncPair('/home/me/photos'), syncPair(null)]) {
      expect(screenPageRequest('sync:create', request, browser)).toEqual({ ok: true, request });
    }
  });

  it('leaves handles to the core, which refuses them unresolved', () => {
    const request = upload({ kind: 'handle', handle: HANDLE });
    expect(screenPageRequest('transfers:upload', request, browser)).toEqual({ ok: true, request });
  });
});

describe('screenPageRequest: Electron host', () => {
  it('turns handles it minted into paths', () => {
    expect(screenPageRequest('transfers:upload', upload({ kind: 'handle', handle: HANDLE }, staged), electron)).toEqual(
      {
        ok: true,
        request: upload({ kind: 'path', path: '/home/me/photos' }, staged),
      },
    );
    expect(screenPageRequest('transfers:download', download({ handle: FOLDER }), electron)).toEqual({
      ok: true,
      request: download('/dl'),
    });
    expect(screenPageRequest('transfers:download', download(null), electron)).toEqual({
      ok: true,
      request: download(null),
    });
  });

  it('passes a pair without a folder: the core asks with the native dialog', () => {
    expect(screenPageRequest('sync:create', syncPair(null), electron)).toEqual({ ok: true, request: syncPair(null) });
  });

  it.each([
    ['a path source', 'transfers:upload', upload({ kind: 'path', path: '/home/me/.ssh' }), PAGE_PATH_REFUSED],
    ['an unknown handle', 'transfers:upload', upload({ kind: 'handle', handle: 'b'.repeat(32) }), UNKNOWN_HANDLE],
    ["a folder's handle as a source", 'transfers:upload', upload({ kind: 'handle', handle: FOLDER }), UNKNOWN_HANDLE],
    ['a typed folder', 'transfers:download', download('/home/me/.config/autostart'), PAGE_FOLDER_REFUSED],
    ["a dropped file's handle as the folder", 'transfers:download', download({ handle: HANDLE }), UNKNOWN_HANDLE],
    ['a typed folder to sync', 'sync:create', syncPair('/home/me/.ssh'), PAGE_SYNC_FOLDER_REFUSED],
    // A download folder was given to write into; a pair that uploads would read it whole.
    [
      "a download folder's handle as the folder to sync",
      'sync:create',
      syncPair({ handle: FOLDER }),
      PAGE_SYNC_FOLDER_REFUSED,
    ],
    ['a malformed folder to sync', 'sync:create', syncPair(42), PAGE_SYNC_FOLDER_REFUSED],
  ])('refuses %s with AccessDenied and a sentence saying what to do', (_name, channel, request, error) => {
    expect(screenPageRequest(channel, request, electron)).toEqual({ ok: false, error });
    expect(error.code).toBe('AccessDenied');
    expect(error.message).toMatch(/choose|drop/);
  });

  it('leaves malformed shapes and other channels to the router', () => {
    for (const [channel, request] of [
      ['transfers:upload', null],
      ['transfers:upload', { sources: 'nope' }],
      ['transfers:upload', upload(null, 42, { kind: 'handle', handle: 7 })],
      ['transfers:download', download({ handle: 7 })],
      ['transfers:download', download(42)],
      ['accounts:list', { targetDir: '/x', sources: [{ kind: 'path', path: '/x' }] }],
    ] as const) {
      expect(screenPageRequest(channel, request, electron)).toEqual({ ok: true, request });
    }
  });
});
