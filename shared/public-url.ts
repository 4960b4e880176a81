/**
 * Where a bucket and its objects are served without signing (public or website buckets): one
 * rule for the core (website hosting's address) and the renderer ("Copy public URL").
 */
import type { AddressingStyle } from './models';

/** Dotted names break TLS wildcard certificates in virtual-hosted style: use path style for them. */
export const usesPathStyle = (addressing: AddressingStyle, bucket: string | undefined): boolean =>
  addressing === 'path' || (bucket !== undefined && bucket.includes('.'));

interface Addressing {
  endpoint: string;
  addressingStyle: AddressingStyle;
}

/**
 * The bucket's subdomain of the endpoint for virtual-hosted accounts (the endpoint's scheme),
 * else the path-style address (path-style accounts, dotted bucket names); ends with "/".
 */
export function bucketUrl(account: Addressing, bucket: string): string {
  const endpoint = account.endpoint.trim().replace(/\/+$/, '');
  if (usesPathStyle(account.addressingStyle, bucket)) return `${endpoint}/${bucket}/`;
  // shared/ has no URL class: scheme, host and path by hand (the account form checked the endpoint).
  const match = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#]+)([^?#]*)/i.exec(endpoint);
  if (match === null) return `${endpoint}/${bucket}/`;
  const [, scheme = '', host = '', path = ''] = match;
  return `${scheme.toLowerCase()}//${bucket}.${host.toLowerCase()}${path.replace(/\/+$/, '')}/`;
}

/** An object's address: its key's segments percent-encoded, the "/" between them kept. */
export function objectUrl(account: Addressing, bucket: string, key: string): string {
  return bucketUrl(account, bucket) + key.split('/').map(encodeURIComponent).join('/');
}
