/**
 * The QuickSync client's last checks before any request: file keys that would change the URL's
 * meaning, and an http:// API base off this machine (the token would travel in clear). fetch is
 * watched: none of these may reach it.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { toAppError } from '../../electron/core/errors';
import { deleteFile, fileDetails, listFiles, openDownload } from '../../electron/core/providers/quicksync/api';
import { fakeRouter } from './fakes/router';
import { capabilitiesOf } from '../../shared/capabilities';
import { quickSyncFileKeyProblem } from '../../shared/quicksync';

const local = { apiBase: 'http://127.0.0.1:9/v1', token: 'token-not-sent', sessionId: 's' };
const HOSTILE_KEYS = [
  '',
  '.',
  '..',
  'a/b',
  '/',
  '../x',
  'a\\b',
  '\\',
  'a\nb',
  'a\u0000b',
  'a\u007fb',
  'x'.repeat(1025),
];

let fetchSpy: MockInstance<typeof fetch>;
beforeEach(() => {
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('fetch must not be called'));
});
afterEach(() => fetchSpy.mockRestore());

describe('QuickSync file keys', () => {
  it.each(HOSTILE_KEYS)('refuses %j with a reason, in the shared rule', (key) => {
    expect(quickSyncFileKeyProblem(key)).toEqual(expect.any(String));
  });

  it.each(['abc', 'a.b', '...', 'a..b', 'f1d2c3-uuid', 'ünïcode', 'x'.repeat(1024)])('accepts %j', (key) => {
    expect(quickSyncFileKeyProblem(key)).toBeNull();
  });

  it.each(HOSTILE_KEYS)('refuses %j as InvalidKey before any request, in every call that takes a key', async (key) => {
    for (const attempt of [
      () => deleteFile(local, key),
      () => fileDetails(local, key),
      () => openDownload(local, key),
    ]) {
      const error = toAppError(
        await attempt().then(
          () => null,
          (e: unknown) => e,
        ),
      );
      expect(error.code).toBe('InvalidKey');
      expect(error.message).toMatch(/QuickSync file key/);
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('says why "..", "/" and control characters are refused', () => {
    expect(quickSyncFileKeyProblem('..')).toBe(
      '".." is not a QuickSync file key: "." and ".." would address something other than a file.',
    );
    expect(quickSyncFileKeyProblem('a/b')).toMatch(/contains "\/" or "\\"/);
    expect(quickSyncFileKeyProblem('a\u0001b')).toMatch(/"a\\u0001b" contains a control character/);
  });

  it('answers quicksync:details and quicksync:delete with InvalidKey from the schema, before the handler', async () => {
    const reached = vi.fn();
    const { router } = fakeRouter({ capabilities: capabilitiesOf('quicksync'), fallback: reached });
    for (const [channel, request] of [
      ['quicksync:details', { accountId: 'a', fileKey: '..' }],
      ['quicksync:delete', { accountId: 'a', fileKeys: ['ok', '..'], operationId: 'o' }],
      ['quicksync:delete', { accountId: 'a', fileKeys: ['a/b'], operationId: 'o' }],
      ['quicksync:details', { accountId: 'a', fileKey: '' }],
    ] as const) {
      const result = await router.invoke(channel, request);
      expect(result, channel).toMatchObject({
        ok: false,
        error: { code: 'InvalidKey', message: expect.stringMatching(/QuickSync file key/) },
      });
    }
    expect(reached).not.toHaveBeenCalled();
  });
});

describe('QuickSync API base', () => {
  it.each([
    'http://api.quicksync.me/v1',
    'http://192.168.1.10:8080/v1',
    'http://10.0.0.1/v1',
    'http://127.0.0.1.nip.io/v1',
  ])('refuses plain http to %s before sending the token', async (apiBase) => {
    const error = toAppError(
      await listFiles({ ...local, apiBase }).then(
        () => null,
        (e: unknown) => e,
      ),
    );
    expect(error).toEqual({
      code: 'AccessDenied',
      message: `The QuickSync API base ${new URL(apiBase).origin} is not https://, so the session token would travel unencrypted: nothing was sent. Use an https:// API base (plain http:// only on this computer).`,
    });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it.each([
    'http://127.0.0.1:9/v1',
    'http://localhost:9/v1',
    'http://[::1]:9/v1',
    'http://127.0.0.2:9/v1',
    'https://203.0.113.9/v1',
  ])('lets %s through to the request', async (apiBase) => {
    await expect(listFiles({ ...local, apiBase })).rejects.toThrow('fetch must not be called');
    expect(fetchSpy).toHaveBeenCalledOnce();
  });
});
