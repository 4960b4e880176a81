import { chmod, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_FILE_NAME, createKeyFileVault } from '../../electron/core/key-file-vault';

const posix = process.platform !== 'win32';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'qs-vault-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('key-file vault', () => {
  it('round-trips secrets, with a fresh IV each time', async () => {
    const vault = await createKeyFileVault(dir);
    expect(vault.kind).toBe('aes-gcm-keyfile');
    expect(vault.warning).toBeNull();
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY-ünïcode';
    const a = await vault.encrypt(secret);
    const b = await vault.encrypt(secret);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(await vault.decrypt(a)).toBe(secret);
    expect(await vault.decrypt(b)).toBe(secret);
    const blob = Buffer.from(a, 'base64');
    expect(blob[0]).toBe(1); // version byte
    expect(blob.length).toBe(1 + 12 + 16 + Buffer.byteLength(secret));
  });

  it('decrypts with the same key file after a restart', async () => {
    const cipher = await (await createKeyFileVault(dir)).encrypt('s3cr3t');
    expect(await (await createKeyFileVault(dir)).decrypt(cipher)).toBe('s3cr3t');
  });

  it('refuses tampered ciphertexts and another key', async () => {
    const vault = await createKeyFileVault(dir);
    const cipher = Buffer.from(await vault.encrypt('s3cr3t'), 'base64');
    const flipped = Buffer.from(cipher);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    await expect(vault.decrypt(flipped.toString('base64'))).rejects.toMatchObject({ code: 'SecretStorageUnavailable' });
    const badVersion = Buffer.from(cipher);
    badVersion[0] = 9;
    await expect(vault.decrypt(badVersion.toString('base64'))).rejects.toMatchObject({
      code: 'SecretStorageUnavailable',
    });
    await expect(vault.decrypt('short')).rejects.toMatchObject({ code: 'SecretStorageUnavailable' });

    const other = await mkdtemp(path.join(os.tmpdir(), 'qs-vault-other-'));
    try {
      await expect((await createKeyFileVault(other)).decrypt(cipher.toString('base64'))).rejects.toMatchObject({
        code: 'SecretStorageUnavailable',
      });
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it.skipIf(!posix)('creates a 32-byte key file with mode 0600 and leaves no temp file', async () => {
    await createKeyFileVault(dir);
    const file = path.join(dir, KEY_FILE_NAME);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file)).length).toBe(32);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(dir)).toEqual([KEY_FILE_NAME]);
  });

  it.skipIf(!posix)('repairs a key file readable by others back to 0600, keeping the key', async () => {
    const cipher = await (await createKeyFileVault(dir)).encrypt('keep me');
    const file = path.join(dir, KEY_FILE_NAME);
    await chmod(file, 0o644);
    const vault = await createKeyFileVault(dir);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await vault.decrypt(cipher)).toBe('keep me');
  });

  it.skipIf(!posix)('refuses a symlinked or damaged key file', async () => {
    const real = path.join(dir, 'elsewhere.key');
    await writeFile(real, Buffer.alloc(32, 7), { mode: 0o600 });
    await symlink(real, path.join(dir, KEY_FILE_NAME));
    await expect(createKeyFileVault(dir)).rejects.toMatchObject({ code: 'SecretStorageUnavailable' });

    const damaged = await mkdtemp(path.join(os.tmpdir(), 'qs-vault-damaged-'));
    try {
      await writeFile(path.join(damaged, KEY_FILE_NAME), 'too short', { mode: 0o600 });
      await expect(createKeyFileVault(damaged)).rejects.toMatchObject({
        code: 'SecretStorageUnavailable',
        message: /wrong size/,
      });
    } finally {
      await rm(damaged, { recursive: true, force: true });
    }
  });

  it('two vaults created at once share one key', async () => {
    const [a, b] = await Promise.all([createKeyFileVault(dir), createKeyFileVault(dir)]);
    expect(await b.decrypt(await a.encrypt('same key'))).toBe('same key');
  });
});
