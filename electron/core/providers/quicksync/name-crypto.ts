/**
 * QS Share's name encryption: CryptoJS's passphrase format, i.e. OpenSSL's `enc` format
 * ("Salted__" + 8-byte salt + AES-256-CBC ciphertext, PKCS#7, base64) with the key and IV from
 * EVP_BytesToKey over MD5, the passphrase being the session id. It hides names from outsiders,
 * not from the service (spec/NOTES.md).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('Salted__', 'latin1');
const SALT_BYTES = 8;
const KEY_BYTES = 32;
const IV_BYTES = 16;
const BLOCK_BYTES = 16;
/** Base64 of "Salted__": what every encrypted name starts with. */
const ENCRYPTED_PREFIX = 'U2FsdGVkX1';
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** OpenSSL's EVP_BytesToKey with MD5 and one round: D_i = MD5(D_{i-1} ‖ passphrase ‖ salt). */
function keyAndIv(passphrase: string, salt: Buffer): { key: Buffer; iv: Buffer } {
  const secret = Buffer.from(passphrase, 'utf8');
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let have = 0; have < KEY_BYTES + IV_BYTES; have += previous.length) {
    previous = createHash('md5').update(previous).update(secret).update(salt).digest();
    blocks.push(previous);
  }
  const material = Buffer.concat(blocks);
  return { key: material.subarray(0, KEY_BYTES), iv: material.subarray(KEY_BYTES, KEY_BYTES + IV_BYTES) };
}

/** The name encrypted with the passphrase; the salt is random unless given (tests). */
export function encryptName(name: string, passphrase: string, salt: Buffer = randomBytes(SALT_BYTES)): string {
  if (salt.length !== SALT_BYTES) throw new RangeError(`the salt must be ${SALT_BYTES} bytes`);
  const { key, iv } = keyAndIv(passphrase, salt);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([MAGIC, salt, cipher.update(name, 'utf8'), cipher.final()]).toString('base64');
}

/**
 * The plain name, or null when `text` is not a name encrypted with this passphrase (a plain
 * name, another session's, or damaged): a wrong key fails the padding or gives bytes that are
 * not UTF-8.
 */
export function decryptName(text: string, passphrase: string): string | null {
  if (!text.startsWith(ENCRYPTED_PREFIX) || passphrase === '') return null;
  const raw = Buffer.from(text, 'base64');
  const body = raw.subarray(MAGIC.length + SALT_BYTES);
  if (!raw.subarray(0, MAGIC.length).equals(MAGIC) || body.length === 0 || body.length % BLOCK_BYTES !== 0) return null;
  const { key, iv } = keyAndIv(passphrase, raw.subarray(MAGIC.length, MAGIC.length + SALT_BYTES));
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, iv);
    return strictUtf8.decode(Buffer.concat([decipher.update(body), decipher.final()]));
  } catch {
    return null;
  }
}
