import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decryptName, encryptName } from '../../electron/core/providers/quicksync/name-crypto';

// spec/NOTES.md: the QS Share test vector.
const SESSION_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const SALT = Buffer.from('0102030405060708', 'hex');
const VECTOR = 'U2FsdGVkX18BAgMEBQYHCIPUFYNtaHvVcHvx7ODHVgY=';

describe('QS Share name encryption', () => {
  it('encrypts the test vector exactly', () => {
    expect(encryptName('report.pdf', SESSION_ID, SALT)).toBe(VECTOR);
  });

  it('decrypts the test vector', () => {
    expect(decryptName(VECTOR, SESSION_ID)).toBe('report.pdf');
  });

  it('round-trips any name with a random salt, differently each time', () => {
    const name = 'Fotos/été 2026/naïve 📷 ünïcödé.jpg';
    const a = encryptName(name, SESSION_ID);
    const b = encryptName(name, SESSION_ID);
    expect(a).not.toBe(b);
    expect(a.startsWith('U2FsdGVkX1')).toBe(true);
    expect(decryptName(a, SESSION_ID)).toBe(name);
    expect(decryptName(b, SESSION_ID)).toBe(name);
  });

  it('is what openssl enc -aes-256-cbc -md md5 reads', () => {
    const encrypted = encryptName('photos/a.jpg', SESSION_ID);
    const plain = execFileSync(
      'openssl',
      ['enc', '-d', '-aes-256-cbc', '-md', 'md5', '-a', '-A', '-pass', `pass:${SESSION_ID}`],
      { input: encrypted, stdio: ['pipe', 'pipe', 'ignore'] },
    );
    expect(plain.toString('utf8')).toBe('photos/a.jpg');
  });

  it('leaves plain names, other sessions’ names and damaged text alone (null)', () => {
    expect(decryptName('report.pdf', SESSION_ID)).toBeNull();
    expect(decryptName(VECTOR, 'another-session-id')).toBeNull();
    expect(decryptName(VECTOR.slice(0, -8), SESSION_ID)).toBeNull();
    expect(decryptName('U2FsdGVkX1', SESSION_ID)).toBeNull();
    expect(decryptName(VECTOR, '')).toBeNull();
  });
});
