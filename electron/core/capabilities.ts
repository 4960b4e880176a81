/**
 * What an account's provider is declared not to do (shared/providers.ts) is refused before any
 * request is sent: a request the service would misread is never made.
 */
import { capabilitiesOf, type ProviderCapabilities } from '../../shared/providers';
import { FEATURE_NAMES, type Feature } from '../../shared/properties';
import type { AccountStore } from './account-store';
import { CoreError } from './errors';

export async function requireFeatures(
  accounts: Pick<AccountStore, 'get'>,
  accountId: string,
  features: readonly Feature[],
): Promise<void> {
  const has = capabilitiesOf((await accounts.get(accountId)).kind).features;
  const missing = features.find((f) => !has.includes(f));
  if (missing !== undefined)
    throw new CoreError('NotSupported', `${FEATURE_NAMES[missing]}: not supported by this service.`);
}

type Capability = Exclude<keyof ProviderCapabilities, 'features'>;

const CAPABILITY_NAMES: Record<Capability, string> = {
  buckets: 'Creating and deleting buckets',
  folders: 'Folders',
  copy: 'Copy, move and rename',
  search: 'Search',
  multipartTool: 'Incomplete multipart uploads',
};

export async function requireCapability(
  accounts: Pick<AccountStore, 'get'>,
  accountId: string,
  capability: Capability,
): Promise<void> {
  if (!capabilitiesOf((await accounts.get(accountId)).kind)[capability])
    throw new CoreError('NotSupported', `${CAPABILITY_NAMES[capability]}: not supported by this service.`);
}
