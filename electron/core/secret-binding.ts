/**
 * The core's rule that a stored secret goes only where it was entered for: secrets.json keeps,
 * beside each cipher, the binding of the account at the time (shared/account-binding.ts), and
 * the store decrypts a secret only for an account whose binding is still the same. A patch that
 * changes the binding must carry the secret again; an edited accounts.json or a bug elsewhere
 * gets SecretRequired instead of the secret.
 */
import { z } from 'zod';
import {
  bindingChanges,
  secretBinding,
  type BindingChange,
  type BoundAccount,
  type SecretBinding,
} from '../../shared/account-binding';
import { CoreError } from './errors';

export const secretBindingSchema = z.object({
  kind: z.enum(['qstorage', 's3', 'sandbox', 'quicksync']),
  origin: z.string(),
  addressingStyle: z.enum(['virtual', 'path']).nullable(),
  accessKeyId: z.string(),
});

/** What it takes to be sent, in the account's own words. */
const secretWords = (kind: SecretBinding['kind']) =>
  kind === 'quicksync'
    ? { secret: 'token', enter: 'paste the session token again', where: 'API base' }
    : { secret: 'secret', enter: 'enter the secret key again', where: 'endpoint' };

function describe(change: BindingChange, kind: SecretBinding['kind']): string {
  const words = secretWords(kind);
  const only = `A stored ${words.secret} is only ever sent to the ${words.where} it was entered for.`;
  switch (change.field) {
    case 'kind':
      return `The kind of the account changed (${change.from} → ${change.to}) since its ${words.secret} was entered: remove the account and add it again.`;
    case 'origin':
      return `The ${words.where} changed (${change.from} → ${change.to}): ${words.enter}. ${only}`;
    case 'addressingStyle':
      return `The addressing style changed (${change.from} → ${change.to}), so requests go to other hosts: ${words.enter}. ${only}`;
    case 'accessKeyId':
      // Key ids are not shown: a QuickSync session id is the QS Share passphrase.
      return kind === 'quicksync'
        ? 'The session ID changed: paste the session token that belongs to it.'
        : 'The access key ID changed: enter the secret key that belongs to it.';
  }
}

/**
 * Throws SecretRequired, naming what changed, unless `account` has the binding a stored secret
 * was entered for.
 */
export function requireBinding(entered: SecretBinding, account: BoundAccount): void {
  const [change] = bindingChanges(entered, secretBinding(account));
  if (change !== undefined) throw new CoreError('SecretRequired', describe(change, entered.kind));
}
