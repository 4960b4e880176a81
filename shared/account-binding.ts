/**
 * What a stored secret is bound to: the kind of account, where requests signed or authorised
 * with it go, and the key id it pairs with. The core refuses to use a secret for any other
 * binding (electron/core/secret-binding.ts); the account form asks for the secret again on the
 * same changes. Pure, so both compute it the same way.
 */
import { isLoopbackHost } from './loopback';
import type { AccountKind, AddressingStyle } from './models';

export interface SecretBinding {
  kind: AccountKind;
  /** S3: the endpoint's origin (scheme, host, port). QuickSync: the whole API base. */
  origin: string;
  /** Virtual-hosted style sends to bucket.host, path style to host; null for QuickSync. */
  addressingStyle: AddressingStyle | null;
  /** The access key id (S3) or session id (QuickSync) the secret pairs with. */
  accessKeyId: string;
}

export type BoundAccount = Pick<SecretBinding, 'kind' | 'accessKeyId'> & {
  endpoint: string;
  addressingStyle: AddressingStyle;
};

export type BindingField = keyof SecretBinding;
export interface BindingChange {
  field: BindingField;
  from: string;
  to: string;
}

/** The parts of a WHATWG URL used here: both hosts (Node, browsers) have the parser, shared/ has no types for it. */
interface ParsedUrl {
  protocol: string;
  hostname: string;
  origin: string;
  pathname: string;
  search: string;
}
const UrlParser = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL;

export function parseUrl(text: string): ParsedUrl | null {
  try {
    return new UrlParser(text.trim());
  } catch {
    return null;
  }
}

/**
 * Where requests go, normalised the way fetch and the SDK normalise it (host case, default
 * port, dot segments); text that is no URL stays as it is, so it only matches itself.
 */
function originOf(kind: AccountKind, endpoint: string): string {
  const url = parseUrl(endpoint);
  if (url === null) return endpoint.trim();
  // The API base's path and query are part of every QuickSync URL; S3 signs for the host.
  return kind === 'quicksync' ? `${url.origin}${url.pathname.replace(/\/+$/, '')}${url.search}` : url.origin;
}

export function secretBinding(account: BoundAccount): SecretBinding {
  return {
    kind: account.kind,
    origin: originOf(account.kind, account.endpoint),
    addressingStyle: account.kind === 'quicksync' ? null : account.addressingStyle,
    accessKeyId: account.accessKeyId.trim(),
  };
}

const FIELDS: readonly BindingField[] = ['kind', 'origin', 'addressingStyle', 'accessKeyId'];

/** What differs between the binding a secret was entered for and an account's, most telling first. */
export function bindingChanges(entered: SecretBinding, now: SecretBinding): BindingChange[] {
  return FIELDS.filter((f) => entered[f] !== now[f]).map((field) => ({
    field,
    from: String(entered[field] ?? ''),
    to: String(now[field] ?? ''),
  }));
}

/**
 * A QuickSync API base receives the session token on every call: plain http:// only to this
 * machine. Returns the sentence to show, or null.
 */
export function quickSyncApiBaseProblem(apiBase: string): string | null {
  const url = parseUrl(apiBase);
  if (url === null || url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return null;
  return `The API base ${url.origin} would carry the session token in clear: use https://.`;
}
