/**
 * What an account's kind is known not to do, refused before any request is sent (see
 * knownUnsupported in shared/properties.ts): a request the service would misread is never made.
 */
import { FEATURE_NAMES, knownUnsupported, type Feature } from '../../shared/properties';
import type { AccountStore } from './account-store';
import { CoreError } from './errors';

export async function requireFeatures(
  accounts: Pick<AccountStore, 'get'>,
  accountId: string,
  features: readonly Feature[],
): Promise<void> {
  const lacking = knownUnsupported((await accounts.get(accountId)).kind);
  const missing = features.find((f) => lacking.includes(f));
  if (missing !== undefined)
    throw new CoreError('NotSupported', `${FEATURE_NAMES[missing]}: not supported by this service.`);
}
