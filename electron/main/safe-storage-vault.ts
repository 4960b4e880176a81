/**
 * SecretVault over Electron's safeStorage (Keychain, DPAPI, libsecret/KWallet). Where Linux
 * has no secret service, safeStorage falls back to a fixed key ('basic_text'): secrets are
 * then barely protected, and the vault says so for the UI to show.
 */
import type { SafeStorage } from 'electron';
import { CoreError } from '../core/errors';
import type { SecretVault } from '../core/secret-vault';

export type SafeStorageApi = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export const BASIC_TEXT_WARNING =
  'No system keyring (such as GNOME Keyring or KWallet) was found, so secret keys are stored ' +
  'with a built-in key: anyone who can read your files can read them. Install and unlock a ' +
  'keyring, then restart the app, to protect them.';

export const UNAVAILABLE_MESSAGE =
  'The system keyring is not available, so secret keys cannot be stored or read. Unlock or ' +
  'install a keyring (Keychain, Credential Manager, GNOME Keyring or KWallet) and restart the app.';

/** Call after `app` is ready: before that, Linux cannot tell which backend it has. */
export async function createSafeStorageVault(
  safeStorage: SafeStorageApi,
  platform: NodeJS.Platform = process.platform,
): Promise<SecretVault> {
  const available = await safeStorage.isAsyncEncryptionAvailable();
  const basicText = platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  const requireAvailable = (): void => {
    if (!available) throw new CoreError('SecretStorageUnavailable', UNAVAILABLE_MESSAGE);
  };
  return {
    kind: basicText ? 'basic_text' : 'safeStorage',
    warning: !available ? UNAVAILABLE_MESSAGE : basicText ? BASIC_TEXT_WARNING : null,
    async encrypt(plain) {
      requireAvailable();
      return (await safeStorage.encryptStringAsync(plain)).toString('base64');
    },
    async decrypt(cipher) {
      requireAvailable();
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'));
      return result;
    },
  };
}
