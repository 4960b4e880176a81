import type { SecretStorageKind } from '../../shared/models';

/**
 * Encrypts secrets at rest. The Electron host backs it with safeStorage, the browser host
 * with AES-256-GCM and a 0600 key file (key-file-vault.ts). Ciphertexts are base64 strings.
 */
export interface SecretVault {
  readonly kind: SecretStorageKind;
  /** Set when protection is weak (safeStorage's Linux basic_text fallback). */
  readonly warning: string | null;
  encrypt(plain: string): Promise<string>;
  decrypt(cipher: string): Promise<string>;
}
