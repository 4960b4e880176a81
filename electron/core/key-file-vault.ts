/**
 * The browser host's secret vault: AES-256-GCM with a random 32-byte key kept in
 * `<dataDir>/secret.key` (0600). It protects secrets at rest from anyone who cannot read that
 * file; the OS keychain (Electron safeStorage) is the desktop host's stronger option.
 *
 * Ciphertext format: base64( version(1) | iv(12) | tag(16) | ciphertext ).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, link, lstat, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { CoreError } from './errors';
import { ensureDataDir, PRIVATE_FILE_MODE } from './atomic-file';
import type { SecretVault } from './secret-vault';

const VERSION = 1;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Binds ciphertexts to this use, so a blob from another AES-GCM tool with the same key fails. */
const AAD = Buffer.from('qstorage-desktop secret v1');
export const KEY_FILE_NAME = 'secret.key';

export async function createKeyFileVault(dataDir: string): Promise<SecretVault> {
  await ensureDataDir(dataDir);
  const key = await loadOrCreateKey(path.join(dataDir, KEY_FILE_NAME));
  return {
    kind: 'aes-gcm-keyfile',
    warning: null,
    async encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(AAD);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]).toString('base64');
    },
    async decrypt(encoded) {
      const blob = Buffer.from(encoded, 'base64');
      if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== VERSION) throw undecryptable();
      const iv = blob.subarray(1, 1 + IV_BYTES);
      const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(AAD);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw undecryptable();
      }
    },
  };
}

const undecryptable = (): CoreError =>
  new CoreError(
    'SecretStorageUnavailable',
    'A stored secret could not be decrypted (the key file changed or the data was altered): enter the secret key again.',
  );

/**
 * Creates the key file exclusively (0600), or loads and checks the existing one. The key is
 * written to a temp file first and hard-linked into place (fails if the name exists), so a
 * second process never sees a half-written key.
 */
async function loadOrCreateKey(file: string): Promise<Buffer> {
  const fresh = randomBytes(KEY_BYTES);
  if (await createExclusive(file, fresh)) return fresh;
  await checkKeyFile(file);
  const key = await readFile(file);
  if (key.length !== KEY_BYTES) {
    throw new CoreError(
      'SecretStorageUnavailable',
      `The key file ${file} is damaged (wrong size): move it away and enter the secret keys again.`,
    );
  }
  return key;
}

/** Puts the key at `file` unless something is there already; false when it was. */
async function createExclusive(file: string, key: Buffer): Promise<boolean> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writePrivate(temp, key);
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'ENOTSUP' && code !== 'EPERM' && code !== 'ENOSYS') throw error;
  } finally {
    await rm(temp, { force: true });
  }
  // No hard links on this file system: plain O_EXCL create.
  try {
    await writePrivate(file, key);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function writePrivate(file: string, data: Buffer): Promise<void> {
  const handle = await open(file, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Refuses a key file that is a link, not a regular file, or owned by someone else; repairs
 * permissions wider than 0600 on our own file (a copy or a umask slip), since we can.
 */
async function checkKeyFile(file: string): Promise<void> {
  if (process.platform === 'win32') return; // POSIX modes do not apply; the profile ACL protects it.
  const info = await lstat(file);
  if (!info.isFile()) {
    throw new CoreError('SecretStorageUnavailable', `The key file ${file} is not a regular file: refusing to use it.`);
  }
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new CoreError(
      'SecretStorageUnavailable',
      `The key file ${file} belongs to another user: refusing to use it.`,
    );
  }
  if ((info.mode & 0o777) !== PRIVATE_FILE_MODE) await chmod(file, PRIVATE_FILE_MODE);
}
